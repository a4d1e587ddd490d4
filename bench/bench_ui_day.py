"""The window open for a working day (issue 12, item 13): runs tests/ui/test_working_day.py with the
issue's day (500 searches, 50 child files, 20 visits, 5 reports, 6 locks and unlocks) and prints
resident memory at the start and end; fails if it grew by 50 MB or a Qt warning appeared.

Run: nice -n 19 .venv/bin/python bench/bench_ui_day.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    began = time.monotonic()
    load = os.getloadavg()[0]
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/ui/test_working_day.py",
            "-q",
            "-s",
            "-p",
            "no:cacheprovider",
        ],
        cwd=ROOT,
        env={**os.environ, "HEXI_BENCH_DAY": "full", "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
    )
    for line in done.stdout.splitlines():
        if line.startswith("working day") or "passed" in line or "failed" in line:
            print(line)
    if done.returncode:
        print(done.stdout[-4000:], done.stderr[-2000:])
    print(
        f"{time.monotonic() - began:.0f} s; load {load:.1f} → {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores"
    )
    sys.exit(done.returncode)


if __name__ == "__main__":
    main()
