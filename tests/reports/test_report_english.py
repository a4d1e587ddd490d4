"""The printed documents in English: every word of `EN` is English (no CJK), every document renders
with it and reads in English (title, "Page 1 of N"), the only Chinese left comes from the data
(names, addresses, notice templates), and the Chinese documents are unchanged."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from hexi_care.reports.labels import EN, ZH, Labels, labels_for
from hexi_care.services import visits
from hexi_care.services.context import UnitOfWork
from tests.cli.test_cli import Hexi
from tests.conftest import PW, World, add_child
from tests.factories import complete_visit
from tests.reports import samples
from tests.reports.pdfcheck import page_texts

#: CJK ideographs, CJK punctuation, full-width forms: none of them belongs in an English word.
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\U00020000-\U0003ffff]")
#: Runs of ideographs in extracted text (punctuation aside).
IDEOGRAPHS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003ffff]+")

TITLES = {
    "checklist": EN.title_checklist,
    "checklist_blank": EN.title_checklist_blank,
    "summary": EN.title_summary,
    "notice_winter": EN.notice_ack,
    "notice_summer": EN.notice_ack,
    "notice_general": EN.notice_ack,
    "casefile": EN.title_casefile,
    "statistics": EN.title_statistics,
}


def _words(labels: Labels) -> Iterator[tuple[str, str]]:
    for f in dataclasses.fields(labels):
        value = getattr(labels, f.name)
        if isinstance(value, str):
            yield f.name, value
        elif isinstance(value, tuple):
            yield from ((f.name, v) for v in value)
        elif not isinstance(value, bool):
            yield from ((f"{f.name}[{k}]", v) for k, v in value.items())


def _data_strings(obj: Any, seen: set[int] | None = None) -> Iterator[str]:
    """Every string in the sample data (dataclasses, lists, dicts), however deep."""
    seen = set() if seen is None else seen
    if isinstance(obj, str):
        yield obj
        return
    if id(obj) in seen or isinstance(obj, (int, float, bool, bytes, date)) or obj is None:
        return
    seen.add(id(obj))
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from _data_strings(getattr(obj, f.name), seen)
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _data_strings(k, seen)
            yield from _data_strings(v, seen)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for x in obj:
            yield from _data_strings(x, seen)


def _sample_data_text() -> str:
    parts = [
        samples.checklist(),
        samples.blank_checklist(),
        samples.summary(),
        samples.notice("winter"),
        samples.notice("summer"),
        samples.notice("general"),
        samples.casefile(),
        samples.statistics(),
        samples.meta(),
    ]
    return "\n".join(s for p in parts for s in _data_strings(p))


def test_every_english_word_is_free_of_cjk_and_complete() -> None:
    for name, word in _words(EN):
        if name in ("box", "box_ticked", "unknown", "notice_issuer"):
            continue
        assert not CJK.search(word), f"{name}: {word!r}"
    for f in dataclasses.fields(Labels):
        zh, en = getattr(ZH, f.name), getattr(EN, f.name)
        if hasattr(zh, "keys"):
            assert set(en.keys()) == set(zh.keys()), f.name
        if isinstance(zh, tuple) and zh:
            assert len(en) == len(zh), f.name
    for template in ("page_of", "generated", "record_no", "years_old", "period_range"):
        zh_keys = set(re.findall(r"{(\w+)}", getattr(ZH, template)))
        assert zh_keys == set(re.findall(r"{(\w+)}", getattr(EN, template))), template


def test_labels_for() -> None:
    assert labels_for("en") is EN
    assert labels_for("zh") is ZH
    assert labels_for("fr") is ZH


def test_long_dates() -> None:
    assert ZH.long_date(date(2024, 1, 5)) == "2024年1月5日"
    assert EN.long_date(date(2024, 1, 5)) == "5 January 2024"
    assert EN.long_date(None) == ""


@pytest.mark.parametrize("name", list(TITLES))
def test_every_document_in_english(name: str) -> None:
    pdf = samples.documents(EN)[name]() or b""
    pages = page_texts(pdf)
    text = "\n".join(pages)
    assert TITLES[name] in text
    copies = 2 if name.startswith("notice") else 1  # archive copy and guardian's copy
    assert f"Page 1 of {len(pages) // copies}" in pages[0]
    assert EN.confidentiality in text
    data = _sample_data_text()
    stray = {run for run in IDEOGRAPHS.findall(text) if run not in data}
    assert not stray, f"Chinese not from the data in {name}: {sorted(stray)}"


@pytest.mark.parametrize("name", ["checklist", "summary", "notice_winter", "statistics"])
def test_chinese_documents_unchanged(name: str) -> None:
    default = samples.documents()[name]() or b""
    assert default == (samples.documents(ZH)[name]() or b"")
    assert "第 1 页 共" in page_texts(default)[0]


@pytest.fixture
def filled(world: World) -> tuple[World, str]:
    director = world.login("dir_a")
    child = add_child(director, world.community_a, name="王𠮷", birth_date=None)
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
    world.admin.lock()
    return world, v.id or ""


def test_cli_summary_in_english(filled: tuple[World, str], tmp_path: Path) -> None:
    world, visit_id = filled
    h = Hexi(world.path)
    out = tmp_path / "summary-en.pdf"
    code, stdout, err = h.as_(
        "dir_a", PW, "report", "summary", "--visit", visit_id, "--out", str(out), lang="en"
    )
    assert code == 0, err
    text = "\n".join(page.extract_text() or "" for page in PdfReader(str(out)).pages)
    assert EN.title_summary in text and "Page 1 of" in text
    assert EN.sum_facts in text and "2 November 2026" in text
    assert "需要冬衣和学习用品" in text  # the data stays as recorded
    assert ZH.title_summary not in text and "第 1 页" not in text


def test_cli_summary_default_is_chinese(filled: tuple[World, str], tmp_path: Path) -> None:
    world, visit_id = filled
    out = tmp_path / "summary-zh.pdf"
    code, _, err = Hexi(world.path).as_(
        "dir_a", PW, "report", "summary", "--visit", visit_id, "--out", str(out)
    )
    assert code == 0, err
    text = "\n".join(page.extract_text() or "" for page in PdfReader(str(out)).pages)
    assert ZH.title_summary in text and "Page 1 of" not in text
