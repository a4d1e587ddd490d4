"""Enrolment, both directions of the exchange, acknowledgements and scope."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from hexi_care.db import models as m
from hexi_care.db.sync_models import SyncPeer
from hexi_care.domain.enums import VisitStatus
from hexi_care.errors import BadPackage, UserProblem
from hexi_care.services import visits
from hexi_care.services.context import UnitOfWork
from hexi_care.sync import device_info, list_peers
from tests.sync.exchange_helpers import (
    Net,
    communities_held,
    holdings,
    new_child,
    store_state,
    submit_visit,
)


def test_enrolment_fingerprints_agree_and_units_align(net: Net) -> None:
    centre, la = device_info(net.centre), device_info(net.la)
    assert centre.role == "centre" and la.role == "laptop"
    assert la.unit_id == net.community_a and la.unit_name == "紫金里社区"
    (centre_seen_by_la,) = list_peers(net.la)
    assert centre_seen_by_la.fingerprint == centre.fingerprint
    seen = {p.id: p for p in list_peers(net.centre)}
    assert seen[net.la.device_id].fingerprint == la.fingerprint
    assert len(la.fingerprint.replace(" ", "")) == 24 and la.fingerprint.count(" ") == 5
    # The laptop's seeded streets took the centre's ids: the same street is the same row.
    with net.centre.system_session() as s:
        centre_units = dict(s.execute(select(m.OrgUnit.id, m.OrgUnit.name)).all())
    with net.la.system_session() as s:
        laptop_units = dict(s.execute(select(m.OrgUnit.id, m.OrgUnit.name)).all())
    assert laptop_units == centre_units


def test_visit_travels_up_review_comes_down(net: Net) -> None:
    child = new_child(net.la, net.community_a)
    visit = submit_visit(net.la, child)
    up = net.send("la", "centre")
    assert up.counts["child"].new == 1 and up.counts["visit"].new == 1
    with UnitOfWork(net.centre) as uow:
        visits.review(uow, visit, "returned", "请补充照护人联系频次")
    down = net.send("centre", "la")
    assert down.counts["visit"].updated == 1 and down.counts["visit_review"].new == 1
    with UnitOfWork(net.la) as uow:
        assert visits.get_visit(uow, visit).status == VisitStatus.RETURNED
        mended = visits.get_visit(uow, visit)
        mended.parent_contact = "每周两次电话"
        visits.submit(uow, mended)
    net.send("la", "centre")
    with UnitOfWork(net.centre) as uow:
        assert visits.get_visit(uow, visit).status == VisitStatus.SUBMITTED
        visits.review(uow, visit, "approved")
    net.settle(2)
    assert holdings(net.la, {net.community_a}) == holdings(net.centre, {net.community_a})


def test_acknowledged_records_are_not_sent_again(net: Net) -> None:
    child = new_child(net.la, net.community_a)
    submit_visit(net.la, child)
    net.send("la", "centre")
    net.send("centre", "la")  # carries the acknowledgement
    again = net.export("la", "centre")
    result = net.send("la", "centre")
    assert "visit" not in result.counts and "child" not in result.counts
    assert again


def test_resent_content_changes_nothing_and_replay_is_refused(net: Net) -> None:
    child = new_child(net.la, net.community_a)
    submit_visit(net.la, child)
    first = net.export("la", "centre")[0]
    second = net.export("la", "centre")[0]  # not acknowledged yet: the same records again
    from hexi_care.sync import import_package

    import_package(net.centre, first)
    before = holdings(net.centre, {net.community_a})
    res = import_package(net.centre, second)
    assert res.counts["visit"].new == 0 and res.counts["visit"].updated == 0
    assert holdings(net.centre, {net.community_a}) == before
    state = store_state(net.centre)
    with pytest.raises(BadPackage) as exc:
        import_package(net.centre, first)
    assert exc.value.params["reason"] == "replayed"
    assert "已经导入过" in exc.value.message("zh") and "imported before" in exc.value.message("en")
    assert store_state(net.centre) == state


def test_director_laptop_never_receives_another_community(net: Net) -> None:
    new_child(net.centre, net.community_b, name="李四")
    new_child(net.lb, net.community_b, name="王五")
    a_child = new_child(net.centre, net.community_a, name="赵六")
    net.settle(2)
    assert communities_held(net.la) <= {net.community_a}
    assert communities_held(net.lb) <= {net.community_b}
    with net.la.system_session() as s:
        assert set(s.scalars(select(m.Child.id))) == {a_child}
    with net.centre.system_session() as s:
        assert s.scalar(select(m.Child.id).where(m.Child.name == "王五")) is not None


def test_gap_is_reported_and_lost_content_arrives_later(net: Net) -> None:
    child = new_child(net.la, net.community_a)
    v1 = submit_visit(net.la, child, date(2024, 1, 5))
    net.export("la", "centre")  # lost on the way
    v2 = submit_visit(net.la, child, date(2024, 2, 5))
    res = net.send("la", "centre")
    assert res.seq == 2 and res.missing_seqs == [1]
    assert any(n.key == "exchange.notice.gap" for n in res.notices)
    with net.centre.system_session() as s:
        assert {v1, v2} <= set(s.scalars(select(m.Visit.id)))


def test_export_needs_enrolment_and_a_live_peer(net: Net) -> None:
    from hexi_care.sync import revoke_peer

    net.centre.user = __import__("hexi_care.db.store", fromlist=["load_user"]).load_user(
        net.centre, "admin"
    )
    revoke_peer(net.centre, net.la.device_id)
    with pytest.raises(UserProblem) as exc:
        net.export("centre", "la")
    assert exc.value.key == "exchange.peer_revoked"
    with net.centre.system_session() as s:
        assert s.get(SyncPeer, net.la.device_id).revoked  # type: ignore[union-attr]
