"""A laptop's audit events kept by branch at the centre (issue 12): a laptop restored from an
older copy writes new events at numbers the centre has seen; they are kept as a fork beside the
first branch instead of being dropped as "unchanged". Existing events form branch 0.
Peers are named by unit and a short fingerprint, so two laptops of one street differ.

Revision ID: 0009
Revises: 0010
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sync_peer_audit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("branch", sa.Integer(), nullable=False, server_default="0"))
        batch_op.drop_constraint("pk_sync_peer_audit", type_="primary")
        batch_op.create_primary_key("pk_sync_peer_audit", ["peer_id", "branch", "seq"])
        batch_op.create_index("ix_sync_peer_audit_mac", ["peer_id", "mac"], unique=False)
    op.execute(
        "UPDATE sync_peer SET label = substr(label, 1, 180) || ' · '"
        " || substr(replace(fingerprint, ' ', ''), 1, 4)"
    )


def downgrade() -> None:
    op.execute(
        "UPDATE sync_peer SET label = substr(label, 1, length(label) - 7) WHERE label LIKE '% · ____'"
    )
    # Forked branches have no place in the old table: only the first branch goes back.
    op.execute("DELETE FROM sync_peer_audit WHERE branch <> 0")
    with op.batch_alter_table("sync_peer_audit", schema=None) as batch_op:
        batch_op.drop_index("ix_sync_peer_audit_mac")
        batch_op.drop_constraint("pk_sync_peer_audit", type_="primary")
        batch_op.create_primary_key("pk_sync_peer_audit", ["peer_id", "seq"])
        batch_op.drop_column("branch")
