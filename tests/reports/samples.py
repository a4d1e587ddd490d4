"""Made-up example data for every document: the pictures in docs/reports, the tests and the
benchmark (test data: not shipped in the package). All people and numbers are fictional. Names deliberately carry rare
characters (𠮷 U+20BB7 and 𡒄 U+21484 outside the BMP, 㵘 U+3D58 in Extension A) so that every
document exercises the font fallback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from hexi_care.domain.enums import (
    FollowUpStatus,
    Rating,
    Relationship,
    ReportStatus,
    ReportTrigger,
    RiskLevel,
    SafetyTopic,
    Sex,
    SituationKind,
    VisitKind,
    VisitStatus,
)
from hexi_care.domain.model import (
    Assistance,
    Attachment,
    Category,
    Child,
    ChildFile,
    FollowUp,
    Guardian,
    Household,
    MandatoryReport,
    NoticeDelivery,
    Referral,
    SectionRating,
    Situation,
    Visit,
)
from hexi_care.domain.notice_templates import builtin_templates
from hexi_care.reports.data import (
    CaseFileData,
    ChecklistData,
    CommunityStats,
    NoticeData,
    RegisterRow,
    ReportMeta,
    StatisticsData,
    StatsFigures,
    StreetStats,
    VisitSummaryData,
)
from hexi_care.reports.labels import ZH, Labels

CHILD_ID = "3f2c1a9b-5d7e-4c11-9a0b-2e6f8d4c7a15"
HOUSEHOLD_ID = "8b1e4f2a-0c3d-4e5f-a6b7-c8d9e0f1a2b3"
VISIT_ID = "c0ffee00-1234-4abc-8def-0123456789ab"
DIRECTOR_ID = "u-director-1"
SUPERVISOR_ID = "u-supervisor-1"

STREETS = (
    "大营门街",
    "下瓦房街",
    "桃园街",
    "挂甲寺街",
    "马场街",
    "越秀路街",
    "友谊路街",
    "天塔街",
    "尖山街",
    "陈塘庄街",
    "柳林街",
    "东海街",
    "梅江街",
    "太湖路街",
)


def meta() -> ReportMeta:
    return ReportMeta(
        generated_by="周敏（儿童主任）",
        generated_at=datetime(2024, 1, 15, 2, 30, tzinfo=UTC),  # 10:30 in Tianjin
        unit_name="河西区桃园街 育英里社区",
    )


def household() -> Household:
    return Household(
        id=HOUSEHOLD_ID,
        community_id="c-yuyingli",
        address="天津市河西区桃园街育英里 12 号楼 3 门 201",
        hukou_address="天津市河西区桃园街育英里 12 号楼 3 门 201",
        phone="022-2833 1234",
    )


def child() -> Child:
    return Child(
        id=CHILD_ID,
        name="陈𠮷瑶",
        sex=Sex.FEMALE,
        community_id="c-yuyingli",
        birth_date=date(2013, 5, 20),
        id_number="120103201305208241",
        household_id=HOUSEHOLD_ID,
        hukou_address="天津市河西区桃园街育英里 12 号楼 3 门 201",
        address="天津市河西区桃园街育英里 12 号楼 3 门 201",
        school="河西区育英里小学",
        grade="五年级",
        phone="138 2000 1234",
        risk=RiskLevel.HIGH,
        categories=[
            Category(
                code="no_de_facto_carer",
                basis="父亲服刑在押（6个月以上），母亲失联（公安机关受理报案已满6个月）",
                evidence="刑事判决书、执行通知书；派出所受案回执",
                start_date=date(2022, 9, 1),
            ),
            Category(
                code="difficulty_prisoner_child",
                basis="父亲服刑在押",
                evidence="执行通知书",
                start_date=date(2022, 6, 1),
            ),
        ],
    )


def guardians() -> list[Guardian]:
    return [
        Guardian(
            id="g-1",
            name="陈国强",
            relationship=Relationship.FATHER,
            household_id=HOUSEHOLD_ID,
            id_number="120103198001011234",
            is_guardian=True,
            situations=[
                Situation(
                    kind=SituationKind.IMPRISONED,
                    start_date=date(2022, 3, 1),
                    expected_end_date=date(2026, 2, 28),
                    evidence="刑事判决书",
                )
            ],
        ),
        Guardian(
            id="g-2",
            name="王㵘",
            relationship=Relationship.MOTHER,
            household_id=HOUSEHOLD_ID,
            is_guardian=True,
            situations=[
                Situation(
                    kind=SituationKind.LOST_CONTACT,
                    start_date=date(2021, 11, 10),
                    evidence="派出所受案回执",
                )
            ],
        ),
        Guardian(
            id="g-3",
            name="李秀兰",
            relationship=Relationship.GRANDMOTHER,
            household_id=HOUSEHOLD_ID,
            phone="139 2100 5678",
            is_carer=True,
            note="68岁，身体尚可，有高血压",
        ),
    ]


def _followups() -> list[FollowUp]:
    return [
        FollowUp(
            id="f-1",
            child_id=CHILD_ID,
            visit_id="v-prev",
            action="协助祖母办理困境儿童基本生活费变更手续",
            owner="周敏",
            due_date=date(2024, 1, 20),
        ),
        FollowUp(
            id="f-2",
            child_id=CHILD_ID,
            visit_id="v-prev",
            action="联系学校心理老师，了解孩子近期在校情绪",
            owner="周敏",
            due_date=date(2024, 1, 31),
        ),
    ]


def previous_visit() -> Visit:
    return Visit(
        id="v-prev",
        child_id=CHILD_ID,
        visit_date=date(2023, 12, 12),
        kind=VisitKind.ROUTINE,
        status=VisitStatus.APPROVED,
        visit_time="15:00",
        visitors="周敏",
        people_met="李秀兰、陈𠮷瑶",
        place="家中",
        basic_info_verified=True,
        carer_name="李秀兰",
        carer_relationship="祖母",
        entrusted_agreement=True,
        carer_suitable=True,
        parent_contact="父亲每月可通话一次；母亲无联系",
        physical=SectionRating(rating=Rating.GOOD),
        psychological=SectionRating(rating=Rating.FAIR, note="提到父亲时情绪低落。"),
        living=SectionRating(rating=Rating.FAIR, note="冬季用电取暖，插线板老化。"),
        education=SectionRating(rating=Rating.GOOD),
        social_support=SectionRating(rating=Rating.GOOD, note="享受事实无人抚养儿童基本生活补贴。"),
        safety_reminders=[SafetyTopic.FIRE_ELECTRICITY_GAS, SafetyTopic.ONLINE],
        needs="更换老化插线板；孩子希望有人辅导数学。",
        help_given="送去新插线板一个。",
        next_visit_date=date(2024, 1, 12),
        visitor_signoff="周敏",
        created_by=DIRECTOR_ID,
        reviewed_by=SUPERVISOR_ID,
        reviewed_at=datetime(2023, 12, 14, 1, 0, tzinfo=UTC),
        review_comment="情况清楚，跟进事项请按期完成。",
        household_id=HOUSEHOLD_ID,
    )


def visit() -> Visit:
    return Visit(
        id=VISIT_ID,
        child_id=CHILD_ID,
        visit_date=date(2024, 1, 12),
        kind=VisitKind.CAMPAIGN,
        status=VisitStatus.APPROVED,
        visit_time="14:30",
        visitors="周敏（儿童主任）、刘洋（社工）",
        people_met="李秀兰（祖母）、陈𠮷瑶",
        place="家中",
        basic_info_verified=True,
        basic_info_changes="祖母新换手机号码：139 2100 5678，已更新。",
        carer_name="李秀兰",
        carer_relationship="祖母",
        entrusted_agreement=True,
        carer_suitable=True,
        parent_contact="父亲每月通话一次；母亲仍无联系",
        physical=SectionRating(rating=Rating.GOOD, note="身体健康，按时完成体检。"),
        psychological=SectionRating(
            rating=Rating.FAIR,
            note="性格内向，谈到父亲时不愿多说；在校与同学相处尚可。建议学校心理老师持续关注。",
        ),
        living=SectionRating(
            rating=Rating.GOOD, note="插线板已更换，家中通风良好，燃气阀门关闭正常。"
        ),
        education=SectionRating(rating=Rating.FAIR, note="祖母文化程度不高，难以辅导作业。"),
        social_support=SectionRating(
            rating=Rating.GOOD,
            note="按月领取基本生活补贴；寒假慰问物资已送达。",
        ),
        safety_reminders=[
            SafetyTopic.FIRE_ELECTRICITY_GAS,
            SafetyTopic.DROWNING,
            SafetyTopic.TRAFFIC,
            SafetyTopic.ONLINE,
            SafetyTopic.MENTAL_HEALTH,
        ],
        needs="寒假期间数学辅导；冬季衣物。",
        help_given="送去寒假慰问包（羽绒服一件、文具一套、米面油）；联系志愿者每周六上门辅导数学。",
        referrals="转介至区青少年心理服务站做一次心理评估。",
        next_visit_date=date(2024, 2, 12),
        visitor_signoff="周敏",
        created_by=DIRECTOR_ID,
        reviewed_by=SUPERVISOR_ID,
        reviewed_at=datetime(2024, 1, 13, 8, 0, tzinfo=UTC),
        review_comment="同意。心理评估结果出来后补录。",
        household_id=HOUSEHOLD_ID,
    )


def visit_followups() -> list[FollowUp]:
    return [
        FollowUp(
            id="f-3",
            child_id=CHILD_ID,
            visit_id=VISIT_ID,
            action="落实志愿者寒假数学辅导（每周六）",
            owner="刘洋",
            due_date=date(2024, 1, 20),
        ),
        FollowUp(
            id="f-4",
            child_id=CHILD_ID,
            visit_id=VISIT_ID,
            action="跟进心理评估结果并录入",
            owner="周敏",
            due_date=date(2024, 2, 10),
        ),
    ]


def visit_referrals() -> list[Referral]:
    return [
        Referral(
            id="r-1",
            child_id=CHILD_ID,
            visit_id=VISIT_ID,
            agency="河西区青少年心理服务站",
            reason="情绪低落，需专业评估",
            referred_on=date(2024, 1, 12),
        )
    ]


def checklist() -> ChecklistData:
    return ChecklistData(
        child=child(),
        household=household(),
        guardians=guardians(),
        community_name="育英里社区",
        street_name="桃园街",
        planned_date=date(2024, 1, 12),
        planned_kind=VisitKind.CAMPAIGN,
        planned_visitors="周敏（儿童主任）",
        last_visit=previous_visit(),
        open_items=_followups(),
        category_names={},
    )


def blank_checklist() -> ChecklistData:
    return ChecklistData(community_name="育英里社区", street_name="桃园街")


def summary() -> VisitSummaryData:
    return VisitSummaryData(
        visit=visit(),
        child=child(),
        community_name="育英里社区",
        street_name="桃园街",
        household=household(),
        followups=visit_followups(),
        referrals=visit_referrals(),
        recorder_name="周敏",
        reviewer_name="赵丽（儿童督导员）",
    )


def notice(code: str = "winter") -> NoticeData:
    return NoticeData(
        template=builtin_templates()[code],
        household=household(),
        guardians=[g for g in guardians() if g.is_carer],
        children=[child()],
        community_name="育英里社区",
        street_name="桃园街",
        director_name="周敏",
        director_phone="022-2833 0000",
        issuing_unit="河西区桃园街育英里社区居民委员会",
    )


def casefile(with_reports: bool = True) -> CaseFileData:
    reports = (
        [
            MandatoryReport(
                id="m-1",
                child_id=CHILD_ID,
                trigger=ReportTrigger.ABANDONED,
                found_at=datetime(2022, 8, 20, 1, 0, tzinfo=UTC),
                reported_at=datetime(2022, 8, 20, 1, 40, tzinfo=UTC),
                agency="河西分局桃园派出所",
                receipt_no="JJ-2022-0820-017",
                feedback="已立案，儿童由祖母临时照护。",
                description="儿童独自在家两日，无成人照料。",
                status=ReportStatus.CLOSED,
            )
        ]
        if with_reports
        else None
    )
    file = ChildFile(
        child=child(),
        household=household(),
        guardians=guardians(),
        visits=[visit(), previous_visit()],
        notices=[
            NoticeDelivery(
                id="n-1",
                household_id=HOUSEHOLD_ID,
                template_code="winter",
                template_version=1,
                delivered_on=date(2024, 1, 12),
                guardian_name="李秀兰",
                signed=True,
                delivered_by=DIRECTOR_ID,
            ),
            NoticeDelivery(
                id="n-0",
                household_id=HOUSEHOLD_ID,
                template_code="summer",
                template_version=1,
                delivered_on=date(2023, 7, 5),
                guardian_name="李秀兰",
                signed=True,
                delivered_by=DIRECTOR_ID,
            ),
        ],
        assistance=[
            Assistance(
                id="a-1",
                household_id=HOUSEHOLD_ID,
                child_id=CHILD_ID,
                given_on=date(2024, 1, 12),
                kind="goods",
                description="寒假慰问包：羽绒服、文具、米面油",
                items=5,
                amount_fen=68000,
                source="区民政局寒假慰问",
            ),
            Assistance(
                id="a-2",
                household_id=HOUSEHOLD_ID,
                child_id=CHILD_ID,
                given_on=date(2023, 12, 12),
                kind="goods",
                description="插线板",
                items=1,
                amount_fen=4500,
                source="社区",
            ),
        ],
        followups=[
            *_followups(),
            *visit_followups(),
        ],
        referrals=visit_referrals(),
        reports=reports,
        attachments=[
            Attachment(
                id="att-1",
                child_id=CHILD_ID,
                filename="执行通知书.pdf",
                mime="application/pdf",
                size=245_760,
                created_at=datetime(2022, 9, 2, 2, 0, tzinfo=UTC),
            )
        ],
        community_name="育英里社区",
        street_name="桃园街",
    )
    file.followups[0].status = FollowUpStatus.DONE
    file.followups[0].done_date = date(2024, 1, 12)
    return CaseFileData(
        file=file,
        user_names={DIRECTOR_ID: "周敏", SUPERVISOR_ID: "赵丽"},
    )


def statistics() -> StatisticsData:
    """District statistics with made-up but consistent figures (subtotals are not sums of
    distinct counts in general; here each child belongs to one community, so they are)."""
    streets: list[StreetStats] = []
    total = StatsFigures()
    for i, name in enumerate(STREETS):
        communities: list[CommunityStats] = []
        sub = StatsFigures()
        for j in range(2 + i % 2):
            f = StatsFigures(
                households=8 + (i * 7 + j * 3) % 11,
                children=10 + (i * 5 + j * 4) % 13,
                person_times=25 + (i * 11 + j * 7) % 31,
                visits=14 + (i * 9 + j * 5) % 17,
                notices=8 + (i * 3 + j) % 9,
                items=20 + (i * 13 + j * 3) % 40,
                amount_fen=(300 + (i * 37 + j * 11) % 500) * 100 * 10,
                overdue=(i + j) % 3,
                mandatory_reports=1 if (i + j) % 7 == 0 else 0,
                household_times=8 + (i * 7 + j * 3) % 11 + 6 + (i + j) % 9,
            )
            communities.append(CommunityStats(name=f"{name[:2]}第{j + 1}社区", figures=f))
            sub = _add(sub, f)
        streets.append(StreetStats(name=name, figures=sub, communities=tuple(communities)))
        total = _add(total, sub)
    return StatisticsData(
        unit_name="河西区",
        period_start=date(2024, 1, 1),
        period_end=date(2024, 3, 31),
        total=total,
        streets=tuple(streets),
    )


def street_statistics() -> StatisticsData:
    """A street's statistics: its communities (long names among them), no street column."""
    names = ["紫金里社区", "天津湾里社区", "平山道社区", "南昌路社区", "琼州道社区"]
    communities: list[CommunityStats] = []
    total = StatsFigures()
    for j, name in enumerate(names):
        f = StatsFigures(
            households=9 + (j * 5) % 7,
            children=12 + (j * 3) % 8,
            person_times=30 + (j * 7) % 19,
            visits=15 + (j * 4) % 11,
            notices=7 + j % 4,
            items=18 + (j * 9) % 25,
            amount_fen=(250 + (j * 41) % 300) * 1000,
            overdue=j % 3,
            household_times=9 + (j * 5) % 7 + 4 + j,
        )
        communities.append(CommunityStats(name=name, figures=f))
        total = _add(total, f)
    return StatisticsData(
        unit_name="大营门街",
        unit_kind="street",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
        total=total,
        streets=(StreetStats(name="大营门街", figures=total, communities=tuple(communities)),),
        show_mandatory_reports=False,
    )


def _add(a: StatsFigures, b: StatsFigures) -> StatsFigures:
    return StatsFigures(
        households=a.households + b.households,
        children=a.children + b.children,
        person_times=a.person_times + b.person_times,
        visits=a.visits + b.visits,
        notices=a.notices + b.notices,
        items=a.items + b.items,
        amount_fen=a.amount_fen + b.amount_fen,
        overdue=a.overdue + b.overdue,
        mandatory_reports=a.mandatory_reports + b.mandatory_reports,
        household_times=a.household_times + b.household_times,
    )


_SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
_GIVEN = (
    "子涵",
    "欣怡",
    "浩宇",
    "梓萱",
    "一诺",
    "宇轩",
    "诗琪",
    "俊杰",
    "𠮷祥",
    "㵘然",
    "雨桐",
    "明轩",
)


def many_summaries(n: int) -> list[VisitSummaryData]:
    """`n` distinct one-page visit summaries (for the batch benchmark and tests)."""
    out: list[VisitSummaryData] = []
    base = summary()
    for i in range(n):
        c = child()
        c.id = f"{CHILD_ID[:-6]}{i:06d}"
        c.name = _SURNAMES[i % len(_SURNAMES)] + _GIVEN[(i // len(_SURNAMES)) % len(_GIVEN)]
        v = visit()
        v.id = f"{VISIT_ID[:-6]}{i:06d}"
        v.visit_date = date(2024, 1, 2) + timedelta(days=i % 60)
        out.append(
            VisitSummaryData(
                visit=v,
                child=c,
                community_name=base.community_name,
                street_name=base.street_name,
                household=base.household,
                followups=base.followups,
                referrals=base.referrals,
                recorder_name=base.recorder_name,
                reviewer_name=base.reviewer_name,
            )
        )
    return out


def register_rows(n: int = 30) -> list[RegisterRow]:
    rows: list[RegisterRow] = []
    for i in range(n):
        rows.append(
            RegisterRow(
                child_id=f"child-{i:04d}",
                name=_SURNAMES[i % len(_SURNAMES)] + _GIVEN[i % len(_GIVEN)],
                street_name=STREETS[i % len(STREETS)],
                community_name=f"{STREETS[i % len(STREETS)][:2]}第{i % 3 + 1}社区",
                sex=Sex.FEMALE if i % 2 else Sex.MALE,
                birth_date=date(2008 + i % 15, 1 + i % 12, 1 + i % 28),
                id_number=f"1201**********{1000 + i:04d}",
                categories=("事实无人抚养儿童",)
                if i % 3 == 0
                else ("留守儿童", "困境儿童（贫困家庭）"),
                risk=(RiskLevel.HIGH, RiskLevel.MEDIUM, RiskLevel.LOW)[i % 3],
                guardians="李秀兰（祖母）",
                phone="139 2100 5678",
                address=f"天津市河西区某路 {i + 1} 号",
                school="河西区育英里小学",
                last_visit=date(2024, 1, 1) + timedelta(days=i),
                next_due=date(2024, 2, 1) + timedelta(days=i),
            )
        )
    return rows


def documents(labels: Labels = ZH) -> dict[str, Callable[[], bytes | None]]:
    """Every document rendered from the sample data, by name (imports the renderers)."""
    from hexi_care.reports.casefile import render_casefile
    from hexi_care.reports.checklist import render_checklist
    from hexi_care.reports.notice import render_notice
    from hexi_care.reports.statistics import render_statistics
    from hexi_care.reports.summary import render_summary

    m = meta()
    return {
        "checklist": lambda: render_checklist(checklist(), m, labels=labels),
        "checklist_blank": lambda: render_checklist(blank_checklist(), m, labels=labels),
        "summary": lambda: render_summary(summary(), m, labels=labels),
        "notice_winter": lambda: render_notice(notice("winter"), m, labels=labels),
        "notice_summer": lambda: render_notice(notice("summer"), m, labels=labels),
        "notice_general": lambda: render_notice(notice("general"), m, labels=labels),
        "casefile": lambda: render_casefile(casefile(), m, labels=labels),
        "statistics": lambda: render_statistics(statistics(), m, labels=labels),
        "street_statistics": lambda: render_statistics(street_statistics(), m, labels=labels),
    }


def main(argv: list[str]) -> int:
    """`python -m tests.reports.samples FOLDER`: write every sample document there."""
    if len(argv) != 1:
        print("usage: python -m tests.reports.samples FOLDER")
        return 2
    folder = Path(argv[0])
    folder.mkdir(parents=True, exist_ok=True)
    for name, render in documents().items():
        path = folder / f"{name}.pdf"
        path.write_bytes(render() or b"")
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
