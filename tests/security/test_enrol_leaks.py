"""Item 7, enrolment: a request file carried to the centre (or copied on the way) names neither
the unit nor any director, with or without the centre's card; the centre still enrols it; a card
swapped on the way is refused before anything is written.

On main the request header held the unit's name and path and every director's name and display
name in clear JSON."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from hexi_care.db.keys import KdfParams
from hexi_care.db.models import OrgUnit
from hexi_care.db.store import OpenStore
from hexi_care.errors import InvalidInput
from hexi_care.services import units, users
from hexi_care.services.context import UnitOfWork
from hexi_care.sync import (
    accept_reply,
    container,
    device_info,
    enrol_device,
    list_peers,
    make_card,
    make_request,
    read_card,
)
from hexi_care.sync.crypto import KeyPair, fingerprint
from tests.sync.exchange_helpers import PW, Net, bare_laptop, login

DIRECTOR = "wang_xiaohong"
DISPLAY = "王晓红"
STREET = "大营门街"
COMMUNITY = "紫金里社区"


def _laptop(path: Path) -> OpenStore:
    """A laptop with a director in its own community, as a store looks before first contact."""
    lap = bare_laptop(path)
    with UnitOfWork(lap) as uow:
        local = units.add_unit(uow, COMMUNITY, STREET)
        users.add_user(
            uow, DIRECTOR, "director", local.id, PW, display_name=DISPLAY, kdf=KdfParams.fast()
        )
    login(lap, DIRECTOR)
    return lap


def _forms(text: str) -> list[bytes]:
    """Every way the text could sit in a JSON file: UTF-8, and \\u escapes in either case."""
    escaped = json.dumps(text, ensure_ascii=True)[1:-1]
    return [text.encode("utf-8"), escaped.encode(), escaped.upper().replace("\\U", "\\u").encode()]


def _assert_names_absent(raw: bytes, names: list[str]) -> None:
    for name in names:
        for form in _forms(name):
            assert form not in raw, f"{name!r} readable in the request as {form!r}"


def _secrets(lap: OpenStore) -> list[str]:
    with lap.system_session() as s:
        unit_names = list(s.scalars(select(OrgUnit.name)))
    assert COMMUNITY in unit_names and STREET in unit_names
    return [*unit_names, DIRECTOR, DISPLAY, "晓红"]


def test_a_request_without_a_card_names_nothing_and_the_centre_names_the_unit(
    net: Net, tmp_path: Path
) -> None:
    lap = _laptop(tmp_path / "new-laptop.hexi")
    try:
        req = tmp_path / "request.hxr"
        make_request(lap, req, unit_ref=COMMUNITY)
        _assert_names_absent(req.read_bytes(), _secrets(lap))
        login(net.centre, "admin")
        res = enrol_device(net.centre, req, tmp_path / "reply.hxr", unit_ref=COMMUNITY)
        assert res.unit_name == COMMUNITY and res.directors == []
        accepted = accept_reply(lap, tmp_path / "reply.hxr")
        assert accepted.unit_name == COMMUNITY
        assert device_info(lap).unit_id == net.community_a
    finally:
        lap.lock()


def test_a_request_sealed_to_the_card_names_nothing_and_the_centre_reads_it(
    net: Net, tmp_path: Path
) -> None:
    lap = _laptop(tmp_path / "new-laptop.hexi")
    try:
        login(net.centre, "admin")
        card = make_card(net.centre, tmp_path / "centre-card.hxr")
        req = tmp_path / "request.hxr"
        res = make_request(lap, req, card=card.file, card_fingerprint=card.fingerprint)
        assert res.peer_fingerprint == card.fingerprint
        raw = req.read_bytes()
        _assert_names_absent(raw, _secrets(lap))
        # Nor is it only hidden from a byte search: the header itself has no unit or directors.
        header = container.decode(raw).header
        assert "unit" not in header and "directors" not in header
        # The centre opens the seal and finds the unit and the director by itself.
        enrolled = enrol_device(net.centre, req, tmp_path / "reply.hxr")
        assert enrolled.unit_name == COMMUNITY and enrolled.directors == [DISPLAY]
        peer = next(p for p in list_peers(net.centre) if p.id == device_info(lap).device_id)
        assert peer.unit_id == net.community_a
        # The label kept at the centre carries no person's name either.
        assert DISPLAY not in peer.label and DIRECTOR not in peer.label
        accept_reply(lap, tmp_path / "reply.hxr")
        assert device_info(lap).unit_id == net.community_a
    finally:
        lap.lock()


def test_a_card_swapped_on_the_way_is_refused(net: Net, tmp_path: Path) -> None:
    """The attacker hands the director a card with their own keys and the centre's name; the
    fingerprint the centre read out by phone does not match it, and nothing is written."""
    lap = _laptop(tmp_path / "new-laptop.hexi")
    try:
        login(net.centre, "admin")
        real = make_card(net.centre, tmp_path / "real-card.hxr")
        genuine = container.read(real.file).header
        thief = KeyPair.generate()
        forged_header = {
            k: v
            for k, v in genuine.items()
            if k not in ("body_size", "body_sha256", "sign_public", "kem_public", "fingerprint")
        }
        forged_header["sign_public"] = base64.b64encode(thief.sign_public).decode()
        forged_header["kem_public"] = base64.b64encode(thief.kem_public).decode()
        forged_header["fingerprint"] = fingerprint(thief.sign_public, thief.kem_public)
        forged = tmp_path / "forged-card.hxr"
        forged.write_bytes(container.encode(forged_header, b"", thief))
        req = tmp_path / "request.hxr"
        with pytest.raises(InvalidInput) as exc:
            make_request(lap, req, card=forged, card_fingerprint=real.fingerprint)
        assert exc.value.problem == "card_mismatch"
        assert "调换" in exc.value.message("zh") and "swapped" in exc.value.message("en")
        # The forged card's own digits are not offered for the director to type in.
        assert forged_header["fingerprint"] not in exc.value.message("zh")
        assert not req.exists()
        # The real card with the real fingerprint (typed with other spacing) is taken.
        make_request(lap, req, card=real.file, card_fingerprint=real.fingerprint.replace(" ", "-"))
        assert read_card(real.file, real.fingerprint).fingerprint == real.fingerprint
    finally:
        lap.lock()
