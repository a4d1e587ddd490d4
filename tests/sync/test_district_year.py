"""A simulated district year (issue 12, item 12), the short version of bench/bench_district_year.py:
four laptops and the centre for sixteen weeks, with lost, duplicated and late packages, same-field
edits on both sides, and laptops restored from old backups. At the end every store agrees, every
delivered visit is everywhere, and every conflict appeared once and was resolved."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_short_district_year(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from bench_district_year import simulate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    problems = simulate(4, 16, 2, seed=3, folder=tmp_path, restore_rate=0.08, centre_edit_rate=0.6)
    assert problems == []
