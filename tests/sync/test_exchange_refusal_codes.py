"""Refusals from the command line (issue 12, items 4 and 5): exit 5, never 1, and `--json` gives a
machine-readable reason code; peers are named by unit and a short fingerprint, so two laptops of
one community are told apart; parts of another export are reported as that."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path
from typing import Any

from hexi_care.cli import run
from hexi_care.services import attachments, users
from hexi_care.services.context import UnitOfWork
from hexi_care.sync import accept_reply, enrol_device, list_peers, make_card, make_request
from hexi_care.sync import payload as pl
from hexi_care.sync.crypto import KeyPair
from tests.sync.exchange_helpers import (
    PW,
    Net,
    bare_laptop,
    forge,
    new_child,
    submit_visit,
)


def cli(net: Net, where: str, *args: str, as_json: bool = True) -> tuple[int, Any, str]:
    user = {"centre": "centre", "la": "dir_a", "lb": "dir_b"}[where]
    argv = ["--store", str(net.stores[where].path), "--user", user, "--password-stdin", *args]
    out, err = io.StringIO(), io.StringIO()
    code = run([*argv, "--json"] if as_json else argv, io.StringIO(PW + "\n"), out, err)
    text = out.getvalue().strip()
    if not text or not as_json:
        return code, None, err.getvalue()
    try:
        doc = json.loads(text)
    except ValueError:  # a refusal: the message went to stderr, one JSON line to stdout
        doc = json.loads(text.splitlines()[-1])
    return code, doc, err.getvalue()


def refused_code(net: Net, where: str, path: Path) -> str:
    code, doc, err = cli(net, where, "package", "import", str(path))
    assert code == 5, (code, err)
    assert doc["error"] == "bad_package" and doc["exit_code"] == 5 and doc["message"]
    return str(doc["problem"])


def second_laptop_for_a(net: Net, tmp_path: Path) -> str:
    """Another laptop of the first community, enrolled like the first (card, digits, reply)."""
    lap = bare_laptop(tmp_path / "lc.hexi")
    card = make_card(net.centre, tmp_path / "centre.card")
    make_request(
        lap,
        tmp_path / "lc.request",
        unit_ref="紫金里社区",
        card=card.file,
        card_fingerprint=card.fingerprint,
    )
    res = enrol_device(net.centre, tmp_path / "lc.request", tmp_path / "lc.reply")
    accept_reply(lap, tmp_path / "lc.reply")
    # The reply brought the centre's unit tree: the laptop only needs its director's account.
    with UnitOfWork(lap) as uow:
        users.add_user(uow, "dir_c", "director", net.community_a, PW)
    lap.lock()
    assert res.peer is not None
    return res.peer.label


def test_peers_of_one_community_are_told_apart(net: Net, tmp_path: Path) -> None:
    label_c = second_laptop_for_a(net, tmp_path)
    labels = [p.label for p in list_peers(net.centre) if p.role == "laptop"]
    assert len(labels) == len(set(labels)) == 3
    label_a = next(p.label for p in list_peers(net.centre) if p.id == net.la.device_id)
    assert label_a.startswith("紫金里社区 · ") and label_c.startswith("紫金里社区 · ")
    assert label_a != label_c
    out = tmp_path / "p.hxp"
    code, doc, err = cli(
        net, "centre", "package", "export", "--to", "紫金里社区", "--out", str(out)
    )
    assert code == 5 and doc["error"] == "ambiguous" and doc["problem"] == "ambiguous", err
    code, doc, err = cli(net, "centre", "package", "export", "--to", label_a, "--out", str(out))
    assert code == 0, err
    assert doc["peer"] == net.la.device_id
    (centre,) = [p for p in list_peers(net.la) if p.role == "centre"]
    digits = centre.fingerprint.replace(" ", "")[:4]
    assert centre.label.endswith(f" · {digits}")


def test_export_to_a_revoked_device_exits_5(net: Net, tmp_path: Path) -> None:
    code, doc, err = cli(net, "centre", "device", "revoke", net.la.device_id, as_json=False)
    assert code == 0, err
    code, doc, err = cli(
        net, "centre", "package", "export", "--to", net.la.device_id, "--out", str(tmp_path / "x")
    )
    assert code == 5, err
    assert doc["error"] == "exchange.peer_revoked" and doc["problem"] == "revoked"


def test_every_package_refusal_has_a_reason_code(net: Net, tmp_path: Path) -> None:
    child = new_child(net.la, net.community_a)
    submit_visit(net.la, child)
    good = net.export("la", "centre")[0]
    data = good.read_bytes()
    cut = tmp_path / "cut.hxp"
    cut.write_bytes(data[: len(data) // 2])
    assert refused_code(net, "centre", cut) == "truncated"
    flipped = tmp_path / "flip.hxp"
    flipped.write_bytes(data[:-10] + bytes([data[-10] ^ 1]) + data[-9:])
    assert refused_code(net, "centre", flipped) == "tampered"
    assert refused_code(net, "lb", good) == "wrong_recipient"
    newer = forge(net.la, net.centre, tmp_path / "v.hxp", container_version=2)
    assert refused_code(net, "centre", newer) == "newer_version"
    big = forge(
        net.la,
        net.centre,
        tmp_path / "big.hxp",
        manifest={"content": {"size": pl.MAX_CONTENT_BYTES + 1, "sha256": "0" * 64}},
    )
    assert refused_code(net, "centre", big) == "too_large"
    stranger = forge(net.la, net.centre, tmp_path / "s.hxp", keys=KeyPair.generate())
    assert refused_code(net, "centre", stranger) == "tampered"
    code, _, err = cli(net, "centre", "package", "import", str(good))
    assert code == 0, err
    assert refused_code(net, "centre", good) == "replayed"
    code, _, err = cli(net, "centre", "device", "revoke", net.lb.device_id, as_json=False)
    assert code == 0, err
    assert refused_code(net, "centre", net.export("lb", "centre")[0]) == "revoked"


def test_parts_of_another_export_are_named_as_such(net: Net, tmp_path: Path) -> None:
    child = new_child(net.la, net.community_a)
    with UnitOfWork(net.la) as uow:
        for i in range(3):
            attachments.add_attachment(uow, child, f"scan{i}.png", os.urandom(6000))
    first = net.export("la", "centre", part_size=pl.MIN_PART_SIZE)
    second = net.export("la", "centre", part_size=pl.MIN_PART_SIZE)
    assert len(first) > 2 and len(second) > 2
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    shutil.copy(first[0], mixed / "a-part1.hxp")
    shutil.copy(second[1], mixed / "b-part2.hxp")
    assert refused_code(net, "centre", mixed / "a-part1.hxp") == "mixed_parts"
    (mixed / "b-part2.hxp").unlink()
    assert refused_code(net, "centre", mixed / "a-part1.hxp") == "missing_parts"
