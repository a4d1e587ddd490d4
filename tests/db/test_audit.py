"""The audit trail finds an edited, inserted or deleted event."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select, update

from hexi_care.db import audit
from hexi_care.db.models import AuditEvent
from hexi_care.services import casefile
from hexi_care.services.context import UnitOfWork
from tests.conftest import World, add_child


def _verify(world: World) -> audit.VerifyResult:
    with world.admin.system_session() as s:
        return audit.verify(s, world.admin.mac_key)


@pytest.fixture
def busy(world: World) -> World:
    director = world.login("dir_a")
    child = add_child(director, world.community_a)
    with UnitOfWork(director) as uow:
        casefile.open_child_file(uow, child.id or "")
    director.lock()
    return world


def test_changes_and_openings_are_recorded(busy: World) -> None:
    result = _verify(busy)
    assert result.ok, result.problems
    with busy.admin.system_session() as s:
        actions = [
            (e.action, e.entity) for e in s.scalars(select(AuditEvent).order_by(AuditEvent.seq))
        ]
    assert ("create", "child") in actions
    assert ("open", "child") in actions
    assert result.events == len(actions) > 5


def _tamper(world: World, stmt: object) -> None:
    with world.admin.system_session() as s, s.begin():
        s.execute(stmt)  # type: ignore[call-overload]


def test_edited_event_is_found(busy: World) -> None:
    _tamper(busy, update(AuditEvent).where(AuditEvent.seq == 3).values(action="nothing"))
    result = _verify(busy)
    assert not result.ok
    assert any("event 3" in p for p in result.problems)


def test_deleted_event_is_found(busy: World) -> None:
    _tamper(busy, delete(AuditEvent).where(AuditEvent.seq == 2))
    result = _verify(busy)
    assert not result.ok
    assert any("event 2" in p for p in result.problems)


def test_deleted_last_event_is_found(busy: World) -> None:
    last = _verify(busy).events
    _tamper(busy, delete(AuditEvent).where(AuditEvent.seq == last))
    assert not _verify(busy).ok


def test_inserted_event_is_found(busy: World) -> None:
    with busy.admin.system_session() as s, s.begin():
        # Shift the tail up by one and slip a forged event in: its MAC cannot be made without the key.
        tail = list(
            s.scalars(select(AuditEvent).where(AuditEvent.seq >= 3).order_by(AuditEvent.seq.desc()))
        )
        for ev in tail:
            ev.seq += 1
            s.flush()
        s.add(
            AuditEvent(
                seq=3,
                id="forged",
                at=tail[-1].at,
                user_id=None,
                device_id="x",
                action="open",
                entity="child",
                entity_id=None,
                detail="",
                prev_mac=tail[-1].prev_mac,
                mac="0" * 64,
            )
        )
    result = _verify(busy)
    assert not result.ok
