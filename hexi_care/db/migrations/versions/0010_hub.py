"""The hub (issue 13): a version on visits, so two supervisors reviewing the same visit cannot
overwrite each other unseen; on PostgreSQL, row-level security on every scoped table from the
transaction's `hexi.scope` setting ('*' for the whole store, else community ids separated by
commas; unset or empty sees nothing).

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The scoped tables of this revision (a migration states its own schema, never the models').
SCOPED = (
    "household",
    "child",
    "child_category",
    "guardian",
    "parent_situation",
    "visit",
    "visit_review",
    "follow_up",
    "referral",
    "mandatory_report",
    "notice_delivery",
    "assistance",
    "assistance_beneficiary",
    "activity_participant",
    "attachment",
    "sync_conflict",
    "support_benefit",
    "care_agreement",
    "allowance",
    "allowance_payment",
)

IN_SCOPE = """
CREATE OR REPLACE FUNCTION hexi_in_scope(community text) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(current_setting('hexi.scope', true), '') = '*'
      OR community = ANY (string_to_array(nullif(current_setting('hexi.scope', true), ''), ','))
$$
"""


# One person is one child in the whole store: the duplicate check looks past the reader's scope on
# purpose and learns nothing but a record id (services/children.find_by_id_number).
CHILD_BY_ID_NUMBER = """
CREATE OR REPLACE FUNCTION hexi_child_by_id_number(tail text, number text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
  SELECT id FROM child WHERE id_tail = tail AND id_number = number ORDER BY id LIMIT 1
$$
"""


def upgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(IN_SCOPE)
    op.execute(CHILD_BY_ID_NUMBER)
    op.execute("REVOKE ALL ON FUNCTION hexi_child_by_id_number(text, text) FROM PUBLIC")
    for table in SCOPED:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY hexi_scope ON {table} "
            "USING (hexi_in_scope(community_id)) WITH CHECK (hexi_in_scope(community_id))"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in SCOPED:
            op.execute(f"DROP POLICY IF EXISTS hexi_scope ON {table}")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        op.execute("DROP FUNCTION IF EXISTS hexi_in_scope(text)")
        op.execute("DROP FUNCTION IF EXISTS hexi_child_by_id_number(text, text)")
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_column("version")
