"""Forms as signed and filed (issue 16 item 10), read back from real PDFs: signature, date and seal
areas; unnumbered visit parts inside the case file; a blank form without "registered" columns;
people printed by their display name or role, never their login."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from hexi_care.reports.casefile import render_casefile
from hexi_care.reports.checklist import render_checklist
from hexi_care.reports.summary import render_summary
from hexi_care.services import children, users, visits
from hexi_care.services.context import UnitOfWork
from tests.cli.test_cli import Hexi
from tests.conftest import PW, World, add_child
from tests.factories import complete_visit
from tests.reports import samples
from tests.reports.pdfcheck import all_text, flat

META = samples.meta()


def test_summary_has_signature_date_and_seal_lines() -> None:
    text = all_text(render_summary(samples.summary(), META) or b"")
    assert flat("监护人可在本打印件上签字确认") in text
    assert flat("走访人签名：") in text and flat("监护人签名（自愿）：") in text
    assert text.count("日期：") >= 2
    assert flat("育英里社区居民委员会（盖章）") in text


def test_checklist_has_a_seal_area() -> None:
    text = all_text(render_checklist(samples.checklist(), META) or b"")
    assert flat("育英里社区居民委员会（盖章）") in text


def test_case_file_does_not_renumber_inside_visits() -> None:
    text = all_text(render_casefile(samples.casefile(), META) or b"")
    # The summary's 一、基本情况 … 四、 are plain headings inside each visit of the file.
    assert "一、基本情况" not in text and "四、安全提醒" not in text
    assert text.count("基本情况") >= 2


def test_blank_checklist_has_nothing_to_compare() -> None:
    text = all_text(render_checklist(samples.blank_checklist(), META) or b"")
    assert "系统登记信息" not in text and "□一致" not in text and "一致" not in text
    assert "填写内容" in text


def test_people_print_by_display_name_or_role_never_login(world: World, tmp_path: Path) -> None:
    with UnitOfWork(world.admin) as uow:
        users.add_user(uow, "dir_x", "director", world.community_a, PW)
    director = world.login("dir_x")  # no display name set
    child = add_child(director, world.community_a, name="王𠮷")
    with UnitOfWork(director) as uow:
        visit = visits.submit(uow, complete_visit(child.id or "", date(2026, 11, 2)))
    centre = world.login("centre")
    with UnitOfWork(centre) as uow:
        visits.review(uow, visit.id or "", "approved", "")
    world.admin.lock()
    out = tmp_path / "s.pdf"
    code, _, err = Hexi(world.path).as_(
        "centre", PW, "report", "summary", "--visit", visit.id or "", "--out", str(out)
    )
    assert code == 0, err
    text = flat("".join(p.extract_text() or "" for p in PdfReader(str(out)).pages))
    assert "dir_x" not in text and "centre" not in text
    assert "儿童主任" in text and "区未保中心" in text


def test_forms_print_the_childs_register_number(world: World, tmp_path: Path) -> None:
    """编号 is a readable register number per community and year, kept when the child is edited."""
    a = world.login("dir_a")
    first = add_child(a, world.community_a, name="王𠮷")
    second = add_child(a, world.community_a, name="李𪚥")
    other = add_child(world.login("dir_b"), world.community_b, name="㵘小雨")
    assert (first.file_no, second.file_no) == (
        "大营门街-紫金里-2026-0001",
        "大营门街-紫金里-2026-0002",
    )
    assert other.file_no == "马场街-平江里-2026-0001"
    with UnitOfWork(a) as uow:
        edited = children.update_child(
            uow, replace(children.get_child(uow, first.id or ""), school="育英小学")
        )
        visit = visits.submit(uow, complete_visit(first.id or "", date(2026, 11, 2)))
    assert edited.file_no == first.file_no
    world.admin.lock()
    out = tmp_path / "s.pdf"
    code, _, err = Hexi(world.path).as_(
        "dir_a", PW, "report", "summary", "--visit", visit.id or "", "--out", str(out)
    )
    assert code == 0, err
    text = flat("".join(p.extract_text() or "" for p in PdfReader(str(out)).pages))
    assert flat("编号 大营门街-紫金里-2026-0001") in text
