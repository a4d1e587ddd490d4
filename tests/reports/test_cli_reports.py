"""The report commands on a real store: each document is written, holds what its reader may see
(read back with pypdf), and generating it is audited."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from hexi_care.db.models import AuditEvent
from hexi_care.domain.enums import ReportTrigger
from hexi_care.domain.model import MandatoryReport
from hexi_care.services import casework, visits
from hexi_care.services.context import UnitOfWork
from tests.cli.test_cli import Hexi
from tests.conftest import PW, World, add_child
from tests.factories import complete_visit


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


@pytest.fixture
def filled(world: World) -> tuple[World, str, str]:
    from datetime import UTC, datetime

    director = world.login("dir_a")
    child = add_child(
        director, world.community_a, name="王𠮷", id_number="12010320150301001X", birth_date=None
    )
    with UnitOfWork(director) as uow:
        v = visits.submit(
            uow,
            complete_visit(
                child.id or "",
                date(2026, 11, 2),
                needs="需要冬衣和学习用品",
                help_given="送去棉衣",
            ),
        )
        casework.add_report(
            uow,
            MandatoryReport(
                child_id=child.id or "",
                trigger=ReportTrigger.ABANDONED,
                found_at=datetime(2026, 11, 1, 9, tzinfo=UTC),
                agency="公安河西分局",
            ),
        )
    world.admin.lock()
    return world, child.id or "", v.id or ""


def test_every_document_from_the_command_line(
    filled: tuple[World, str, str], tmp_path: Path
) -> None:
    world, child_id, visit_id = filled
    h = Hexi(world.path)

    def run(*args: str, user: str = "dir_a") -> Path:
        out = tmp_path / f"{args[0]}-{user}{'.xlsx' if args[0] == 'register' else '.pdf'}"
        code, stdout, err = h.as_(user, PW, "report", *args, "--out", str(out))
        assert code == 0, err
        assert out.exists() and str(out) in stdout
        return out

    text = _text(run("checklist", "--child", child_id[:8]))
    assert "入户走访记录表" in text and "王𠮷" in text
    assert "第 1 页 共" in text
    summary = _text(run("summary", "--visit", visit_id))
    assert "走访情况小结" in summary and "需要冬衣和学习用品" in summary
    director_file = _text(run("casefile", "--child", child_id))
    assert "王𠮷" in director_file
    household = json.loads(h.as_("dir_a", PW, "child", "show", child_id, "--json")[1])[
        "household_id"
    ]
    notice = _text(run("notice", "--household", household, "--template", "winter"))
    assert "告知书" in notice
    stats = _text(
        run(
            "stats", "--unit", "河西区", "--from", "2026-11-01", "--to", "2026-11-30", user="centre"
        )
    )
    assert "工作统计" in stats and "大营门街" in stats
    batch = _text(
        run(
            "batch",
            "--unit",
            "紫金里社区",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--kind",
            "summary",
        )
    )
    assert "走访情况小结" in batch
    register = run("register", "--unit", "紫金里社区")
    from openpyxl import load_workbook

    sheet = load_workbook(register).active
    assert sheet is not None
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "王𠮷" in values and "12010320150301001X" not in values  # masked

    store = world.login("centre")
    with store.system_session() as s:
        kinds = set(s.scalars(select(AuditEvent.entity).where(AuditEvent.action == "report")))
    store.lock()
    assert {"checklist", "summary", "notice", "statistics", "register"} <= kinds


def test_stats_json_and_scope(filled: tuple[World, str, str], tmp_path: Path) -> None:
    world, child_id, _ = filled
    h = Hexi(world.path)
    code, out, err = h.as_(
        "centre",
        PW,
        "report",
        "stats",
        "--unit",
        "河西区",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["total"]["visits"] == 1 and data["total"]["children"] == 1
    assert data["total"]["mandatory_reports"] == 1
    # The other community's director cannot print this child's documents.
    code, _, _ = h.as_(
        "dir_b", PW, "report", "casefile", "--child", child_id, "--out", str(tmp_path / "x.pdf")
    )
    assert code in (4, 5)
    assert not (tmp_path / "x.pdf").exists()
    code, out, err = h.as_(
        "dir_b",
        PW,
        "report",
        "stats",
        "--unit",
        "河西区",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--json",
    )
    assert json.loads(out)["total"]["visits"] == 0


def test_register_csv_has_a_bom(filled: tuple[World, str, str], tmp_path: Path) -> None:
    world, _, _ = filled
    out = tmp_path / "r.csv"
    code, _, err = Hexi(world.path).as_(
        "dir_a", PW, "report", "register", "--unit", "紫金里社区", "--out", str(out)
    )
    assert code == 0, err
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert any("王𠮷" in r for r in rows)


def test_bad_dates_and_template(filled: tuple[World, str, str]) -> None:
    world, _, _ = filled
    h = Hexi(world.path)
    code, _, err = h.as_(
        "centre",
        PW,
        "report",
        "stats",
        "--unit",
        "河西区",
        "--from",
        "2026-12-01",
        "--to",
        "2026-11-01",
        lang="en",
    )
    assert code == 5 and "end" in err
    code, _, err = h.as_(
        "centre",
        PW,
        "report",
        "stats",
        "--unit",
        "河西区",
        "--from",
        "yesterday",
        "--to",
        "2026-11-01",
        lang="en",
    )
    assert code == 5 and "YYYY-MM-DD" in err


def test_street_statistics_break_down_by_community(
    filled: tuple[World, str, str], tmp_path: Path
) -> None:
    """Issue 16 item 2: a street's statistics list its communities in the 社区 column, without a
    subtotal per row, and `streets` in the JSON holds the street."""
    world, _, _ = filled
    h = Hexi(world.path)
    out = tmp_path / "street.pdf"
    args = ("report", "stats", "--unit", "大营门街", "--from", "2026-11-01", "--to", "2026-11-30")
    code, stdout, err = h.as_("street_a", PW, *args, "--json", "--out", str(out))
    assert code == 0, err
    data = json.loads(stdout)
    assert data["unit"] == "大营门街"
    assert [s["name"] for s in data["streets"]] == ["大营门街"]
    assert [c["name"] for c in data["streets"][0]["communities"]] == ["紫金里社区"]
    assert data["streets"][0]["figures"]["visits"] == 1
    text = _text(out)
    assert "大营门街工作统计" in text and "紫金里社区" in text
    assert "小计" not in text and "各街道" not in text and "分社区统计" in text
    code, stdout, err = h.as_("street_a", PW, *args, "--json", lang="en")
    assert code == 0, err
    assert json.loads(stdout)["streets"][0]["communities"][0]["name"] == "紫金里社区"


def test_a_directors_district_statistics_say_what_they_cover(
    filled: tuple[World, str, str], tmp_path: Path
) -> None:
    """Issue 16 item 4: titled with the community the figures hold; a unit wholly outside the
    reader's units is refused with exit 4 by stats, register and batch, and nothing is written."""
    world, _, _ = filled
    h = Hexi(world.path)
    out = tmp_path / "mine.pdf"
    code, _, err = h.as_(
        "dir_a", PW, "report", "stats", "--unit", "河西区", "--from", "2026-11-01", "--to",
        "2026-11-30", "--out", str(out),
    )  # fmt: skip
    assert code == 0, err
    text = _text(out)
    assert "紫金里社区工作统计" in text and "河西区工作统计" not in text
    period = ("--from", "2026-11-01", "--to", "2026-11-30")
    for args in (
        ("stats", "--unit", "紫金里社区", *period),
        ("register", "--unit", "紫金里社区"),
        ("batch", "--unit", "大营门街", *period, "--kind", "summary"),
    ):
        target = tmp_path / f"refused-{args[0]}.{'xlsx' if args[0] == 'register' else 'pdf'}"
        code, _, err = h.as_("dir_b", PW, "report", *args, "--out", str(target))
        assert code == 4, (args, err)
        assert "无权" in err
        assert not target.exists()


def test_an_empty_batch_says_so_and_writes_nothing(
    filled: tuple[World, str, str], tmp_path: Path
) -> None:
    """Issue 16 item 6: a month without visits is ordinary: exit 0, a message, no file."""
    world, _, _ = filled
    out = tmp_path / "empty.pdf"
    for lang, words in (("zh", "没有需要打印的文档"), ("en", "Nothing to print")):
        code, stdout, err = Hexi(world.path).as_(
            "dir_a", PW, "report", "batch", "--unit", "紫金里社区", "--from", "2026-06-01",
            "--to", "2026-06-30", "--kind", "summary", "--out", str(out), lang=lang,
        )  # fmt: skip
        assert code == 0, err
        assert words in stdout + err
        assert not out.exists()
