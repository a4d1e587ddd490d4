"""A child's file (一人一档 on screen): profile with validation, categories with evidence and dates,
household, parents and guardians with their situations, the eligibility suggestion with its
explanation, the visit timeline, notices, help, follow-ups, referrals, mandatory reports and
attachments with photo preview. Opening it is audited (services.casefile)."""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCloseEvent, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hexi_care.domain import eligibility
from hexi_care.domain.allowance import month_of
from hexi_care.domain.enums import FollowUpStatus, Relationship, VisitStatus
from hexi_care.domain.model import ChildFile, Household, Visit
from hexi_care.services import allowances, attachments, casefile, casework, households, support
from hexi_care.ui import i18n
from hexi_care.ui.columns import (
    activity_columns,
    agreement_columns,
    allowance_columns,
    allowance_month_columns,
    allowance_note,
    benefit_columns,
    followup_columns,
    guardian_columns,
    help_columns,
    notice_columns,
    referral_columns,
    report_columns,
    visit_columns,
)
from hexi_care.ui.common import (
    DateField,
    FieldErrors,
    age_years,
    label,
    line_edit,
    make_table,
    on_activate,
    set_role,
    shortcut,
    text_edit,
    with_error,
)
from hexi_care.ui.dialogs.allowance import STEP_ROLES, ApplyDialog, StepDialog, step_open
from hexi_care.ui.dialogs.attachments import AttachmentViewer, make_thumbnail
from hexi_care.ui.dialogs.casework import FollowUpDialog, ReferralDialog, ReportDialog
from hexi_care.ui.dialogs.child import ChildProfileForm
from hexi_care.ui.dialogs.guardian import GuardianDialog
from hexi_care.ui.dialogs.social import AgreementDialog, SupportDialog
from hexi_care.ui.dialogs.support import AssistanceDialog, NoticeDeliveryDialog
from hexi_care.ui.i18n import QT_TRANSLATE_NOOP
from hexi_care.ui.models import Column, RowsModel
from hexi_care.ui.screen import fit_to_screen
from hexi_care.ui.visit.view import visit_html
from hexi_care.ui.worker import Task


@dataclass
class Loaded:
    file: ChildFile
    suggestions: list[eligibility.Suggestion]
    why_not: dict[str, list[eligibility.Reason]]
    thumbnails: dict[str, bytes]
    activities: list[Any]


def load_file(task: Task, child_id: str, purpose: str) -> Loaded:
    with task.uow() as uow:
        f = casefile.open_child_file(uow, child_id, purpose=purpose)
        acts = support.activities_of_child(uow, child_id)
        thumbs = {
            a.id: attachments.attachment_data(uow, a.id, thumbnail=True)
            for a in f.attachments
            if a.has_thumbnail and a.id
        }
        today = uow.today()
    sugg = eligibility.suggest(f.child.birth_date, f.guardians, today)
    suggested = {s.code for s in sugg}
    why = {
        code.value: eligibility.why_not(code, f.child.birth_date, f.guardians, today)
        for code in eligibility.RULED
        if code not in suggested
    }
    return Loaded(f, sugg, why, thumbs, acts)


class ChildFileWindow(QWidget):
    TABS = ("profile", "household", "visits", "support", "social", "casework", "attachments")

    def __init__(self, ctx, main, child_id: str) -> None:
        super().__init__(main, Qt.WindowType.Window)
        self.ctx = ctx
        self.main = main
        self.child_id = child_id
        self.data: Loaded | None = None
        self.setObjectName("child_file")
        self.setWindowTitle(self.tr("Child file"))
        fit_to_screen(self, 1180, 720)

        self.title = label(self.tr("Loading…"), "title")
        self.title.setObjectName("child_title")
        self.summary = label("", "muted", wrap=True)
        self.new_visit = QPushButton(self.tr("&New visit"))
        self.new_visit.setObjectName("new_visit")
        self.new_visit.setToolTip("Ctrl+N")
        set_role(self.new_visit, "primary")
        self.new_visit.clicked.connect(self._new_visit)
        shortcut(self, QKeySequence.StandardKey.New, self._new_visit)
        shortcut(self, "Ctrl+W", self.close)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("child_tabs")

        # Profile and eligibility
        self.profile = ChildProfileForm(ctx, self, categories_apart=True)
        self.save_profile = QPushButton(self.tr("&Save profile"))
        self.save_profile.setObjectName("save_profile")
        self.save_profile.setToolTip("Ctrl+S")
        self.save_profile.clicked.connect(self._save_profile)
        shortcut(self, QKeySequence.StandardKey.Save, self._save_profile)
        self.profile_message = label("", "muted", wrap=True)
        self.profile_message.setObjectName("profile_message")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.profile)
        self.eligibility = QTextBrowser()
        self.eligibility.setObjectName("eligibility")
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(scroll, 1)
        row = QHBoxLayout()
        row.addWidget(self.profile_message, 1)
        row.addWidget(self.save_profile)
        ll.addLayout(row)
        advice = QGroupBox(self.tr("Eligibility suggestion (the district decides)"))
        QVBoxLayout(advice).addWidget(self.eligibility)
        # The categories beside the form, not below it: 添加类别/修改/删除 are always in view.
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.profile.categories_box, 1)
        rl.addWidget(advice, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([700, 420])
        self.tabs.addTab(split, self.tr("Profile"))

        # Household and guardians
        self.hh_errors = FieldErrors(self)
        self.hh_address = line_edit()
        self.hh_hukou = line_edit()
        self.hh_phone = line_edit()
        self.hh_note = text_edit(2)
        self.hh_save = QPushButton(self.tr("Save household"))
        self.hh_save.clicked.connect(self._save_household)
        self.hh_message = label("", "muted")
        self.guardians = RowsModel(guardian_columns(), parent=self)
        self.guardian_view = make_table(self.guardians, stretch=4)
        self.guardian_view.setObjectName("guardians")
        on_activate(self.guardian_view, self._edit_guardian)
        add_g = QPushButton(self.tr("Add parent or guardian…"))
        add_g.setObjectName("add_guardian")
        add_g.clicked.connect(lambda: self._edit_guardian(-1))
        edit_g = QPushButton(self.tr("Edit…"))
        edit_g.clicked.connect(lambda: self._edit_guardian(self.guardian_view.currentIndex().row()))
        open_hh = QPushButton(self.tr("Open the household"))
        open_hh.clicked.connect(
            lambda: (
                self.data
                and self.data.file.household
                and self.main.open_household(self.data.file.household.id)
            )
        )
        hh = QWidget()
        hl = QVBoxLayout(hh)
        box = QGroupBox(self.tr("Household"))
        from PySide6.QtWidgets import QFormLayout

        fl = QFormLayout(box)
        fl.addRow(i18n.field("address"), with_error(self.hh_address, self.hh_errors, "address"))
        fl.addRow(self.tr("Registered address"), self.hh_hukou)
        fl.addRow(i18n.field("phone"), with_error(self.hh_phone, self.hh_errors, "phone"))
        fl.addRow(i18n.field("note"), with_error(self.hh_note, self.hh_errors, "note"))
        r2 = QHBoxLayout()
        r2.addWidget(self.hh_message, 1)
        r2.addWidget(open_hh)
        r2.addWidget(self.hh_save)
        fl.addRow("", r2)
        hl.addWidget(box)
        gbox = QGroupBox(self.tr("Parents, guardians and carers"))
        gl = QVBoxLayout(gbox)
        gl.addWidget(self.guardian_view)
        r3 = QHBoxLayout()
        r3.addWidget(add_g)
        r3.addWidget(edit_g)
        r3.addStretch(1)
        gl.addLayout(r3)
        hl.addWidget(gbox, 1)
        self.tabs.addTab(hh, self.tr("Household and guardians"))

        # Visits
        self.visits = RowsModel(visit_columns(), parent=self)
        self.visit_view = make_table(self.visits, stretch=3)
        self.visit_view.setObjectName("child_visits")
        on_activate(self.visit_view, self._open_visit)
        self.visit_view.selectionModel().currentRowChanged.connect(
            lambda cur, _p: self._preview_visit(cur.row())
        )
        self.visit_preview = QTextBrowser()
        vs = QSplitter(Qt.Orientation.Vertical)
        vs.addWidget(self.visit_view)
        vs.addWidget(self.visit_preview)
        vs.setSizes([300, 260])
        vw = QWidget()
        vl = QVBoxLayout(vw)
        open_v = QPushButton(self.tr("Open visit"))
        open_v.clicked.connect(lambda: self._open_visit(self.visit_view.currentIndex().row()))
        r4 = QHBoxLayout()
        r4.addWidget(
            label(self.tr("Newest first. Drafts and returned visits open for editing."), "muted"), 1
        )
        print_v = QPushButton(self.tr("Print summary…"))
        print_v.setObjectName("print_visit_summary")
        print_v.clicked.connect(lambda: self._print_summary(self.visit_view.currentIndex().row()))
        r4.addWidget(print_v)
        r4.addWidget(open_v)
        vl.addLayout(r4)
        vl.addWidget(vs, 1)
        self.tabs.addTab(vw, self.tr("Visits"))

        # Notices, help, activities
        self.notices = RowsModel(
            [*notice_columns(), Column(QT_TRANSLATE_NOOP("Columns", "Note"), lambda n: n.note)],
            parent=self,
        )
        self.help = RowsModel(help_columns(), parent=self)
        self.acts = RowsModel(activity_columns(), parent=self)
        sw = QWidget()
        sl = QVBoxLayout(sw)
        rec_n = QPushButton(self.tr("Record a notice delivery…"))
        rec_n.setObjectName("record_notice")
        rec_n.clicked.connect(self._record_notice)
        rec_h = QPushButton(self.tr("Record help given…"))
        rec_h.setObjectName("record_help")
        rec_h.clicked.connect(self._record_help)
        for title, model, button in (
            (
                self.tr("Guardian-responsibility notices delivered to the household"),
                self.notices,
                rec_n,
            ),
            (self.tr("Help given"), self.help, rec_h),
            (self.tr("Activities taken part in"), self.acts, None),
        ):
            g = QGroupBox(title)
            gl2 = QVBoxLayout(g)
            gl2.addWidget(make_table(model, stretch=len(model.columns) - 1))
            if button is not None:
                gl2.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            sl.addWidget(g)
        self.tabs.addTab(sw, self.tr("Notices and help"))

        # Social support as data: support records, the entrusted-care agreement, the allowance.
        self.benefits = RowsModel(benefit_columns(), parent=self)
        self.agreements = RowsModel(agreement_columns(), parent=self)
        self.allowances = RowsModel(allowance_columns(ctx), parent=self)
        social = QWidget()
        so = QVBoxLayout(social)
        self.benefit_view = make_table(self.benefits, stretch=5)
        self.benefit_view.setObjectName("support_table")
        on_activate(self.benefit_view, self._edit_support)
        self.agreement_view = make_table(self.agreements, stretch=1)
        self.agreement_view.setObjectName("agreement_table")
        on_activate(self.agreement_view, self._edit_agreement)
        add_support = QPushButton(self.tr("Add support…"))
        add_support.setObjectName("add_support")
        add_support.clicked.connect(lambda: self._edit_support(-1))
        add_agreement = QPushButton(self.tr("Add agreement…"))
        add_agreement.setObjectName("add_agreement")
        add_agreement.clicked.connect(lambda: self._edit_agreement(-1))
        for title, table_view, button in (
            (self.tr("Social assistance received"), self.benefit_view, add_support),
            (self.tr("Entrusted-care agreement"), self.agreement_view, add_agreement),
        ):
            social_box = QGroupBox(title)
            box_layout = QVBoxLayout(social_box)
            box_layout.addWidget(table_view)
            if button is not None:
                box_layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            so.addWidget(social_box)
        so.addWidget(self._allowance_box(ctx), 2)
        so.addWidget(
            label(
                self.tr(
                    "Enter or double-click changes a record. A recognition is applied for, checked "
                    "by the street and confirmed by the district; it is paid from the month after."
                ),
                "muted",
            )
        )
        self.tabs.addTab(social, self.tr("Social support"))

        # Follow-ups, referrals, reports
        self.followups = RowsModel(followup_columns(), parent=self)
        self.referrals = RowsModel(referral_columns(), parent=self)
        self.reports = RowsModel(report_columns(), parent=self)
        cw = QWidget()
        cl = QVBoxLayout(cw)
        self.fu_view = make_table(self.followups, stretch=0)
        add_f = QPushButton(self.tr("Add follow-up…"))
        add_f.clicked.connect(self._add_followup)
        done_f = QPushButton(self.tr("Mark done"))
        done_f.clicked.connect(lambda: self._close_followup(False))
        cancel_f = QPushButton(self.tr("Cancel it"))
        cancel_f.clicked.connect(lambda: self._close_followup(True))
        add_r = QPushButton(self.tr("Add referral…"))
        add_r.clicked.connect(self._add_referral)
        self.rep_view = make_table(self.reports, stretch=1)
        on_activate(self.rep_view, self._edit_report)
        add_rep = QPushButton(self.tr("Record a mandatory report…"))
        add_rep.clicked.connect(lambda: self._edit_report(-1))
        self.rep_box = QGroupBox(self.tr("Mandatory reports"))
        boxes: list[tuple[str | None, QWidget, tuple[QPushButton, ...]]] = [
            (self.tr("Follow-up actions"), self.fu_view, (add_f, done_f, cancel_f)),
            (self.tr("Referrals"), make_table(self.referrals, stretch=3), (add_r,)),
            (None, self.rep_view, (add_rep,)),
        ]
        for box_title, view, buttons in boxes:
            g = self.rep_box if box_title is None else QGroupBox(box_title)
            gl3 = QVBoxLayout(g)
            gl3.addWidget(view)
            rb = QHBoxLayout()
            for b in buttons:
                rb.addWidget(b)
            rb.addStretch(1)
            gl3.addLayout(rb)
            cl.addWidget(g)
        self.tabs.addTab(cw, self.tr("Follow-ups and reports"))

        # Attachments
        self.files = QListWidget()
        self.files.setObjectName("attachments")
        self.files.setViewMode(QListView.ViewMode.IconMode)
        self.files.setIconSize(QSize(160, 160))
        self.files.setGridSize(QSize(190, 210))
        self.files.setResizeMode(QListView.ResizeMode.Adjust)
        self.files.setMovement(QListView.Movement.Static)
        self.files.itemActivated.connect(self._view_attachment)
        add_a = QPushButton(self.tr("Add photo or document…"))
        add_a.setObjectName("add_attachment")
        add_a.clicked.connect(self._add_attachment)
        # An evidence document with a term (残疾证, 诊断证明): the re-examination list asks for a
        # new one before this day.
        self.expires = DateField(optional=True)
        self.expires.setObjectName("attachment_expires_on")
        add_row = QHBoxLayout()
        add_row.addWidget(add_a)
        add_row.addSpacing(16)
        add_row.addWidget(label(self.tr("Evidence valid until (optional)")))
        add_row.addWidget(self.expires)
        add_row.addStretch(1)
        aw = QWidget()
        al = QVBoxLayout(aw)
        al.addWidget(
            label(
                self.tr(
                    "Photos and scans are kept inside the encrypted store (JPEG, PNG, WebP or PDF, up to 10 MB)."
                ),
                "muted",
                wrap=True,
            )
        )
        al.addWidget(self.files, 1)
        al.addLayout(add_row)
        self.tabs.addTab(aw, self.tr("Attachments"))

        top = QHBoxLayout()
        head = QVBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.summary)
        top.addLayout(head, 1)
        self.print_checklist = QPushButton(self.tr("Print &checklist…"))
        self.print_checklist.setObjectName("print_checklist")
        self.print_checklist.setToolTip(self.tr("入户走访记录表, pre-filled for the next visit"))
        self.print_checklist.clicked.connect(self._print_checklist)
        self.print_casefile = QPushButton(self.tr("Print case &file…"))
        self.print_casefile.setObjectName("print_casefile")
        self.print_casefile.setToolTip(self.tr("一人一档: the whole file on paper"))
        self.print_casefile.clicked.connect(self._print_casefile)
        top.addWidget(self.print_checklist, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.print_casefile, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.new_visit, 0, Qt.AlignmentFlag.AlignTop)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.tabs, 1)
        self._want_tab: str | None = None
        self.reload(purpose="view")

    # -- loading -------------------------------------------------------------------------------
    def reload(self, purpose: str = "refresh") -> None:
        cid = self.child_id
        self.ctx.worker.submit(
            lambda task: load_file(task, cid, purpose),
            done=self._show,
            failed=self._failed,
            owner=self,
            name="child-file",
        )

    def _failed(self, exc: BaseException) -> None:
        self.title.setText(i18n.problem_text(exc))

    def _show(self, data: Loaded) -> None:
        self.data = data
        f = data.file
        c = f.child
        today = self.ctx.today()
        age = age_years(c.birth_date, today)
        self.setWindowTitle(self.tr("Child file: {name}").format(name=c.name))
        self.title.setText(c.name)
        active = [x.code for x in c.categories if x.active_on(today)]
        last = next(
            (
                v
                for v in sorted(f.visits, key=lambda v: v.visit_date, reverse=True)
                if v.status != VisitStatus.DRAFT
            ),
            None,
        )
        self.summary.setText(
            " · ".join(
                x
                for x in (
                    i18n.label(i18n.SEX, c.sex),
                    self.tr("{age} years old").format(age=age) if age is not None else "",
                    f"{f.street_name} {f.community_name}".strip(),
                    self.ctx.ref.categories.names(active),
                    self.tr("Risk: {risk}").format(risk=i18n.label(i18n.RISK, c.risk)),
                    self.tr("Last visit: {date}").format(date=last.visit_date.isoformat())
                    if last
                    else self.tr("Not visited yet"),
                )
                if x
            )
        )
        self.profile.set_value(c)
        self.profile_message.clear()
        self._show_eligibility(data)
        hh = f.household
        self.hh_address.setText(hh.address if hh else "")
        self.hh_hukou.setText(hh.hukou_address if hh else "")
        self.hh_phone.setText(hh.phone if hh else "")
        self.hh_note.setPlainText(hh.note if hh else "")
        self.hh_save.setEnabled(hh is not None)
        self.guardians.set_rows(f.guardians)
        self.visits.set_rows(
            sorted(
                f.visits, key=lambda v: (v.visit_date, v.updated_at or v.visit_date), reverse=True
            )
        )
        if f.visits:
            self.visit_view.selectRow(0)
        self.notices.set_rows(f.notices)
        self.help.set_rows(f.assistance)
        self.benefits.set_rows(f.benefits)
        self.agreements.set_rows(f.agreements)
        chosen = self._chosen_allowance()
        self.allowances.set_rows(f.allowances)
        if f.allowances:
            ids = [a.id for a in f.allowances]
            keep = chosen.id if chosen is not None and chosen.id in ids else ids[-1]
            self.allowance_view.selectRow(ids.index(keep))
        self._allowance_chosen()
        self.acts.set_rows(data.activities)
        self.followups.set_rows(f.followups)
        self.referrals.set_rows(f.referrals)
        self.rep_box.setVisible(f.reports is not None)
        self.reports.set_rows(f.reports or [])
        self._show_attachments(data)
        if self._want_tab:
            self.show_tab(self._want_tab)
            self._want_tab = None

    def _show_eligibility(self, data: Loaded) -> None:
        zh = self.ctx.lang == "zh"
        cats = self.ctx.ref.categories
        e = html.escape
        qualify = e(self.tr("The child appears to qualify for:"))
        again = e(self.tr("Check again:"))
        none = e(self.tr("No category is suggested from the recorded facts."))
        not_suggested = self.tr("Not suggested: {category}")
        caveat = e(
            self.tr(
                "A suggestion, not a decision: the street checks and the district confirms. "
                "Parents certified as not found are not inferred."
            )
        )
        grey, amber = "color:#5f6368", "color:#8a5300"
        parts: list[str] = []
        if data.suggestions:
            parts.append(f"<p><b>{qualify}</b></p>")
            for s in data.suggestions:
                parts.append(f"<p style='margin-top:8px'><b>{e(cats.name(s.code))}</b></p><ul>")
                parts += [f"<li>{e(r.text_zh() if zh else r.text_en())}</li>" for r in s.reasons]
                parts.append("</ul>")
                if s.review_flags:
                    parts.append(f"<p style='{amber}'>{again}</p><ul>")
                    parts += [
                        f"<li style='{amber}'>{e(r.text_zh() if zh else r.text_en())}</li>"
                        for r in s.review_flags
                    ]
                    parts.append("</ul>")
        else:
            parts.append(f"<p>{none}</p>")
        for code, reasons in data.why_not.items():
            if not reasons:
                continue
            title = e(not_suggested.format(category=cats.name(code)))
            parts.append(f"<p style='{grey}; margin-top:8px'>{title}</p><ul>")
            parts += [
                f"<li style='{grey}'>{e(r.text_zh() if zh else r.text_en())}</li>" for r in reasons
            ]
            parts.append("</ul>")
        parts.append(f"<p style='{grey}'><i>{caveat}</i></p>")
        self.eligibility.setHtml("".join(parts))

    def _show_attachments(self, data: Loaded) -> None:
        self.files.clear()
        for a in data.file.attachments:
            item = QListWidgetItem(a.filename)
            thumb = data.thumbnails.get(a.id or "")
            if thumb:
                pix = QPixmap()
                pix.loadFromData(thumb)
                item.setIcon(QIcon(pix))
            else:
                item.setText(f"{a.filename}\n({a.mime})")
            tip = f"{a.filename} · {a.size // 1024} KB · {i18n.fmt_datetime(a.created_at)}"
            if a.expires_on is not None:
                valid = self.tr("valid until {date}").format(date=i18n.fmt_date(a.expires_on))
                item.setText(f"{item.text()}\n{valid}")
                tip += f" · {valid}"
            item.setToolTip(tip)
            item.setData(Qt.ItemDataRole.UserRole, a)
            self.files.addItem(item)

    def show_tab(self, key: str) -> None:
        if self.data is None:
            self._want_tab = key
            return
        if key in self.TABS:
            self.tabs.setCurrentIndex(self.TABS.index(key))

    # -- actions -------------------------------------------------------------------------------
    def _new_visit(self) -> None:
        self.main.open_visit(child_id=self.child_id)

    def _print_checklist(self) -> None:
        from hexi_care.ui import printing

        printing.print_checklist(self.ctx, self, self.child_id)

    def _print_casefile(self) -> None:
        from hexi_care.ui import printing

        printing.print_casefile(self.ctx, self, self.child_id)

    def _print_summary(self, row: int) -> None:
        from hexi_care.ui import printing

        v: Visit | None = self.visits.row_at(row)
        if v is not None and v.id:
            printing.print_summary(self.ctx, self, v.id)

    def _open_visit(self, row: int) -> None:
        v: Visit | None = self.visits.row_at(row)
        if v is not None:
            self.main.open_visit(visit_id=v.id, child_id=self.child_id)

    def _preview_visit(self, row: int) -> None:
        v = self.visits.row_at(row)
        self.visit_preview.setHtml(
            visit_html(v, self.data.file.child.name if self.data else "") if v else ""
        )

    def _save_profile(self) -> None:
        if self.data is None:
            return
        child = self.profile.value(self.data.file.child)
        self.profile.errors.clear()
        self.save_profile.setEnabled(False)

        def done(_c: Any) -> None:
            self.save_profile.setEnabled(True)
            set_role(self.profile_message, "muted")
            self.profile_message.setText(self.tr("Saved."))
            self.main.record_changed(None)
            self.reload()

        def failed(exc: BaseException) -> None:
            from hexi_care.errors import InvalidInput

            self.save_profile.setEnabled(True)
            set_role(self.profile_message, "error")
            if isinstance(exc, InvalidInput) and self.profile.errors.show_invalid(exc):
                self.profile_message.setText(
                    self.tr("Not saved: fix the marked field. Nothing you typed was lost.")
                )
            else:
                self.profile_message.setText(i18n.problem_text(exc))

        from hexi_care.services import children

        self.ctx.worker.call(children.update_child, child, done=done, failed=failed, owner=self)

    def _save_household(self) -> None:
        if self.data is None or self.data.file.household is None:
            return
        hh: Household = replace(
            self.data.file.household,
            address=self.hh_address.text(),
            hukou_address=self.hh_hukou.text(),
            phone=self.hh_phone.text(),
            note=self.hh_note.toPlainText(),
        )
        self.hh_errors.clear()

        def failed(exc: BaseException) -> None:
            from hexi_care.errors import InvalidInput

            if not (isinstance(exc, InvalidInput) and self.hh_errors.show_invalid(exc)):
                self.hh_message.setText(i18n.problem_text(exc))

        self.ctx.worker.call(
            households.update_household,
            hh,
            done=self._household_saved,
            failed=failed,
            owner=self,
        )

    def _edit_guardian(self, row: int) -> None:
        if self.data is None or self.data.file.household is None:
            return
        existing = self.guardians.row_at(row) if row >= 0 else None
        dlg = GuardianDialog(self.ctx, self, self.data.file.household.id or "", existing)
        dlg.saved.connect(lambda _g: self.reload())
        dlg.open()

    def _household_id(self) -> str | None:
        return self.data.file.household.id if self.data and self.data.file.household else None

    def _record_notice(self) -> None:
        hid = self._household_id()
        if hid is None or self.data is None:
            return
        names = [g.name for g in self.data.file.guardians if g.is_guardian or g.is_carer] or [
            g.name for g in self.data.file.guardians
        ]
        dlg = NoticeDeliveryDialog(self.ctx, self, hid, names)
        dlg.saved.connect(lambda _n: self.reload())
        dlg.open()

    def _record_help(self) -> None:
        hid = self._household_id()
        if hid is None or self.data is None:
            return
        c = self.data.file.child
        dlg = AssistanceDialog(self.ctx, self, hid, [(c.id or "", c.name)], child_id=c.id)
        dlg.saved.connect(lambda _a: self.reload())
        dlg.open()

    def _edit_support(self, row: int) -> None:
        current = self.benefits.row_at(row)
        dlg = SupportDialog(self.ctx, self, self.child_id, current)
        dlg.saved.connect(lambda _b: self.reload())
        dlg.open()

    def _edit_agreement(self, row: int) -> None:
        current = self.agreements.row_at(row)
        scans = list(self.data.file.attachments) if self.data is not None else []
        dlg = AgreementDialog(self.ctx, self, self.child_id, scans, current)
        dlg.saved.connect(lambda _a: self.reload())
        dlg.open()

    # -- recognition and allowance -------------------------------------------------------------
    def _allowance_box(self, ctx) -> QGroupBox:
        """The recognitions with a button per step (only those the user's role may take), and
        the chosen one's payment ledger month by month."""
        box = QGroupBox(self.tr("Recognition and basic living allowance"))
        self.allowance_view = make_table(self.allowances, stretch=4)
        self.allowance_view.setObjectName("allowance_table")
        self.allowance_view.selectionModel().currentRowChanged.connect(
            lambda _c, _p: self._allowance_chosen()
        )
        self.allowance_months = RowsModel(
            allowance_month_columns(lambda: month_of(self.ctx.today())), parent=self
        )
        months_view = make_table(self.allowance_months, stretch=3)
        months_view.setObjectName("allowance_months")
        self.allowance_steps: dict[str, QPushButton] = {}
        role = ctx.user.role
        buttons = QHBoxLayout()
        for step, text in (
            ("apply", self.tr("Apply…")),
            ("check", self.tr("Street check…")),
            ("confirm", self.tr("District confirmation…")),
            ("suspend", self.tr("Suspend…")),
            ("resume", self.tr("Resume…")),
            ("stop", self.tr("Stop…")),
        ):
            b = QPushButton(text)
            b.setObjectName(f"allowance_step_{step}")
            b.setVisible(role in STEP_ROLES[step])
            b.clicked.connect(lambda _=False, s=step: self._allowance_step(s))
            self.allowance_steps[step] = b
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.allowance_note = label("", "muted", wrap=True)
        self.allowance_note.setObjectName("allowance_note")
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.allowance_view)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(label(self.tr("Payment ledger of the chosen recognition"), "subtitle"))
        rl.addWidget(months_view, 1)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay = QVBoxLayout(box)
        lay.addWidget(split, 1)
        lay.addWidget(self.allowance_note)
        lay.addLayout(buttons)
        self._allowance_chosen()
        return box

    def _chosen_allowance(self):
        return self.allowances.row_at(self.allowance_view.currentIndex().row())

    def _allowance_chosen(self) -> None:
        a = self._chosen_allowance()
        for step, b in self.allowance_steps.items():
            b.setEnabled(step_open(step, a))
        self.allowance_note.setText(allowance_note(a) if a is not None else "")
        if a is None or not a.start_month:
            self.allowance_months.set_rows([])
            return
        want = a.id

        def done(lines) -> None:
            chosen = self._chosen_allowance()
            if chosen is not None and chosen.id == want:
                self.allowance_months.set_rows(lines)

        self.ctx.worker.call(allowances.history, a.id, done=done, owner=self)

    def _allowance_step(self, step: str) -> None:
        if self.data is None:
            return
        dlg: ApplyDialog | StepDialog
        if step == "apply":
            today = self.ctx.today()
            own = [x.code for x in self.data.file.child.categories if x.active_on(today)]
            dlg = ApplyDialog(self.ctx, self, self.child_id, own)
        else:
            a = self._chosen_allowance()
            if a is None:
                return
            dlg = StepDialog(self.ctx, self, a, step)
        dlg.saved.connect(lambda _a: self.reload())
        dlg.open()

    def _add_followup(self) -> None:
        dlg = FollowUpDialog(self.ctx, self, self.child_id)
        dlg.saved.connect(self._casework_changed)
        dlg.open()

    def _casework_changed(self, _record: object = None) -> None:
        """A follow-up or report changed: this file and the lists that count them are stale."""
        self.reload()
        self.main.record_changed(None)

    def _household_saved(self, _household: object) -> None:
        self.hh_message.setText(self.tr("Saved."))
        self.reload()

    def _close_followup(self, cancelled: bool) -> None:
        f = self.followups.row_at(self.fu_view.currentIndex().row())
        if f is None or f.status != FollowUpStatus.OPEN:
            return
        self.ctx.worker.call(
            casework.close_followup,
            f.id,
            cancelled=cancelled,
            done=self._casework_changed,
            owner=self,
        )

    def _add_referral(self) -> None:
        dlg = ReferralDialog(self.ctx, self, self.child_id)
        dlg.saved.connect(lambda _r: self.reload())
        dlg.open()

    def _edit_report(self, row: int) -> None:
        existing = self.reports.row_at(row) if row >= 0 else None
        dlg = ReportDialog(self.ctx, self, self.child_id, existing)
        dlg.saved.connect(self._casework_changed)
        dlg.open()

    def _add_attachment(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Add photo or document"),
            str(Path.home()),
            self.tr("Photos and documents (*.jpg *.jpeg *.png *.webp *.pdf)"),
        )
        if name:
            self.add_attachment_file(Path(name))

    def add_attachment_file(self, path: Path) -> None:
        """Read the file and make its thumbnail off the GUI thread, then store both."""
        cid = self.child_id
        expires = self.expires.value()

        def run(task: Task) -> Any:
            data = path.read_bytes()
            thumb = make_thumbnail(data)
            with task.uow() as uow:
                return attachments.add_attachment(
                    uow, cid, path.name, data, thumbnail=thumb, expires_on=expires
                )

        def failed(exc: BaseException) -> None:
            from hexi_care.ui.common import show_problem

            show_problem(self, exc)

        self.ctx.worker.submit(
            run, done=lambda _a: self.reload(), failed=failed, owner=self, name="attachment-add"
        )

    def _view_attachment(self, item: QListWidgetItem) -> None:
        a = item.data(Qt.ItemDataRole.UserRole)

        def shown(data: bytes) -> None:
            AttachmentViewer(self, a.filename, a.mime, data).open()

        self.ctx.worker.call(attachments.attachment_data, a.id, done=shown, owner=self)

    def closeEvent(self, event: QCloseEvent) -> None:
        event.accept()


RELATIONSHIP_PARENTS = (Relationship.FATHER, Relationship.MOTHER)
