"""Hand-over of a director's children to another director: one step, every child audited and
change-logged, the receiver sees them, supervisors only, inside their own units."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hexi_care.db.keys import KdfParams
from hexi_care.db.models import AuditEvent, ChangeLog
from hexi_care.db.models import Child as ChildRow
from hexi_care.errors import InvalidInput, ScopeDenied
from hexi_care.services import assignment, children, users
from hexi_care.services.context import UnitOfWork
from tests.conftest import PW, World, add_child


def _kids(world: World) -> tuple[list[str], str]:
    dir_a = world.login("dir_a")
    a = [add_child(dir_a, world.community_a, n).id or "" for n in ("张一", "张二", "张三")]
    b = add_child(world.login("dir_b"), world.community_b, "李四").id or ""
    return a, b


def test_a_centre_supervisor_hands_a_director_s_children_over_in_one_step(world: World) -> None:
    kids_a, kid_b = _kids(world)
    centre = world.login("centre")
    with UnitOfWork(centre) as uow:
        done = assignment.hand_over(uow, "dir_a", "dir_b")
    assert (done.from_user, done.to_user, sorted(done.child_ids)) == (
        "dir_a",
        "dir_b",
        sorted(kids_a),
    )
    with UnitOfWork(centre) as uow:
        s = uow.session
        dir_b_id = users.find_user(uow, "dir_b").id
        rows = {r.id: r.director_id for r in s.scalars(select(ChildRow))}
        assert {rows[k] for k in kids_a} == {dir_b_id} and rows[kid_b] is None
        changes = s.scalars(select(ChangeLog).where(ChangeLog.field == "director_id")).all()
        assert sorted(c.entity_id for c in changes) == sorted(kids_a)
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "assign")).all()
        assert sorted(e.entity_id or "" for e in events) == sorted(kids_a)
    # The receiving director now sees the children handed over, beside their own.
    with UnitOfWork(world.login("dir_b")) as uow:
        seen = {c.id for c in children.list_children(uow)}
    assert set(kids_a) | {kid_b} <= seen
    # A second hand-over moves the same children again (dir_b's now), with dir_b's own child.
    with UnitOfWork(centre) as uow:
        again = assignment.hand_over(uow, "dir_b", "dir_a")
    assert sorted(again.child_ids) == sorted([*kids_a, kid_b])


def test_a_street_supervisor_hands_over_only_inside_the_street(world: World) -> None:
    _kids(world)
    with UnitOfWork(world.admin) as uow:
        users.add_user(uow, "dir_a2", "director", world.community_a, PW, kdf=KdfParams.fast())
    street = world.login("street_a")
    with UnitOfWork(street) as uow, pytest.raises(ScopeDenied):
        assignment.hand_over(uow, "dir_a", "dir_b")  # dir_b directs a community of another street
    with UnitOfWork(street) as uow:
        assert [u.name for u in assignment.directors(uow)] == ["dir_a", "dir_a2"]
        done = assignment.hand_over(uow, "dir_a", "dir_a2")
    assert done.count == 3
    # Nothing of the other street was touched, and dir_b has nothing to hand from street_a's view.
    with UnitOfWork(street) as uow:
        assert assignment.hand_over(uow, "dir_b", "dir_a").count == 0


def test_only_supervisors_hand_over_and_only_between_directors(world: World) -> None:
    _kids(world)
    with UnitOfWork(world.login("dir_a")) as uow, pytest.raises(ScopeDenied):
        assignment.hand_over(uow, "dir_a", "dir_b")
    with UnitOfWork(world.login("centre")) as uow:
        with pytest.raises(InvalidInput):
            assignment.hand_over(uow, "dir_a", "street_a")
        with pytest.raises(InvalidInput):
            assignment.hand_over(uow, "dir_a", "dir_a")
    with UnitOfWork(world.login("centre")) as uow:
        assert all(r.director_id is None for r in uow.session.scalars(select(ChildRow)))
