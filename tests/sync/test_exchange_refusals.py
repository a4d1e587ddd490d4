"""Every bad input from the issue is refused with a clear message and nothing imported: a truncated
file, one flipped byte anywhere, another recipient, an unknown or revoked sender, a replay, a newer
program version, an oversized or decompression-bomb payload, a manifest that does not match its
payload; and records outside the sender's communities."""

from __future__ import annotations

import os
import shutil
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from hexi_care.db.models import Child as ChildRow
from hexi_care.errors import BadPackage
from hexi_care.sync import import_package, revoke_peer
from hexi_care.sync import payload as pl
from hexi_care.sync.crypto import KeyPair
from hexi_care.sync.records import digest
from tests.sync.exchange_helpers import (
    Net,
    Template,
    body_offset,
    forge,
    item_of,
    login,
    new_child,
    open_net,
    store_state,
    submit_visit,
)


def refused(net: Net, where: str, path: Path) -> str:
    """Import `path` into `where`; it must be refused and leave the store unchanged."""
    store = net.stores[where]
    before = store_state(store)
    with pytest.raises(BadPackage) as exc:
        import_package(store, path)
    assert store_state(store) == before
    reason = str(exc.value.params["reason"])
    zh, en = exc.value.message("zh"), exc.value.message("en")
    assert zh.startswith("数据包无法导入：") and f"package.{reason}" not in zh
    assert en.startswith("The package cannot be imported: ") and f"package.{reason}" not in en
    return reason


@pytest.fixture(scope="module")
def shared(
    net_template: Template, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Net, bytes]]:
    """One laptop package with a child and a visit (for the byte-level properties)."""
    n = open_net(net_template, tmp_path_factory.mktemp("refusals"))
    child = new_child(n.la, n.community_a)
    submit_visit(n.la, child)
    path = n.export("la", "centre")[0]
    yield n, path.read_bytes()
    n.close()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_truncated_file_is_refused(
    shared: tuple[Net, bytes], tmp_path: Path, data: st.DataObject
) -> None:
    net, good = shared
    cut = data.draw(st.integers(min_value=0, max_value=len(good) - 1), label="cut")
    bad = tmp_path / f"cut-{cut}.hxp"
    bad.write_bytes(good[:cut])
    assert refused(net, "centre", bad) in ("truncated", "not_a_package", "damaged")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_one_flipped_byte_anywhere_is_refused(
    shared: tuple[Net, bytes], tmp_path: Path, data: st.DataObject
) -> None:
    net, good = shared
    pos = data.draw(st.integers(min_value=0, max_value=len(good) - 1), label="position")
    bit = data.draw(st.integers(min_value=0, max_value=7), label="bit")
    flipped = bytearray(good)
    flipped[pos] ^= 1 << bit
    bad = tmp_path / f"flip-{pos}-{bit}.hxp"
    bad.write_bytes(bytes(flipped))
    refused(net, "centre", bad)


def test_flipped_byte_in_the_sealed_body_is_refused(
    shared: tuple[Net, bytes], tmp_path: Path
) -> None:
    net, good = shared
    start = body_offset(good)
    for pos in (start, (start + len(good)) // 2, len(good) - 1):
        flipped = bytearray(good)
        flipped[pos] ^= 0x40
        bad = tmp_path / f"body-{pos}.hxp"
        bad.write_bytes(bytes(flipped))
        assert refused(net, "centre", bad) == "damaged"
    # The untouched file still imports (so the refusals above were about the flipped byte).
    ok = tmp_path / "ok.hxp"
    ok.write_bytes(good)
    import_package(net.centre, ok)


def test_package_for_another_recipient(net: Net) -> None:
    path = net.export("centre", "la")[0]
    assert refused(net, "lb", path) == "wrong_recipient"


def test_unknown_sender(net: Net, tmp_path: Path) -> None:
    stranger = KeyPair.generate()
    path = forge(
        net.la,
        net.centre,
        tmp_path / "x.hxp",
        keys=stranger,
        sender_id="00000000-0000-4000-8000-000000000000",
    )
    assert refused(net, "centre", path) == "unknown_sender"


def test_forged_signature(net: Net, tmp_path: Path) -> None:
    path = forge(net.la, net.centre, tmp_path / "x.hxp", keys=KeyPair.generate())
    assert refused(net, "centre", path) == "bad_signature"


def test_revoked_sender(net: Net) -> None:
    new_child(net.la, net.community_a)
    path = net.export("la", "centre")[0]
    login(net.centre, "admin")
    revoke_peer(net.centre, net.la.device_id)
    assert refused(net, "centre", path) == "revoked_sender"


def test_old_package_replayed(net: Net) -> None:
    child = new_child(net.la, net.community_a)
    submit_visit(net.la, child)
    path = net.export("la", "centre")[0]
    import_package(net.centre, path)
    net.send("centre", "la")
    net.send("la", "centre")
    assert refused(net, "centre", path) == "replayed"


def test_package_from_a_newer_program(net: Net, tmp_path: Path) -> None:
    path = forge(
        net.la, net.centre, tmp_path / "v2.hxp", manifest={"version": pl.FORMAT_VERSION + 1}
    )
    assert refused(net, "centre", path) == "too_new"
    path = forge(net.la, net.centre, tmp_path / "c2.hxp", container_version=2)
    assert refused(net, "centre", path) == "too_new"


def test_decompression_bomb(net: Net, tmp_path: Path) -> None:
    bomb = zlib.compress(b"\0" * (64 << 20), 9)  # 64 MiB of zeros in ~64 KB
    path = forge(net.la, net.centre, tmp_path / "bomb.hxp", compressed=bomb)
    assert refused(net, "centre", path) == "too_big"


def test_oversized_declared_payload(net: Net, tmp_path: Path) -> None:
    path = forge(
        net.la,
        net.centre,
        tmp_path / "big.hxp",
        manifest={"content": {"size": pl.MAX_CONTENT_BYTES + 1, "sha256": "0" * 64, "counts": {}}},
    )
    assert refused(net, "centre", path) == "too_big"


def test_manifest_that_does_not_match_its_payload(net: Net, tmp_path: Path) -> None:
    child = new_child(net.la, net.community_a)
    items = {"child": [item_of(net.la, "child", child)]}
    path = forge(net.la, net.centre, tmp_path / "counts.hxp", items=items, counts={"child": 2})
    assert refused(net, "centre", path) == "mismatch"
    # A record whose digest does not match its fields.
    tampered = item_of(net.la, "child", child)
    tampered[2]["name"] = "别人"
    path = forge(net.la, net.centre, tmp_path / "digest.hxp", items={"child": [tampered]})
    assert refused(net, "centre", path) == "mismatch"
    # Payload addressed differently from its manifest.
    path = forge(net.la, net.centre, tmp_path / "seq.hxp", document={"seq": 7}, manifest={"seq": 1})
    assert refused(net, "centre", path) == "mismatch"


def test_records_outside_the_laptops_communities(net: Net, tmp_path: Path) -> None:
    b_child = new_child(net.centre, net.community_b, name="李四")
    # A laptop that sends a child of another community: refused as a whole.
    path = forge(
        net.la,
        net.centre,
        tmp_path / "scope.hxp",
        items={"child": [item_of(net.centre, "child", b_child)]},
    )
    assert refused(net, "centre", path) == "out_of_scope"
    # A centre package for laptop A that holds a child of community B: refused as well.
    path = forge(
        net.centre,
        net.la,
        tmp_path / "scope2.hxp",
        items={"child": [item_of(net.centre, "child", b_child)]},
    )
    assert refused(net, "la", path) == "out_of_scope"


def test_missing_part_of_a_split_package(net: Net, tmp_path: Path) -> None:
    from hexi_care.services import attachments
    from hexi_care.services.context import UnitOfWork

    child = new_child(net.la, net.community_a)
    with UnitOfWork(net.la) as uow:
        for i in range(3):
            attachments.add_attachment(uow, child, f"scan{i}.png", os.urandom(6000))
    files = net.export("la", "centre", part_size=pl.MIN_PART_SIZE)
    assert len(files) > 2
    hidden = files[1].with_name("elsewhere.bin")
    shutil.move(files[1], tmp_path / hidden.name)
    assert refused(net, "centre", files[0]) == "incomplete"
    shutil.move(tmp_path / hidden.name, files[1])
    result = import_package(net.centre, files[-1])  # any part will do
    assert result.parts == len(files) and result.counts["attachment"].new == 3


def test_a_name_stored_before_the_names_rule_still_travels(net: Net, tmp_path: Path) -> None:
    """Packages apply rows as they come: a laptop that stored a name before today's names rule
    (an emoji in it) still sends its whole package; the name is fixed where it was typed."""
    child = new_child(net.la, net.community_a)
    item = item_of(net.la, "child", child)
    item[2]["name"] = "姚泽宇😀"
    item[1] = digest(item[2])
    home = item_of(net.la, "household", item[2]["household_id"])
    path = forge(
        net.la, net.centre, tmp_path / "old-name.hxp", items={"household": [home], "child": [item]}
    )
    import_package(net.centre, path)
    with net.centre.system_session() as s:
        assert s.execute(select(ChildRow.name).where(ChildRow.id == child)).scalar_one() == (
            "姚泽宇😀"
        )
