"""The home-visit form: every section of the paper form "What a home visit records", with
checklists and ratings, and the next visit date suggested from the schedule.

Nothing typed is lost: every few seconds (and when the window closes or locks) the form's values are
sealed into the store's recovery folder, then saved as a draft when they validate (saving.py). After
a crash the form comes back on the next start. A field that does not validate is marked with what to
fix; the rest is still kept.
"""

from __future__ import annotations

import itertools
import uuid
from dataclasses import replace
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hexi_care.domain import reporting, routine, submission
from hexi_care.domain.enums import (
    FollowUpStatus,
    Rating,
    RedFlag,
    SafetyTopic,
    VisitKind,
    VisitStatus,
)
from hexi_care.domain.model import Child, FollowUp, Visit
from hexi_care.errors import NotFound
from hexi_care.services import casework, children, visits
from hexi_care.services.form_recovery import Snapshot
from hexi_care.ui import i18n
from hexi_care.ui.campaign_choice import CampaignChoice
from hexi_care.ui.common import (
    DateField,
    FieldErrors,
    TriState,
    age_years,
    label,
    set_combo_data,
    set_role,
    shortcut,
    text_edit,
    with_error,
)
from hexi_care.ui.screen import fit_to_screen
from hexi_care.ui.visit.ratings import SECTION_TITLES, RatingRow
from hexi_care.ui.visit.saving import VisitSaving
from hexi_care.ui.worker import Task, logged_only

AUTOSAVE_MS = 4000
#: Beside a field a submission needs (domain.submission; the visit date is always needed).
REQUIRED_MARK = " *"


def _required(name: str) -> str:
    needed = name == "visit_date" or name in submission.REQUIRED_TEXT
    return i18n.field(name) + (REQUIRED_MARK if needed else "")


class VisitFormWindow(VisitSaving):
    def __init__(
        self,
        ctx,
        main,
        *,
        child_id: str | None = None,
        visit_id: str | None = None,
        snapshot: Snapshot | None = None,
    ) -> None:
        super().__init__(main, Qt.WindowType.Window)
        self.ctx = ctx
        self.main = main
        self.child_id = child_id or (snapshot.data.get("child_id") if snapshot else None)
        self.form_id = visit_id or (snapshot.form_id if snapshot else str(uuid.uuid4()))
        self.visit_id = visit_id or (snapshot.data.get("id") if snapshot else None) or self.form_id
        self.snapshot = snapshot
        self.child = None
        self.status = VisitStatus.DRAFT
        self.read_only = False
        self.dirty = False
        self.saved_once = bool(visit_id)
        self.last_invalid = None
        self._loading = True
        self._closing = False
        self.setObjectName("visit_form")
        self.setWindowTitle(self.tr("Home visit"))
        fit_to_screen(self, 1040, 720)
        self.errors = FieldErrors(self)
        # Fields the last submit attempt found missing (domain.submission), kept marked until filled.
        self._submit_findings = []
        self._build()
        self._timer = QTimer(self)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.autosave)
        self._suggest_timer = QTimer(self)
        self._suggest_timer.setSingleShot(True)
        self._suggest_timer.setInterval(250)
        self._suggest_timer.timeout.connect(self._ask_suggestion)
        self._load()

    # -- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        self.header = label("", "title")
        self.header.setObjectName("visit_header")
        self.subheader = label("", "muted", wrap=True)
        self.banner = label("", "banner", wrap=True)
        self.banner.setObjectName("visit_banner")
        self.banner.setVisible(False)
        # Answers that call for a mandatory report on the spot (domain/reporting.py red flags).
        self.red_flags = label("", "error", wrap=True)
        self.red_flags.setObjectName("red_flags")
        self.report_now = QPushButton(self.tr("Record a mandatory report now…"))
        self.report_now.setObjectName("report_now")
        self.report_now.clicked.connect(self._report_now)
        self.red_box = QWidget()
        red = QHBoxLayout(self.red_box)
        red.setContentsMargins(0, 0, 0, 0)
        red.addWidget(self.red_flags, 1)
        red.addWidget(self.report_now)
        self.red_box.setVisible(False)
        self._flags: list[RedFlag] = []
        self.banner.linkActivated.connect(self.open_existing_draft)

        # 1. facts
        self.visit_date = DateField()
        self.visit_date.setObjectName("visit_date")
        self.visit_time = QLineEdit()
        self.visit_time.setObjectName("visit_time")
        # A format, not a value that could be taken for one already entered.
        self.visit_time.setPlaceholderText(self.tr("hh:mm"))
        self.visit_time.setMaximumWidth(90)
        self.kind = QComboBox()
        self.kind.setObjectName("visit_kind")
        for k in VisitKind:
            self.kind.addItem(i18n.label(i18n.VISIT_KIND, k), k)
        # The campaign the visit belongs to: none, or one open on the visit's date.
        self.campaign = CampaignChoice(self.ctx)
        self.campaign.setObjectName("visit_campaign")
        self.visitors = QLineEdit()
        self.visitors.setObjectName("visitors")
        self.visitors.setPlaceholderText(
            self.tr("e.g. child director, child supervisor, volunteer")
        )
        self.people_met = QLineEdit()
        self.people_met.setObjectName("people_met")
        self.people_met.setPlaceholderText(self.tr("e.g. the child and the grandmother"))
        self.place = QLineEdit()
        self.place.setObjectName("place")
        self.place.setPlaceholderText(self.tr("e.g. at home"))
        g1 = QGroupBox(self.tr("1. Visit"))
        f1 = QFormLayout(g1)
        when = QHBoxLayout()
        when.addWidget(with_error(self.visit_date, self.errors, "visit_date"))
        when.addWidget(QLabel(i18n.field("visit_time")))
        when.addWidget(with_error(self.visit_time, self.errors, "visit_time"))
        when.addStretch(1)
        self.date_note = label("", "warning", wrap=True)
        self.date_note.setObjectName("visit_date_note")
        self.date_note.setVisible(False)
        self.date_confirm = QCheckBox(self.tr("The date is right (a visit entered late)"))
        self.date_confirm.setObjectName("visit_date_confirm")
        self.date_confirm.setVisible(False)
        f1.addRow(_required("visit_date"), when)
        f1.addRow("", self.date_note)
        f1.addRow("", self.date_confirm)
        f1.addRow(i18n.field("kind"), with_error(self.kind, self.errors, "kind"))
        f1.addRow(i18n.field("campaign"), with_error(self.campaign, self.errors, "campaign"))
        f1.addRow(_required("visitors"), with_error(self.visitors, self.errors, "visitors"))
        f1.addRow(_required("people_met"), with_error(self.people_met, self.errors, "people_met"))
        f1.addRow(i18n.field("place"), with_error(self.place, self.errors, "place"))

        # 2. basic information
        self.basic_verified = QCheckBox(
            self.tr("ID, household registration, address, school and phone numbers checked")
        )
        self.basic_verified.setObjectName("basic_info_verified")
        self.basic_changes = text_edit(
            2, self.tr("What changed (any change flags the case for re-assessment)")
        )
        self.basic_changes.setObjectName("basic_info_changes")
        g2 = QGroupBox(self.tr("2. Basic information verified"))
        f2 = QVBoxLayout(g2)
        f2.addWidget(self.basic_verified)
        f2.addWidget(with_error(self.basic_changes, self.errors, "basic_info_changes"))

        # 3. family responsibility
        self.carer_name = QLineEdit()
        self.carer_name.setObjectName("carer_name")
        self.carer_relationship = QLineEdit()
        self.carer_relationship.setObjectName("carer_relationship")
        self.carer_relationship.setPlaceholderText(self.tr("e.g. grandmother"))
        self.entrusted = TriState()
        self.entrusted.setObjectName("entrusted_agreement")
        self.carer_suitable = TriState()
        self.carer_suitable.setObjectName("carer_suitable")
        self.parent_contact = QLineEdit()
        self.parent_contact.setObjectName("parent_contact")
        self.parent_contact.setPlaceholderText(self.tr("e.g. a phone call every week"))
        self.alone16 = QCheckBox(
            self.tr("A child under 16 lives alone (not allowed: 未成年人保护法 Art. 21–23)")
        )
        self.alone16.setObjectName("child_alone_under16")
        self.alone8 = QCheckBox(self.tr("A child under 8 is left unattended (not allowed)"))
        self.alone8.setObjectName("child_under8_unattended")
        self.duty_warning = label(
            self.tr(
                "Act now: arrange care today, tell the supervisor, and record a follow-up. Report at once if the child is in danger."
            ),
            "error",
            wrap=True,
        )
        self.duty_warning.setVisible(False)
        g3 = QGroupBox(self.tr("3. Family responsibility for care"))
        f3 = QFormLayout(g3)
        carer = QHBoxLayout()
        carer.addWidget(with_error(self.carer_name, self.errors, "carer_name"), 2)
        carer.addWidget(with_error(self.carer_relationship, self.errors, "carer_relationship"), 1)
        f3.addRow(i18n.field("carer_name"), carer)
        f3.addRow(i18n.field("entrusted_agreement"), self.entrusted)
        f3.addRow(i18n.field("carer_suitable"), self.carer_suitable)
        f3.addRow(
            i18n.field("parent_contact"),
            with_error(self.parent_contact, self.errors, "parent_contact"),
        )
        f3.addRow("", self.alone16)
        f3.addRow("", self.alone8)
        f3.addRow("", self.duty_warning)

        # 4–8 ratings
        self.ratings: dict[str, RatingRow] = {}
        g4 = QGroupBox(self.tr("4–8. Ratings") + REQUIRED_MARK)
        f4 = QVBoxLayout(g4)
        # "All is well" in one press, undone by the same button (it says so while it can).
        self.all_good = QPushButton(self.tr("All &good"))
        self.all_good.setObjectName("all_good")
        self.all_good.setToolTip(self.tr("Rates sections 4–8 as good; press again to undo"))
        self.all_good.clicked.connect(self._all_good)
        self._before_all_good: dict[str, Any] | None = None
        self._setting_all = False
        f4.addWidget(self.all_good, 0, Qt.AlignmentFlag.AlignLeft)
        for s in Visit.SECTIONS:
            rr = RatingRow()
            rr.setObjectName(f"section_{s}")
            self.ratings[s] = rr
            f4.addWidget(label(i18n.lookup(SECTION_TITLES[s]), "subtitle", wrap=True))
            f4.addWidget(with_error(rr, self.errors, s))

        # 9. safety reminders
        self.safety: dict[SafetyTopic, QCheckBox] = {}
        g9 = QGroupBox(self.tr("9. Safety reminders given"))
        grid = QGridLayout(g9)
        for i, topic in enumerate(SafetyTopic):
            cb = QCheckBox(i18n.label(i18n.SAFETY, topic))
            cb.setObjectName(f"safety_{topic.value}")
            self.safety[topic] = cb
            grid.addWidget(cb, i // 4, i % 4)
        self.errors.add("safety_reminders", g9)

        # 10. needs, help, referrals, follow-ups, next visit
        self.needs = text_edit(3)
        self.needs.setObjectName("needs")
        self.help_given = text_edit(2)
        self.help_given.setObjectName("help_given")
        self.referrals = text_edit(2)
        self.referrals.setObjectName("referrals")
        self.next_date = DateField(optional=True)
        self.next_date.setObjectName("next_visit_date")
        self.suggestion = label("", "muted", wrap=True)
        self.suggestion.setObjectName("next_suggestion")
        self.use_suggestion = QPushButton(self.tr("Use the suggested date"))
        self.use_suggestion.setObjectName("use_suggestion")
        self.use_suggestion.setEnabled(False)
        self.use_suggestion.clicked.connect(self._use_suggestion)
        self.followups = QListWidget()
        self.followups.setMaximumHeight(90)
        self.add_followup = QPushButton(self.tr("Add a follow-up action…"))
        self.add_followup.clicked.connect(self._add_followup)
        g10 = QGroupBox(self.tr("10. Needs, help, referrals and the next visit"))
        f10 = QFormLayout(g10)
        f10.addRow(i18n.field("needs"), with_error(self.needs, self.errors, "needs"))
        f10.addRow(i18n.field("help_given"), with_error(self.help_given, self.errors, "help_given"))
        f10.addRow(i18n.field("referrals"), with_error(self.referrals, self.errors, "referrals"))
        fu = QVBoxLayout()
        fu.addWidget(self.followups)
        fu.addWidget(self.add_followup, 0, Qt.AlignmentFlag.AlignLeft)
        f10.addRow(self.tr("Open follow-up actions"), fu)
        nxt = QHBoxLayout()
        nxt.addWidget(with_error(self.next_date, self.errors, "next_visit_date"))
        nxt.addWidget(self.use_suggestion)
        nxt.addStretch(1)
        f10.addRow(i18n.field("next_visit_date"), nxt)
        f10.addRow("", self.suggestion)

        # 11. sign-off
        self.signoff = QLineEdit()
        self.signoff.setObjectName("visitor_signoff")
        self.review_comment = label("", "warning", wrap=True)
        g11 = QGroupBox(self.tr("11. Sign-off"))
        f11 = QFormLayout(g11)
        f11.addRow(
            i18n.field("visitor_signoff"), with_error(self.signoff, self.errors, "visitor_signoff")
        )
        f11.addRow(
            "",
            label(
                self.tr(
                    "The guardian may sign the printed copy. A supervisor reviews the visit after you submit it."
                ),
                "muted",
                wrap=True,
            ),
        )

        self.sections = [g1, g2, g3, g4, g9, g10, g11]
        body = QWidget()
        col = QVBoxLayout(body)
        col.setContentsMargins(4, 4, 12, 4)
        for g in self.sections:
            col.addWidget(g)
        col.addStretch(1)
        # Not `self.scroll`: that would shadow QWidget.scroll(dx, dy).
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(body)

        self.index = QListWidget()
        self.index.setFixedWidth(190)
        self.index.setWordWrap(True)
        self.index.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for i, g in enumerate(self.sections):
            self.index.addItem(g.title())
            self.index.item(i).setToolTip(f"Ctrl+{i + 1}")
            shortcut(self, f"Ctrl+{i + 1}", partial(self.go_to_section, i))
        self.index.currentRowChanged.connect(self._scroll_to_section)

        self.state = label("", "muted")
        self.state.setObjectName("visit_state")
        self.save_button = QPushButton(self.tr("&Save draft"))
        self.save_button.setObjectName("save_draft")
        self.save_button.setToolTip("Ctrl+S")
        self.submit_button = QPushButton(self.tr("Su&bmit for review"))
        self.submit_button.setObjectName("submit_visit")
        self.submit_button.setToolTip("Ctrl+Enter")
        set_role(self.submit_button, "primary")
        self.print_button = QPushButton(self.tr("&Print summary…"))
        self.print_button.setObjectName("print_summary")
        self.print_button.setToolTip(self.tr("走访情况小结 of this visit as saved"))
        self.print_button.clicked.connect(self.print_summary)
        self.close_button = QPushButton(self.tr("&Close"))
        self.save_button.clicked.connect(lambda: self.autosave(explicit=True))
        self.submit_button.clicked.connect(self.submit)
        self.close_button.clicked.connect(self.close)
        shortcut(self, QKeySequence.StandardKey.Save, lambda: self.autosave(explicit=True))
        shortcut(self, "Ctrl+Return", self.submit)
        shortcut(self, "Ctrl+Enter", self.submit)
        shortcut(self, "Ctrl+W", self.close)

        bar = QHBoxLayout()
        self.legend = label(self.tr("* needed to submit"), "muted")
        bar.addWidget(self.legend)
        bar.addWidget(self.state, 1)
        bar.addWidget(self.save_button)
        bar.addWidget(self.submit_button)
        bar.addWidget(self.print_button)
        bar.addWidget(self.close_button)
        mid = QHBoxLayout()
        mid.addWidget(self.index)
        mid.addWidget(self.scroll_area, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.header)
        lay.addWidget(self.subheader)
        lay.addWidget(self.banner)
        lay.addWidget(self.red_box)
        lay.addWidget(self.review_comment)
        lay.addLayout(mid, 1)
        lay.addLayout(bar)
        self.review_comment.setVisible(False)

        # The typed fields: any change makes the form dirty (the timer saves it); read-only locks them.
        self._line_edits = (
            self.visit_time,
            self.visitors,
            self.people_met,
            self.place,
            self.carer_name,
            self.carer_relationship,
            self.parent_contact,
            self.signoff,
        )
        self._text_edits = (self.basic_changes, self.needs, self.help_given, self.referrals)
        for w in self._line_edits:
            w.textChanged.connect(self._changed)
        for te in self._text_edits:
            te.textChanged.connect(self._changed)
        for combo in (self.kind, self.campaign, self.entrusted, self.carer_suitable):
            combo.currentIndexChanged.connect(self._changed)
        for cb in (self.basic_verified, self.alone16, self.alone8, *self.safety.values()):
            cb.toggled.connect(self._changed)
        for rr in self.ratings.values():
            rr.changed.connect(self._rating_changed)
        self.next_date.dateChanged.connect(self._changed)
        self.visit_date.dateChanged.connect(self._date_changed)
        self.date_confirm.toggled.connect(self._changed)
        self._paper_tab_order()
        self.alone16.toggled.connect(self._duty)
        self.alone8.toggled.connect(self._duty)
        for cb in (self.alone16, self.alone8):
            cb.toggled.connect(self._red_flags)
        for section in ("living", "physical"):
            self.ratings[section].changed.connect(self._red_flags)

    def _paper_tab_order(self) -> None:
        """Tab goes through the fields in the paper form's order, then the buttons."""
        chain: list[QWidget] = [
            self.visit_date,
            self.visit_time,
            self.date_confirm,
            self.kind,
            self.visitors,
            self.people_met,
            self.place,
            self.basic_verified,
            self.basic_changes,
            self.carer_name,
            self.carer_relationship,
            self.entrusted,
            self.carer_suitable,
            self.parent_contact,
            self.alone16,
            self.alone8,
            self.all_good,
        ]
        for rr in self.ratings.values():
            chain += [*rr.buttons.values(), rr.note]
        chain += [*self.safety.values(), self.needs, self.help_given, self.referrals]
        chain += [self.followups, self.add_followup, self.next_date, self.use_suggestion]
        chain += [self.signoff, self.save_button, self.submit_button, self.print_button]
        chain += [self.close_button]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

    def _scroll_to_section(self, row: int) -> None:
        """The chosen section at the top of the view (not merely somewhere in it)."""
        if 0 <= row < len(self.sections):
            section = self.sections[row]
            bar = self.scroll_area.verticalScrollBar()
            bar.setValue(min(section.y(), bar.maximum()))

    def go_to_section(self, row: int) -> None:
        """Ctrl+1…Ctrl+7: the section at the top and its first field focused."""
        self.index.setCurrentRow(row)
        self._scroll_to_section(row)
        first = {
            0: self.visit_date,
            1: self.basic_verified,
            2: self.carer_name,
            3: self.all_good,
            4: next(iter(self.safety.values())),
            5: self.needs,
            6: self.signoff,
        }[row]
        first.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _all_good(self) -> None:
        if self.read_only:
            return
        self._setting_all = True
        if self._before_all_good is None:
            self._before_all_good = self._section_values()
            for rr in self.ratings.values():
                rr.set_rating(Rating.GOOD)
            self.all_good.setText(self.tr("Undo all &good"))
        else:
            before, self._before_all_good = self._before_all_good, None
            for s, rr in self.ratings.items():
                rr.set_rating(before[s].rating)
            self.all_good.setText(self.tr("All &good"))
        self._setting_all = False
        self._changed()

    def _rating_changed(self) -> None:
        # A rating changed by hand after "all good": the undo would now undo more than it did.
        if self._before_all_good is not None and not self._setting_all:
            self._before_all_good = None
            self.all_good.setText(self.tr("All &good"))
        self._changed()

    # -- values --------------------------------------------------------------------------------
    def collect(self) -> Visit:
        return Visit(
            id=self.visit_id,
            child_id=self.child_id or "",
            visit_date=self.visit_date.value() or date.today(),
            kind=self.kind.currentData(),
            status=self.status,
            visit_time=self.visit_time.text(),
            visitors=self.visitors.text(),
            people_met=self.people_met.text(),
            place=self.place.text(),
            basic_info_verified=self.basic_verified.isChecked(),
            basic_info_changes=self.basic_changes.toPlainText(),
            carer_name=self.carer_name.text(),
            carer_relationship=self.carer_relationship.text(),
            entrusted_agreement=self.entrusted.value(),
            carer_suitable=self.carer_suitable.value(),
            parent_contact=self.parent_contact.text(),
            child_alone_under16=self.alone16.isChecked(),
            child_under8_unattended=self.alone8.isChecked(),
            safety_reminders=[t.value for t, cb in self.safety.items() if cb.isChecked()],
            needs=self.needs.toPlainText(),
            help_given=self.help_given.toPlainText(),
            referrals=self.referrals.toPlainText(),
            next_visit_date=self.next_date.value(),
            visitor_signoff=self.signoff.text(),
            campaign=self.campaign.value(),
            **self._section_values(),
        )

    def _section_values(self) -> dict[str, Any]:
        return {s: self.ratings[s].value() for s in Visit.SECTIONS}

    def fill(self, v: Visit) -> None:
        self._loading = True
        self.visit_date.set_value(v.visit_date)
        set_combo_data(self.kind, v.kind)
        self.campaign.set_value(v.campaign)
        self.visit_time.setText(v.visit_time)
        self.visitors.setText(v.visitors)
        self.people_met.setText(v.people_met)
        self.place.setText(v.place)
        self.basic_verified.setChecked(v.basic_info_verified)
        self.basic_changes.setPlainText(v.basic_info_changes)
        self.carer_name.setText(v.carer_name)
        self.carer_relationship.setText(v.carer_relationship)
        self.entrusted.set_value(v.entrusted_agreement)
        self.carer_suitable.set_value(v.carer_suitable)
        self.parent_contact.setText(v.parent_contact)
        self.alone16.setChecked(v.child_alone_under16)
        self.alone8.setChecked(v.child_under8_unattended)
        for s in Visit.SECTIONS:
            self.ratings[s].set_value(getattr(v, s))
        for t, cb in self.safety.items():
            cb.setChecked(t.value in v.safety_reminders)
        self.needs.setPlainText(v.needs)
        self.help_given.setPlainText(v.help_given)
        self.referrals.setPlainText(v.referrals)
        self.next_date.set_value(v.next_visit_date)
        self.signoff.setText(v.visitor_signoff)
        if v.review_comment and v.status == VisitStatus.RETURNED:
            self.review_comment.setText(
                self.tr("Returned by the supervisor: {comment}").format(comment=v.review_comment)
            )
            self.review_comment.setVisible(True)
        self._loading = False

    # -- loading -------------------------------------------------------------------------------
    def _load(self) -> None:
        visit_id = self.visit_id if (self.saved_once or self.snapshot) else None
        child_id = self.child_id

        fresh = self.snapshot is None

        def run(task: Task) -> tuple[Child, Visit | None, list[FollowUp], Any]:
            with task.uow() as uow:
                existing: Visit | None = None
                if visit_id:
                    try:
                        existing = visits.get_visit(uow, visit_id)
                    except NotFound:
                        existing = None
                cid = child_id or (existing.child_id if existing else "")
                child = children.get_child(uow, cid)
                open_fu = [
                    f for f in casework.followups(uow, cid) if f.status == FollowUpStatus.OPEN
                ]
                start = visits.new_visit_start(uow, cid) if fresh and existing is None else None
                return child, existing, open_fu, start

        self.ctx.worker.submit(
            run, done=self._loaded, failed=self._load_failed, owner=self, name="visit-load"
        )

    def _load_failed(self, exc: BaseException) -> None:
        self._loading = False
        self.state.setText(i18n.problem_text(exc))
        self.set_read_only(True)

    def _loaded(self, result: tuple[Child, Visit | None, list[FollowUp], Any]) -> None:
        child, existing, open_fu, start = result
        self.child = child
        self.child_id = child.id
        today = self.ctx.today()
        age = age_years(child.birth_date, today)
        self.header.setText(self.tr("Home visit: {name}").format(name=child.name))
        self.setWindowTitle(self.tr("Home visit: {name}").format(name=child.name))
        self.subheader.setText(
            " · ".join(
                x
                for x in (
                    i18n.label(i18n.SEX, child.sex),
                    self.tr("{age} years old").format(age=age) if age is not None else "",
                    self.ctx.ref.categories.names(
                        [c.code for c in child.categories if c.active_on(today)]
                    ),
                    self.tr("Risk: {risk}").format(risk=i18n.label(i18n.RISK, child.risk)),
                    self.ctx.ref.unit_name(child.community_id),
                )
                if x
            )
        )
        self._set_followups(open_fu)
        if existing is not None:
            self.saved_once = True
            self.status = existing.status
        if self.snapshot is not None:
            v = visits.visit_from_data(self.snapshot.data)
            if existing is not None and existing.status not in (
                VisitStatus.DRAFT,
                VisitStatus.RETURNED,
            ):
                self.fill(existing)
                self._show_banner(
                    self.tr(
                        "This visit was submitted meanwhile; what was typed after that could not be kept."
                    )
                )
                self.set_read_only(True)
                self._discard_snapshot()
            else:
                self.fill(
                    replace(
                        v,
                        status=self.status,
                        review_comment=existing.review_comment if existing else "",
                    )
                )
                self._show_banner(
                    self.tr(
                        "Restored what was being typed when the program last ended without closing this form ({when}). Check it and save."
                    ).format(when=i18n.fmt_datetime(self.snapshot.saved_at))
                )
                self.dirty = True
                self._timer.start()
        elif existing is not None:
            self.fill(existing)
            if existing.status not in (VisitStatus.DRAFT, VisitStatus.RETURNED):
                self.set_read_only(True)
                self._show_banner(
                    self.tr("This visit is {status}; it can no longer be changed.").format(
                        status=i18n.label(i18n.VISIT_STATUS, existing.status)
                    )
                )
            else:
                self._timer.start()
        else:
            # A new visit: the signed-in user's name as visitor and signer, the season notice's
            # leading safety reminders ticked (services.visits.new_visit_start).
            self.fill(
                Visit(
                    child_id=child.id or self.child_id or "",
                    visit_date=today,
                    visitors=start.visitors if start else "",
                    visitor_signoff=start.visitors if start else "",
                    safety_reminders=[t.value for t in start.safety] if start else [],
                )
            )
            if start is not None and start.drafts:
                self._offer_draft(start.drafts)
            self._timer.start()
        self._loading = False
        self._update_state()
        self._ask_suggestion()
        self._offer_campaigns()
        self.visit_date.setFocus()

    def _offer_draft(self, drafts: list[tuple[str, date]]) -> None:
        """A draft of this child is open already: say so, with a link that continues it."""
        draft_id, when = drafts[0]
        text = self.tr(
            "This child already has a draft visit of {date}. Continue it instead of starting another?"
        ).format(date=i18n.fmt_date(when))
        more = (
            " " + self.tr("({n} drafts in all.)").format(n=len(drafts)) if len(drafts) > 1 else ""
        )
        link = self.tr("Open the draft")
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.setText(f'{text}{more} <a href="{draft_id}">{link}</a>')
        self.banner.setVisible(True)
        self.banner.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.draft_link = draft_id

    def open_existing_draft(self, draft_id: str | None = None) -> None:
        """Continue the child's draft; this blank form goes (nothing typed in it is kept)."""
        target = draft_id or getattr(self, "draft_link", None)
        if not target:
            return
        child_id = self.child_id
        self._closing = True
        self._timer.stop()
        self._discard_snapshot()
        self.close()
        self.main.open_visit(visit_id=target, child_id=child_id)

    def _set_followups(self, items: list[FollowUp]) -> None:
        self.followups.clear()
        for f in items:
            due = (
                " · " + self.tr("due {date}").format(date=f.due_date.isoformat())
                if f.due_date
                else ""
            )
            self.followups.addItem(f"{f.action}{(' · ' + f.owner) if f.owner else ''}{due}")
        if not items:
            self.followups.addItem(self.tr("(none open)"))

    def _show_banner(self, text: str) -> None:
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setText(text)
        self.banner.setVisible(True)

    def set_read_only(self, ro: bool) -> None:
        self.read_only = ro
        for w in self._line_edits:
            w.setReadOnly(ro)
        for te in self._text_edits:
            te.setReadOnly(ro)
        other: QWidget
        for other in (
            self.kind,
            self.campaign,
            self.entrusted,
            self.carer_suitable,
            self.visit_date,
            self.next_date,
            self.basic_verified,
            self.alone16,
            self.alone8,
            *self.safety.values(),
            self.use_suggestion,
            self.add_followup,
        ):
            other.setEnabled(not ro)
        for rr in self.ratings.values():
            rr.set_read_only(ro)
        self.save_button.setVisible(not ro)
        self.submit_button.setVisible(not ro)
        if ro:
            self._timer.stop()
        self._red_flags()

    # -- changes, suggestion ---------------------------------------------------------------------
    def _changed(self, *_: object) -> None:
        if self._loading or self.read_only:
            return
        self.dirty = True
        self._update_state()

    def _date_changed(self) -> None:
        self._offer_campaigns()
        self._check_date()
        self._changed()
        self._suggest_timer.start()

    def _check_date(self) -> None:
        """Say at once what is odd about the visit date (domain.routine.date_question)."""
        vdate = self.visit_date.value()
        question = routine.date_question(vdate, self.ctx.today()) if vdate else None
        if question == "future":
            self.date_note.setText(
                self.tr("{date} is after today: a visit is recorded once it has happened.").format(
                    date=i18n.fmt_date(vdate)
                )
            )
        elif question == "long_ago" and vdate is not None:
            days = (self.ctx.today() - vdate).days
            self.date_note.setText(
                self.tr(
                    "{date} is {days} days ago. Is the year and month right? Tick below if the visit is entered late."
                ).format(date=i18n.fmt_date(vdate), days=days)
            )
        self.date_note.setVisible(question is not None)
        self.date_confirm.setVisible(question == "long_ago")
        if question != "long_ago":
            self.date_confirm.setChecked(False)

    def date_needs_answer(self) -> bool:
        """A date far back that nobody has confirmed yet (the form asks before submitting)."""
        vdate = self.visit_date.value()
        return (
            vdate is not None
            and routine.date_question(vdate, self.ctx.today()) == "long_ago"
            and not self.date_confirm.isChecked()
        )

    def _duty(self) -> None:
        self.duty_warning.setVisible(self.alone16.isChecked() or self.alone8.isChecked())

    def _red_flags(self, *_: object) -> None:
        """Offer a mandatory report while an answer is a red flag (under 16 living alone, under 8
        unattended, living conditions and safety rated poor, an injury noted)."""
        flags = reporting.red_flags(
            alone_under16=self.alone16.isChecked(),
            under8_unattended=self.alone8.isChecked(),
            living_rating=self.ratings["living"].value().rating,
            physical_note=self.ratings["physical"].value().note,
        )
        self._flags = flags
        sep = "、" if i18n.lang() == "zh" else "; "
        words = sep.join(i18n.label(i18n.RED_FLAG, f) for f in flags)
        self.red_flags.setText(
            self.tr("These answers call for a mandatory report at once: {flags}.").format(
                flags=words
            )
        )
        self.red_box.setVisible(bool(flags) and not self.read_only and bool(self.child_id))

    def _report_now(self) -> None:
        from hexi_care.ui.dialogs.casework import ReportDialog

        if not self._flags or not self.child_id:
            return
        dlg = ReportDialog(self.ctx, self, self.child_id)
        set_combo_data(dlg.trigger, reporting.FLAG_TRIGGER[self._flags[0]])
        sep = "、" if i18n.lang() == "zh" else "; "
        dlg.description.setPlainText(sep.join(i18n.label(i18n.RED_FLAG, f) for f in self._flags))
        dlg.reported_done.setChecked(False)  # made by phone now; the time is entered after
        dlg.saved.connect(self._reported)
        dlg.open()

    def _reported(self, _report: object) -> None:
        self.red_flags.setText(
            self.tr("Mandatory report recorded. Follow it up in the child's file.")
        )
        self.report_now.setVisible(False)

    def _ask_suggestion(self) -> None:
        if not self.child_id or self.read_only:
            return
        vdate = self.visit_date.value()
        if vdate is None:
            return

        def done(d: date) -> None:
            self._suggested = d
            self.suggestion.setText(
                self.tr("Suggested by the visit schedule: {date}").format(date=d.isoformat())
            )
            self.use_suggestion.setEnabled(not self.read_only)
            if self.next_date.value() is None and not self.read_only:
                was, self._loading = self._loading, True
                self.next_date.set_value(d)
                self._loading = was

        self.ctx.worker.call(
            visits.suggest_next_date,
            self.child_id,
            vdate,
            done=done,
            failed=logged_only,  # no suggestion then; the date can still be typed
            owner=self,
        )

    def _offer_campaigns(self) -> None:
        """The campaigns open on the visit's date, offered in the campaign box (newest first)."""
        self.campaign.set_day(self.visit_date.value())

    def _use_suggestion(self) -> None:
        d = getattr(self, "_suggested", None)
        if d is not None:
            self.next_date.set_value(d)

    def _add_followup(self) -> None:
        from hexi_care.ui.dialogs.casework import FollowUpDialog

        dlg = FollowUpDialog(
            self.ctx,
            self,
            child_id=self.child_id or "",
            visit_id=self.visit_id if self.saved_once else None,
        )
        dlg.saved.connect(lambda _f: self._reload_followups())
        dlg.open()

    def _reload_followups(self) -> None:
        cid = self.child_id or ""
        self.ctx.worker.call(
            lambda uow: [
                f for f in casework.followups(uow, cid) if f.status == FollowUpStatus.OPEN
            ],
            done=self._set_followups,
            owner=self,
        )

    # -- printing ------------------------------------------------------------------------------
    def print_summary(self) -> None:
        """The summary of the visit as last saved (unsaved typing is saved first)."""
        from hexi_care.ui import printing

        if not self.saved_once:
            return
        if self.dirty and not self.read_only:
            self.autosave(explicit=True)
        printing.print_summary(self.ctx, self, self.visit_id)
