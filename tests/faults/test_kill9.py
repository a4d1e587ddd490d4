"""kill -9 at random moments (issue 12, item 9), the short version of bench/bench_kill9.py: two runs of
each kind of work, killed at a random moment; the store opens sound and holds what was acknowledged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_kill_minus_nine_at_random_moments(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "bench_kill9.py"),
            "--runs",
            "2",
            "--seed",
            "7",
            "--dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    lines = [ln for ln in done.stdout.splitlines() if "runs" in ln]
    assert len(lines) == 7 and all("failures   0" in ln for ln in lines), done.stdout
