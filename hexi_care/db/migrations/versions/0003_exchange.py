"""Exchange between laptops and the centre: device identity and keys, enrolled peers, packages sent
and imported, confirmations, profile conflicts, audit heads and events seen from peers.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('sync_conflict',
    sa.Column('entity', sa.String(length=32), nullable=False),
    sa.Column('entity_id', sa.String(length=36), nullable=False),
    sa.Column('field', sa.String(length=64), nullable=False),
    sa.Column('base_json', sa.Text(), nullable=True),
    sa.Column('mine_json', sa.Text(), nullable=True),
    sa.Column('theirs_json', sa.Text(), nullable=True),
    sa.Column('mine_user_id', sa.String(length=36), nullable=True),
    sa.Column('mine_device_id', sa.String(length=36), nullable=True),
    sa.Column('mine_at', sa.DateTime(), nullable=True),
    sa.Column('theirs_user_id', sa.String(length=36), nullable=True),
    sa.Column('theirs_device_id', sa.String(length=36), nullable=True),
    sa.Column('theirs_at', sa.DateTime(), nullable=True),
    sa.Column('change_id', sa.String(length=36), nullable=False),
    sa.Column('package_id', sa.String(length=36), nullable=True),
    sa.Column('detected_at', sa.DateTime(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('resolution', sa.String(length=16), nullable=True),
    sa.Column('resolved_json', sa.Text(), nullable=True),
    sa.Column('resolved_by', sa.String(length=36), nullable=True),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('community_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['org_unit.id'], name=op.f('fk_sync_conflict_community_id_org_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_conflict')),
    sa.UniqueConstraint('change_id', name=op.f('uq_sync_conflict_change_id'))
    )
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_conflict_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_conflict_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_conflict_status'), ['status'], unique=False)

    op.create_table('sync_identity',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=True),
    sa.Column('unit_id', sa.String(length=36), nullable=True),
    sa.Column('sign_private', sa.LargeBinary(), nullable=False),
    sa.Column('kem_private', sa.LargeBinary(), nullable=False),
    sa.Column('sign_public', sa.LargeBinary(), nullable=False),
    sa.Column('kem_public', sa.LargeBinary(), nullable=False),
    sa.Column('fingerprint', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['org_unit.id'], name=op.f('fk_sync_identity_unit_id_org_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_identity'))
    )
    op.create_table('sync_peer',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('store_id', sa.String(length=36), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('unit_id', sa.String(length=36), nullable=True),
    sa.Column('sign_public', sa.LargeBinary(), nullable=False),
    sa.Column('kem_public', sa.LargeBinary(), nullable=False),
    sa.Column('fingerprint', sa.String(length=32), nullable=False),
    sa.Column('revoked', sa.Boolean(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('enrolled_at', sa.DateTime(), nullable=False),
    sa.Column('next_seq_out', sa.Integer(), nullable=False),
    sa.Column('last_seq_in', sa.Integer(), nullable=False),
    sa.Column('acked_seq_max', sa.Integer(), nullable=False),
    sa.Column('audit_head_seq', sa.Integer(), nullable=False),
    sa.Column('audit_head_mac', sa.String(length=64), nullable=False),
    sa.Column('last_export_at', sa.DateTime(), nullable=True),
    sa.Column('last_import_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['unit_id'], ['org_unit.id'], name=op.f('fk_sync_peer_unit_id_org_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_peer'))
    )
    op.create_table('sync_audit_head',
    sa.Column('peer_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('mac', sa.String(length=64), nullable=False),
    sa.Column('package_id', sa.String(length=36), nullable=False),
    sa.Column('seen_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['peer_id'], ['sync_peer.id'], name=op.f('fk_sync_audit_head_peer_id_sync_peer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_audit_head'))
    )
    with op.batch_alter_table('sync_audit_head', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_audit_head_peer_id'), ['peer_id'], unique=False)

    op.create_table('sync_confirmed',
    sa.Column('peer_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('record_id', sa.String(length=64), nullable=False),
    sa.Column('digest', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['peer_id'], ['sync_peer.id'], name=op.f('fk_sync_confirmed_peer_id_sync_peer')),
    sa.PrimaryKeyConstraint('peer_id', 'kind', 'record_id', name=op.f('pk_sync_confirmed'))
    )
    op.create_table('sync_imported',
    sa.Column('package_id', sa.String(length=36), nullable=False),
    sa.Column('peer_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.Column('parts', sa.Integer(), nullable=False),
    sa.Column('summary_json', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['peer_id'], ['sync_peer.id'], name=op.f('fk_sync_imported_peer_id_sync_peer')),
    sa.PrimaryKeyConstraint('package_id', name=op.f('pk_sync_imported'))
    )
    with op.batch_alter_table('sync_imported', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_imported_peer_id'), ['peer_id'], unique=False)
        batch_op.create_index('ix_sync_imported_peer_seq', ['peer_id', 'seq'], unique=False)

    op.create_table('sync_peer_audit',
    sa.Column('peer_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('entity', sa.String(length=32), nullable=False),
    sa.Column('entity_id', sa.String(length=36), nullable=True),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('prev_mac', sa.String(length=64), nullable=False),
    sa.Column('mac', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['peer_id'], ['sync_peer.id'], name=op.f('fk_sync_peer_audit_peer_id_sync_peer')),
    sa.PrimaryKeyConstraint('peer_id', 'seq', name=op.f('pk_sync_peer_audit'))
    )
    op.create_table('sync_sent',
    sa.Column('package_id', sa.String(length=36), nullable=False),
    sa.Column('peer_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('item_count', sa.Integer(), nullable=False),
    sa.Column('items', sa.LargeBinary(), nullable=False),
    sa.Column('acked_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['peer_id'], ['sync_peer.id'], name=op.f('fk_sync_sent_peer_id_sync_peer')),
    sa.PrimaryKeyConstraint('package_id', name=op.f('pk_sync_sent'))
    )
    with op.batch_alter_table('sync_sent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_sent_peer_id'), ['peer_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('sync_sent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_sent_peer_id'))

    op.drop_table('sync_sent')
    op.drop_table('sync_peer_audit')
    with op.batch_alter_table('sync_imported', schema=None) as batch_op:
        batch_op.drop_index('ix_sync_imported_peer_seq')
        batch_op.drop_index(batch_op.f('ix_sync_imported_peer_id'))

    op.drop_table('sync_imported')
    op.drop_table('sync_confirmed')
    with op.batch_alter_table('sync_audit_head', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_audit_head_peer_id'))

    op.drop_table('sync_audit_head')
    op.drop_table('sync_peer')
    op.drop_table('sync_identity')
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_conflict_status'))
        batch_op.drop_index(batch_op.f('ix_sync_conflict_entity_id'))
        batch_op.drop_index(batch_op.f('ix_sync_conflict_community_id'))

    op.drop_table('sync_conflict')
