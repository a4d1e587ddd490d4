"""Exchange corner cases from issue 12, each played end to end on real stores: a conflict that a
later edit supersedes, a restored laptop's new audit events kept as a fork, a late package that is
not a restore."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from hexi_care.db import models as m
from hexi_care.db.store import unlock
from hexi_care.errors import UserProblem
from hexi_care.sync import import_package, list_conflicts, peer_audit, resolve_conflict
from tests.sync.exchange_helpers import PW, Net, edit_child, new_child, submit_visit


def school_of(net: Net, where: str, child_id: str) -> str:
    with net.stores[where].system_session() as s:
        row = s.get(m.Child, child_id)
        assert row is not None
        return row.school


def shared_child(net: Net) -> str:
    child = new_child(net.la, net.community_a)
    net.send("la", "centre")
    net.send("centre", "la")
    return child


def open_school_conflict(net: Net) -> str:
    """Centre C校 against laptop A校, as in the report."""
    child = shared_child(net)
    edit_child(net.centre, child, school="C校")
    edit_child(net.la, child, school="A校")
    net.send("la", "centre")
    (c,) = list_conflicts(net.centre)
    assert (c.mine, c.theirs, c.current) == ("C校", "A校", "C校")
    return child


def test_a_later_edit_from_the_laptop_supersedes_the_conflict(net: Net) -> None:
    child = open_school_conflict(net)
    net.send("centre", "la")
    assert school_of(net, "la", child) == "C校"  # the laptop took the centre's value
    edit_child(net.la, child, school="A校2")  # the director saw C校 and chose again
    net.send("la", "centre")
    assert school_of(net, "centre", child) == "A校2"
    assert list_conflicts(net.centre) == []
    (c,) = list_conflicts(net.centre, include_resolved=True)
    assert (c.status, c.resolution, c.resolved_value, c.current) == (
        "resolved",
        "superseded",
        "A校2",
        "A校2",
    )
    with pytest.raises(UserProblem) as exc:
        resolve_conflict(net.centre, c.id, "mine")
    assert exc.value.key == "exchange.conflict_closed"
    assert school_of(net, "centre", child) == "A校2"
    net.settle(2)
    assert school_of(net, "la", child) == "A校2"
    assert [x.status for x in list_conflicts(net.la, include_resolved=True)] == ["resolved"]


def test_resolving_never_overwrites_a_newer_value_silently(net: Net) -> None:
    child = open_school_conflict(net)
    edit_child(net.centre, child, school="C校2")  # the centre moves on while the conflict is open
    (c,) = list_conflicts(net.centre)
    assert (c.mine, c.current) == ("C校", "C校2")
    with pytest.raises(UserProblem) as exc:
        resolve_conflict(net.centre, c.id, "theirs")
    assert exc.value.key == "exchange.conflict_changed"
    assert school_of(net, "centre", child) == "C校2"
    (c,) = list_conflicts(
        net.centre
    )  # told once, the conflict now shows the value it would replace
    assert (c.mine, c.current) == ("C校2", "C校2")
    resolve_conflict(net.centre, c.id, "theirs")
    assert school_of(net, "centre", child) == "A校"


def test_the_laptop_agreeing_closes_the_conflict(net: Net) -> None:
    child = open_school_conflict(net)
    net.send("centre", "la")
    edit_child(net.la, child, school="B校")
    edit_child(net.la, child, school="C校")  # back to the centre's value: nothing left to decide
    net.send("la", "centre")
    assert list_conflicts(net.centre) == []
    assert school_of(net, "centre", child) == "C校"


def _copy_store(src: Path, dst: Path) -> None:
    for suffix in ("", ".keys", "-wal"):
        s = Path(str(src) + suffix)
        d = Path(str(dst) + suffix)
        if s.exists():
            shutil.copyfile(s, d)
        else:
            d.unlink(missing_ok=True)


def test_a_restored_laptops_new_audit_events_are_kept_as_a_fork(net: Net, tmp_path: Path) -> None:
    child = new_child(net.la, net.community_a)
    net.settle(1)
    path = net.la.path
    net.la.lock()
    _copy_store(path, tmp_path / "old.hexi")
    net.stores["la"] = unlock(path, "dir_a", PW)
    first = submit_visit(net.la, child, date(2024, 3, 1))
    for day in range(2, 7):  # the lost history runs well past what the restored copy will write
        submit_visit(net.la, child, date(2024, 3, day))
    net.settle(1)
    net.la.lock()
    _copy_store(tmp_path / "old.hexi", path)
    net.stores["la"] = unlock(path, "dir_a", PW)
    second = submit_visit(net.la, child, date(2024, 3, 8))  # made on the restored copy
    res = net.send("la", "centre")
    assert any(n.key == "exchange.notice.restore_suspected" for n in res.notices)
    branches = peer_audit(net.centre, net.la.device_id)
    assert len(branches) == 2
    main, fork = branches
    assert fork.parent == 0 and fork.starts_at > 1
    ids_main = {e.entity_id for e in main.events}
    ids_fork = {e.entity_id for e in fork.events}
    assert first in ids_main and first not in ids_fork
    assert second in ids_fork and second not in ids_main
    actions = [(e.action, e.entity) for e in fork.events]
    assert ("create", "visit") in actions and ("submit", "visit") in actions
    # Importing the same events again adds nothing; the fork grows with the next package.
    net.send("centre", "la")
    submit_visit(net.la, child, date(2024, 3, 15))
    res = net.send("la", "centre")
    # The restored copy carrying on is not a new alarm (nor a new full resend).
    assert not any(n.key.startswith("exchange.notice.restore") for n in res.notices)
    again = peer_audit(net.centre, net.la.device_id)
    assert len(again) == 2 and len(again[1].events) > len(fork.events)
    assert ("export", "package") in [(e.action, e.entity) for e in again[1].events]
    assert again[0].events == main.events


def test_a_late_package_is_not_a_restore(net: Net) -> None:
    child = new_child(net.la, net.community_a)
    for i in range(20):
        submit_visit(net.la, child, date(2024, 1, 1 + i))
    net.settle(2)
    late, middle, newest = (net.export("la", "centre")[0] for _ in range(3))
    res = import_package(net.centre, newest)
    assert not any(n.key.startswith("exchange.notice.restore") for n in res.notices)
    baseline = net.export("centre", "la")
    res = import_package(net.centre, late)
    assert res.late
    assert not any(n.key.startswith("exchange.notice.restore") for n in res.notices)
    res = import_package(net.centre, middle)
    assert not any(n.key.startswith("exchange.notice.restore") for n in res.notices)
    with net.centre.system_session() as s:
        actions = set(s.scalars(select(m.AuditEvent.action)))
    assert "restore_suspected" not in actions
    # The next package down carries only what is new, not everything again.
    from hexi_care.sync import export_package

    out = net.folder / "after-late" / "package.hxp"
    out.parent.mkdir(parents=True)
    after = export_package(net.centre, net.la.device_id, out)
    assert sum(after.counts.values()) <= 5, after.counts
    assert baseline
