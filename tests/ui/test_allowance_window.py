"""Recognition and allowance in the child's file, in the real window over a real store: the
director applies (申请), the street checks (查验), the district confirms (确认: paid from the month
after, shown before saving), suspends and stops with reasons; each step's button shows only for
the role the service allows, a step forced by another role is refused with the service's
message; the chosen recognition's payment ledger shows month by month."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from hexi_care.domain.enums import AllowanceStage, CareSetting
from hexi_care.domain.model import Allowance, AllowanceStandard
from hexi_care.services import allowances
from hexi_care.services.context import UnitOfWork
from hexi_care.ui.dialogs.allowance import ApplyDialog, StepDialog

from .conftest import wait_idle

CAT = "no_de_facto_carer"  # the ui_world children's category


def _file(qtbot, win, child_id):
    cf = win.open_child(child_id)
    cf.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.waitUntil(lambda: cf.data is not None, timeout=10000)
    wait_idle(qtbot, win.ctx)
    cf.show_tab("social")
    return cf


def _visible_steps(cf) -> set[str]:
    return {s for s, b in cf.allowance_steps.items() if not b.isHidden()}


def _applied(ui_world, *, checked: bool = False, confirmed: date | None = None) -> str:
    kid = ui_world.kids_a[0]
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        a = allowances.apply(
            uow,
            Allowance(child_id=kid, category=CAT, applied_on=date(2026, 9, 1), applied_by="张大山"),
        )
    assert a.id
    if checked or confirmed:
        with UnitOfWork(ui_world.login("street_a")) as uow:
            allowances.check(uow, a.id, "2026-09-10", "李街道")
    if confirmed:
        with UnitOfWork(ui_world.login("centre")) as uow:
            allowances.confirm(uow, a.id, confirmed, "区民政局", "河民确〔2026〕9号")
    return a.id


def test_director_applies_and_may_not_check(qtbot, make_app, ui_world, qtmodeltester) -> None:
    ctx, _hexi, win = make_app("dir_a")
    cf = _file(qtbot, win, ui_world.kids_a[0])
    assert _visible_steps(cf) == {"apply"}
    cf.allowance_steps["apply"].click()
    (dlg,) = cf.findChildren(ApplyDialog)
    assert dlg.category.currentData() == CAT  # the child's own category first
    assert dlg.by.text() == "王主任"
    dlg.by.clear()
    dlg.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    assert dlg.result() == 0 and "applied_by" in dlg.errors.current()  # nothing typed is lost
    assert dlg.category.currentData() == CAT
    dlg.by.setText("张大山（父亲）")
    dlg.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    assert dlg.result() == 1
    qtbot.waitUntil(lambda: cf.allowances.rowCount() == 1, timeout=10000)
    wait_idle(qtbot, ctx)
    qtmodeltester.check(cf.allowances, force_py=True)
    qtmodeltester.check(cf.allowance_months, force_py=True)
    a = cf.allowances.row_at(0)
    assert a.stage is AllowanceStage.APPLIED and a.applied_by == "张大山（父亲）"
    assert "2026-11-20" in cf.allowance_note.text()
    # The street's check forced from a director's window: the service refuses, nothing is saved.
    step = StepDialog(ctx, cf, a, "check")
    qtbot.addWidget(step)
    step.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    assert step.result() == 0 and step.message.text()
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        (saved,) = allowances.allowances(uow, ui_world.kids_a[0])
    assert saved.checked_on is None


def test_street_checks_and_may_not_confirm(qtbot, make_app, ui_world) -> None:
    _applied(ui_world)
    ctx, _hexi, win = make_app("street_a")
    cf = _file(qtbot, win, ui_world.kids_a[0])
    assert _visible_steps(cf) == {"apply", "check"}
    assert cf.allowance_steps["check"].isEnabled()
    cf.allowance_steps["check"].click()
    dlg = next(d for d in cf.findChildren(StepDialog) if d.step == "check")
    dlg.on.set_value(date(2026, 8, 1))  # before the application: refused at its field
    dlg.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    assert dlg.result() == 0 and "checked_on" in dlg.errors.current()
    dlg.on.set_value(date(2026, 9, 12))
    dlg.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    assert dlg.result() == 1
    qtbot.waitUntil(
        lambda: (
            cf.allowances.row_at(0) is not None
            and cf.allowances.row_at(0).stage is AllowanceStage.CHECKED
        ),
        timeout=10000,
    )
    confirm = StepDialog(ctx, cf, cf.allowances.row_at(0), "confirm")
    qtbot.addWidget(confirm)
    confirm.number.setText("河民确〔2026〕9号")
    confirm.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    assert confirm.result() == 0 and confirm.message.text()


def test_district_confirms_suspends_and_stops(qtbot, make_app, ui_world, qtmodeltester) -> None:
    _applied(ui_world, checked=True)
    with UnitOfWork(ui_world.login("centre")) as uow:
        allowances.set_standard(
            uow,
            AllowanceStandard(
                year=2026, category=CAT, care_setting=CareSetting.COMMUNITY, monthly_fen=195_000
            ),
        )
    ctx, _hexi, win = make_app("centre")
    cf = _file(qtbot, win, ui_world.kids_a[0])
    assert _visible_steps(cf) == set(cf.allowance_steps)
    assert cf.allowance_steps["confirm"].isEnabled()
    assert not cf.allowance_steps["suspend"].isEnabled()  # not confirmed yet
    cf.allowance_steps["confirm"].click()
    dlg = next(d for d in cf.findChildren(StepDialog) if d.step == "confirm")
    dlg.on.set_value(date(2026, 10, 31))  # the last day of a month: paid from November
    assert "2026-11" in dlg.first_month.text()
    dlg.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    assert dlg.result() == 0 and "confirmation_no" in dlg.errors.current()
    dlg.number.setText("河民确〔2026〕9号")
    dlg.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    assert dlg.result() == 1
    qtbot.waitUntil(lambda: cf.allowance_months.rowCount() == 1, timeout=10000)
    a = cf.allowances.row_at(0)
    assert (a.stage, a.start_month) == (AllowanceStage.CONFIRMED, "2026-11")
    month = cf.allowance_months.row_at(0)
    assert (month.month, month.amount_fen, month.paid_fen) == ("2026-11", 195_000, None)
    assert cf.allowance_months.index(0, 1).data() == "1,950.00"
    qtmodeltester.check(cf.allowance_months, force_py=True)

    cf.allowance_steps["suspend"].click()
    sus = next(d for d in cf.findChildren(StepDialog) if d.step == "suspend")
    sus.month.setText("2026-13")
    sus.reason.setPlainText("监护人拒绝核查")
    sus.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    assert sus.result() == 0 and "suspended_from" in sus.errors.current()
    assert sus.reason.toPlainText() == "监护人拒绝核查"
    sus.month.setText("2026-11")
    sus.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    assert sus.result() == 1
    qtbot.waitUntil(
        lambda: cf.allowances.row_at(0).stage is AllowanceStage.SUSPENDED, timeout=10000
    )
    wait_idle(qtbot, ctx)
    assert "监护人拒绝核查" in cf.allowance_note.text()
    assert cf.allowance_months.row_at(0).amount_fen == 0  # nothing due while suspended
    assert cf.allowance_steps["resume"].isEnabled() and cf.allowance_steps["stop"].isEnabled()

    cf.allowance_steps["stop"].click()
    stop = next(d for d in cf.findChildren(StepDialog) if d.step == "stop")
    stop.month.setText("2026-12")
    stop.reason.setPlainText("年满18周岁")
    stop.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    assert stop.result() == 1
    with UnitOfWork(ui_world.login("centre")) as uow:
        (saved,) = allowances.allowances(uow, ui_world.kids_a[0])
    assert (saved.stopped_from, saved.stop_reason) == ("2026-12", "年满18周岁")


def test_the_months_list_from_the_reports_page(qtbot, make_app, ui_world, tmp_path) -> None:
    """The finance office's list and ledger for a month, as PDF and workbook, written on the
    database worker behind a progress dialog; a month typed wrong is said, nothing written."""
    from openpyxl import load_workbook

    from tests.reports.pdfcheck import all_text, flat, pdffonts

    _applied(ui_world, confirmed=date(2026, 10, 31))
    with UnitOfWork(ui_world.login("centre")) as uow:
        allowances.set_standard(
            uow,
            AllowanceStandard(
                year=2026, category=CAT, care_setting=CareSetting.COMMUNITY, monthly_fen=195_000
            ),
        )
    ctx, _hexi, win = make_app("centre")
    page = win.show_page("reports")
    wait_idle(qtbot, ctx)
    assert page.allowance_month.text() == "2026-11"
    pdf = tmp_path / "list.pdf"
    page.export_allowance_to("2026-11", pdf, ledger=False)
    wait_idle(qtbot, ctx)
    assert "1" in page.doc_message.text() and str(pdf) in page.doc_message.text()
    text = flat(all_text(pdf.read_bytes()))
    assert "张小明" in text and "1,950.00" in text and "河民确〔2026〕9号" in text
    assert all(f.embedded for f in pdffonts(pdf.read_bytes(), tmp_path))
    book = tmp_path / "ledger.xlsx"
    page.export_allowance_to("2026-11", book, ledger=True)
    wait_idle(qtbot, ctx)
    ws = load_workbook(book).active
    values = [c.value for row in ws.iter_rows() for c in row]
    assert "张小明" in values and 1950.0 in values
    bad = tmp_path / "bad.pdf"
    page.export_allowance_to("2026/11", bad, ledger=False)
    wait_idle(qtbot, ctx)
    assert not bad.exists() and "YYYY-MM" in page.doc_message.text()
