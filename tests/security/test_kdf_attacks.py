"""Item 4: weak password protection. On main `HEXI_CARE_FAST_KDF=1` in the environment made every
new slot take t=1, m=8 KiB (27,000 guesses a second per core), nothing noticed, and `12345678` was
accepted."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hexi_care.cli import run
from hexi_care.db import keys
from hexi_care.db.keys import KdfParams, KeySlots
from hexi_care.db.store import unlock
from hexi_care.db.storefiles import keys_path
from hexi_care.errors import InvalidInput
from hexi_care.services import users
from tests import cheap_kdf
from tests.conftest import ADMIN_PW, PW, World

ROOT = Path(__file__).resolve().parents[2]


def _cli(store: Path, *args: str, stdin: str, lang: str = "zh") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--lang", lang, "--store", str(store), *args], io.StringIO(stdin), out, err)
    return code, out.getvalue(), err.getvalue()


def test_no_environment_variable_weakens_a_new_store(tmp_path: Path) -> None:
    """The built program, in its own process, with every switch an attacker might set."""
    store = tmp_path / "real.hexi"
    env = dict(os.environ, PYTHONPATH=str(ROOT), HEXI_CARE_FAST_KDF="1", HEXI_CARE_TEST="1")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "hexi_care.cli",
            "--store",
            str(store),
            "--password-stdin",
            "init",
            "--admin",
            "admin",
        ],
        input="a-real-admin-Pw-8\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    for slot in KeySlots.load(keys_path(store)).slots:
        if slot.kdf is not None:
            assert not KdfParams(**slot.kdf).below(cheap_kdf.REAL_FLOOR), slot.kdf


def test_unlock_strengthens_a_weak_slot_and_check_reports_the_rest(
    world: World, real_kdf: None
) -> None:
    world.admin.lock()
    code, out, _ = _cli(
        world.path,
        "--user",
        "admin",
        "--password-stdin",
        "store",
        "check",
        "--json",
        stdin=ADMIN_PW + "\n",
    )
    # admin's own slot was strengthened by that very unlock; the other users' are reported.
    assert code == 6
    assert any("4 " in p for p in json.loads(out)["problems"]), out
    slots = KeySlots.load(keys_path(world.path))
    admin_slot = slots.find(slots.slot_id_for("admin"))
    assert admin_slot is not None and admin_slot.kdf is not None
    assert not KdfParams(**admin_slot.kdf).below(keys.FLOOR)
    for name in ("dir_a", "dir_b", "street_a", "centre"):
        unlock(world.path, name, PW).lock()
    code, out, _ = _cli(
        world.path,
        "--user",
        "admin",
        "--password-stdin",
        "store",
        "check",
        "--json",
        stdin=ADMIN_PW + "\n",
    )
    assert code == 0, out


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("12345678", "weak_common"),
        ("88888888", "weak_repeat"),
        ("woaini1314", "weak_common"),
        ("1qaz2wsx", "weak_common"),
        ("abcdefghij", "weak_sequence"),
        ("zhangsan2020", "weak_name"),
    ],
)
def test_common_passwords_are_refused_with_a_reason(password: str, problem: str) -> None:
    with pytest.raises(InvalidInput) as exc:
        users.check_password(password, names=("zhangsan",))
    assert exc.value.problem == problem
    assert exc.value.message("zh") != exc.value.message("en")


def test_the_cli_refuses_12345678_and_says_why(world: World) -> None:
    code, _, err = _cli(
        world.path,
        "--user",
        "admin",
        "--password-stdin",
        "user",
        "add",
        "x1",
        "--role",
        "director",
        "--unit",
        "紫金里社区",
        stdin=f"{ADMIN_PW}\n12345678\n",
    )
    assert code == 5 and "常见密码" in err
    code, _, err = _cli(
        world.path,
        "--user",
        "admin",
        "--password-stdin",
        "user",
        "add",
        "x1",
        "--role",
        "director",
        "--unit",
        "紫金里社区",
        stdin=f"{ADMIN_PW}\n12345678\n",
        lang="en",
    )
    assert code == 5 and "common password" in err
