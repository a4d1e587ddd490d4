"""Casework the centre runs (issue 10, part A):
- a child's responsible director (director_id), so a director's children can be handed to another
  director in one step (leave, departure) and the hand-over travels as a profile field;
- an evidence document's expiry (attachment.expires_on) for the re-examination worklist;
- the police feedback follow-up date of a mandatory report (feedback_due);
- decisions on re-examination reasons (reexam_decision), append-only facts.

Revision ID: 0007
Revises: 0009 (re-chained at merge: 0011, 0008, 0010 and 0009 came first)
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE … ADD COLUMN: a batch rebuild of child would trip every foreign key to it.
    op.add_column("child", sa.Column("director_id", sa.String(length=36), nullable=True))
    op.create_index(op.f("ix_child_director_id"), "child", ["director_id"], unique=False)
    op.add_column("attachment", sa.Column("expires_on", sa.Date(), nullable=True))
    op.add_column("mandatory_report", sa.Column("feedback_due", sa.Date(), nullable=True))
    op.create_table(
        "reexam_decision",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("reason_key", sa.String(length=128), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("decided_by", sa.String(length=36), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("community_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_reexam_decision_child_id_child")
        ),
        sa.ForeignKeyConstraint(
            ["community_id"], ["org_unit.id"], name=op.f("fk_reexam_decision_community_id_org_unit")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["app_user.id"], name=op.f("fk_reexam_decision_decided_by_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reexam_decision")),
    )
    with op.batch_alter_table("reexam_decision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reexam_decision_child_id"), ["child_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_reexam_decision_community_id"), ["community_id"], unique=False
        )
    if op.get_bind().dialect.name == "postgresql":
        # A hub's scope in the database too (revision 0010 set it up for the tables before).
        op.execute("ALTER TABLE reexam_decision ENABLE ROW LEVEL SECURITY")
        op.execute(
            "CREATE POLICY hexi_scope ON reexam_decision "
            "USING (hexi_in_scope(community_id)) WITH CHECK (hexi_in_scope(community_id))"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP POLICY IF EXISTS hexi_scope ON reexam_decision")
    with op.batch_alter_table("reexam_decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reexam_decision_community_id"))
        batch_op.drop_index(batch_op.f("ix_reexam_decision_child_id"))
    op.drop_table("reexam_decision")
    # Plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35), for the same reason.
    op.drop_column("mandatory_report", "feedback_due")
    op.drop_column("attachment", "expires_on")
    op.drop_index(op.f("ix_child_director_id"), table_name="child")
    op.drop_column("child", "director_id")
