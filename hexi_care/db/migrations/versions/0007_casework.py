"""Casework the centre runs (issue 10, part A):
- a child's responsible director (director_id), so a director's children can be handed to another
  director in one step (leave, departure) and the hand-over travels as a profile field;
- an evidence document's expiry (attachment.expires_on) for the re-examination worklist;
- the police feedback follow-up date of a mandatory report (feedback_due);
- decisions on re-examination reasons (reexam_decision), append-only facts.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("child", schema=None) as batch_op:
        batch_op.add_column(sa.Column("director_id", sa.String(length=36), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_child_director_id_app_user"), "app_user", ["director_id"], ["id"]
        )
        batch_op.create_index(batch_op.f("ix_child_director_id"), ["director_id"], unique=False)
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("expires_on", sa.Date(), nullable=True))
    with op.batch_alter_table("mandatory_report", schema=None) as batch_op:
        batch_op.add_column(sa.Column("feedback_due", sa.Date(), nullable=True))
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


def downgrade() -> None:
    with op.batch_alter_table("reexam_decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reexam_decision_community_id"))
        batch_op.drop_index(batch_op.f("ix_reexam_decision_child_id"))
    op.drop_table("reexam_decision")
    with op.batch_alter_table("mandatory_report", schema=None) as batch_op:
        batch_op.drop_column("feedback_due")
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_column("expires_on")
    with op.batch_alter_table("child", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_child_director_id"))
        batch_op.drop_constraint(batch_op.f("fk_child_director_id_app_user"), type_="foreignkey")
        batch_op.drop_column("director_id")
