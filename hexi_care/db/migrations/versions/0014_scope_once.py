"""On the hub, the reader's scope is read once per query, not once per row (issue 13 speed).

The row-level security policies of 0010 call hexi_in_scope(community_id), which splits the
`hexi.scope` setting into an array for every row: a centre supervisor's scope lists every
community of the district (some 6 KB), and a search over 20,000 children spent most of its 170 ms
splitting it. Each policy now compares with the array taken in an uncorrelated sub-select, which
PostgreSQL works out once per query (an InitPlan). Same rule: '*' sees everything, a list sees
those communities, unset or empty sees nothing. SQLite stores have no policies: nothing to do.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (the cast makes ANY compare with the array the sub-select gives, not with each of its rows)
ONCE = (
    "((SELECT coalesce(current_setting('hexi.scope', true), '') = '*') "
    "OR community_id = ANY (CAST((SELECT string_to_array("
    "nullif(current_setting('hexi.scope', true), ''), ',')) AS text[])))"
)
PER_ROW = "(hexi_in_scope(community_id))"


def _policies(expression: str) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    tables = bind.execute(
        sa.text(
            "SELECT tablename FROM pg_policies "
            "WHERE policyname = 'hexi_scope' AND schemaname = current_schema()"
        )
    ).scalars()
    for table in list(tables):
        op.execute(f"ALTER POLICY hexi_scope ON {table} USING {expression} WITH CHECK {expression}")


def upgrade() -> None:
    _policies(ONCE)


def downgrade() -> None:
    _policies(PER_ROW)
