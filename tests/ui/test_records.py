"""Recording from the window: a guardian-notice delivery, help given, an activity with its
participants, a follow-up, a mandatory report, a guardian with a situation, a referral, and a photo (with its thumbnail made in the window)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from hexi_care.domain.enums import Relationship, ReportTrigger, SituationKind
from hexi_care.services import attachments, casework, households, listings, support
from hexi_care.services.context import UnitOfWork
from hexi_care.ui.dialogs.activity import ActivityDialog
from hexi_care.ui.dialogs.casework import FollowUpDialog, ReferralDialog, ReportDialog
from hexi_care.ui.dialogs.guardian import GuardianDialog, SituationDialog
from hexi_care.ui.dialogs.support import AssistanceDialog, NoticeDeliveryDialog

from .conftest import wait_idle


def _file(qtbot, win, child_id):
    cf = win.open_child(child_id)
    qtbot.waitUntil(lambda: cf.data is not None, timeout=10000)
    wait_idle(qtbot, win.ctx)
    return cf


def test_notice_and_help_from_the_child_file(qtbot, make_app, ui_world) -> None:
    ctx, _hexi, win = make_app("dir_a")
    cf = _file(qtbot, win, ui_world.kids_a[0])
    hid = cf.data.file.household.id
    dlg = NoticeDeliveryDialog(ctx, cf, hid, ["张大山"])
    qtbot.addWidget(dlg)
    wait_idle(qtbot, ctx)
    assert dlg.template.count() == 3  # the built-in winter, summer and general notices
    dlg.template.setCurrentIndex(dlg.template.findText("暑假", Qt.MatchFlag.MatchContains))
    dlg.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    assert dlg.result() == 1
    help_dlg = AssistanceDialog(
        ctx, cf, hid, [(ui_world.kids_a[0], "张小明")], child_id=ui_world.kids_a[0]
    )
    qtbot.addWidget(help_dlg)
    help_dlg.kind.setCurrentIndex(help_dlg.kind.findData("money"))
    help_dlg.amount.setValue(500.0)
    help_dlg.description.setText("春节慰问金")
    help_dlg.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    assert help_dlg.result() == 1
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        [d] = support.deliveries(uow, hid)
        assert d.template_code == "summer" and d.signed and d.guardian_name == "张大山"
        [a] = support.assistance_for(uow, household_id=hid)
        assert (a.amount_fen, a.child_id, a.description) == (
            50000,
            ui_world.kids_a[0],
            "春节慰问金",
        )


def test_bad_help_input_is_shown_at_the_field(qtbot, make_app, ui_world) -> None:
    ctx, _hexi, win = make_app("dir_a")
    cf = _file(qtbot, win, ui_world.kids_a[0])
    dlg = AssistanceDialog(ctx, cf, cf.data.file.household.id, [])
    qtbot.addWidget(dlg)
    dlg.on.setDate(dlg.on.date().addDays(30))  # in the future
    dlg.description.setText("棉衣")
    dlg.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    assert dlg.result() == 0
    assert "date" in dlg.errors.current()
    assert dlg.description.text() == "棉衣"


def test_activity_with_participants(qtbot, make_app, ui_world) -> None:
    ctx, _hexi, win = make_app("dir_a")
    page = win.show_page("support")
    wait_idle(qtbot, ctx)
    dlg = ActivityDialog(ctx, page)
    qtbot.addWidget(dlg)
    wait_idle(qtbot, ctx)
    dlg.title.setText("冬令营")
    qtbot.keyClicks(dlg.search, "zx")  # 张小明, 张小红
    wait_idle(qtbot, ctx)
    assert dlg.results.count() == 2
    for i in range(dlg.results.count()):
        dlg.results.setCurrentRow(i)
        dlg._add()
    dlg._add()  # adding the same child twice keeps one
    assert dlg.chosen.count() == 2
    dlg.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    assert dlg.result() == 1
    page.refresh()
    wait_idle(qtbot, ctx)
    assert [(a.title, a.participants) for a in page.activities.rows] == [("冬令营", 2)]
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        assert {
            c.name for c in listings.activity_participants(uow, page.activities.rows[0].id)
        } == {"张小明", "张小红"}


def test_followup_and_mandatory_report(qtbot, make_app, ui_world) -> None:
    ctx, _hexi, win = make_app("dir_a")
    cf = _file(qtbot, win, ui_world.kids_a[1])
    fu = FollowUpDialog(ctx, cf, ui_world.kids_a[1])
    qtbot.addWidget(fu)
    fu.buttons.accepted.emit()  # no action: required
    wait_idle(qtbot, ctx)
    assert "action" in fu.errors.current()
    fu.action.setText("协助办理户口登记")
    fu.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    rep = ReportDialog(ctx, cf, ui_world.kids_a[1])
    qtbot.addWidget(rep)
    rep.trigger.setCurrentIndex(rep.trigger.findData(ReportTrigger.ABANDONED))
    rep.receipt.setText("JJ-2026-001")
    rep.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    assert rep.result() == 1
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        assert [f.action for f in casework.followups(uow, ui_world.kids_a[1])] == [
            "协助办理户口登记"
        ]
        [r] = casework.reports(uow, ui_world.kids_a[1])
        assert r.trigger == ReportTrigger.ABANDONED and r.receipt_no == "JJ-2026-001"
    dash = win.show_page("dashboard")
    wait_idle(qtbot, ctx)
    assert [i.child_id for i in dash.models["reports"].rows] == [ui_world.kids_a[1]]


def test_photo_attachment_with_thumbnail(qtbot, make_app, ui_world, tmp_path) -> None:
    img = QImage(1200, 900, QImage.Format.Format_RGB32)
    img.fill(QColor("#4a7bb7"))
    photo = tmp_path / "家访照片.png"
    assert img.save(str(photo))
    ctx, _hexi, win = make_app("dir_a")
    cf = _file(qtbot, win, ui_world.kids_a[0])
    cf.add_attachment_file(photo)
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: cf.files.count() == 1, timeout=5000)
    item = cf.files.item(0)
    assert not item.icon().isNull()  # the thumbnail is shown
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        [a] = attachments.list_attachments(uow, ui_world.kids_a[0])
        assert a.has_thumbnail and a.filename == "家访照片.png"
        thumb = QImage()
        assert thumb.loadFromData(attachments.attachment_data(uow, a.id or "", thumbnail=True))
        assert max(thumb.width(), thumb.height()) <= 240
    cf._view_attachment(item)
    wait_idle(qtbot, ctx)
    from hexi_care.ui.dialogs.attachments import AttachmentViewer

    viewers = cf.findChildren(AttachmentViewer)
    assert len(viewers) == 1 and viewers[0].windowTitle() == "家访照片.png"
    viewers[0].accept()


def test_guardian_with_a_situation_and_a_referral(qtbot, make_app, ui_world) -> None:
    ctx, _hexi, win = make_app("dir_a")
    kid = ui_world.kids_a[0]
    cf = _file(qtbot, win, kid)
    hid = cf.data.file.household.id
    dlg = GuardianDialog(ctx, cf, hid)
    qtbot.addWidget(dlg)
    saved: list[object] = []
    dlg.saved.connect(saved.append)
    dlg.buttons.accepted.emit()  # no name yet
    wait_idle(qtbot, ctx)
    assert dlg.result() == 0 and "name" in dlg.errors.current() and saved == []
    dlg.name.setText("李秀英")
    dlg.relationship.setCurrentIndex(dlg.relationship.findData(Relationship.MOTHER))
    dlg.is_guardian.setChecked(True)
    dlg._add()
    [sit] = dlg.findChildren(SituationDialog)
    sit.kind.setCurrentIndex(sit.kind.findData(SituationKind.IMPRISONED))
    sit.start.set_value(date(2025, 3, 1))
    sit.end.set_value(date(2025, 1, 1))
    sit.buttons.accepted.emit()  # the end before the start: said in the dialog, kept open
    assert sit.result() == 0 and sit.message.text() == "结束日期不能早于开始日期。"
    sit.end.set_value(None)
    sit.buttons.accepted.emit()
    assert sit.result() == 1 and dlg.sit_list.count() == 1
    dlg.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    assert dlg.result() == 1 and len(saved) == 1
    ref = ReferralDialog(ctx, cf, kid)
    qtbot.addWidget(ref)
    ref.agency.setText("区未成年人保护中心")
    ref.reason.setPlainText("需要心理辅导")
    ref.buttons.accepted.emit()
    wait_idle(qtbot, ctx)
    assert ref.result() == 1
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        [g] = [g for g in households.guardians_of(uow, hid) if g.id == saved[0].id]
        assert (
            g.name == "李秀英"
            and g.is_guardian
            and [s.kind for s in g.situations] == [SituationKind.IMPRISONED]
        )
        assert [(r.agency, r.reason) for r in casework.referrals(uow, kid)] == [
            ("区未成年人保护中心", "需要心理辅导")
        ]
