"""Tables of the exchange between laptops and the centre (hexi_care.sync): this store's device
identity and keys, enrolled peers, packages sent and imported, what each peer has confirmed, profile
conflicts kept for a supervisor, and the audit chain heads and events seen from each peer.

Private keys live only here, inside the encrypted store; they are never written anywhere else.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from hexi_care.db.base import Base, IdMixin, ScopedMixin, UTCDateTime, utcnow


class SyncIdentity(Base):
    """This store's device identity (one row): an Ed25519 signing key and an X25519 key for HPKE.
    `role` is set by the first enrolment: "centre" (enrols laptops) or "laptop" (enrolled by one
    centre); `unit_id` is the unit a laptop serves."""

    __tablename__ = "sync_identity"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the store's device id
    role: Mapped[str | None] = mapped_column(String(16))
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("org_unit.id"))
    sign_private: Mapped[bytes] = mapped_column(LargeBinary)
    kem_private: Mapped[bytes] = mapped_column(LargeBinary)
    sign_public: Mapped[bytes] = mapped_column(LargeBinary)
    kem_public: Mapped[bytes] = mapped_column(LargeBinary)
    fingerprint: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SyncPeer(Base):
    """An enrolled peer: the centre (on a laptop) or a laptop (at the centre), with its public
    keys, the unit it serves, the sequence numbers exchanged and the highest audit head seen."""

    __tablename__ = "sync_peer"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the peer's device id
    store_id: Mapped[str] = mapped_column(String(36))
    role: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(String(200), default="")
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("org_unit.id"))
    sign_public: Mapped[bytes] = mapped_column(LargeBinary)
    kem_public: Mapped[bytes] = mapped_column(LargeBinary)
    fingerprint: Mapped[str] = mapped_column(String(32))
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    next_seq_out: Mapped[int] = mapped_column(Integer, default=1)
    last_seq_in: Mapped[int] = mapped_column(Integer, default=0)
    acked_seq_max: Mapped[int] = mapped_column(Integer, default=0)
    audit_head_seq: Mapped[int] = mapped_column(Integer, default=0)
    audit_head_mac: Mapped[str] = mapped_column(String(64), default="")
    last_export_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_import_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SyncImported(Base):
    """A package imported from a peer (its id makes a replay detectable)."""

    __tablename__ = "sync_imported"
    package_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    peer_id: Mapped[str] = mapped_column(ForeignKey("sync_peer.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime)
    parts: Mapped[int] = mapped_column(Integer, default=1)
    summary_json: Mapped[str] = mapped_column(Text, default="{}")
    __table_args__ = (Index("ix_sync_imported_peer_seq", "peer_id", "seq"),)


class SyncSent(Base):
    """A package sent to a peer; `items` (zlib-compressed JSON of [kind, id, digest]) become
    confirmed when the peer acknowledges the package."""

    __tablename__ = "sync_sent"
    package_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    peer_id: Mapped[str] = mapped_column(ForeignKey("sync_peer.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    item_count: Mapped[int] = mapped_column(Integer, default=0)
    items: Mapped[bytes] = mapped_column(LargeBinary)
    acked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SyncConfirmed(Base):
    """What a peer is known to hold: a record's digest, from the peer's acknowledgement of a
    package of ours or from a package of theirs. Export sends what differs."""

    __tablename__ = "sync_confirmed"
    peer_id: Mapped[str] = mapped_column(ForeignKey("sync_peer.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(24), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    digest: Mapped[str] = mapped_column(String(32))


class SyncConflict(IdMixin, ScopedMixin, Base):
    """The same profile field changed on both sides: both values, who and when, kept for a
    supervisor to resolve. Nothing is overwritten until then."""

    __tablename__ = "sync_conflict"
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(64))
    base_json: Mapped[str | None] = mapped_column(Text)
    mine_json: Mapped[str | None] = mapped_column(Text)
    theirs_json: Mapped[str | None] = mapped_column(Text)
    mine_user_id: Mapped[str | None] = mapped_column(String(36))
    mine_device_id: Mapped[str | None] = mapped_column(String(36))
    mine_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    theirs_user_id: Mapped[str | None] = mapped_column(String(36))
    theirs_device_id: Mapped[str | None] = mapped_column(String(36))
    theirs_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    change_id: Mapped[str] = mapped_column(String(36), unique=True)
    package_id: Mapped[str | None] = mapped_column(String(36))
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    resolution: Mapped[str | None] = mapped_column(String(16))
    resolved_json: Mapped[str | None] = mapped_column(Text)
    resolved_by: Mapped[str | None] = mapped_column(String(36))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SyncAuditHead(IdMixin, Base):
    """An audit chain head as it arrived in a peer's package (seq and MAC)."""

    __tablename__ = "sync_audit_head"
    peer_id: Mapped[str] = mapped_column(ForeignKey("sync_peer.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    mac: Mapped[str] = mapped_column(String(64))
    package_id: Mapped[str] = mapped_column(String(36))
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SyncPeerAudit(Base):
    """A copy of a laptop's own audit events (append-only facts), as the centre received them.
    The centre cannot recompute their MACs (it lacks the laptop's key) but checks the links.
    A laptop restored from an older copy writes new events at numbers already seen: they are kept
    as another branch (the first event's `prev_mac` names the event it forked from)."""

    __tablename__ = "sync_peer_audit"
    peer_id: Mapped[str] = mapped_column(ForeignKey("sync_peer.id"), primary_key=True)
    branch: Mapped[int] = mapped_column(
        Integer, primary_key=True, autoincrement=False, default=0, server_default="0"
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    id: Mapped[str] = mapped_column(String(36))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    user_id: Mapped[str | None] = mapped_column(String(36))
    device_id: Mapped[str] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str | None] = mapped_column(String(36))
    detail: Mapped[str] = mapped_column(Text, default="")
    prev_mac: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str] = mapped_column(String(64))
    __table_args__ = (Index("ix_sync_peer_audit_mac", "peer_id", "mac"),)


# -- helpers that need to know the database ------------------------------------------------------
def defer_foreign_keys(session: Session) -> None:
    """Check foreign keys at commit instead of per statement (needed to give a row a new id)."""
    if session.get_bind().dialect.name == "sqlite":
        session.connection().exec_driver_sql("PRAGMA defer_foreign_keys = ON")


# Columns holding an org unit's id that are not declared as foreign keys.
_UNIT_REFS_WITHOUT_FK = (("change_log", "community_id"),)


def rekey_unit(session: Session, old_id: str, new_id: str) -> None:
    """Give an org unit a new id and move every reference to it (in one transaction, with
    foreign keys deferred). Audit events keep the id they recorded: their MACs cover it."""
    defer_foreign_keys(session)
    from hexi_care.db.models import all_tables

    tables = all_tables()
    for table in tables.values():
        for fk in table.foreign_keys:
            if fk.column.table.name == "org_unit" and fk.column.name == "id":
                col = fk.parent
                session.execute(update(table).where(col == old_id).values({col.name: new_id}))
    for table_name, column in _UNIT_REFS_WITHOUT_FK:
        table = tables[table_name]
        session.execute(update(table).where(table.c[column] == old_id).values({column: new_id}))
    org = tables["org_unit"]
    session.execute(update(org).where(org.c.id == old_id).values(id=new_id))
