"""Start-up benchmark of the program as installed (issue 8), not a timed test.

    .venv/bin/python bench/bench_startup.py [--frozen dist/hexi-care] [--runs 7]

Measures, in fresh processes, for the checkout's installed program (.venv/bin) and, when given, the
frozen one-folder program (installer/build-frozen):
  - `hexi-care --version`                                           target ≤ 0.2 s
  - a typical command, `child list --json --limit 20` on a 200-child store, minus the password
    derivation (Argon2id, calibrated to about half a second on purpose)  target ≤ 0.4 s
  - the window: launch to the unlock dialog on screen (offscreen)    target ≤ 0.5 s (frozen)
Each figure is the median of --runs runs (min in brackets); the first, cold run of each is
reported apart. The store uses the real derivation: HEXI_CARE_FAST_KDF is removed.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ADMIN_PW = "bench-admin-pw-1"
CENTRE_PW = "bench-centre-pw-1"
TARGETS = {"version": 0.2, "command": 0.4, "window": 0.5}


def environ(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HEXI_CARE_", "XDG_"))}
    env.update(
        HOME=str(home),
        HEXI_CARE_LOGS=str(home / "logs"),
        HEXI_CARE_SETTINGS=str(home / "settings.ini"),
        HEXI_CARE_NO_DIALOGS="1",
        QT_QPA_PLATFORM="offscreen",
    )
    return env


def timed(fn: Callable[[], float | None], runs: int) -> tuple[float, list[float]]:
    """(cold, warm runs) of fn, which returns its own figure or None to be timed from outside."""
    figures = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        got = fn()
        figures.append(got if got is not None else time.perf_counter() - start)
    return figures[0], figures[1:]


def cli(program: Path, env: dict[str, str], *args: str, stdin: str = "") -> None:
    subprocess.run(
        [str(program), *args], input=stdin, env=env, capture_output=True, text=True, check=True
    )


def derivation_seconds(store: Path, runs: int) -> float:
    """The password derivation alone (what the command pays before any work)."""
    from hexi_care.db.keys import KeySlots

    slots = KeySlots.load(store.with_name(store.name + ".keys"))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        slots.unlock_password("centre", CENTRE_PW)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def window_seconds(gui: Path, store: Path, env: dict[str, str], log: Path) -> float:
    before = log.read_text(encoding="utf-8") if log.exists() else ""
    started = time.time()
    proc = subprocess.Popen(
        [str(gui), "--store", str(store)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while proc.poll() is None and time.time() - started < 60:
            text = log.read_text(encoding="utf-8")[len(before) :] if log.exists() else ""
            m = re.search(r"unlock dialog shown at ([0-9.]+)", text)
            if m:
                return float(m.group(1)) - started
            time.sleep(0.01)
        raise RuntimeError(f"no unlock dialog (exit {proc.poll()})")
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()


def line(
    name: str, cold: float, warm: list[float], target: float | None, minus: float = 0.0
) -> str:
    med = statistics.median(warm) - minus
    low = min(warm) - minus
    verdict = "" if target is None else ("  ok" if med <= target else "  OVER")
    goal = f"target ≤ {target:.2f} s" if target is not None else ""
    return f"  {name:<44} {med:6.3f} s  (min {low:.3f}, cold {cold - minus:.3f})  {goal}{verdict}"


def bench(label: str, folder: Path, store: Path, home: Path, runs: int, kdf: float) -> None:
    env = environ(home)
    program, gui = folder / "hexi-care", folder / "hexi-care-gui"
    print(f"{label}: {folder}")
    cold, warm = timed(lambda: cli(program, env, "--version"), runs)
    print(line("hexi-care --version", cold, warm, TARGETS["version"]))

    def command() -> None:
        cli(
            program, env, "--store", str(store), "--user", "centre", "--password-stdin",
            "child", "list", "--json", "--limit", "20", stdin=CENTRE_PW + "\n",
        )  # fmt: skip

    cold, warm = timed(command, runs)
    print(line("child list --json (total)", cold, warm, None))
    print(line("child list --json (minus derivation)", cold, warm, TARGETS["command"], kdf))
    log = home / "logs" / "hexi-care.log"
    cold, warm = timed(lambda: window_seconds(gui, store, env, log), runs)
    print(line("window: launch to unlock dialog", cold, warm, TARGETS["window"]))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--frozen", type=Path, help="a frozen dist/hexi-care folder")
    p.add_argument("--runs", type=int, default=7)
    args = p.parse_args(argv)
    venv_bin = Path(sys.executable).parent
    with tempfile.TemporaryDirectory(prefix="hexi-bench-startup-") as tmp:
        home = Path(tmp)
        store = home / "bench.hexi"
        env = environ(home)
        program = venv_bin / "hexi-care"
        base = ("--store", str(store), "--password-stdin")
        cli(program, env, *base, "init", "--admin", "admin", stdin=ADMIN_PW + "\n")
        admin = (*base, "--user", "admin")
        centre = ("centre", "--role", "centre_supervisor", "--unit", "河西区")
        cli(program, env, *admin, "user", "add", *centre, stdin=f"{ADMIN_PW}\n{CENTRE_PW}\n")
        cli(program, env, *admin, "demo", "--children", "200", stdin=ADMIN_PW + "\n")
        kdf = derivation_seconds(store, 3)
        print(f"machine: {os.cpu_count()} cores; password derivation {kdf:.3f} s (median of 3)")
        bench("installed (.venv)", venv_bin, store, home, args.runs, kdf)
        if args.frozen:
            bench("frozen", args.frozen.resolve(), store, home, args.runs, kdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
