"""The statistics' covering index also holds each visit's planned next date, so the overdue count
of a past period (the last visit before its end and the date it planned) reads the index alone.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_stats")
        batch_op.create_index(
            "ix_visit_stats",
            ["community_id", "visit_date", "status", "child_id", "household_id", "next_visit_date"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_stats")
        batch_op.create_index(
            "ix_visit_stats",
            ["community_id", "visit_date", "status", "child_id", "household_id"],
            unique=False,
        )
