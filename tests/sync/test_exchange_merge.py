"""Merge rules: different fields merge, the same field becomes one conflict kept for a supervisor,
visits follow their life, late packages never undo newer work, a restored laptop is noticed and
healed, and the work can be cancelled without leaving anything behind."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from hexi_care.db import models as m
from hexi_care.db.store import unlock
from hexi_care.domain.enums import Relationship, SituationKind, VisitStatus
from hexi_care.domain.model import Category, Guardian, Situation
from hexi_care.errors import InvalidInput, UserProblem
from hexi_care.services import children, households, visits
from hexi_care.services.context import UnitOfWork
from hexi_care.sync import (
    ExchangeCancelled,
    export_package,
    import_package,
    list_conflicts,
    resolve_conflict,
)
from tests.sync.exchange_helpers import (
    PW,
    Net,
    edit_child,
    holdings,
    login,
    new_child,
    store_state,
    submit_visit,
)


def child_row(net: Net, where: str, child_id: str) -> m.Child:
    with net.stores[where].system_session() as s:
        row = s.get(m.Child, child_id)
        assert row is not None
        s.expunge(row)
        return row


def shared_child(net: Net) -> str:
    child = new_child(net.la, net.community_a)
    net.send("la", "centre")
    net.send("centre", "la")
    return child


def test_different_fields_merge_without_conflict(net: Net) -> None:
    child = shared_child(net)
    edit_child(net.la, child, phone="13800000001")
    edit_child(net.centre, child, school="梅江中学")
    net.settle(2)
    for where in ("la", "centre"):
        row = child_row(net, where, child)
        assert (row.phone, row.school) == ("13800000001", "梅江中学")
    assert list_conflicts(net.centre) == []
    assert holdings(net.la, {net.community_a}) == holdings(net.centre, {net.community_a})


def test_same_field_becomes_one_conflict_with_both_values(net: Net) -> None:
    child = shared_child(net)
    edit_child(net.centre, child, address="中心记录的地址")
    edit_child(net.la, child, address="主任记录的地址")
    edit_child(net.la, child, address="主任再次修改的地址")  # a chain of edits: still one conflict
    net.settle(3)
    (c,) = list_conflicts(net.centre)
    assert (c.field, c.mine, c.theirs) == ("address", "中心记录的地址", "主任再次修改的地址")
    assert c.base == ""  # the value both sides edited from
    assert c.mine_user and c.theirs_user and c.mine_at and c.theirs_at
    assert c.subject == "张小明"
    # Nothing was overwritten while the conflict is open: the centre keeps its value, the laptop
    # shows the centre's, and the laptop sees the conflict (read-only).
    assert child_row(net, "centre", child).address == "中心记录的地址"
    assert child_row(net, "la", child).address == "中心记录的地址"
    (seen,) = list_conflicts(net.la)
    assert seen.id == c.id
    with pytest.raises(UserProblem) as exc:
        resolve_conflict(net.la, c.id, "theirs")
    assert exc.value.key in ("exchange.resolve_at_centre", "role_denied")
    resolved = resolve_conflict(net.centre, c.id[:8], "theirs")
    assert resolved.status == "resolved" and resolved.resolved_value == "主任再次修改的地址"
    net.settle(2)
    assert child_row(net, "la", child).address == "主任再次修改的地址"
    assert list_conflicts(net.centre) == [] and list_conflicts(net.la) == []
    assert [x.id for x in list_conflicts(net.la, include_resolved=True)] == [c.id]
    assert holdings(net.la, {net.community_a}) == holdings(net.centre, {net.community_a})


def test_conflict_resolved_with_a_typed_value(net: Net) -> None:
    child = shared_child(net)
    edit_child(net.centre, child, risk="high")
    edit_child(net.la, child, risk="medium")
    net.send("la", "centre")
    (c,) = list_conflicts(net.centre)
    with pytest.raises(InvalidInput):
        resolve_conflict(net.centre, c.id, "catastrophic")
    resolve_conflict(net.centre, c.id, "low")
    net.settle(2)
    assert child_row(net, "la", child).risk == "low"
    with UnitOfWork(net.la) as uow:
        history = uow.session.scalars(
            select(m.ChangeLog.new_json).where(
                m.ChangeLog.entity_id == child, m.ChangeLog.field == "risk"
            )
        ).all()
    assert '"low"' in history  # the decision travelled as an ordinary edit


def test_categories_and_situations_merge_as_fields(net: Net) -> None:
    child = shared_child(net)
    with UnitOfWork(net.la) as uow:
        c = children.get_child(uow, child)
        cats = [
            *c.categories,
            Category(code="left_behind", basis="父母外出务工", start_date=date(2023, 5, 1)),
        ]
        children.update_child(uow, replace(c, categories=cats))
        household = c.household_id
    with UnitOfWork(net.centre) as uow:
        g = households.save_guardian(
            uow, Guardian(name="张父", relationship=Relationship.FATHER, household_id=household)
        )
    net.settle(2)
    with UnitOfWork(net.la) as uow:
        g2 = households.guardians_of(uow, household)[0]
        households.save_guardian(
            uow,
            replace(
                g2,
                situations=[Situation(kind=SituationKind.IMPRISONED, start_date=date(2022, 1, 1))],
            ),
        )
    net.settle(2)
    with UnitOfWork(net.centre) as uow:
        codes = {x.code for x in children.get_child(uow, child).categories}
        sits = households.guardians_of(uow, household)[0].situations
    assert codes == {"orphan_scattered", "left_behind"}
    assert [s.kind for s in sits] == [SituationKind.IMPRISONED] and g.id
    assert child_row(net, "centre", child).category_codes.split(",") == [
        "left_behind",
        "orphan_scattered",
    ]
    assert holdings(net.la, {net.community_a}) == holdings(net.centre, {net.community_a})


def test_late_copy_of_a_submission_does_not_undo_the_review(net: Net) -> None:
    child = new_child(net.la, net.community_a)
    visit = submit_visit(net.la, child)
    early = net.export("la", "centre")[0]
    later = net.export("la", "centre")[0]
    import_package(net.centre, later)
    with UnitOfWork(net.centre) as uow:
        visits.review(uow, visit, "approved")
    res = import_package(net.centre, early)
    assert res.late and any(n.key == "exchange.notice.late" for n in res.notices)
    with UnitOfWork(net.centre) as uow:
        assert visits.get_visit(uow, visit).status == VisitStatus.APPROVED
    net.settle(2)
    with UnitOfWork(net.la) as uow:
        assert visits.get_visit(uow, visit).status == VisitStatus.APPROVED


def _copy_store(src: Path, dst: Path) -> None:
    for suffix in ("", ".keys", "-wal"):
        s = Path(str(src) + suffix)
        if s.exists():
            shutil.copyfile(s, Path(str(dst) + suffix))
        else:
            Path(str(dst) + suffix).unlink(missing_ok=True)


def test_laptop_restored_from_an_old_copy_is_noticed_and_healed(net: Net, tmp_path: Path) -> None:
    child = new_child(net.la, net.community_a)
    net.settle(1)
    path = net.la.path
    net.la.lock()
    _copy_store(path, tmp_path / "old.hexi")
    net.stores["la"] = unlock(path, "dir_a", PW)
    lost = submit_visit(net.la, child, date(2024, 3, 1))
    net.settle(2)
    # The laptop breaks down; its director restores last month's copy.
    net.la.lock()
    _copy_store(tmp_path / "old.hexi", path)
    net.stores["la"] = unlock(path, "dir_a", PW)
    res = net.send("la", "centre")
    assert any(n.key == "exchange.notice.restore_suspected" for n in res.notices)
    net.settle(2)
    with net.la.system_session() as s:
        assert s.get(m.Visit, lost) is not None  # the centre sent back what the copy lacked
    assert holdings(net.la, {net.community_a}) == holdings(net.centre, {net.community_a})
    # And the laptop's numbering moved past the packages it had forgotten.
    assert net.send("la", "centre").seq > 3


def test_cancelled_export_and_import_leave_nothing_behind(net: Net, tmp_path: Path) -> None:
    new_child(net.la, net.community_a)
    before = store_state(net.la)
    out = tmp_path / "cancelled" / "p.hxp"
    out.parent.mkdir()
    stages: list[str] = []

    def progress(stage: str, done: int, total: int) -> None:
        stages.append(stage)

    with pytest.raises(ExchangeCancelled):
        export_package(net.la, "centre", out, progress=progress, cancel=lambda: "seal" in stages)
    assert list(out.parent.iterdir()) == [] and store_state(net.la) == before
    res = export_package(net.la, "centre", out, progress=progress)
    assert res.seq == 1 and {"collect", "pack", "seal", "write"} <= set(stages)
    state = store_state(net.centre)
    with pytest.raises(ExchangeCancelled):
        import_package(net.centre, out, cancel=lambda: True)
    assert store_state(net.centre) == state
    import_package(net.centre, out)


def test_only_supervisors_resolve(net: Net) -> None:
    child = shared_child(net)
    edit_child(net.centre, child, note="中心备注")
    edit_child(net.la, child, note="主任备注")
    net.send("la", "centre")
    (c,) = list_conflicts(net.centre)
    login(net.centre, "admin")
    with pytest.raises(UserProblem):
        resolve_conflict(net.centre, c.id, "mine")
    login(net.centre, "street_a")
    assert resolve_conflict(net.centre, c.id, "mine").resolution == "mine"
    assert child_row(net, "centre", child).note == "中心备注"
