"""Casework the centre runs (issue 10, part B): social support as data (support_benefit, the
entrusted-care agreement, the child's disability and school contact), recognition and allowance
with its standards and monthly payments, campaigns, and the campaign a visit belongs to.

Revision ID: 0008
Revises: 0011
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "allowance_standard",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=48), nullable=False),
        sa.Column("care_setting", sa.String(length=16), nullable=False),
        sa.Column("monthly_fen", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_allowance_standard")),
        sa.UniqueConstraint(
            "year", "category", "care_setting", name=op.f("uq_allowance_standard_year")
        ),
    )
    op.create_table(
        "campaign",
        sa.Column("unit_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("target", sa.String(length=16), nullable=False),
        sa.Column("filter_json", sa.Text(), nullable=False),
        sa.Column("target_count", sa.Integer(), nullable=False),
        sa.Column("template_code", sa.String(length=32), nullable=False),
        sa.Column("focus", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["org_unit.id"], name=op.f("fk_campaign_unit_id_org_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign")),
        sa.UniqueConstraint("name", name=op.f("uq_campaign_name")),
    )
    with op.batch_alter_table("campaign", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_campaign_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "allowance",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("category", sa.String(length=48), nullable=False),
        sa.Column("care_setting", sa.String(length=16), nullable=False),
        sa.Column("applied_on", sa.Date(), nullable=False),
        sa.Column("applied_by", sa.String(length=64), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=True),
        sa.Column("checked_by", sa.String(length=64), nullable=False),
        sa.Column("confirmed_on", sa.Date(), nullable=True),
        sa.Column("confirmed_by", sa.String(length=64), nullable=False),
        sa.Column("confirmation_no", sa.String(length=64), nullable=False),
        sa.Column("start_month", sa.String(length=7), nullable=False),
        sa.Column("suspended_from", sa.String(length=7), nullable=False),
        sa.Column("suspended_until", sa.String(length=7), nullable=False),
        sa.Column("suspend_reason", sa.Text(), nullable=False),
        sa.Column("stopped_from", sa.String(length=7), nullable=False),
        sa.Column("stop_reason", sa.Text(), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("community_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_allowance_child_id_child")
        ),
        sa.ForeignKeyConstraint(
            ["community_id"], ["org_unit.id"], name=op.f("fk_allowance_community_id_org_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_allowance")),
    )
    with op.batch_alter_table("allowance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_allowance_child_id"), ["child_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_allowance_community_id"), ["community_id"], unique=False
        )

    op.create_table(
        "care_agreement",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("carer_name", sa.String(length=64), nullable=False),
        sa.Column("carer_id_number", sa.String(length=18), nullable=True),
        sa.Column("carer_phone", sa.String(length=64), nullable=False),
        sa.Column("relationship", sa.String(length=32), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("term_end", sa.Date(), nullable=True),
        sa.Column("attachment_id", sa.String(length=36), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("community_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_care_agreement_child_id_child")
        ),
        sa.ForeignKeyConstraint(
            ["community_id"], ["org_unit.id"], name=op.f("fk_care_agreement_community_id_org_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_agreement")),
    )
    with op.batch_alter_table("care_agreement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_care_agreement_child_id"), ["child_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_care_agreement_community_id"), ["community_id"], unique=False
        )

    op.create_table(
        "support_benefit",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("approved_on", sa.Date(), nullable=True),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("monthly", sa.Boolean(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("community_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_support_benefit_child_id_child")
        ),
        sa.ForeignKeyConstraint(
            ["community_id"], ["org_unit.id"], name=op.f("fk_support_benefit_community_id_org_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_benefit")),
    )
    with op.batch_alter_table("support_benefit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_support_benefit_child_id"), ["child_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_support_benefit_community_id"), ["community_id"], unique=False
        )

    op.create_table(
        "allowance_payment",
        sa.Column("allowance_id", sa.String(length=36), nullable=False),
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("community_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["allowance_id"],
            ["allowance.id"],
            name=op.f("fk_allowance_payment_allowance_id_allowance"),
        ),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_allowance_payment_child_id_child")
        ),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["org_unit.id"],
            name=op.f("fk_allowance_payment_community_id_org_unit"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_allowance_payment")),
        sa.UniqueConstraint(
            "allowance_id", "month", name=op.f("uq_allowance_payment_allowance_id")
        ),
    )
    with op.batch_alter_table("allowance_payment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_allowance_payment_allowance_id"), ["allowance_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_allowance_payment_child_id"), ["child_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_allowance_payment_community_id"), ["community_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_allowance_payment_month"), ["month"], unique=False)

    with op.batch_alter_table("child", schema=None) as batch_op:
        batch_op.add_column(sa.Column("disability_grade", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("disability_kind", sa.String(length=16), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("disability_cert_no", sa.String(length=32), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("teacher_name", sa.String(length=64), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("teacher_phone", sa.String(length=64), server_default="", nullable=False)
        )

    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("campaign", sa.String(length=128), server_default="", nullable=False)
        )
        batch_op.create_index(
            "ix_visit_campaign",
            ["campaign", "community_id", "visit_date", "status", "household_id", "child_id"],
            unique=False,
        )


def downgrade() -> None:
    # Plain DROP COLUMN: a batch copy of child would be refused while rows refer to it.
    op.drop_index("ix_visit_campaign", table_name="visit")
    op.drop_column("visit", "campaign")
    for column in (
        "teacher_phone",
        "teacher_name",
        "disability_cert_no",
        "disability_kind",
        "disability_grade",
    ):
        op.drop_column("child", column)

    with op.batch_alter_table("allowance_payment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_allowance_payment_month"))
        batch_op.drop_index(batch_op.f("ix_allowance_payment_community_id"))
        batch_op.drop_index(batch_op.f("ix_allowance_payment_child_id"))
        batch_op.drop_index(batch_op.f("ix_allowance_payment_allowance_id"))

    op.drop_table("allowance_payment")
    with op.batch_alter_table("support_benefit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_support_benefit_community_id"))
        batch_op.drop_index(batch_op.f("ix_support_benefit_child_id"))

    op.drop_table("support_benefit")
    with op.batch_alter_table("care_agreement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_care_agreement_community_id"))
        batch_op.drop_index(batch_op.f("ix_care_agreement_child_id"))

    op.drop_table("care_agreement")
    with op.batch_alter_table("allowance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_allowance_community_id"))
        batch_op.drop_index(batch_op.f("ix_allowance_child_id"))

    op.drop_table("allowance")
    with op.batch_alter_table("campaign", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_campaign_unit_id"))

    op.drop_table("campaign")
    op.drop_table("allowance_standard")
