"""Building blocks for the exchange tests: a centre and two enrolled director laptops (real
SQLCipher stores, built once and copied per test), moving packages, forging bad ones, and
comparing what stores hold."""

from __future__ import annotations

import hashlib
import json
import shutil
import struct
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select, text

from hexi_care.db import audit
from hexi_care.db import models as m
from hexi_care.db.base import new_id
from hexi_care.db.keys import KdfParams
from hexi_care.db.store import OpenStore, create_store, load_user, unlock
from hexi_care.db.sync_models import SyncConflict, SyncIdentity
from hexi_care.domain.enums import Sex, VisitStatus
from hexi_care.domain.model import Category, Child, Household
from hexi_care.services import children, households, units, users, visits
from hexi_care.services.context import UnitOfWork
from hexi_care.services.reference import seed_reference
from hexi_care.sync import (
    accept_reply,
    container,
    enrol_device,
    export_package,
    import_package,
    make_card,
    make_request,
)
from hexi_care.sync import payload as pl
from hexi_care.sync.crypto import KeyPair, seal
from hexi_care.sync.export import visit_stage
from hexi_care.sync.identity import keys_of
from hexi_care.sync.records import KINDS, category_list, digest, row_fields, situation_list
from hexi_care.sync.types import ImportResult
from tests.factories import submitted_visit

PW = "secret-pass-1"
ADMIN_PW = "admin-pass-1"
NAMES = ("centre", "la", "lb")
USERS = {"centre": "centre", "la": "dir_a", "lb": "dir_b"}


@dataclass
class Template:
    folder: Path
    community_a: str
    community_b: str


@dataclass
class Net:
    folder: Path
    stores: dict[str, OpenStore]
    community_a: str
    community_b: str
    counter: list[int] = field(default_factory=lambda: [0])

    @property
    def centre(self) -> OpenStore:
        return self.stores["centre"]

    @property
    def la(self) -> OpenStore:
        return self.stores["la"]

    @property
    def lb(self) -> OpenStore:
        return self.stores["lb"]

    def community_of(self, name: str) -> str:
        return self.community_a if name == "la" else self.community_b

    def export(self, src: str, dst: str, **kw: Any) -> list[Path]:
        self.counter[0] += 1
        out = self.folder / "packages" / f"{self.counter[0]:04d}-{src}-to-{dst}" / "package.hxp"
        out.parent.mkdir(parents=True, exist_ok=True)
        res = export_package(self.stores[src], self.stores[dst].device_id, out, **kw)
        return res.files

    def send(self, src: str, dst: str) -> ImportResult:
        return import_package(self.stores[dst], self.export(src, dst)[0])

    def round(self) -> None:
        """Everyone exchanges with the centre once, in both directions."""
        for lap in ("la", "lb"):
            self.send(lap, "centre")
            self.send("centre", lap)

    def settle(self, rounds: int = 3) -> None:
        for _ in range(rounds):
            self.round()

    def close(self) -> None:
        for s in self.stores.values():
            s.lock()


def _path(folder: Path, name: str) -> Path:
    return folder / f"{name}.hexi"


def build_template(folder: Path) -> Template:
    folder.mkdir(parents=True, exist_ok=True)
    kdf = KdfParams.fast()
    centre = create_store(
        _path(folder, "centre"),
        admin_name="admin",
        admin_password=ADMIN_PW,
        kdf=kdf,
        seed_reference=seed_reference,
    ).store
    with UnitOfWork(centre) as uow:
        a = units.add_unit(uow, "紫金里社区", "大营门街")
        b = units.add_unit(uow, "平江里社区", "马场街")
        users.add_user(uow, "centre", "centre_supervisor", "河西区", PW, kdf=kdf)
        users.add_user(uow, "street_a", "street_supervisor", "大营门街", PW, kdf=kdf)
    card = make_card(centre, folder / "centre.card")
    for name, community, director in (("la", a, "dir_a"), ("lb", b, "dir_b")):
        lap = create_store(
            _path(folder, name),
            admin_name="admin",
            admin_password=ADMIN_PW,
            kdf=kdf,
            seed_reference=seed_reference,
        ).store
        make_request(
            lap,
            folder / f"{name}.request",
            unit_ref=community.name,
            card=card.file,
            card_fingerprint=card.fingerprint,
        )
        enrol_device(centre, folder / f"{name}.request", folder / f"{name}.reply")
        accept_reply(lap, folder / f"{name}.reply")
        with UnitOfWork(lap) as uow:
            users.add_user(uow, director, "director", community.id, PW, kdf=kdf)
        lap.lock()
    centre.lock()
    return Template(folder, a.id, b.id)


def bare_laptop(path: Path) -> OpenStore:
    """A store that has never met the centre (only its administrator)."""
    return create_store(
        path,
        admin_name="admin",
        admin_password=ADMIN_PW,
        kdf=KdfParams.fast(),
        seed_reference=seed_reference,
    ).store


def open_net(template: Template, folder: Path) -> Net:
    folder.mkdir(parents=True, exist_ok=True)
    stores: dict[str, OpenStore] = {}
    for name in NAMES:
        src = _path(template.folder, name)
        dst = _path(folder, name)
        for suffix in ("", ".keys", "-wal"):
            s = Path(str(src) + suffix)
            if s.exists():
                shutil.copyfile(s, Path(str(dst) + suffix))
        stores[name] = unlock(dst, USERS[name], PW)
    return Net(folder, stores, template.community_a, template.community_b)


# -- making records --------------------------------------------------------------------------------
def new_child(store: OpenStore, community: str, name: str = "张小明") -> str:
    with UnitOfWork(store) as uow:
        hh = households.add_household(
            uow, Household(community_id=community, address="河西区紫金山路1号")
        )
        child = children.add_child(
            uow,
            Child(
                name=name,
                sex=Sex.MALE,
                community_id=community,
                birth_date=date(2015, 3, 1),
                household_id=hh.id,
                categories=[
                    Category(code="orphan_scattered", basis="父母双亡", start_date=date(2020, 1, 1))
                ],
            ),
        )
        assert child.id is not None
        return child.id


def submit_visit(
    store: OpenStore, child_id: str, day: date = date(2024, 1, 5), note: str = ""
) -> str:
    with UnitOfWork(store) as uow:
        v = visits.add_visit(uow, submitted_visit(child_id, day, needs=note))
        assert v.id is not None
        return v.id


def edit_child(store: OpenStore, child_id: str, **changes: Any) -> None:
    from dataclasses import replace

    with UnitOfWork(store) as uow:
        child = children.get_child(uow, child_id)
        children.update_child(uow, replace(child, **changes))


def login(store: OpenStore, name: str) -> None:
    store.user = load_user(store, name)


# -- what a store holds -----------------------------------------------------------------------------
def store_state(store: OpenStore) -> str:
    """A hash of every row of every table: equal before and after means nothing changed."""
    h = hashlib.sha256()
    with store.system_session() as s:
        for name in sorted(m.all_tables()):
            table = m.all_tables()[name]
            pk = list(table.primary_key.columns)
            rows = s.execute(select(table).order_by(*pk)).all()
            h.update(name.encode())
            for row in rows:
                h.update(repr(tuple(row)).encode())
    return h.hexdigest()


EXCHANGED = (
    "household",
    "child",
    "guardian",
    "visit",
    "visit_review",
    "follow_up",
    "notice_delivery",
    "assistance",
    "change",
    "conflict",
)


def holdings(store: OpenStore, communities: set[str]) -> dict[str, dict[str, str]]:
    """kind → {id: digest} of the exchanged records in `communities`."""
    out: dict[str, dict[str, str]] = {}
    with store.system_session() as s:
        cats: dict[str, list[Any]] = {}
        for c in s.scalars(select(m.ChildCategory)):
            cats.setdefault(c.child_id, []).append(c)
        sits: dict[str, list[Any]] = {}
        for sit in s.scalars(select(m.ParentSituation)):
            sits.setdefault(sit.guardian_id, []).append(sit)
        for name in EXCHANGED:
            kind = KINDS[name]
            t = kind.table
            assert isinstance(t, Table)
            got: dict[str, str] = {}
            for row in s.execute(select(*[t.c[c] for c in kind.columns])).mappings():
                if row["community_id"] not in communities:
                    continue
                if name == "visit" and row["status"] == VisitStatus.DRAFT:
                    continue
                f = row_fields(kind, row)
                if name == "child":
                    f["categories"] = category_list(cats.get(f["id"], []))
                if name == "guardian":
                    f["situations"] = situation_list(sits.get(f["id"], []))
                got[f["id"]] = digest(f)
            out[name] = got
    return out


def communities_held(store: OpenStore) -> set[str]:
    """Every community any scoped row of the store belongs to."""
    found: set[str] = set()
    with store.system_session() as s:
        for table in m.all_tables().values():
            if "community_id" in table.c and table.name != "change_log":
                found.update(
                    c for c in s.execute(select(table.c.community_id).distinct()).scalars() if c
                )
    return found


def open_conflicts(store: OpenStore) -> list[SyncConflict]:
    with store.system_session() as s:
        return list(s.scalars(select(SyncConflict).order_by(SyncConflict.detected_at)))


# -- forging packages -------------------------------------------------------------------------------
def forge(
    sender: OpenStore,
    recipient: OpenStore,
    out: Path,
    *,
    items: dict[str, list[Any]] | None = None,
    manifest: dict[str, Any] | None = None,
    document: dict[str, Any] | None = None,
    content: bytes | None = None,
    compressed: bytes | None = None,
    keys: KeyPair | None = None,
    sender_id: str | None = None,
    container_version: int | None = None,
    counts: dict[str, int] | None = None,
) -> Path:
    """A package built like `export_package` builds one, with whatever manipulation a test needs,
    signed with the sender's real keys unless `keys` is given."""
    with sender.system_session() as s:
        me = s.get(SyncIdentity, sender.device_id)
        assert me is not None
        signer = keys or keys_of(me)
        head = audit.head(s)
    with recipient.system_session() as s:
        them = s.get(SyncIdentity, recipient.device_id)
        assert them is not None
        kem = bytes(them.kem_public)
    package_id = new_id()
    sid = sender_id or sender.device_id
    doc: dict[str, Any] = {
        "format": pl.PAYLOAD_FORMAT,
        "version": pl.FORMAT_VERSION,
        "package_id": package_id,
        "sender": sid,
        "recipient": recipient.device_id,
        "seq": 1,
        "created_at": "2026-01-01T00:00:00+00:00",
        "acks": {"packages": [], "max_seq": 0},
        "items": items or {},
        "blob_size": 0,
    }
    doc.update(document or {})
    body = content if content is not None else pl.encode_content(doc, b"")
    if counts is not None and content is None:
        # The counts travel sealed, in the document's head line: forge them there.
        (n,) = struct.unpack(">Q", body[:8])
        head_line, nl, rest = body[8 : 8 + n].partition(b"\n")
        head_doc = json.loads(head_line)
        head_doc["counts"] = counts
        new_doc = json.dumps(head_doc, ensure_ascii=False).encode() + nl + rest
        body = struct.pack(">Q", len(new_doc)) + new_doc
    zipped = compressed if compressed is not None else pl.compress(body)
    sealed = seal(zipped, kem, pl.seal_info(package_id, recipient.device_id, 0))
    header: dict[str, Any] = {
        "format": pl.PACKAGE_FORMAT,
        "version": pl.FORMAT_VERSION,
        "package_id": package_id,
        "sender": sid,
        "recipient": recipient.device_id,
        "seq": doc["seq"],
        "created_at": "2026-01-01T00:00:00+00:00",
        "audit_head": {"seq": head.seq, "mac": head.mac},
        "content": {"size": len(body), "sha256": pl.sha256(body)},
        "parts": [pl.sha256(sealed)],
        "part": 0,
    }
    header.update(manifest or {})
    data = container.encode(header, sealed, signer)
    if container_version is not None:
        data = (
            data[: len(container.MAGIC)]
            + bytes([container_version])
            + data[len(container.MAGIC) + 1 :]
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return out


def item_of(store: OpenStore, kind_name: str, record_id: str, extra: Any = None) -> list[Any]:
    """One record of the store as a package item."""
    kind = KINDS[kind_name]
    with store.system_session() as s:
        t = kind.table
        row = (
            s.execute(select(*[t.c[c] for c in kind.columns]).where(t.c.id == record_id))
            .mappings()
            .one()
        )
        f = row_fields(kind, row)
        if kind_name == "child":
            f["categories"] = category_list(
                list(
                    s.scalars(select(m.ChildCategory).where(m.ChildCategory.child_id == record_id))
                )
            )
        if kind_name == "visit" and extra is None:
            extra = {"stage": visit_stage(f["status"], 0)}
    return [record_id, digest(f), f, extra]


def table_count(store: OpenStore, table: str) -> int:
    with store.system_session() as s:
        return int(s.execute(text(f"SELECT count(*) FROM {table}")).scalar() or 0)


def body_offset(data: bytes) -> int:
    """Where the sealed body starts in a container file."""
    pos = len(container.MAGIC) + 1
    (hlen,) = struct.unpack(">I", data[pos : pos + 4])
    pos += 4 + hlen
    (slen,) = struct.unpack(">H", data[pos : pos + 2])
    return pos + 2 + slen + 8


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
