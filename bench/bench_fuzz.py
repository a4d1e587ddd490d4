"""Coverage-guided fuzzing run (issue 12, item 11): each harness in fuzz/ for a number of executions
on its seed corpus (fuzz/make_corpus.py makes it from real files), one after the other.

Run: nice -n 19 .venv/bin/python bench/bench_fuzz.py [--runs 1000000] [--only package,backup]
Prints per harness: executions done, seconds, executions per second, crashes (the crashing input is
written to --artifacts; keep it as a regression test in tests/fuzz_regressions/).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HARNESSES = ("package", "backup", "enrol", "json_input")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=1_000_000)
    ap.add_argument("--only", default=",".join(HARNESSES))
    ap.add_argument("--artifacts", type=Path, default=Path("/tmp/hexi-fuzz-artifacts"))
    args = ap.parse_args()
    args.artifacts.mkdir(parents=True, exist_ok=True)
    corpus = ROOT / "fuzz" / "corpus"
    if not corpus.is_dir():
        subprocess.run([sys.executable, str(ROOT / "fuzz" / "make_corpus.py")], check=True)
    print(f"load average before: {os.getloadavg()[0]:.2f} (cores: {os.cpu_count()})", flush=True)
    crashes = 0
    for name in [h for h in args.only.split(",") if h]:
        # libFuzzer grows the corpus it is given: work on a copy so the seeds stay as made.
        work = args.artifacts / f"corpus-{name}"
        work.mkdir(exist_ok=True)
        for seed in (corpus / name).iterdir():
            (work / seed.name).write_bytes(seed.read_bytes())
        began = time.monotonic()
        done = subprocess.run(
            [
                sys.executable,
                str(ROOT / "fuzz" / f"fuzz_{name}.py"),
                f"-runs={args.runs}",
                f"-artifact_prefix={args.artifacts}/{name}-",
                "-max_len=65536",
                "-print_final_stats=1",
                str(work),
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        seconds = time.monotonic() - began
        text = done.stdout + done.stderr
        execs = re.search(r"stat::number_of_executed_units:\s*(\d+)", text)
        found = re.search(r"Done (\d+) runs", text)
        n = int(execs.group(1)) if execs else int(found.group(1)) if found else 0
        crashed = done.returncode != 0
        crashes += crashed
        cov = re.findall(r"cov: (\d+)", text)
        print(
            f"{name:11} executions {n:9,}  {seconds:7.0f} s  {n / max(seconds, 1e-9):8,.0f}/s  "
            f"coverage {cov[-1] if cov else '?'}  corpus {len(list(work.iterdir()))}  "
            f"{'CRASH' if crashed else 'no crash'}",
            flush=True,
        )
        if crashed:
            print("\n".join(text.splitlines()[-25:]), flush=True)
    print(f"load average after: {os.getloadavg()[0]:.2f}", flush=True)
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
