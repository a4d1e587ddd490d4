"""Two programs on one store (issue 12, item 8): while another program writes, a command waits for
it (up to a few seconds) and then saves; if the other holds on longer, the command exits 6 with a
message and saves nothing. Nothing is corrupted and both programs' acknowledged work is there."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hexi_care.cli import run
from hexi_care.db.engine import BUSY_TIMEOUT_MS
from hexi_care.db.store import unlock
from hexi_care.services import children, visits
from hexi_care.services.context import UnitOfWork
from tests.conftest import PW, World, add_child, fixed_clock
from tests.factories import complete_visit_json

ROOT = Path(__file__).resolve().parents[2]


def hold(world: World, child_id: str, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.faults.hold_writer",
            str(world.path),
            "street_a",
            PW,
            child_id,
            str(seconds),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "holding"
    return proc


def visit_add(world: World, child_id: str, day: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    argv = [
        "--store",
        str(world.path),
        "--user",
        "dir_a",
        "--password-stdin",
        "visit",
        "add",
        "--child",
        child_id,
    ]
    stdin = PW + "\n" + json.dumps(complete_visit_json(day))
    return run(argv, io.StringIO(stdin), out, err), err.getvalue()


@pytest.mark.parametrize(("seconds", "expected"), [(1.5, 0), (BUSY_TIMEOUT_MS / 1000 + 4, 6)])
def test_a_command_waits_for_the_other_program_or_exits_6(
    world: World, seconds: float, expected: int
) -> None:
    child = add_child(world.login("dir_a"), world.community_a)
    assert child.id is not None
    world.close()
    other = hold(world, child.id, seconds)
    code, err = visit_add(world, child.id, "2026-11-02")
    assert other.wait(timeout=60) == 0
    assert code == expected, err
    if expected:
        assert "另一个程序" in err  # 数据库正被另一个程序使用……
    store = unlock(world.path, "dir_a", PW, clock=fixed_clock)
    assert store.check() == []
    with UnitOfWork(store) as uow:
        assert children.get_child(uow, child.id).school == "另一个程序写的学校"
        assert len(visits.list_visits(uow, child_id=child.id)) == (0 if expected else 1)
    store.lock()
