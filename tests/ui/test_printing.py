"""Printing from the window: each document is built on the worker from the real store, shown in the
QtPdf preview, saved as a PDF whose text holds the right names, and rendered onto a printer; the
报表 page's statistics, batches (with progress and Cancel) and register export."""

from __future__ import annotations

import io
import re
import threading
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QPushButton

from hexi_care.reports.formatting import fmt_date_long
from hexi_care.services import visits
from hexi_care.services.context import UnitOfWork
from hexi_care.ui import printing
from hexi_care.ui.worker import Cancelled, Task
from tests.factories import complete_visit

from .conftest import wait_idle


def text_of(pdf: bytes) -> str:
    return re.sub(
        r"\s+", "", "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)
    )


def previews() -> list[printing.PdfPreview]:
    """The previews open now (a closed one lingers until Qt deletes it)."""
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, printing.PdfPreview) and w.isVisible()
    ]


@pytest.fixture(autouse=True)
def _close_previews():
    """Previews delete themselves on close, so they are closed here rather than by qtbot."""
    yield
    for dlg in previews():
        dlg.close()


def wait_preview(qtbot, ctx, before: int = 0) -> printing.PdfPreview:
    qtbot.waitUntil(lambda: len(previews()) > before, timeout=20000)
    wait_idle(qtbot, ctx)
    dlg = previews()[-1]
    qtbot.waitUntil(lambda: dlg.document.pageCount() >= 1, timeout=10000)
    return dlg


def saved_text(dlg: printing.PdfPreview, path: Path) -> str:
    written = dlg.save_as(path)
    assert written is not None and written.suffix == ".pdf"
    return text_of(written.read_bytes())


def submit_visit(ui_world, child: int = 0, day: int = 2) -> str:
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        v = visits.submit(
            uow,
            complete_visit(
                ui_world.kids_a[child],
                date(2026, 11, day),
                people_met="儿童及其祖母",
                needs="需要学习用品",
            ),
        )
    assert v.id
    return v.id


def test_child_file_prints_checklist_and_case_file(qtbot, make_app, ui_world, tmp_path) -> None:
    ctx, _hexi, win = make_app("dir_a")
    cf = win.open_child(ui_world.kids_a[0])
    qtbot.waitUntil(lambda: cf.data is not None, timeout=10000)
    wait_idle(qtbot, ctx)
    cf.print_checklist.click()
    dlg = wait_preview(qtbot, ctx)
    assert dlg.document.pageCount() >= 1
    assert dlg.pages.text()  # "n 页"
    text = saved_text(dlg, tmp_path / "checklist.pdf")
    assert "张小明" in text and "入户走访记录表" in text
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        due = printing.planned_date(uow, ui_world.kids_a[0])
    assert due is not None  # a new child is due for a visit
    assert re.sub(r"\s+", "", fmt_date_long(due)) in text  # the planned date, filled in
    dlg.close()
    cf.print_casefile.click()
    dlg = wait_preview(qtbot, ctx)
    text = saved_text(dlg, tmp_path / "casefile")  # ".pdf" is added
    assert (tmp_path / "casefile.pdf").exists()
    assert "张小明" in text and "一人一档" in text
    # Printing renders every page onto the printer (here a PDF file, no print server needed).
    printer = dlg.make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dlg.print_to(printer) == dlg.document.pageCount()
    assert len(PdfReader(str(tmp_path / "printed.pdf")).pages) == dlg.document.pageCount()
    printer = dlg.make_printer()  # a page range: only those pages
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "page1.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(1, 1)
    assert dlg.print_to(printer) == 1
    dlg.close()


def test_visit_summary_from_the_list_the_form_and_the_file(
    qtbot, make_app, ui_world, tmp_path
) -> None:
    vid = submit_visit(ui_world)
    ctx, _hexi, win = make_app("dir_a")
    page = win.show_page("visits")
    page.refresh()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: page.model.row_at(0) is not None, timeout=5000)
    page.view.setCurrentIndex(page.model.index(0, 0))
    page.print_button.click()
    dlg = wait_preview(qtbot, ctx)
    text = saved_text(dlg, tmp_path / "summary.pdf")
    assert "张小明" in text and "走访情况小结" in text and "需要学习用品" in text
    for i in range(dlg.zoom.count()):  # fit width, whole page, 100 %, 150 %
        dlg.zoom.setCurrentIndex(i)
    assert dlg.view.zoomFactor() == 1.5
    dlg.close()

    cf = win.open_child(ui_world.kids_a[0])
    qtbot.waitUntil(lambda: cf.data is not None, timeout=10000)
    wait_idle(qtbot, ctx)
    cf.visit_view.setCurrentIndex(cf.visits.index(0, 0))
    cf.findChild(QPushButton, "print_visit_summary").click()
    dlg = wait_preview(qtbot, ctx)
    assert "需要学习用品" in saved_text(dlg, tmp_path / "summary-file.pdf")
    dlg.close()

    form = win.open_visit(visit_id=vid, child_id=ui_world.kids_a[0])
    qtbot.waitUntil(lambda: form.child is not None, timeout=5000)
    wait_idle(qtbot, ctx)
    assert form.print_button.isEnabled()
    form.print_button.click()
    dlg = wait_preview(qtbot, ctx)
    assert "张小明" in saved_text(dlg, tmp_path / "summary2.pdf")
    dlg.close()
    form.close()


def test_a_new_visit_prints_only_once_saved(qtbot, make_app, ui_world) -> None:
    ctx, _hexi, win = make_app("dir_a")
    form = win.open_visit(child_id=ui_world.kids_a[0])
    qtbot.waitUntil(lambda: form.child is not None, timeout=5000)
    wait_idle(qtbot, ctx)
    assert not form.print_button.isEnabled()
    form.dirty = False
    form._discard_snapshot()
    wait_idle(qtbot, ctx)
    form.close()


@pytest.mark.parametrize(("template", "title"), [("winter", "寒假"), ("summer", "暑假")])
def test_household_prints_the_chosen_notice(
    qtbot, make_app, ui_world, tmp_path, template, title
) -> None:
    ctx, _hexi, win = make_app("dir_a")
    cf = win.open_child(ui_world.kids_a[0])
    qtbot.waitUntil(lambda: cf.data is not None, timeout=10000)
    hw = win.open_household(cf.data.file.household.id)
    qtbot.waitUntil(lambda: hw.data is not None, timeout=10000)
    hw.notice_template.setCurrentIndex(hw.notice_template.findData(template))
    hw.print_notice()
    dlg = wait_preview(qtbot, ctx)
    text = saved_text(dlg, tmp_path / "notice.pdf")
    assert "监护责任告知书" in text and title in text and "张小明" in text
    dlg.close()


def test_reports_page_statistics_and_blank_checklist(qtbot, make_app, ui_world, tmp_path) -> None:
    submit_visit(ui_world)
    ctx, _hexi, win = make_app("dir_a")
    page = win.show_page("reports")
    wait_idle(qtbot, ctx)
    page.stats_button.click()
    dlg = wait_preview(qtbot, ctx)
    text = saved_text(dlg, tmp_path / "stats.pdf")
    assert "工作统计" in text and "紫金里社区" in text
    dlg.close()
    page.doc_buttons["blank_checklist"].click()
    dlg = wait_preview(qtbot, ctx)
    text = saved_text(dlg, tmp_path / "blank.pdf")
    assert "入户走访记录表" in text and "张小明" not in text
    dlg.close()


def test_reports_page_batch_and_register(qtbot, make_app, ui_world, tmp_path, monkeypatch) -> None:
    submit_visit(ui_world, 0, 2)
    submit_visit(ui_world, 1, 3)
    ctx, _hexi, win = make_app("dir_a")
    page = win.show_page("reports")
    wait_idle(qtbot, ctx)
    page.doc_start.set_value(date(2026, 11, 1))
    page.doc_end.set_value(date(2026, 11, 20))
    out = tmp_path / "batch.pdf"
    monkeypatch.setattr(printing, "ask_save_path", lambda *a: out)
    page.doc_buttons["batch_summary"].click()
    dlg = wait_preview(qtbot, ctx)
    assert page.batch_dialog.isHidden()
    text = text_of(out.read_bytes())
    assert "张小明" in text and "张小红" in text and text.count("走访情况小结") >= 2
    assert "2" in page.doc_message.text()
    dlg.close()

    xlsx = tmp_path / "register.xlsx"
    monkeypatch.setattr(printing, "ask_save_path", lambda *a: xlsx)
    page.doc_buttons["register"].click()
    wait_idle(qtbot, ctx)
    from openpyxl import load_workbook

    cells = [c.value for row in load_workbook(xlsx).active.iter_rows() for c in row]
    assert "张小明" in cells and "刘一" in cells and "李小刚" not in cells
    csv = tmp_path / "register.csv"
    page.export_to(page.doc_unit.currentData(), csv)
    wait_idle(qtbot, ctx)
    assert csv.read_bytes().startswith(b"\xef\xbb\xbf") and "张小红" in csv.read_text("utf-8-sig")


def test_batch_cancelled_from_the_dialog_writes_nothing(
    qtbot, make_app, ui_world, tmp_path, monkeypatch
) -> None:
    submit_visit(ui_world)
    ctx, _hexi, win = make_app("dir_a")
    page = win.show_page("reports")
    wait_idle(qtbot, ctx)
    page.doc_start.set_value(date(2026, 11, 1))
    out = tmp_path / "batch.pdf"
    monkeypatch.setattr(printing, "ask_save_path", lambda *a: out)
    # Hold the worker so Cancel comes before the batch starts.
    gate = threading.Event()
    ctx.worker.submit(lambda task: gate.wait(5), name="hold")
    page.doc_buttons["batch_summary"].click()
    page.batch_dialog.findChild(QPushButton).click()  # its Cancel button
    gate.set()
    wait_idle(qtbot, ctx)
    assert not out.exists()
    assert previews() == []
    assert page.doc_message.text()  # says nothing was written


def test_batch_cancelled_through_the_progress_callback_writes_nothing(ui_world, tmp_path) -> None:
    submit_visit(ui_world, 0, 2)
    submit_visit(ui_world, 1, 3)
    out = tmp_path / "batch.pdf"
    seen: list[tuple[int, int, str]] = []
    job = printing.batch_job(
        ui_world.street_a, date(2026, 11, 1), date(2026, 11, 30), "summary", out
    )
    task = Task(job)

    def report(done: int, total: int, text: str = "") -> None:
        seen.append((done, total, text))
        if text == "render" and done >= 1:
            task.cancel()  # as the Cancel button does, from the first laid-out document on

    task.report = report  # type: ignore[method-assign]
    task.store = ui_world.login("dir_a")
    with pytest.raises(Cancelled):
        job(task)
    assert not out.exists()
    assert any(s[2] == "render" for s in seen)
    # Not cancelled, the same job writes the batch and counts its documents.
    task2 = Task(job)
    task2.store = task.store
    assert job(task2) == 2
    assert out.exists() and "走访情况小结" in text_of(out.read_bytes())


def test_the_print_dialog_is_offered_for_a_document(qtbot, make_app, ui_world, monkeypatch) -> None:
    from PySide6.QtPrintSupport import QPrintDialog

    asked: list[QPrintDialog] = []

    def fake_exec(self) -> int:
        asked.append(self)
        return 0  # the user closes the dialog

    monkeypatch.setattr(QPrintDialog, "exec", fake_exec)
    ctx, _hexi, win = make_app("dir_a")
    page = win.show_page("reports")
    wait_idle(qtbot, ctx)
    page.doc_buttons["blank_checklist"].click()
    dlg = wait_preview(qtbot, ctx)
    dlg.print_button.click()
    assert len(asked) == 1 and asked[0].maxPage() == dlg.document.pageCount()
    dlg.close()


def test_reports_page_model(qtbot, qtmodeltester, make_app, ui_world) -> None:
    submit_visit(ui_world)
    ctx, _hexi, win = make_app("dir_a")
    page = win.show_page("reports")
    page.refresh()
    wait_idle(qtbot, ctx)
    assert page.figures.rowCount() >= 1
    qtmodeltester.check(page.figures)


def test_reports_page_counts_and_prints_one_campaign(qtbot, make_app, ui_world, tmp_path) -> None:
    """Statistics narrowed to a campaign from the window (issue 10 item 3): the figures and the
    printout count only the visits tagged with it."""
    from hexi_care.domain.model import Campaign
    from hexi_care.services import campaigns

    name = "2026冬季关爱走访"
    with UnitOfWork(ui_world.login("centre")) as uow:
        campaigns.add_campaign(
            uow,
            Campaign(
                name=name, unit_id="河西区", starts_on=date(2026, 11, 1), ends_on=date(2027, 2, 28)
            ),
        )
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        visits.submit(uow, complete_visit(ui_world.kids_a[0], date(2026, 11, 3), campaign=name))
        visits.submit(uow, complete_visit(ui_world.kids_a[1], date(2026, 11, 4)))
    ctx, _hexi, win = make_app("dir_a")
    page = win.show_page("reports")
    wait_idle(qtbot, ctx)
    box = page.campaign
    qtbot.waitUntil(lambda: box.findData(name) >= 0, timeout=10000)

    def counted() -> int:
        page.refresh()
        wait_idle(qtbot, ctx)
        return page.figures.rows[0][1].figures.visits

    assert counted() == 2
    box.setCurrentIndex(box.findData(name))
    assert counted() == 1
    page.stats_button.click()
    dlg = wait_preview(qtbot, ctx)
    text = saved_text(dlg, tmp_path / "campaign.pdf")
    assert "工作统计" in text and name in text
    dlg.close()


def test_reports_page_offers_a_campaign_added_since(qtbot, make_app, ui_world) -> None:
    """A campaign added while the window is open is offered the next time the page shows, and
    the one chosen stays chosen."""
    from hexi_care.domain.model import Campaign
    from hexi_care.services import campaigns

    ctx, _hexi, win = make_app("centre")
    page = win.show_page("reports")
    wait_idle(qtbot, ctx)
    assert page.campaign.count() == 1  # all work
    with UnitOfWork(ui_world.login("centre")) as uow:
        for name in ("2026冬季关爱走访", "2026中秋慰问"):
            campaigns.add_campaign(
                uow,
                Campaign(
                    name=name,
                    unit_id="河西区",
                    starts_on=date(2026, 9, 1),
                    ends_on=date(2027, 2, 28),
                ),
            )
    win.show_page("reports")
    wait_idle(qtbot, ctx)
    box = page.campaign
    assert {box.itemData(i) for i in range(box.count())} == {"", "2026冬季关爱走访", "2026中秋慰问"}
    box.setCurrentIndex(box.findData("2026中秋慰问"))
    win.show_page("reports")
    wait_idle(qtbot, ctx)
    assert box.currentData() == "2026中秋慰问" and box.count() == 3
