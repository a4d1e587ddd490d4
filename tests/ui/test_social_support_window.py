"""Social support in the child's file window: the profile's disability and class teacher are
saved, a support record and an entrusted-care agreement are added and changed through their
dialogs (a bad carer ID number is shown at its field, nothing typed is lost), the tables show
them (the carer's ID masked), and every table passes qtmodeltester."""

from __future__ import annotations

from PySide6.QtCore import Qt

from hexi_care.domain.enums import SupportKind
from hexi_care.services import children, social_support
from hexi_care.services.context import UnitOfWork
from hexi_care.ui.dialogs.social import AgreementDialog, SupportDialog

from .conftest import wait_idle


def _file(qtbot, win, child_id):
    cf = win.open_child(child_id)
    cf.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # the model tester checks after
    qtbot.waitUntil(lambda: cf.data is not None, timeout=10000)
    wait_idle(qtbot, win.ctx)
    return cf


def test_support_and_agreement_from_the_child_file(
    qtbot, make_app, ui_world, qtmodeltester
) -> None:
    ctx, _hexi, win = make_app("dir_a")
    kid = ui_world.kids_a[0]
    cf = _file(qtbot, win, kid)
    cf.show_tab("social")
    # The profile's new fields.
    cf.profile.disability_grade.setCurrentIndex(cf.profile.disability_grade.findData(2))
    cf.profile.teacher_name.setText("刘老师")
    cf._save_profile()
    wait_idle(qtbot, ctx)
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        c = children.get_child(uow, kid)
    assert (c.disability_grade, c.teacher_name) == (2, "刘老师")

    cf._edit_support(-1)
    (dlg,) = cf.findChildren(SupportDialog)
    dlg.kind.setCurrentIndex(dlg.kind.findData(SupportKind.DIBAO))
    dlg.amount.setValue(980.0)
    dlg.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: cf.benefits.rowCount() == 1, timeout=10000)
    assert cf.benefits.data(cf.benefits.index(0, 2)) == "980.00"

    cf._edit_support(0)  # a change of that record, not a new one
    dlg2 = next(d for d in cf.findChildren(SupportDialog) if d is not dlg)
    assert dlg2.amount.value() == 980.0
    dlg2.amount.setValue(1050.0)
    dlg2.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: cf.benefits.data(cf.benefits.index(0, 2)) == "1,050.00", timeout=10000)
    assert cf.benefits.rowCount() == 1

    cf._edit_agreement(-1)
    (ag,) = cf.findChildren(AgreementDialog)
    ag.carer.setText("张桂兰")
    ag.id_number.setText("120103197501017218")  # a wrong check digit
    ag.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    assert ag.result() == 0 and ag.carer.text() == "张桂兰"
    assert ag.errors.labels["carer_id_number"].text()
    ag.id_number.setText("120103197501017219")
    ag.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: cf.agreements.rowCount() == 1, timeout=10000)
    assert cf.agreements.data(cf.agreements.index(0, 1)) == "1201**********7219"
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        (b,) = social_support.benefits(uow, kid)
        assert b.amount_fen == 105_000
    for model in (cf.benefits, cf.agreements, cf.allowances):
        qtmodeltester.check(model, force_py=True)
