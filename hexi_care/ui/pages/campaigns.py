"""专项行动: the campaigns of the user's street or district (寒假, 暑假, 春节/中秋慰问, any named
drive), the chosen one's coverage against its target by community, its target list, and for a
street or centre supervisor a new campaign, changing one and ending one."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hexi_care import vocabulary
from hexi_care.domain.enums import CampaignKind, CampaignState, CampaignTarget, RiskLevel, Role
from hexi_care.domain.model import Campaign, CampaignProgress, NoticeTemplate, Unit
from hexi_care.services import campaigns, support
from hexi_care.ui import i18n
from hexi_care.ui.common import (
    ERROR_COLOUR,
    DateField,
    combo,
    label,
    line_edit,
    make_table,
    on_activate,
    set_role,
    text_edit,
)
from hexi_care.ui.dialogs.base import RecordDialog
from hexi_care.ui.i18n import QT_TRANSLATE_NOOP
from hexi_care.ui.models import Column, RowsModel

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
MANAGERS = (Role.STREET_SUPERVISOR, Role.CENTRE_SUPERVISOR)


def _checklist(items: list[tuple[str, str]], name: str) -> QListWidget:
    """A short list of checkable choices (text, value)."""
    box = QListWidget()
    box.setObjectName(name)
    for text, value in items:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        box.addItem(item)
    box.setMaximumHeight(min(150, 22 * len(items) + 8))
    return box


def _checked(box: QListWidget) -> list[str]:
    return [
        str(box.item(i).data(Qt.ItemDataRole.UserRole))
        for i in range(box.count())
        if box.item(i).checkState() == Qt.CheckState.Checked
    ]


class NewCampaignDialog(RecordDialog):
    """A campaign: its name, kind, unit, period, target list (from filters) and target size,
    and the notice template it hands out. Given `campaign`, the same form changes it: its
    name, kind and unit are shown, not edited (visits and help carry the name)."""

    def __init__(
        self, ctx, parent: QWidget | None = None, campaign: Campaign | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.campaign = campaign
        self.setObjectName("new_campaign" if campaign is None else "edit_campaign")
        self.setWindowTitle(
            self.tr("New campaign") if campaign is None else self.tr("Change the campaign")
        )
        self.name = line_edit(self.tr("e.g. 2027 winter holiday visits"), 128)
        self.name.setObjectName("campaign_name")
        self.kind = combo(
            [(i18n.label(vocabulary.CAMPAIGN_KIND, k), k.value) for k in CampaignKind]
        )
        self.kind.setObjectName("campaign_kind")
        self.unit = combo([])
        self.unit.setObjectName("campaign_unit")
        today = ctx.today()
        self.starts = DateField()
        self.starts.setObjectName("campaign_starts")
        self.starts.set_value(today)
        self.ends = DateField()
        self.ends.setObjectName("campaign_ends")
        self.ends.set_value(today + timedelta(days=60))
        self.target = combo(
            [
                (self.tr("Households"), CampaignTarget.HOUSEHOLDS.value),
                (self.tr("Children"), CampaignTarget.CHILDREN.value),
            ]
        )
        self.target.setObjectName("campaign_target")
        cats = ctx.ref.categories
        self.categories = _checklist(
            [(cats.name(code), code) for code in cats.defs], "campaign_categories"
        )
        self.risks = _checklist(
            [(i18n.label(i18n.RISK, r), r.value) for r in RiskLevel], "campaign_risks"
        )
        self.target_count = QSpinBox()
        self.target_count.setObjectName("campaign_target_count")
        self.target_count.setRange(0, campaigns.MAX_TARGET)
        self.target_count.setSpecialValueText(self.tr("the whole list"))
        self.template = combo([(self.tr("None"), "")])
        self.template.setObjectName("campaign_template")
        self.note = text_edit(2)
        fixed: list[tuple[str, QWidget, str]] = [
            (i18n.field("title"), self.name, "title"),
            (i18n.field("kind"), self.kind, "kind"),
            (self.tr("Held by"), self.unit, "unit"),
        ]
        if campaign is not None:
            self._fill(campaign)
            fixed = [
                (i18n.field("title"), label(campaign.name), "title"),
                (
                    i18n.field("kind"),
                    label(i18n.label(vocabulary.CAMPAIGN_KIND, campaign.kind)),
                    "kind",
                ),
            ]
        form = self.form_layout(
            *fixed,
            (i18n.field("starts_on"), self.starts, "starts_on"),
            (i18n.field("ends_on"), self.ends, "ends_on"),
            (self.tr("Target"), self.target, "target"),
            (self.tr("Children with these categories"), self.categories, "category"),
            (self.tr("Children at these risk levels"), self.risks, "risk"),
            (i18n.field("target_count"), self.target_count, "target_count"),
            (self.tr("Notice handed out"), self.template, "template_code"),
            (i18n.field("note"), self.note, "note"),
        )
        hint = label(
            self.tr(
                "No category and no risk level ticked: every child (or household) in the units "
                "is on the list. A summer campaign puts drowning first."
            ),
            "muted",
            wrap=True,
        )
        ok_text = self.tr("Add the campaign") if campaign is None else self.tr("Save the changes")
        self.lay_out(form, hint, on_ok=self._ok, ok_text=ok_text)
        if campaign is None:
            ctx.worker.call(campaigns.units_to_hold, done=self._units, owner=self)
        ctx.worker.call(support.templates, done=self._templates, owner=self)

    def _fill(self, c: Campaign) -> None:
        self.starts.set_value(c.starts_on)
        self.ends.set_value(c.ends_on)
        self.target.setCurrentIndex(max(0, self.target.findData(c.target.value)))
        for box, chosen in ((self.categories, c.categories), (self.risks, c.risks)):
            for i in range(box.count()):
                item = box.item(i)
                ticked = str(item.data(Qt.ItemDataRole.UserRole)) in chosen
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.target_count.setValue(c.target_count)
        self.note.setPlainText(c.note)

    def _units(self, units: list[Unit]) -> None:
        self.unit.clear()
        for u in units:
            self.unit.addItem(f"{u.name}（{i18n.label(i18n.UNIT_KIND, u.kind)}）", u.id)

    def _templates(self, items: list[NoticeTemplate]) -> None:
        for t in items:
            if self.template.findData(t.code) < 0:
                self.template.addItem(t.title, t.code)
        if self.campaign is not None and self.campaign.template_code:
            self.template.setCurrentIndex(
                max(0, self.template.findData(self.campaign.template_code))
            )

    def _shared(self) -> dict[str, Any]:
        """What adding and changing a campaign both take from the form."""
        return {
            "target": CampaignTarget(self.target.currentData()),
            "categories": _checked(self.categories),
            "risks": _checked(self.risks),
            "target_count": self.target_count.value(),
            "template_code": str(self.template.currentData() or ""),
            "note": self.note.toPlainText(),
        }

    def _ok(self) -> None:
        if self.campaign is not None:
            was = self.campaign
            changed = replace(
                was,
                starts_on=self.starts.value() or was.starts_on,
                ends_on=self.ends.value() or was.ends_on,
                **self._shared(),
            )
            ref = was.id or was.name
            self.save(lambda uow: campaigns.update_campaign(uow, ref, changed))
            return
        c = Campaign(
            name=self.name.text(),
            unit_id=str(self.unit.currentData() or ""),
            kind=CampaignKind(self.kind.currentData()),
            starts_on=self.starts.value() or self.ctx.today(),
            ends_on=self.ends.value() or self.ctx.today(),
            **self._shared(),
        )
        self.save(lambda uow: campaigns.add_campaign(uow, c))


class EndCampaignDialog(RecordDialog):
    """End a campaign under way: its last day (today unless changed)."""

    def __init__(self, ctx, parent: QWidget | None, c: Campaign) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("end_campaign")
        self.campaign = c
        self.setWindowTitle(self.tr("End the campaign"))
        self.on = DateField()
        self.on.setObjectName("campaign_end_on")
        self.on.set_value(min(ctx.today(), c.ends_on))
        form = self.form_layout(
            (self.tr("Campaign"), label(c.name)),
            (self.tr("Planned end"), label(i18n.fmt_date(c.ends_on))),
            (self.tr("Last day"), self.on, "ends_on"),
        )
        hint = label(
            self.tr(
                "After its last day the campaign is no longer offered for visits and help, and "
                "its coverage counts what was done up to that day."
            ),
            "muted",
            wrap=True,
        )
        self.lay_out(form, hint, on_ok=self._ok, ok_text=self.tr("End the campaign"))

    def _ok(self) -> None:
        ref = self.campaign.id or self.campaign.name
        day = self.on.value()
        self.save(lambda uow: campaigns.end_campaign(uow, ref, day))


class CampaignsPage(QWidget):
    def __init__(self, ctx, main) -> None:
        super().__init__()
        self.ctx = ctx
        self.main = main
        self.today = ctx.today()
        self.may_manage = ctx.user.role in MANAGERS
        self.model = RowsModel(
            [
                Column(QT_TRANSLATE_NOOP("Columns", "Campaign"), lambda c: c.name, width=14),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Kind"),
                    lambda c: i18n.label(vocabulary.CAMPAIGN_KIND, c.kind),
                    width=6,
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Period"),
                    lambda c: f"{i18n.fmt_date(c.starts_on)} – {i18n.fmt_date(c.ends_on)}",
                    width=14,
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Target"),
                    lambda c: (
                        f"{c.target_count} {i18n.label(vocabulary.CAMPAIGN_TARGET, c.target)}"
                        if c.target_count
                        else self._whole_list(c)
                    ),
                    width=9,
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "State"),
                    lambda c: i18n.label(vocabulary.CAMPAIGN_STATE, campaigns.state(c, self.today)),
                    width=5,
                ),
            ],
            parent=self,
        )
        self.view = make_table(self.model, stretch=0)
        self.view.setObjectName("campaigns_table")
        self.view.selectionModel().currentRowChanged.connect(lambda cur, _p: self._chosen())
        on_activate(self.view, lambda _r: self._open_list())
        self.by_community = RowsModel(
            [
                Column(QT_TRANSLATE_NOOP("Columns", "Community"), lambda r: r[1], width=10),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "On the list"), lambda r: str(r[2]), align=RIGHT
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Reached"),
                    lambda r: str(r[3]),
                    align=RIGHT,
                    foreground=lambda r: ERROR_COLOUR if r[3] < r[2] else None,
                ),
            ],
            parent=self,
        )
        self.community_view = make_table(self.by_community, stretch=0)
        self.community_view.setObjectName("campaign_communities")

        self.add = QPushButton(self.tr("New campaign…"))
        self.add.setObjectName("campaign_add")
        set_role(self.add, "primary")
        self.add.clicked.connect(self._add)
        self.edit = QPushButton(self.tr("Change…"))
        self.edit.setObjectName("campaign_edit")
        self.edit.clicked.connect(self._edit)
        self.end = QPushButton(self.tr("End the campaign…"))
        self.end.setObjectName("campaign_end")
        self.end.clicked.connect(self._end)
        self.list_button = QPushButton(self.tr("Target list…"))
        self.list_button.setObjectName("campaign_target_list")
        self.list_button.clicked.connect(self._open_list)
        for b in (self.add, self.edit, self.end):
            b.setVisible(self.may_manage)

        self.headline = label("", "title")
        self.headline.setObjectName("campaign_headline")
        self.bar = QProgressBar()
        self.bar.setObjectName("campaign_bar")
        self.bar.setRange(0, 100)
        self.details = label("", "muted", wrap=True)
        self.details.setObjectName("campaign_details")
        detail_box = QGroupBox(self.tr("Coverage"))
        d = QVBoxLayout(detail_box)
        d.addWidget(self.headline)
        d.addWidget(self.bar)
        d.addWidget(self.details)
        d.addWidget(self.community_view, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.list_button)
        row.addWidget(self.edit)
        row.addWidget(self.end)
        d.addLayout(row)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.view)
        split.addWidget(detail_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.count = label("", "muted")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        head = QHBoxLayout()
        head.addWidget(label(self.tr("Campaigns"), "title"))
        head.addStretch(1)
        head.addWidget(self.count)
        head.addWidget(self.add)
        lay.addLayout(head)
        lay.addWidget(
            label(
                self.tr(
                    "Winter and summer holiday visits, festival greetings and any named drive: "
                    "who is on the list, and how many were reached by a visit or help tagged "
                    "with the campaign within its period."
                ),
                "muted",
                wrap=True,
            )
        )
        lay.addWidget(split, 1)
        self.progress: CampaignProgress | None = None
        self.templates: dict[str, str] = {}  # notice template code → title
        self._show_progress(None)

    def _whole_list(self, c: Campaign) -> str:
        if c.target is CampaignTarget.CHILDREN:
            return self.tr("every child on the list")
        return self.tr("every household on the list")

    def refresh(self) -> None:
        self.setProperty("stale", False)
        chosen = self.current()
        want = chosen.id if chosen is not None else None

        def done(rows: list[Campaign]) -> None:
            self.today = self.ctx.today()
            self.model.set_rows(rows)
            self.count.setText(self.tr("{n} campaigns").format(n=len(rows)))
            if not rows:
                self._chosen()  # nothing chosen: nothing to change, end or list
                return
            # Keep the chosen campaign; else the first under way; else the newest.
            ids = [c.id for c in rows]
            under_way = [
                i
                for i, c in enumerate(rows)
                if campaigns.state(c, self.today) is CampaignState.OPEN
            ]
            row = ids.index(want) if want in ids else (under_way[0] if under_way else 0)
            self.view.selectRow(row)
            self._chosen()

        if not self.templates:
            self.ctx.worker.call(support.templates, done=self._templates, owner=self)
        self.ctx.worker.call(campaigns.campaigns, done=done, owner=self)

    def _templates(self, items: list[NoticeTemplate]) -> None:
        self.templates = {t.code: t.title for t in items}

    def current(self) -> Campaign | None:
        return self.model.row_at(self.view.currentIndex().row())

    def _chosen(self) -> None:
        c = self.current()
        self.end.setEnabled(
            c is not None and campaigns.state(c, self.today) is not CampaignState.OVER
        )
        self.list_button.setEnabled(c is not None)
        self.edit.setEnabled(c is not None)
        if c is None:
            self._show_progress(None)
            return

        def done(p: CampaignProgress) -> None:
            now = self.current()
            if now is not None and now.id == p.campaign.id:
                self._show_progress(p)

        self.ctx.worker.call(campaigns.progress, c, done=done, owner=self)

    def _show_progress(self, p: CampaignProgress | None) -> None:
        self.progress = p
        if p is None:
            self.headline.setText(self.tr("No campaign chosen"))
            self.bar.setValue(0)
            self.details.setText("")
            self.by_community.set_rows([])
            return
        c = p.campaign
        unit = i18n.label(vocabulary.CAMPAIGN_TARGET, c.target)
        self.headline.setText(
            self.tr("{reached} of {goal} {unit} reached ({percent}%)").format(
                reached=p.reached, goal=p.goal, unit=unit, percent=p.percent
            )
        )
        self.bar.setValue(min(100, p.percent))
        parts = [
            self.tr("{name}: {start} – {end}, {state}").format(
                name=c.name,
                start=i18n.fmt_date(c.starts_on),
                end=i18n.fmt_date(c.ends_on),
                state=i18n.label(vocabulary.CAMPAIGN_STATE, campaigns.state(c, self.today)),
            ),
            self.tr("{targets} on the list; {visits} visits and {help} help records tagged").format(
                targets=p.targets, visits=p.visits, help=p.help_count
            ),
        ]
        if c.categories:
            parts.append(
                self.tr("Categories: {names}").format(
                    names=self.ctx.ref.categories.names(c.categories)
                )
            )
        if c.risks:
            parts.append(
                self.tr("Risk levels: {names}").format(
                    names=i18n.join(i18n.label(i18n.RISK, r) for r in c.risks)
                )
            )
        if c.template_code:
            title = self.templates.get(c.template_code, c.template_code)
            parts.append(self.tr("Notice handed out: {title}").format(title=title))
        if c.focus:
            parts.append(
                self.tr("Safety topics first: {names}").format(
                    names=i18n.join(i18n.label(i18n.SAFETY, t) for t in c.focus)
                )
            )
        self.details.setText("\n".join(parts))
        self.by_community.set_rows([r for r in p.by_community if r[2]])

    def _add(self) -> None:
        self._open(NewCampaignDialog(self.ctx, self))

    def _edit(self) -> None:
        if (c := self.current()) is not None:
            self._open(NewCampaignDialog(self.ctx, self, c))

    def _end(self) -> None:
        if (c := self.current()) is not None:
            self._open(EndCampaignDialog(self.ctx, self, c))

    def _open(self, dlg: RecordDialog) -> None:
        dlg.saved.connect(lambda _c: self.refresh())
        dlg.open()

    def _open_list(self) -> None:
        c = self.current()
        if c is None:
            return
        from hexi_care.ui.campaign_list import CampaignListDialog

        CampaignListDialog(self.ctx, self.main, c.name, self).open()
