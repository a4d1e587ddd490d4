"""The 复核清单 page in the real window over a real store: its model passes the model tester, a
line opens the child's file on the tab that deals with the reason, a decision takes it off, and
the workbench card counts the children; late mandatory reports show red on the workbench."""

from __future__ import annotations

import os
from datetime import date, timedelta

from PySide6.QtCore import Qt

from hexi_care.domain.enums import Relationship, ReportTrigger, SituationKind
from hexi_care.domain.model import MandatoryReport, Situation
from hexi_care.services import attachments, casework, children, households, reexamination
from hexi_care.services.context import UnitOfWork
from hexi_care.ui.common import ERROR_COLOUR
from tests.conftest import FIXED_NOW

from .conftest import wait_idle

PDF = b"%PDF-1.4\n%test\n"


def _reasons(ui_world) -> str:
    """刘一's father was expected out of prison on 2026-10-01; a certificate expires soon."""
    kid = ui_world.kids_a[2]
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        child = children.get_child(uow, kid)
        (father,) = [
            g
            for g in households.guardians_of(uow, child.household_id, kid)
            if g.relationship == Relationship.FATHER
        ]
        father.situations = [
            Situation(
                kind=SituationKind.IMPRISONED,
                start_date=date(2024, 1, 1),
                expected_end_date=date(2026, 10, 1),
            )
        ]
        households.save_guardian(uow, father)
        attachments.add_attachment(uow, kid, "残疾证.pdf", PDF, expires_on=date(2026, 12, 1))
        casework.add_report(
            uow,
            MandatoryReport(
                child_id=kid,
                trigger=ReportTrigger.ABANDONED,
                found_at=FIXED_NOW - timedelta(days=3),
            ),
        )
    return kid


def test_worklist_page_opens_files_and_records_decisions(
    qtbot, make_app, ui_world, qtmodeltester
) -> None:
    kid = _reasons(ui_world)
    ctx, _hexi, win = make_app("street_a")
    dash = win.show_page("dashboard")
    wait_idle(qtbot, ctx)
    assert dash.reexam_count.text() == "1"
    # The open report was never made: red on the workbench.
    reports = dash.models["reports"]
    col = reports.columnCount() - 1
    assert reports.index(0, col).data() == "超时报告"
    assert reports.index(0, col).data(Qt.ItemDataRole.ForegroundRole).color() == ERROR_COLOUR

    qtbot.mouseClick(dash.reexam_card, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    page = win.pages["reexam"]
    assert win.stack.currentWidget() is page
    qtmodeltester.check(page.model, force_py=True)
    rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert [(i.child_id, i.kind.value) for i in rows] == [
        (kid, "expected_end_passed"),
        (kid, "evidence_expiry"),
    ]
    assert page.model.index(0, 2).data() == "父母情形预计结束日已过"
    assert page.model.index(0, 4).data() == "父亲服刑在押预计于2026-10-01结束（已过），请核实现状"
    assert page.count.text() == "1 名儿童，共 2 条事由"
    if os.environ.get("HEXI_SCREENSHOT"):
        win.resize(1366, 740)
        wait_idle(qtbot, ctx)
        win.grab().save(os.environ["HEXI_SCREENSHOT"])

    # Filtering by reason.
    page.kind.setCurrentIndex(page.kind.findData("evidence_expiry"))
    assert page.model.rowCount() == 1
    # Opening goes to the attachments tab of the child's file.
    page._open(0)
    wait_idle(qtbot, ctx)
    file_win = win.records[f"child:{kid}"]
    qtbot.waitUntil(lambda: file_win.data is not None, timeout=10000)
    assert file_win.tabs.currentIndex() == file_win.TABS.index("attachments")
    file_win.close()

    page.kind.setCurrentIndex(0)
    page.view.selectRow(0)
    page.decide.click()
    dlg = _dialog(page)
    dlg.note.setPlainText("已电话核实，仍在服刑")
    dlg.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10000)
    assert page.model.row_at(0).kind.value == "evidence_expiry"


def _dialog(page):
    from hexi_care.ui.pages.reexam import DecisionDialog

    (dlg,) = page.findChildren(DecisionDialog)
    return dlg


def test_the_centre_sets_deadlines_and_review_days_in_settings(qtbot, make_app, ui_world) -> None:
    ctx, _hexi, win = make_app("centre")
    page = win.show_page("settings")
    wait_idle(qtbot, ctx)
    assert page.tolerance.value() == 24 and page.annual_edits["orphan_scattered"].text() == "12-31"
    page.tolerance.setValue(12)
    page.annual_edits["left_behind"].setText("06-30")
    page.annual_edits["orphan_scattered"].setText("02-30")  # no year has it
    page.save_casework.click()
    assert (
        page.casework_errors.labels["annual_orphan_scattered"].text()
        == "请按“月-日”填写，如 12-31。"
    )
    page.annual_edits["orphan_scattered"].setText("")
    page.save_casework.click()
    wait_idle(qtbot, ctx)
    assert page.casework_message.text() == "已保存。"
    with UnitOfWork(ui_world.login("centre")) as uow:
        assert casework.report_rules(uow).tolerance_hours == 12
        assert reexamination.policy(uow).annual == {
            "no_de_facto_carer": (12, 31),
            "left_behind": (6, 30),
        }


def test_directors_read_the_deadlines_without_changing_them(qtbot, make_app) -> None:
    ctx, _hexi, win = make_app("dir_a")
    page = win.show_page("settings")
    wait_idle(qtbot, ctx)
    assert not page.tolerance.isEnabled() and not page.save_casework.isVisible()


def test_evidence_with_an_expiry_reaches_the_worklist(qtbot, make_app, ui_world, tmp_path) -> None:
    from PySide6.QtCore import QDate

    doc = tmp_path / "残疾证.pdf"
    doc.write_bytes(PDF)
    ctx, _hexi, win = make_app("dir_a")
    cf = win.open_child(ui_world.kids_a[0], tab="attachments")
    qtbot.waitUntil(lambda: cf.data is not None, timeout=10000)
    cf.expires.setDate(QDate(2026, 12, 5))
    cf.add_attachment_file(doc)
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: cf.files.count() == 1, timeout=10000)
    assert "有效期至 2026-12-05" in cf.files.item(0).text()
    cf.close()
    page = win.show_page("reexam")
    wait_idle(qtbot, ctx)
    rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert [(i.child_id, i.kind.value, i.when) for i in rows] == [
        (ui_world.kids_a[0], "evidence_expiry", date(2026, 12, 5))
    ]
