"""The statistics' covering index ordered community, date, household, child (issue 16): within a
community the period's visits come out grouped by day and household, so 户次 (a household visited
on a day) and the visit count are made as the index streams by, without the sort of every visit
that counting distinct (household, day) strings needed. Same columns, so the overdue recount still
reads the index alone.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW = ["community_id", "visit_date", "household_id", "child_id", "status", "next_visit_date"]
OLD = ["community_id", "visit_date", "status", "child_id", "household_id", "next_visit_date"]


def upgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_stats")
        batch_op.create_index("ix_visit_stats", NEW, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_stats")
        batch_op.create_index("ix_visit_stats", OLD, unique=False)
