"""Item 6: the audit trail against the laptop's own users.

An insider holds the data key, so on the laptop they can rewrite the chain (docs/security.md says
so plainly). What they cannot do is rewrite what the centre already holds: each package carries the
chain head and the events, and the centre compares. On main a restore said nothing to the centre,
and failed logins and refused actions were only log lines."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import sqlcipher3
from sqlalchemy import select

from hexi_care.cli import run
from hexi_care.db import audit
from hexi_care.db.engine import _key_pragma
from hexi_care.db.models import AuditEvent
from hexi_care.db.store import restore, unlock
from hexi_care.errors import AuthFailed
from hexi_care.sync import import_package
from tests.conftest import PW, World
from tests.sync.exchange_helpers import ADMIN_PW as NET_ADMIN_PW
from tests.sync.exchange_helpers import Net, new_child, submit_visit


def _actions(store, action: str) -> list[AuditEvent]:  # type: ignore[no-untyped-def]
    with store.system_session() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_failed_logins_become_audit_events(world: World) -> None:
    for _ in range(2):
        with pytest.raises(AuthFailed):
            world.login("dir_a", "someone-guessing")
    store = world.login("dir_a")
    failed = _actions(store, "login_failed")
    assert [(e.detail, e.user_id) for e in failed] == [("2", store.user.id if store.user else "")]
    with store.system_session() as s:
        assert audit.verify(s, store.mac_key).ok
    store.lock()


def test_refused_actions_become_audit_events(world: World) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = run(
        [
            "--store",
            str(world.path),
            "--user",
            "dir_a",
            "--password-stdin",
            "user",
            "add",
            "mole",
            "--role",
            "admin",
            "--unit",
            "河西区",
        ],
        io.StringIO(f"{PW}\nmole-password-Pw-1\n"),
        out,
        err,
    )
    assert code == 4
    refused = _actions(world.admin, "refused")
    assert [e.detail for e in refused] == ["add users"]


def _truncate(path: Path, key: bytes, keep: int, mac_key: bytes) -> None:
    """The insider's edit: drop every event after `keep` and copy the new head into meta."""
    conn = sqlcipher3.connect(str(path))
    conn.execute(_key_pragma(key))
    conn.execute("DELETE FROM audit_event WHERE seq > ?", (keep,))
    mac = conn.execute("SELECT mac FROM audit_event WHERE seq = ?", (keep,)).fetchone()[0]
    conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_head_seq'", (str(keep),))
    conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_head_mac'", (mac,))
    conn.commit()
    conn.close()


def test_a_truncated_chain_passes_locally_but_not_at_the_centre(net: Net) -> None:
    child = new_child(net.la, net.community_a, name="审计截断")
    submit_visit(net.la, child)
    assert import_package(net.centre, net.export("la", "centre")[0])
    with net.la.system_session() as s:
        sent = audit.head(s).seq
    path, key, mac_key = net.la.path, net.la.data_key, net.la.mac_key
    user = net.la.user
    net.la.lock()
    _truncate(path, key, sent - 3, mac_key)
    la = unlock(path, "dir_a", PW)
    with la.system_session() as s:
        assert audit.verify(s, la.mac_key).ok  # the laptop alone cannot tell
    net.stores["la"] = la
    assert user is not None
    submit_visit(la, child, note="之后的走访")
    got = import_package(net.centre, net.export("la", "centre")[0])
    assert "exchange.notice.restore_suspected" in [n.key for n in got.notices]
    assert _actions(net.centre, "restore_suspected")


def test_a_restore_is_reported_at_the_centre(net: Net, tmp_path: Path) -> None:
    backup = net.la.backup(tmp_path / "la.hexibak")
    child = new_child(net.la, net.community_a, name="恢复前")
    submit_visit(net.la, child)
    assert import_package(net.centre, net.export("la", "centre")[0])
    path = net.la.path
    net.la.lock()
    restore(backup, path, "admin", NET_ADMIN_PW)
    la = unlock(path, "dir_a", PW)
    net.stores["la"] = la
    got = import_package(net.centre, net.export("la", "centre")[0])
    keys = [n.key for n in got.notices]
    assert "exchange.notice.restored" in keys
    assert _actions(net.centre, "restore_reported")
