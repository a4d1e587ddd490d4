"""A hand-over made at the centre travels to the community's laptop in the next package (the
child's responsible director is a profile field), with the receiving director as a user stub."""

from __future__ import annotations

from sqlalchemy import select

from hexi_care.db import models as m
from hexi_care.db.keys import KdfParams
from hexi_care.db.sync_models import SyncConflict
from hexi_care.services import assignment, users
from hexi_care.services.context import UnitOfWork
from tests.sync.exchange_helpers import PW, Net, new_child, submit_visit


def test_the_next_package_carries_a_hand_over(net: Net) -> None:
    child = new_child(net.la, net.community_a)
    submit_visit(net.la, child)  # dir_a reaches the centre with the visit it wrote
    net.send("la", "centre")
    with UnitOfWork(net.centre, system=True, user=None) as uow:  # the administrator's part
        users.add_user(uow, "dir_a2", "director", net.community_a, PW, kdf=KdfParams.fast())
    with UnitOfWork(net.centre) as uow:
        done = assignment.hand_over(uow, "dir_a", "dir_a2")
        new_director = users.find_user(uow, "dir_a2").id
    assert done.child_ids == [child]
    result = net.send("centre", "la")
    assert result is not None
    with net.la.system_session() as s:
        row = s.get(m.Child, child)
        assert row is not None and row.director_id == new_director
        stub = s.get(m.AppUser, new_director)
        assert stub is not None and stub.name == "dir_a2" and not stub.active
        assert s.scalars(select(m.ChangeLog).where(m.ChangeLog.field == "director_id")).all()
    # Back up again: nothing to disagree about.
    net.send("la", "centre")
    with net.centre.system_session() as s:
        assert s.scalars(select(SyncConflict)).all() == []
        row = s.get(m.Child, child)
        assert row is not None and row.director_id == new_director
