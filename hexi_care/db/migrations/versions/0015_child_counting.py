"""A covering index for counting children by community, category and risk (issue 16 speed): the
statistics' overdue recount and the dashboard read these four columns of every child in the
unit, which from the table meant reading (and decrypting) every child's whole row.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ["community_id", "category_codes", "risk", "id"]


def upgrade() -> None:
    op.create_index("ix_child_counting", "child", COLUMNS, unique=False)


def downgrade() -> None:
    op.drop_index("ix_child_counting", table_name="child")
