"""Enrolment files: a laptop that already holds records keeps them under the centre's unit ids; a
reply meant for another laptop, a request altered on the way and an unknown unit are refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from hexi_care.db import models as m
from hexi_care.db.keys import KdfParams
from hexi_care.errors import BadPackage, UserProblem
from hexi_care.services import units, users
from hexi_care.services.context import UnitOfWork
from hexi_care.sync import (
    accept_reply,
    device_info,
    enrol_device,
    export_package,
    import_package,
    make_card,
    make_request,
)
from tests.sync.exchange_helpers import (
    PW,
    Net,
    bare_laptop,
    holdings,
    login,
    new_child,
    submit_visit,
)


def test_laptop_with_records_keeps_them_under_the_centres_ids(net: Net, tmp_path: Path) -> None:
    lap = bare_laptop(tmp_path / "old-laptop.hexi")
    try:
        with UnitOfWork(lap) as uow:
            local = units.add_unit(uow, "紫金里社区", "大营门街")
            users.add_user(uow, "dir_old", "director", local.id, PW, kdf=KdfParams.fast())
        login(lap, "dir_old")
        child = new_child(lap, local.id, name="早已登记的孩子")
        visit = submit_visit(lap, child)
        login(net.centre, "admin")
        card = make_card(net.centre, tmp_path / "centre.card")
        # The director's own community, sealed to the centre's card.
        make_request(lap, tmp_path / "req", card=card.file, card_fingerprint=card.fingerprint)
        enrol_device(net.centre, tmp_path / "req", tmp_path / "reply")
        res = accept_reply(lap, tmp_path / "reply")
        assert res.unit_name == "紫金里社区" and res.local_only_units == 0
        assert device_info(lap).unit_id == net.community_a
        with lap.system_session() as s:
            assert s.get(m.Child, child).community_id == net.community_a  # type: ignore[union-attr]
        assert lap.user is not None and lap.user.unit_id == net.community_a
        out = tmp_path / "up.hxp"
        export_package(lap, "centre", out)
        import_package(net.centre, out)
        with net.centre.system_session() as s:
            assert s.get(m.Visit, visit) is not None
            assert (
                s.scalar(select(m.Child.community_id).where(m.Child.id == child)) == net.community_a
            )
        assert holdings(lap, {net.community_a})["visit"] == {
            k: v for k, v in holdings(net.centre, {net.community_a})["visit"].items() if k == visit
        }
    finally:
        lap.lock()


def test_reply_for_another_laptop_is_refused(net: Net, tmp_path: Path) -> None:
    one, two = bare_laptop(tmp_path / "one.hexi"), bare_laptop(tmp_path / "two.hexi")
    try:
        make_request(one, tmp_path / "req1", unit_ref="紫金里社区")
        login(net.centre, "admin")
        enrol_device(net.centre, tmp_path / "req1", tmp_path / "reply1", unit_ref="紫金里社区")
        with pytest.raises(BadPackage) as exc:
            accept_reply(two, tmp_path / "reply1")
        assert exc.value.params["reason"] == "wrong_recipient"
        assert device_info(two).role is None
    finally:
        one.lock()
        two.lock()


def test_altered_request_and_unknown_unit_are_refused(net: Net, tmp_path: Path) -> None:
    lap = bare_laptop(tmp_path / "x.hexi")
    try:
        login(net.centre, "admin")
        card = make_card(net.centre, tmp_path / "centre.card")
        make_request(
            lap,
            tmp_path / "req",
            unit_ref="紫金里社区",
            card=card.file,
            card_fingerprint=card.fingerprint,
        )
        data = bytearray((tmp_path / "req").read_bytes())
        own = device_info(lap).device_id.encode()
        at = data.index(own)
        data[at : at + 1] = b"f" if data[at : at + 1] != b"f" else b"e"  # another device's id
        (tmp_path / "bad").write_bytes(bytes(data))
        with pytest.raises(BadPackage) as exc:
            enrol_device(net.centre, tmp_path / "bad", tmp_path / "reply")
        assert exc.value.params["reason"] == "bad_signature"
        make_request(
            lap,
            tmp_path / "req2",
            unit_ref="不存在的社区",
            card=card.file,
            card_fingerprint=card.fingerprint,
        )
        with pytest.raises(UserProblem) as exc2:
            enrol_device(net.centre, tmp_path / "req2", tmp_path / "reply")
        assert exc2.value.key == "exchange.unit_unknown" and "不存在的社区" in exc2.value.message(
            "zh"
        )
        # Without a card the request names nothing: the centre must name the unit.
        make_request(lap, tmp_path / "req3", unit_ref="不存在的社区")
        with pytest.raises(UserProblem) as exc5:
            enrol_device(net.centre, tmp_path / "req3", tmp_path / "reply")
        assert exc5.value.key == "exchange.unit_needed" and "--unit" in exc5.value.message("zh")
        # A package file is not an enrolment request, and vice versa.
        pkg = net.export("la", "centre")[0]
        with pytest.raises(BadPackage) as exc3:
            enrol_device(net.centre, pkg, tmp_path / "reply")
        assert exc3.value.params["reason"] == "not_an_enrol_request"
        with pytest.raises(BadPackage) as exc4:
            import_package(net.centre, tmp_path / "req")
        assert exc4.value.params["reason"] == "enrol_file"
    finally:
        lap.lock()


def test_a_director_cannot_enrol_devices(net: Net, tmp_path: Path) -> None:
    lap = bare_laptop(tmp_path / "y.hexi")
    try:
        make_request(lap, tmp_path / "req", unit_ref="紫金里社区")
        with pytest.raises(UserProblem):
            enrol_device(net.la, tmp_path / "req", tmp_path / "reply")  # a laptop, and a director
    finally:
        lap.lock()
