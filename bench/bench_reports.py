"""Benchmark of the printed documents (issue 4), on the made-up sample data (no store needed).

Prints: font registration (first use in a process), one visit summary (p50/p95 after warm-up,
target ≤ 100 ms), a batch of N visit summaries in one PDF (pages/s, target ≥ 50), a batch of
checklists, and each document once.
Run: .venv/bin/python bench/bench_reports.py [--summaries 1000] [--checklists 200] [--out DIR]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

from pypdf import PdfReader

from hexi_care.reports.batch import render_batch
from hexi_care.reports.fonts import register_fonts
from hexi_care.reports.summary import render_summary

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the sample data lives in tests/
from tests.reports import samples


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--summaries", type=int, default=1000)
    ap.add_argument("--checklists", type=int, default=200)
    ap.add_argument("--out", type=Path, help="also write the batch PDFs here")
    args = ap.parse_args()
    meta = samples.meta()

    t = time.perf_counter()
    register_fonts()
    print(f"font registration: {(time.perf_counter() - t) * 1000:.0f} ms (once per process)")

    render_summary(samples.summary(), meta)  # warm-up: glyph widths, parse caches
    times = []
    for _ in range(30):
        data = samples.summary()
        t = time.perf_counter()
        render_summary(data, meta)
        times.append((time.perf_counter() - t) * 1000)
    print(
        f"one visit summary: p50 {statistics.median(times):.1f} ms, "
        f"p95 {pct(times, 95):.1f} ms (target ≤ 100 ms)"
    )

    items = samples.many_summaries(args.summaries)
    t = time.perf_counter()
    pdf = render_batch(items, meta)
    elapsed = time.perf_counter() - t
    assert pdf is not None
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(
        f"batch of {args.summaries} summaries: {pages} pages in {elapsed:.1f} s = "
        f"{pages / elapsed:.0f} pages/s (target ≥ 50), {len(pdf) / 2**20:.1f} MB"
    )
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "summaries.pdf").write_bytes(pdf)

    checklists = [samples.checklist() for _ in range(args.checklists)]
    for i, c in enumerate(checklists):
        if c.child is not None:
            c.child.id = f"{samples.CHILD_ID[:-6]}{i:06d}"
    t = time.perf_counter()
    pdf = render_batch(checklists, meta)
    elapsed = time.perf_counter() - t
    assert pdf is not None
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(
        f"batch of {args.checklists} checklists: {pages} pages in {elapsed:.1f} s = "
        f"{pages / elapsed:.0f} pages/s"
    )
    if args.out:
        (args.out / "checklists.pdf").write_bytes(pdf)

    for name, render in samples.documents().items():
        t = time.perf_counter()
        data = render()
        ms = (time.perf_counter() - t) * 1000
        assert data is not None
        n = len(PdfReader(io.BytesIO(data)).pages)
        print(f"{name}: {ms:.0f} ms, {n} page(s)")


if __name__ == "__main__":
    main()
