"""The report data side needs no reportlab: data classes, labels, formatting, notice templates."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from hexi_care.domain.enums import (
    FollowUpStatus,
    Rating,
    Relationship,
    ReportTrigger,
    RiskLevel,
    SafetyTopic,
    SituationKind,
    VisitKind,
    VisitStatus,
)
from hexi_care.domain.notice_templates import builtin_templates
from hexi_care.reports.data import ReportMeta
from hexi_care.reports.formatting import (
    age_on,
    fmt_date_long,
    fmt_datetime,
    fmt_yuan,
    mask_id_number,
    short_id,
)
from hexi_care.reports.labels import ZH


def test_data_side_imports_without_reportlab() -> None:
    code = (
        "import sys\n"
        "import hexi_care.reports.data, hexi_care.reports.labels, hexi_care.reports.formatting\n"
        "import hexi_care.domain.notice_templates, tests.reports.samples\n"
        "assert not [m for m in sys.modules if m.startswith('reportlab')], 'reportlab loaded'\n"
    )
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True)


def test_every_enum_value_has_a_word() -> None:
    for mapping, enum in (
        (ZH.rating, Rating),
        (ZH.relationship, Relationship),
        (ZH.situation, SituationKind),
        (ZH.visit_kind, VisitKind),
        (ZH.visit_status, VisitStatus),
        (ZH.safety_topic, SafetyTopic),
        (ZH.followup_status, FollowUpStatus),
        (ZH.report_trigger, ReportTrigger),
        (ZH.risk, RiskLevel),
    ):
        assert {e.value for e in enum} <= set(mapping), enum
    assert ZH.word(ZH.rating, "unknown-value") == "unknown-value"


def test_formatting() -> None:
    assert fmt_yuan(1_200_000) == "12,000.00" and fmt_yuan(-5) == "-0.05"
    assert fmt_date_long(date(2024, 1, 5)) == "2024年1月5日"
    assert fmt_datetime(datetime(2024, 1, 15, 2, 30, tzinfo=UTC)) == "2024-01-15 10:30"
    assert age_on(date(2013, 5, 20), date(2024, 5, 19)) == 10
    assert age_on(date(2013, 5, 20), date(2024, 5, 20)) == 11
    assert mask_id_number("120103198806018241") == "1201**********8241"
    assert short_id("c0ffee00-1234-4abc-8def-0123456789ab") == "C0FFEE00"
    meta = ReportMeta(generated_by="x", generated_at=datetime(2024, 1, 15, 20, 0, tzinfo=UTC))
    assert meta.as_of == date(2024, 1, 16)  # already the 16th in Tianjin


def test_notice_templates_are_versioned_and_seasonal() -> None:
    templates = builtin_templates()
    assert set(templates) == {"winter", "summer", "general"}
    themes = {code: [t for t, _ in tpl.themes] for code, tpl in templates.items()}
    assert themes["summer"][0] == "防溺水"
    assert themes["winter"][0] == "用火用电用气安全"
    for code, tpl in templates.items():
        assert tpl.version == 1 and tpl.title and tpl.intro
        assert len(themes[code]) == 8 and len(set(themes[code])) == 8
        assert all(items for _, items in tpl.themes)
    summer_drowning = dict(templates["summer"].themes)["防溺水"]
    assert any("六不" in item for item in summer_drowning)
    assert any("四知道" in item for item in summer_drowning)
    winter_fire = dict(templates["winter"].themes)["用火用电用气安全"]
    assert any("一氧化碳" in item for item in winter_fire)
    # Fresh objects each time: a caller may edit its copy.
    templates["summer"].themes.clear()
    assert builtin_templates()["summer"].themes
