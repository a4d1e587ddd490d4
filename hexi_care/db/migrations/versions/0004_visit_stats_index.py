"""A covering index for the work statistics: a period's visits per community, status, child and
household are counted from the index alone (0.5 s instead of 2 s over 500,000 visits).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_community_date")
        batch_op.create_index(
            "ix_visit_stats",
            ["community_id", "visit_date", "status", "child_id", "household_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_stats")
        batch_op.create_index("ix_visit_community_date", ["community_id", "visit_date"], unique=False)
