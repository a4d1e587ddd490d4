"""A second covering index for the statistics, ordered community, child, date (issue 16): within a
community each child's visits come out together, so the children and households reached and each
child's last visit for the overdue recount are made in one pass as the index streams by, with no
sort of the period's visits. The day-ordered index keeps only what 户次 needs.

Revision ID: 0011
Revises: 0006
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BY_CHILD = ["community_id", "child_id", "visit_date", "status", "next_visit_date", "household_id"]
BY_DAY = ["community_id", "visit_date", "household_id", "status"]
BY_DAY_OLD = ["community_id", "visit_date", "household_id", "child_id", "status", "next_visit_date"]


def upgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_stats")
        batch_op.create_index("ix_visit_stats", BY_DAY, unique=False)
        batch_op.create_index("ix_visit_stats_child", BY_CHILD, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_stats_child")
        batch_op.drop_index("ix_visit_stats")
        batch_op.create_index("ix_visit_stats", BY_DAY_OLD, unique=False)
