"""The visit form: every section filled and submitted for review; a date in the future shown at
its field with nothing typed lost; drafts saved automatically; the next date suggested; a
supervisor approving and returning; a returned visit mended and resubmitted."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt

from hexi_care import messages
from hexi_care.domain import submission
from hexi_care.domain.enums import Rating, SafetyTopic, VisitStatus
from hexi_care.domain.model import Visit
from hexi_care.services import form_recovery, visits
from hexi_care.services.context import UnitOfWork
from tests.factories import complete_visit

from .conftest import wait_idle


def _open_form(qtbot, win, child_id: str):
    form = win.open_visit(child_id=child_id)
    qtbot.waitUntil(lambda: form.child is not None, timeout=10000)
    wait_idle(qtbot, win.ctx)
    return form


def _fill(qtbot, form) -> None:
    form.visit_date.setDate(QDate(2026, 11, 19))
    form.visit_time.setText("14:30")
    form.people_met.setText("儿童及其祖母")
    form.place.setText("家中")
    form.basic_verified.setChecked(True)
    form.carer_name.setText("张奶奶")
    form.carer_relationship.setText("祖母")
    form.entrusted.set_value(True)
    form.carer_suitable.set_value(True)
    form.parent_contact.setText("母亲失联，父亲服刑")
    for s, r in zip(
        ("physical", "psychological", "living", "education", "social_support"), Rating, strict=False
    ):
        form.ratings[s].buttons[r].setChecked(True)
        form.ratings[s].note.setPlainText(f"{s} 情况")
    form.ratings["social_support"].buttons[Rating.GOOD].setChecked(True)
    form.safety[SafetyTopic.DROWNING].setChecked(True)
    form.safety[SafetyTopic.FIRE_ELECTRICITY_GAS].setChecked(True)
    form.needs.setPlainText("冬季取暖")
    form.help_given.setPlainText("发放棉衣")


def test_fill_and_submit_a_visit(qtbot, make_app, ui_world) -> None:
    ctx, _hexi, win = make_app("dir_a")
    child = ui_world.kids_a[0]
    form = _open_form(qtbot, win, child)
    assert form.visitors.text() == "王主任"  # the signed-in user's name, not the role
    assert form.signoff.text() == "王主任"
    _fill(qtbot, form)
    wait_idle(qtbot, ctx)
    # The next date comes from the schedule (事实无人抚养: monthly).
    qtbot.waitUntil(lambda: "2026-12-19" in form.suggestion.text(), timeout=5000)
    form.next_date.clear_value()
    qtbot.mouseClick(form.use_suggestion, Qt.MouseButton.LeftButton)
    assert form.next_date.value() == date(2026, 12, 19)
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    assert form.read_only
    assert form.status == VisitStatus.SUBMITTED
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        saved = visits.list_visits(uow, child_id=child)
        assert form_recovery.pending(uow) == []  # submitted: nothing left to recover
    assert len(saved) == 1
    v = saved[0]
    assert v.status == VisitStatus.SUBMITTED
    assert (v.visit_date, v.visit_time, v.carer_relationship) == (
        date(2026, 11, 19),
        "14:30",
        "祖母",
    )
    assert v.entrusted_agreement is True and v.basic_info_verified
    assert v.physical.rating == Rating.GOOD and v.psychological.rating == Rating.FAIR
    # Ticked while filling in, and the season notice's lead (the general notice in November).
    assert set(v.safety_reminders) == {"drowning", "fire_electricity_gas", "guardianship_duty"}
    assert v.next_visit_date == date(2026, 12, 19)
    assert v.visitor_signoff == "王主任"


def test_invalid_input_is_shown_at_the_field_and_nothing_is_lost(qtbot, make_app, ui_world) -> None:
    ctx, _hexi, win = make_app("dir_a")
    form = _open_form(qtbot, win, ui_world.kids_a[1])
    _fill(qtbot, form)
    form.visit_date.setDate(QDate(2026, 12, 24))  # after "today" (2026-11-20)
    form.autosave(explicit=True)
    wait_idle(qtbot, ctx)
    errors = form.errors.current()
    assert "visit_date" in errors and (
        "今天" in errors["visit_date"] or "future" in errors["visit_date"]
    )
    assert form.visit_date.property("invalid") is True
    assert form.needs.toPlainText() == "冬季取暖"  # nothing typed is lost
    # Even unsaveable input is sealed on disk for recovery.
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        snaps = form_recovery.pending(uow, "visit")
        assert [s.data["needs"] for s in snaps] == ["冬季取暖"]
        assert visits.list_visits(uow, child_id=ui_world.kids_a[1]) == []
    # A submit with a bad time: shown at the time field.
    form.visit_date.setDate(QDate(2026, 11, 18))
    form.visit_time.setText("25:99")
    form.submit()
    wait_idle(qtbot, ctx)
    assert "visit_time" in form.errors.current()
    assert not form.read_only
    form.visit_time.setText("09:15")
    form.submit()
    wait_idle(qtbot, ctx)
    assert form.read_only and form.errors.current() == {}


def test_submitting_needs_the_ratings_and_people_met(qtbot, make_app, ui_world) -> None:
    ctx, _hexi, win = make_app("dir_a")
    form = _open_form(qtbot, win, ui_world.kids_a[2])
    form.needs.setPlainText("冬衣")
    form.submit()
    wait_idle(qtbot, ctx)  # the draft is saved meanwhile; the marks stay
    missing = form.errors.current()
    # The window shows the core's findings (domain.submission), each at its field, in the core's words.
    assert list(missing) == submission.missing_for_submit(form.collect())
    assert list(missing) == ["people_met", *Visit.SECTIONS]  # visitors is prefilled
    assert set(missing.values()) == {messages.render("problem.needed_to_submit", "zh")}
    assert form.errors.labels["people_met"].isVisibleTo(form)
    assert not form.read_only
    with UnitOfWork(ui_world.login("dir_a")) as uow:  # the draft is kept
        kept = visits.list_visits(uow, child_id=ui_world.kids_a[2])
    assert [v.status for v in kept] == [VisitStatus.DRAFT]


def test_drafts_are_saved_automatically_and_reopen(qtbot, make_app, ui_world, monkeypatch) -> None:
    ctx, _hexi, win = make_app("dir_a")
    form = _open_form(qtbot, win, ui_world.kids_a[0])
    form._timer.setInterval(100)
    form.needs.setPlainText("需要学习用品")
    qtbot.waitUntil(
        lambda: "草稿" in form.state.text() or "Draft" in form.state.text(), timeout=5000
    )
    visit_id = form.visit_id
    form.close()
    wait_idle(qtbot, ctx)
    with UnitOfWork(ui_world.login("dir_a")) as uow:
        v = visits.get_visit(uow, visit_id)
        assert v.status == VisitStatus.DRAFT and v.needs == "需要学习用品"
        assert form_recovery.pending(uow) == []  # closed normally: the snapshot is gone
    # The 工作台 lists the draft, and opening it continues the same visit.
    dash = win.show_page("dashboard")
    wait_idle(qtbot, ctx)
    assert [i.record_id for i in dash.models["drafts"].rows] == [visit_id]
    win.open_item(dash.models["drafts"].rows[0])
    again = win.records[f"visit:{visit_id}"]
    qtbot.waitUntil(lambda: again.child is not None, timeout=5000)
    assert again.needs.toPlainText() == "需要学习用品"
    assert not again.read_only


def test_supervisor_returns_and_approves(qtbot, make_app, ui_world) -> None:
    director = ui_world.login("dir_a")
    with UnitOfWork(director) as uow:
        v1 = visits.submit(uow, complete_visit(ui_world.kids_a[0], date(2026, 11, 2)))
        v2 = visits.submit(uow, complete_visit(ui_world.kids_a[1], date(2026, 11, 3)))
    ctx, _hexi, win = make_app("street_a")
    assert "review" in win.page_keys
    page = win.show_page("review")
    wait_idle(qtbot, ctx)
    assert [r.visit_id for r in page.model.rows] == [v1.id, v2.id]
    wait_idle(qtbot, ctx)
    assert page.current is not None and page.current.id == v1.id
    page.ret.click()  # returning needs a comment
    wait_idle(qtbot, ctx)
    assert "review_comment" in page.errors.current()
    page.comment.setPlainText("请补充照护人联系频次")
    page.ret.click()
    wait_idle(qtbot, ctx)
    assert [r.visit_id for r in page.model.rows] == [v2.id]
    wait_idle(qtbot, ctx)
    page.approve.click()
    wait_idle(qtbot, ctx)
    assert page.model.rows == []
    with UnitOfWork(director) as uow:
        assert visits.get_visit(uow, v1.id).status == VisitStatus.RETURNED
        assert visits.get_visit(uow, v2.id).status == VisitStatus.APPROVED


def test_a_returned_visit_is_mended_and_resubmitted(qtbot, make_app, ui_world) -> None:
    director = ui_world.login("dir_a")
    with UnitOfWork(director) as uow:
        v = visits.submit(
            uow,
            complete_visit(ui_world.kids_a[0], date(2026, 11, 2), people_met="儿童"),
        )
    with UnitOfWork(ui_world.login("street_a")) as uow:
        visits.review(uow, v.id, "returned", "请补充评价")
    ctx, _hexi, win = make_app("dir_a")
    dash = win.show_page("dashboard")
    wait_idle(qtbot, ctx)
    assert [i.text for i in dash.models["returned"].rows] == ["请补充评价"]
    win.open_item(dash.models["returned"].rows[0])
    form = win.records[f"visit:{v.id}"]
    qtbot.waitUntil(lambda: form.child is not None, timeout=5000)
    assert form.review_comment.isVisibleTo(form) and "请补充评价" in form.review_comment.text()
    form.visitors.setText("")  # mending, the director empties a field a submission needs
    form.submit()
    wait_idle(qtbot, ctx)
    assert list(form.errors.current()) == ["visitors"]
    form.visitors.setText("儿童主任")
    form.submit()
    wait_idle(qtbot, ctx)
    assert form.read_only
    with UnitOfWork(director) as uow:
        assert visits.get_visit(uow, v.id).status == VisitStatus.SUBMITTED
