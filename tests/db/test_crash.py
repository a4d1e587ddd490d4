"""kill -9 in the middle of a burst of writes leaves a store that opens, passes its integrity checks
and holds every write that was acknowledged."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select

from hexi_care.db import audit
from hexi_care.db.models import Visit as VisitRow
from hexi_care.db.store import unlock
from tests.conftest import PW, World, add_child

ROOT = Path(__file__).resolve().parents[2]


def test_kill_minus_nine_keeps_acknowledged_writes(world: World) -> None:
    director = world.login("dir_a")
    child = add_child(director, world.community_a)
    director.lock()
    world.admin.lock()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    acknowledged: list[str] = []
    for round_ in range(3):
        proc = subprocess.Popen(
            [
                sys.executable,
                str(Path(__file__).with_name("crash_writer.py")),
                str(world.path),
                "dir_a",
                PW,
                child.id or "",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        assert proc.stdout is not None
        deadline = time.monotonic() + 60
        target = 40 + 25 * round_
        got = 0
        while got < target and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            acknowledged.append(line.strip())
            got += 1
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert got == target, proc.stderr.read() if proc.stderr else ""

    store = unlock(world.path, "centre", PW)
    try:
        assert store.check() == []
        with store.system_session() as s:
            present = set(s.scalars(select(VisitRow.id)))
            chain = audit.verify(s, store.mac_key)
        missing = [v for v in acknowledged if v not in present]
        assert missing == []
        assert chain.ok, chain.problems
    finally:
        store.lock()
