"""Backups of a hub (issue 13 item 7): `backup` seals a pg_dump in the laptop's backup format,
`restore` puts it into an empty database only; counts and the audit chain come back equal, a
flipped byte or a non-empty target is refused, and both steps are in the audit trail."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from hexi_care.cli import run
from hexi_care.db import audit, hub_backup
from hexi_care.db import models as m
from hexi_care.db.store import BACKUP_MAGIC, OpenStore, unlock
from hexi_care.services import visits
from hexi_care.services.context import UnitOfWork
from tests.conftest import (
    ADMIN_PW,
    APP_PW,
    APP_ROLE,
    PW,
    World,
    add_child,
    build_world,
    fixed_clock,
    grant_hub,
)
from tests.factories import submitted_visit
from tests.pgcluster import Cluster


def cli(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--lang", "en", *argv], io.StringIO(stdin), out, err)
    return code, out.getvalue(), err.getvalue()


def counts(store: OpenStore) -> dict[str, int]:
    with store.system_session() as s:
        return {
            t.name: int(s.scalar(select(func.count()).select_from(t)) or 0)
            for t in m.load_all().sorted_tables
        }


def last_action(store: OpenStore) -> str:
    with store.system_session() as s:
        return str(s.scalar(select(m.AuditEvent.action).order_by(m.AuditEvent.seq.desc()).limit(1)))


@pytest.fixture(scope="module")
def source(pg_cluster: Cluster, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A hub with children and visits in two communities, and its backup written by the
    centre supervisor connected as the schema's owner."""
    pg_cluster.create_database("bk_src")
    owner = pg_cluster.url("bk_src")
    world = build_world(owner)
    centre = world.login("centre")
    kids = [
        add_child(centre, world.community_a, "张小明"),
        add_child(centre, world.community_b, "李𠮷"),
    ]
    with UnitOfWork(centre) as uow:
        for kid in kids:
            visits.add_visit(uow, submitted_visit(kid.id or "", date(2026, 11, 18)))
    before = counts(centre)
    with centre.system_session() as s:
        head = audit.head(s)
    out = tmp_path_factory.mktemp("bk") / "hub.hexibak"
    code, said, err = cli(
        "--store", owner, "--user", "centre", "--password-stdin", "backup", "--out", str(out),
        stdin=f"{PW}\n",
    )  # fmt: skip
    assert code == 0, err
    assert str(out) in said
    grant_hub(pg_cluster, "bk_src")
    yield world, out, before, head
    world.close()


def restore(cluster: Cluster, db: str, backup: Path, user: str = "centre") -> tuple[int, str]:
    code, out, err = cli(
        "--store", cluster.url(db), "--user", user, "--password-stdin", "restore", str(backup),
        stdin=f"{ADMIN_PW if user == 'admin' else PW}\n",
    )  # fmt: skip
    return code, out + err


def is_empty(cluster: Cluster, db: str) -> bool:
    return cluster.psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", db) == "0\n"


def test_the_backup_is_the_laptop_format_and_holds_no_plaintext(source: Any) -> None:
    world, out, _before, _head = source
    raw = out.read_bytes()
    assert raw.startswith(BACKUP_MAGIC)
    assert out.stat().st_mode & 0o777 == 0o600
    assert hub_backup.is_hub_backup(out)
    # pg_dump's custom format starts with PGDMP; a child's name would show in a plain dump.
    assert b"PGDMP" not in raw
    assert "张小明".encode() not in raw and b"INSERT" not in raw
    # The audit trail of the hub records the backup.
    assert last_action(world.login("centre")) == "backup"


def test_restore_into_an_empty_database_brings_everything_back(
    source: Any, pg_cluster: Cluster
) -> None:
    world, out, before, head = source
    pg_cluster.create_database("bk_new")
    code, said = restore(pg_cluster, "bk_new", out)
    assert code == 0, said
    assert "counts and audit chain checked" in said
    grant_hub(pg_cluster, "bk_new")
    restored = unlock(pg_cluster.url("bk_new", APP_ROLE, APP_PW), "centre", PW, clock=fixed_clock)
    try:
        after = counts(restored)
        # Everything as it was, plus the restore's own audit event and its date in meta.
        assert after["audit_event"] == before["audit_event"] + 1 == head.seq + 1
        assert after["meta"] == before["meta"] + 1
        assert {k: v for k, v in after.items() if k not in ("audit_event", "meta")} == {
            k: v for k, v in before.items() if k not in ("audit_event", "meta")
        }
        assert after["child"] == 2 and after["visit"] == 2
        with restored.system_session() as s:
            chain = audit.verify(s, restored.mac_key)
            event = s.scalar(select(m.AuditEvent).order_by(m.AuditEvent.seq.desc()).limit(1))
        assert chain.ok and chain.events == head.seq + 1
        assert event is not None and event.action == "restore"
        assert json.loads(event.detail or "{}")["backup"] == out.name
        assert restored.store_id == world.admin.store_id
        assert restored.check() == []
    finally:
        restored.lock()
    # Scope still holds in the restored hub: a director sees their community only.
    code, listed, err = cli(
        "--store", pg_cluster.url("bk_new", APP_ROLE, APP_PW), "--user", "dir_a",
        "--password-stdin", "child", "list", "--json", stdin=f"{PW}\n",
    )  # fmt: skip
    assert code == 0, err
    assert [k["name"] for k in json.loads(listed)] == ["张小明"]


def test_restore_into_a_database_that_is_not_empty_is_refused(
    source: Any, pg_cluster: Cluster
) -> None:
    _world, out, _before, _head = source
    pg_cluster.create_database("bk_full")
    pg_cluster.psql("CREATE TABLE notes (id int); INSERT INTO notes VALUES (1)", "bk_full")
    code, said = restore(pg_cluster, "bk_full", out)
    assert code == 6
    assert "not empty" in said and "nothing was changed" in said
    assert pg_cluster.psql("SELECT count(*) FROM notes", "bk_full") == "1\n"
    # The hub itself is not an empty database either.
    code, said = restore(pg_cluster, "bk_src", out)
    assert code == 6 and "not empty" in said


@pytest.mark.parametrize("where", ["first", "middle", "last"])
def test_a_flipped_byte_is_refused_and_nothing_is_restored(
    source: Any, pg_cluster: Cluster, tmp_path: Path, where: str
) -> None:
    _world, out, _before, _head = source
    raw = bytearray(out.read_bytes())
    slots_len = int.from_bytes(raw[len(BACKUP_MAGIC) : len(BACKUP_MAGIC) + 8], "big")
    payload = len(BACKUP_MAGIC) + 8 + slots_len + len(hub_backup.HUB_PAYLOAD) + 16
    at = {"first": payload + 20, "middle": (payload + len(raw)) // 2, "last": len(raw) - 3}[where]
    raw[at] ^= 0x01
    bad = tmp_path / "flipped.hexibak"
    bad.write_bytes(bytes(raw))
    db = f"bk_flip_{where}"
    pg_cluster.create_database(db)
    code, said = restore(pg_cluster, db, bad)
    assert code == 6
    assert "damaged or was changed" in said
    assert is_empty(pg_cluster, db)


def test_a_bad_chunk_after_good_ones_leaves_the_target_empty(
    source: Any, pg_cluster: Cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Small chunks, so pg_restore has taken in most of the dump when the bad one comes: its
    transaction is killed, not committed."""
    monkeypatch.setattr(hub_backup, "CHUNK", 2048)
    out = tmp_path / "small-chunks.hexibak"
    code, _, err = cli(
        "--store", pg_cluster.url("bk_src"), "--user", "admin", "--password-stdin", "backup",
        "--out", str(out), stdin=f"{ADMIN_PW}\n",
    )  # fmt: skip
    assert code == 0, err
    raw = bytearray(out.read_bytes())
    assert len(raw) > 20 * 2048  # many chunks
    raw[-100] ^= 0x80
    bad = tmp_path / "bad-end.hexibak"
    bad.write_bytes(bytes(raw))
    pg_cluster.create_database("bk_late")
    code, said = restore(pg_cluster, "bk_late", bad)
    assert code == 6 and "damaged or was changed" in said
    assert is_empty(pg_cluster, "bk_late")
    pg_cluster.create_database("bk_small")
    code, said = restore(pg_cluster, "bk_small", out)
    assert code == 0, said


def test_a_cut_short_backup_is_refused(source: Any, pg_cluster: Cluster, tmp_path: Path) -> None:
    _world, out, _before, _head = source
    bad = tmp_path / "short.hexibak"
    bad.write_bytes(out.read_bytes()[:-40])
    pg_cluster.create_database("bk_short")
    code, said = restore(pg_cluster, "bk_short", bad)
    assert code == 6 and "damaged or was changed" in said
    assert is_empty(pg_cluster, "bk_short")


def test_only_the_administrator_or_centre_supervisor_backs_up_or_restores(
    source: Any, pg_cluster: Cluster, tmp_path: Path
) -> None:
    world, out, _before, _head = source
    owner = pg_cluster.url("bk_src")
    code, _, err = cli(
        "--store", owner, "--user", "dir_a", "--password-stdin", "backup", "--out",
        str(tmp_path / "x.hexibak"), stdin=f"{PW}\n",
    )  # fmt: skip
    assert code == 4, err
    assert not (tmp_path / "x.hexibak").exists()
    pg_cluster.create_database("bk_dir")
    code, said = restore(pg_cluster, "bk_dir", out, user="dir_a")
    assert code == 4, said
    assert is_empty(pg_cluster, "bk_dir")
    code, said = restore(pg_cluster, "bk_dir", out, user="admin")
    assert code == 0, said


def test_the_program_role_cannot_back_up(source: Any, pg_cluster: Cluster, tmp_path: Path) -> None:
    app = pg_cluster.url("bk_src", APP_ROLE, APP_PW)
    code, _, err = cli(
        "--store", app, "--user", "centre", "--password-stdin", "backup", "--out",
        str(tmp_path / "x.hexibak"), stdin=f"{PW}\n",
    )  # fmt: skip
    assert code == 6 and "owner" in err
    assert not (tmp_path / "x.hexibak").exists()
    assert not list(tmp_path.iterdir())  # no temporary file left either
    # Nor can it restore: it may not create the tables.
    _world, out, _before, _head = source
    pg_cluster.create_database("bk_app")
    code, _, err = cli(
        "--store", pg_cluster.url("bk_app", APP_ROLE, APP_PW), "--user", "centre",
        "--password-stdin", "restore", str(out), stdin=f"{PW}\n",
    )  # fmt: skip
    assert code == 6 and "owner" in err
    assert is_empty(pg_cluster, "bk_app")


def test_wrong_password_and_wrong_kind_of_backup(
    source: Any, pg_cluster: Cluster, tmp_path: Path, world: World
) -> None:
    _world, out, _before, _head = source
    pg_cluster.create_database("bk_pw")
    code, _, _ = cli(
        "--store", pg_cluster.url("bk_pw"), "--user", "centre", "--password-stdin", "restore",
        str(out), stdin="wrong-password\n",
    )  # fmt: skip
    assert code == 3
    assert is_empty(pg_cluster, "bk_pw")
    # A laptop's backup does not go into a hub, nor a hub's into a file.
    laptop = world.admin.backup(tmp_path / "laptop.hexibak")
    code, said = restore(pg_cluster, "bk_pw", laptop, user="admin")
    assert code == 6 and "hub import-store" in said
    code, _, err = cli(
        "--store", str(tmp_path / "new.hexi"), "--user", "centre", "--password-stdin", "restore",
        str(out), stdin=f"{PW}\n",
    )  # fmt: skip
    assert code == 6 and "postgresql://" in err
    assert not (tmp_path / "new.hexi").exists()
