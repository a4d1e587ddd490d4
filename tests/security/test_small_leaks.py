"""Item 7: the smaller leaks, each tried as the attacker (or the curious next user) would.

On main: the register went through a temp file in TMPDIR, backups were 0644, package headers
counted the records in the clear, `lock()` left a working engine, the reply key lay in clear beside
the store, a 128 MB-JSON package cost the centre 3.6 GB, `child show '%%%%%%'` matched any child,
and `demo` wrote synthetic children into a real store."""

from __future__ import annotations

import io
import json
import os
import stat
import struct
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from hexi_care.cli import run
from hexi_care.db import storefiles
from hexi_care.db.models import Child as ChildRow
from hexi_care.errors import AuthFailed, BadPackage, StoreProblem
from hexi_care.services import recovery
from hexi_care.sync import container, import_package
from hexi_care.sync import payload as pl
from tests.conftest import ADMIN_PW, PW, World, add_child
from tests.sync.exchange_helpers import Net, forge, new_child, submit_visit


def _cli(store: Path, *args: str, stdin: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--store", str(store), *args], io.StringIO(stdin), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def no_tmpdir(tmp_path: Path) -> Iterator[Path]:
    """TMPDIR points nowhere: anything that spills case data to a temp file fails loudly."""
    missing = tmp_path / "no-temp-files-here"
    old = tempfile.tempdir
    tempfile.tempdir = str(missing)
    yield missing
    tempfile.tempdir = old


def test_the_register_never_touches_tmpdir(world: World, tmp_path: Path, no_tmpdir: Path) -> None:
    director = world.login("dir_a")
    add_child(director, world.community_a, name="登记册儿童")
    director.lock()
    out = tmp_path / "register.xlsx"
    code, _, err = _cli(
        world.path,
        "--user",
        "dir_a",
        "--password-stdin",
        "report",
        "register",
        "--unit",
        "紫金里社区",
        "--out",
        str(out),
        stdin=PW + "\n",
    )
    assert code == 0, err
    assert out.stat().st_size > 0 and not no_tmpdir.exists()


def test_every_file_beside_the_store_is_owner_only(world: World, tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        store = world.login("dir_a")
        store.auto_backup()
        store.backup(tmp_path / "manual.hexibak")
        store.lock()
        with pytest.raises(AuthFailed):
            world.login("dir_a", "a-wrong-password")  # writes the throttle file
        pub = Path(recovery.keygen(tmp_path / "centre", "centre-passphrase-x"))
        recovery.set_centre_key(world.admin, pub)
        recovery.make_request(world.path, tmp_path / "req.json", "dir_a", "new-chosen-Pw-42")
    finally:
        os.umask(old_umask)
    beside = [p for p in world.path.parent.iterdir() if p.name.startswith(world.path.name)]
    files = [p for p in beside if p.is_file()]
    files += [*storefiles.backup_dir(world.path).iterdir(), tmp_path / "manual.hexibak"]
    names = {p.name for p in files}
    assert {"store.hexi", "store.hexi.keys", "store.hexi.throttle"} <= names
    assert "store.hexi.recovery-pending" in names
    loose = {p.name: oct(p.stat().st_mode & 0o777) for p in files if p.stat().st_mode & 0o077}
    assert loose == {}
    assert stat.S_IMODE(storefiles.backup_dir(world.path).stat().st_mode) == 0o700


def test_lock_leaves_no_engine_that_can_query(world: World) -> None:
    store = world.login("dir_a")
    engine = store.engine
    assert engine is not None
    store.lock()
    with pytest.raises(StoreProblem), engine.connect() as conn:
        conn.execute(text("SELECT count(*) FROM child"))


def test_child_show_does_not_take_a_like_pattern(world: World) -> None:
    director = world.login("dir_a")
    add_child(director, world.community_a, name="唯一的孩子")
    director.lock()
    code, out, _ = _cli(
        world.path,
        "--user",
        "dir_a",
        "--password-stdin",
        "child",
        "show",
        "%%%%%%",
        "--json",
        stdin=PW + "\n",
    )
    assert code == 5 and "唯一的孩子" not in out
    code, _, _ = _cli(
        world.path,
        "--user",
        "dir_a",
        "--password-stdin",
        "child",
        "show",
        "______",
        "--json",
        stdin=PW + "\n",
    )
    assert code == 5


def test_demo_refuses_a_store_with_real_records(world: World) -> None:
    director = world.login("dir_a")
    add_child(director, world.community_a, name="真实儿童")
    director.lock()
    code, _, err = _cli(
        world.path,
        "--user",
        "admin",
        "--password-stdin",
        "demo",
        "--children",
        "5",
        stdin=ADMIN_PW + "\n",
    )
    assert code == 6 and "演示" in err
    store = world.login("centre")
    with store.system_session() as s:
        assert s.scalar(select(func.count()).select_from(ChildRow)) == 1
    store.lock()


def test_the_package_header_counts_nothing(net: Net) -> None:
    child = new_child(net.la, net.community_a, name="包头测试")
    submit_visit(net.la, child)
    files = net.export("la", "centre")
    header = container.peek_header(files[0])
    assert header is not None
    clear = json.dumps(header, ensure_ascii=False)
    assert "counts" not in clear and "visit" not in clear and "紫金里" not in clear
    assert import_package(net.centre, files[0]).counts["visit"].new == 1


def _doc(net: Net, counts: dict[str, int], lines: bytes) -> bytes:
    head = {
        "format": pl.PAYLOAD_FORMAT,
        "version": pl.FORMAT_VERSION,
        "sender": net.la.device_id,
        "recipient": net.centre.device_id,
        "seq": 1,
        "created_at": "2026-01-01T00:00:00+00:00",
        "acks": {"packages": [], "max_seq": 0},
        "blob_size": 0,
        "counts": counts,
    }
    doc = json.dumps(head).encode() + lines
    return struct.pack(">Q", len(doc)) + doc


@pytest.mark.parametrize(
    ("label", "line", "size"),
    [
        ("128 MB of JSON", b'\n["visit",[[],[],[],[]]]', 128_000_000),
        (
            "dense lines under the byte caps",
            b'\n["visit",[' + b",".join([b"[]"] * 5000) + b"]]",
            32 << 20,
        ),
    ],
)
def test_a_signed_json_bomb_is_refused_before_it_is_parsed(
    net: Net, tmp_path: Path, label: str, line: bytes, size: int
) -> None:
    n = size // len(line)
    path = forge(
        net.la, net.centre, tmp_path / "bomb.hxp", content=_doc(net, {"visit": n}, line * n)
    )
    assert path.stat().st_size < 2_000_000, label  # small on the wire
    with pytest.raises(BadPackage) as exc:
        import_package(net.centre, path)
    assert exc.value.params["reason"] == "too_big"
