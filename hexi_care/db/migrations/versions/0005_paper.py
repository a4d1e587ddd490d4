"""Figures a street office reports (issue 16):
- the statistics' covering index also holds each visit's planned next date, so the overdue count
  of a past period (the last visit before its end and the date it planned) reads the index alone;
- help given names every child of the household who benefited (assistance_beneficiary) and counts
  the others (adults, unregistered children), and belongs to a campaign;
- activities span days (ends_on), take a head count besides the named children, and carry a
  campaign and a funder;
- every child has a readable register number per community and year (file_no), given to the
  children already there in the order they were registered.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import uuid

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("assistance", schema=None) as batch_op:
        batch_op.add_column(sa.Column("others", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(
            sa.Column("campaign", sa.String(length=128), server_default="", nullable=False)
        )
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ends_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("head_count", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("campaign", sa.String(length=128), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("funder", sa.String(length=128), server_default="", nullable=False)
        )
    op.create_table(
        "assistance_beneficiary",
        sa.Column("assistance_id", sa.String(length=36), nullable=False),
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("community_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["assistance_id"],
            ["assistance.id"],
            name=op.f("fk_assistance_beneficiary_assistance_id_assistance"),
        ),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_assistance_beneficiary_child_id_child")
        ),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["org_unit.id"],
            name=op.f("fk_assistance_beneficiary_community_id_org_unit"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assistance_beneficiary")),
        sa.UniqueConstraint(
            "assistance_id", "child_id", name=op.f("uq_assistance_beneficiary_assistance_id")
        ),
    )
    with op.batch_alter_table("assistance_beneficiary", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_assistance_beneficiary_assistance_id"), ["assistance_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_assistance_beneficiary_child_id"), ["child_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_assistance_beneficiary_community_id"), ["community_id"], unique=False
        )
    # Help recorded for one child so far: that child is its named beneficiary (ids made here so
    # the step runs on SQLite and PostgreSQL alike).
    bind = op.get_bind()
    rows = bind.execute(
        sa.text("SELECT id, child_id, community_id FROM assistance WHERE child_id IS NOT NULL")
    ).all()
    if rows:
        bind.execute(
            sa.text(
                "INSERT INTO assistance_beneficiary (id, assistance_id, child_id, community_id) "
                "VALUES (:id, :assistance_id, :child_id, :community_id)"
            ),
            [
                {"id": str(uuid.uuid4()), "assistance_id": a, "child_id": c, "community_id": u}
                for a, c, u in rows
            ],
        )
    with op.batch_alter_table("child", schema=None) as batch_op:
        batch_op.add_column(sa.Column("file_no", sa.String(length=64), nullable=True))
    _number_children(bind)
    with op.batch_alter_table("child", schema=None) as batch_op:
        batch_op.create_index("ix_child_file_no", ["file_no"], unique=False)
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_stats")
        batch_op.create_index(
            "ix_visit_stats",
            ["community_id", "visit_date", "status", "child_id", "household_id", "next_visit_date"],
            unique=False,
        )


def _number_children(bind: sa.Connection) -> None:
    """Register numbers for the children already in the store, by community and year of entry,
    in the order they were entered (the same rule as hexi_care.services.children.file_number)."""
    units = {
        u: (name, parent)
        for u, name, parent in bind.execute(sa.text("SELECT id, name, parent_id FROM org_unit"))
    }
    rows = bind.execute(
        sa.text("SELECT id, community_id, created_at FROM child ORDER BY created_at, id")
    ).all()
    seq: dict[tuple[str, int], int] = {}
    for child_id, community, created in rows:
        year = int(str(created)[:4])
        seq[(community, year)] = seq.get((community, year), 0) + 1
        name, street = units.get(community, ("", None))
        street_name = units.get(street or "", ("", None))[0]
        number = file_number(street_name, name, year, seq[(community, year)])
        bind.execute(
            sa.text("UPDATE child SET file_no = :n WHERE id = :i"), {"n": number, "i": child_id}
        )


def file_number(street: str, community: str, year: int, seq: int) -> str:
    short = community.removesuffix("社区") or community
    return f"{street}-{short}-{year}-{seq:04d}"


def downgrade() -> None:
    # Plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35): a batch rebuild of the child table would
    # trip the foreign keys of every table that refers to it.
    op.drop_index("ix_child_file_no", table_name="child")
    op.drop_column("child", "file_no")
    op.drop_table("assistance_beneficiary")
    for column in ("funder", "campaign", "head_count", "ends_on"):
        op.drop_column("activity", column)
    op.drop_column("assistance", "campaign")
    op.drop_column("assistance", "others")
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_stats")
        batch_op.create_index(
            "ix_visit_stats",
            ["community_id", "visit_date", "status", "child_id", "household_id"],
            unique=False,
        )
