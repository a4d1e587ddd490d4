"""Synthetic, realistic demo data: communities across Hexi's streets, households, guardians with
situations, categories, two years of visits (drafts, submissions, reviews, returns), notice
deliveries, help given and activities. Valid ID numbers; some names with rare characters, including
ones outside the Basic Multilingual Plane. The same seed and anchor date give the same data.

Rows are written in bulk (this also builds the 20,000-child benchmark store); one audit event
records that demo data was generated.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import func, insert, select

from hexi_care.db import models as m
from hexi_care.db.base import Base
from hexi_care.db.store import OpenStore
from hexi_care.domain import dates, idnumber, names, schedule
from hexi_care.domain.enums import (
    CategoryCode,
    Rating,
    Relationship,
    RiskLevel,
    SafetyTopic,
    SituationKind,
    UnitKind,
    VisitKind,
    VisitStatus,
)
from hexi_care.errors import StoreProblem
from hexi_care.services import children as child_service
from hexi_care.services import units as unit_service
from hexi_care.services.context import UnitOfWork

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文单"
GIVEN = "子涵浩然欣怡宇轩梓萱若曦一诺思远佳怡俊杰晨曦雨桐明轩嘉怡博文诗琪天佑雅静志强海洋文博梦瑶家豪可馨宏伟紫涵晓东欣妍泽宇艺涵皓轩语嫣振华乐萱安琪"
# Rare characters (生僻字): Extension A, compatibility-area favourites and non-BMP Extension B.
RARE = ["䶮", "龑", "堃", "喆", "犇", "淼", "𠮷", "𡒄", "𪚥", "㵘", "𤭢", "昇"]
COMMUNITY_SUFFIX = [
    "里社区",
    "园社区",
    "苑社区",
    "新村社区",
    "花园社区",
    "路社区",
    "楼社区",
    "庄社区",
]
COMMUNITY_STEMS = [
    "紫金",
    "平江",
    "宾水",
    "谊景",
    "尖山",
    "柳江",
    "梅林",
    "湘潭",
    "黑牛城",
    "陈塘",
    "琼州",
    "恒华",
    "友谊",
    "微山",
    "吉山",
    "富裕",
    "体院北",
    "翠溪",
    "桃园",
    "佟楼",
    "秀峰",
    "芳华",
    "景兴",
    "瑞江",
    "环湖",
    "太湖",
    "龙江",
    "洞庭",
    "珠江",
    "乐园",
    "贵阳",
    "永安",
    "新会",
    "蓝水",
    "解放南",
    "九江",
    "大沽",
    "广东",
    "围堤道",
    "利民",
    "宝山",
    "天津湾",
    "小海地",
    "东江",
    "新天地",
    "梅江",
    "卫津",
    "土城",
    "德才",
    "紫云",
    "怡然",
    "云江",
    "金海",
    "华夏",
    "南湖",
    "澧水",
    "银河",
    "彩虹",
    "绿水",
    "红星",
]

DEMO_MARK = "demo_store"  # meta: this store's case records were made by demo


@dataclass(frozen=True, slots=True)
class DemoStats:
    communities: int
    households: int
    children: int
    visits: int


class _Gen:
    def __init__(self, seed: int, anchor: date) -> None:
        self.rng = random.Random(seed)
        self.anchor = anchor

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def name(self, surname: str | None = None) -> str:
        s = surname or self.rng.choice(SURNAMES)
        if self.rng.random() < 0.025:
            return (
                s
                + self.rng.choice(RARE)
                + (self.rng.choice(GIVEN) if self.rng.random() < 0.5 else "")
            )
        n = self.rng.choice((1, 2, 2, 2))
        return s + "".join(self.rng.choice(GIVEN) for _ in range(n))

    def id_number(self, birth: date, male: bool) -> str:
        seq = self.rng.randrange(0, 500) * 2 + (1 if male else 0)
        body = f"120103{birth:%Y%m%d}{seq:03d}"
        return body + idnumber.check_char(body)

    def date_between(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randrange(max(1, (end - start).days + 1)))

    def phone(self) -> str:
        return (
            "1" + self.rng.choice("3578") + "".join(str(self.rng.randrange(10)) for _ in range(9))
        )


def _ensure_communities(uow: UnitOfWork, g: _Gen, target: int = 149) -> list[tuple[str, str]]:
    """(community id, street id) for every community. Streets that have none get Hexi-like ones
    (about `target` in all, the seed's count of community child directors)."""
    s = uow.session
    units = list(
        s.execute(
            select(m.OrgUnit.id, m.OrgUnit.parent_id, m.OrgUnit.kind).order_by(m.OrgUnit.name)
        )
    )
    streets = [u for u, _, k in units if k == UnitKind.STREET]
    if not streets:
        district = next(u for u, p, _ in units if p is None)
        for i in range(3):
            sid = g.uid()
            s.add(
                m.OrgUnit(id=sid, name=f"第{i + 1}街道", kind=UnitKind.STREET, parent_id=district)
            )
            streets.append(sid)
        s.flush()
    communities = [(u, p) for u, p, k in units if k == UnitKind.COMMUNITY and p is not None]
    served = {p for _, p in communities}
    empty = [st for st in streets if st not in served]
    stems = list(COMMUNITY_STEMS)
    g.rng.shuffle(stems)
    per_street = max(1, round(target / len(streets)))
    i = 0
    for street in empty:
        for _ in range(per_street):
            name = (
                stems[i % len(stems)]
                + COMMUNITY_SUFFIX[(i // len(stems) + i) % len(COMMUNITY_SUFFIX)]
            )
            cid = g.uid()
            s.add(m.OrgUnit(id=cid, name=name, kind=UnitKind.COMMUNITY, parent_id=street))
            communities.append((cid, street))
            i += 1
    s.flush()
    return communities


_PROFILES: list[tuple[str, float]] = [
    ("orphan", 0.12),
    ("no_carer", 0.28),
    ("prisoner", 0.12),
    ("poverty", 0.25),
    ("disability", 0.13),
    ("left_behind", 0.10),
]


def _pick_profile(g: _Gen) -> str:
    r = g.rng.random()
    acc = 0.0
    for name, w in _PROFILES:
        acc += w
        if r < acc:
            return name
    return "poverty"


def _situations_for(
    profile: str, g: _Gen
) -> tuple[
    list[tuple[str, date, date | None, int | None]], list[tuple[str, date, date | None, int | None]]
]:
    """(father situations, mother situations) as (kind, start, expected end, disability grade)."""
    a = g.anchor

    def ago(lo: int, hi: int) -> date:
        return a - timedelta(days=g.rng.randrange(lo, hi))

    if profile == "orphan":
        return [(SituationKind.DECEASED, ago(400, 4000), None, None)], [
            (
                g.rng.choice([SituationKind.DECEASED, SituationKind.DECLARED_MISSING]),
                ago(400, 4000),
                None,
                None,
            )
        ]
    if profile in ("no_carer", "prisoner"):
        f = (
            SituationKind.IMPRISONED,
            ago(200, 2000),
            a + timedelta(days=g.rng.randrange(20, 1500)),
            None,
        )
        if profile == "prisoner":
            return [f], []
        mother_kind = g.rng.choice(
            [
                SituationKind.LOST_CONTACT,
                SituationKind.SEVERE_DISABILITY,
                SituationKind.DECEASED,
                SituationKind.COMPULSORY_REHAB,
            ]
        )
        grade = g.rng.choice([1, 2]) if mother_kind == SituationKind.SEVERE_DISABILITY else None
        return [f], [(mother_kind, ago(200, 3000), None, grade)]
    if profile == "disability":
        return [(SituationKind.SERIOUS_ILLNESS, ago(100, 2000), None, None)], []
    if profile == "left_behind":
        return [(SituationKind.WORKING_AWAY, ago(200, 1500), None, None)], [
            (SituationKind.WORKING_AWAY, ago(200, 1500), None, None)
        ]
    return [], []


CATEGORY_OF = {
    "orphan": [CategoryCode.ORPHAN_SCATTERED],
    "no_carer": [CategoryCode.NO_DE_FACTO_CARER],
    "prisoner": [CategoryCode.DIFFICULTY_PRISONER_CHILD],
    "poverty": [CategoryCode.DIFFICULTY_POVERTY],
    "disability": [CategoryCode.DIFFICULTY_DISABILITY],
    "left_behind": [CategoryCode.LEFT_BEHIND],
}
BASIS_OF = {
    "orphan": "父母均已死亡（死亡证明）",
    "no_carer": "父亲服刑在押，母亲符合事实无人抚养认定情形",
    "prisoner": "父亲服刑在押",
    "poverty": "低保家庭",
    "disability": "家庭成员重病",
    "left_behind": "父母均外出务工满6个月",
}


def _bulk(session: Any, model: type[Base], rows: list[dict[str, Any]]) -> None:
    for i in range(0, len(rows), 5000):
        session.execute(insert(model), rows[i : i + 5000])


def _number(uow: UnitOfWork, kids: list[dict[str, Any]]) -> None:
    """档案编号 for demo children as registration gives them: per community and year of entry
    (the store's calendar), in the order entered, after any numbers the store already holds."""
    tz = uow.zone()
    year = {k["id"]: dates.local_date(k["created_at"], tz).year for k in kids}
    next_no = child_service.next_file_numbers(
        uow, {(k["community_id"], year[k["id"]]) for k in kids}
    )
    for k in sorted(kids, key=lambda k: (k["created_at"], k["id"])):
        key = (k["community_id"], year[k["id"]])
        prefix, seq = next_no[key]
        next_no[key] = (prefix, seq + 1)
        k["file_no"] = f"{prefix}{seq:04d}"


class _Batch:
    """The demo's rows, table by table, made family by family and written in bulk at the end.
    The random draws happen in a fixed order, so a seed and an anchor date give the same data."""

    TABLES = ("hh", "child", "cat", "guard", "sit", "visit", "notice", "help", "fu")

    def __init__(self, g: _Gen, director: str | None, visits_per_child: float | None) -> None:
        self.g = g
        self.a = g.anchor
        self.now = datetime.combine(g.anchor, time(9, 0), tzinfo=UTC)
        self.director = director
        self.visits_per_child = visits_per_child
        self.policy = schedule.VisitPolicy()
        self.rows: dict[str, list[dict[str, Any]]] = {k: [] for k in self.TABLES}
        self.by_street: dict[str, list[tuple[str, str]]] = {}
        self.households = 0
        self.children = 0

    def family(self, community: str, street: str, at_most: int) -> None:
        """A household of a random profile (orphans, a parent in prison, ...): its parents with
        the situations the profile gives them, a carer when a parent cannot care, one to three
        children (no more than `at_most`) and its winters."""
        g, rows, now = self.g, self.rows, self.now
        self.households += 1
        hid = g.uid()
        surname = g.rng.choice(SURNAMES)
        profile = _pick_profile(g)
        rows["hh"].append(
            dict(
                id=hid,
                community_id=community,
                address=f"河西区{g.rng.choice(COMMUNITY_STEMS)}路{g.rng.randrange(1, 300)}号{g.rng.randrange(1, 30)}-{g.rng.randrange(1, 6)}-{g.rng.randrange(101, 1802)}",
                hukou_address="天津市河西区",
                phone=g.phone(),
                note="",
                version=1,
                created_at=now,
                updated_at=now,
            )
        )
        fsits, msits = _situations_for(profile, g)
        self._parents(community, hid, surname, fsits, msits)
        carer = bool(fsits or msits)
        risk = g.rng.choices([RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH], [0.6, 0.3, 0.1])[0]
        n_kids = min(at_most, g.rng.choice((1, 1, 1, 2, 2, 3)))
        for _ in range(n_kids):
            self._child(community, street, hid, surname, profile, risk, carer)
        self._winter(community, hid)

    def _parents(
        self,
        community: str,
        hid: str,
        surname: str,
        fsits: list[tuple[str, date, date | None, int | None]],
        msits: list[tuple[str, date, date | None, int | None]],
    ) -> None:
        g, rows = self.g, self.rows
        parents = [
            (Relationship.FATHER, surname, fsits, True),
            (Relationship.MOTHER, None, msits, False),
        ]
        for rel, sname, sits, male in parents:
            gid = g.uid()
            pbirth = g.date_between(date(1975, 1, 1), date(1995, 12, 31))
            self._guardian(
                gid, community, hid, g.name(sname), rel, g.id_number(pbirth, male), cares=not sits
            )
            for kind, start, exp, grade in sits:
                rows["sit"].append(
                    dict(
                        id=g.uid(),
                        community_id=community,
                        guardian_id=gid,
                        kind=kind,
                        start_date=start,
                        expected_end_date=exp,
                        end_date=None,
                        evidence="判决书" if kind == SituationKind.IMPRISONED else "相关证明",
                        note="",
                        disability_grade=grade,
                        disability_mental=False,
                    )
                )
        if fsits or msits:
            self._guardian(
                g.uid(),
                community,
                hid,
                g.name(surname),
                g.rng.choice([Relationship.GRANDFATHER, Relationship.GRANDMOTHER]),
                None,
                cares=True,
                note="实际照护人",
            )

    def _guardian(
        self,
        gid: str,
        community: str,
        hid: str,
        name: str,
        relationship: Relationship,
        id_number: str | None,
        *,
        cares: bool,
        note: str = "",
    ) -> None:
        """A guardian row; the phone number is drawn last, as the rows always drew it."""
        self.rows["guard"].append(
            dict(
                id=gid,
                community_id=community,
                household_id=hid,
                child_id=None,
                name=name,
                relationship=relationship,
                id_number=id_number,
                phone=self.g.phone(),
                is_guardian=cares,
                is_carer=cares,
                note=note,
                version=1,
                updated_at=self.now,
            )
        )

    def _child(
        self,
        community: str,
        street: str,
        hid: str,
        surname: str,
        profile: str,
        risk: RiskLevel,
        carer: bool,
    ) -> None:
        g, a, rows, now = self.g, self.a, self.rows, self.now
        policy = self.policy
        self.children += 1
        cid = g.uid()
        male = g.rng.random() < 0.52
        birth = g.date_between(a - relativedelta(years=17, months=6), a - relativedelta(years=1))
        name = g.name(surname)
        no_hukou = g.rng.random() < 0.01
        number = None if no_hukou else g.id_number(birth, male)
        cats = CATEGORY_OF[profile]
        cat_start = g.date_between(a - timedelta(days=1500), a - timedelta(days=740))
        registered = cat_start
        for c in cats:
            rows["cat"].append(
                dict(
                    id=g.uid(),
                    community_id=community,
                    child_id=cid,
                    code=c,
                    basis=BASIS_OF[profile],
                    evidence="认定审批表",
                    start_date=cat_start,
                    end_date=None,
                )
            )
        step = schedule.interval_for(cats, risk, policy)
        plan = self._plan(step)
        last_done, last_next = self._visits(plan, step, community, cid, hid, profile, carer)
        due = schedule.next_due(last_done, cats, risk, policy, registered_on=registered)
        if last_next is not None:
            due = min(due, last_next)
        if g.rng.random() < 0.15:
            rows["fu"].append(
                dict(
                    id=g.uid(),
                    community_id=community,
                    child_id=cid,
                    visit_id=None,
                    action=g.rng.choice(
                        [
                            "协助办理户口登记",
                            "联系学校了解学习情况",
                            "申请临时救助",
                            "安排心理咨询",
                        ]
                    ),
                    owner="儿童主任",
                    due_date=a + timedelta(days=g.rng.randrange(-20, 40)),
                    status="open",
                    done_date=None,
                    created_at=now,
                )
            )
        rows["child"].append(
            dict(
                id=cid,
                community_id=community,
                household_id=hid,
                name=name,
                name_pinyin=names.pinyin_full(name),
                name_initials=names.pinyin_initials(name),
                id_number=number,
                id_tail=idnumber.tail(number) if number else "",
                no_hukou=no_hukou,
                birth_date=birth,
                sex="male" if male else "female",
                hukou_address="天津市河西区",
                address="",
                school=g.rng.choice(
                    [
                        "河西区实验小学",
                        "梅江中学",
                        "新华中学",
                        "平山道小学",
                        "上海道小学",
                        "幼儿园",
                        "",
                    ]
                ),
                grade="",
                phone="",
                risk=risk,
                note="",
                last_visit=last_done,
                next_due=due,
                category_codes=",".join(sorted(cats)),
                version=1,
                created_at=datetime.combine(registered, time(9), tzinfo=UTC),
                updated_at=now,
            )
        )
        self.by_street.setdefault(street, []).append((cid, community))

    def _plan(self, step: relativedelta) -> list[date]:
        """Visit dates over two years, at the policy's interval, with some jitter."""
        g, a = self.g, self.a
        visits_per_child = self.visits_per_child
        plan: list[date] = []
        d = a - timedelta(days=730) + timedelta(days=g.rng.randrange(0, 30))
        while d <= a:
            plan.append(d)
            d = d + step + timedelta(days=g.rng.randrange(-5, 12))
        if visits_per_child is not None:
            want = max(1, round(g.rng.gauss(visits_per_child, 2)))
            span = 730 / want
            plan = sorted(
                {
                    a - timedelta(days=int(i * span) + g.rng.randrange(0, max(1, int(span))))
                    for i in range(want)
                }
            )
        # Skip the most recent ones now and then, so some children are overdue.
        if g.rng.random() < 0.18 and len(plan) > 2:
            plan = plan[:-2]
        return plan

    def _visits(
        self,
        plan: list[date],
        step: relativedelta,
        community: str,
        cid: str,
        hid: str,
        profile: str,
        carer: bool,
    ) -> tuple[date | None, date | None]:
        """The planned visits' rows; (date of the last one done, the next date it set)."""
        g, a, rows, director = self.g, self.a, self.rows, self.director
        last_done: date | None = None
        last_next: date | None = None
        for i, vd in enumerate(plan):
            is_last = i == len(plan) - 1
            age_days = (a - vd).days
            if is_last and g.rng.random() < 0.15:
                status = VisitStatus.DRAFT
            elif age_days < 20:
                status = VisitStatus.SUBMITTED
            elif age_days < 60 and g.rng.random() < 0.08:
                status = VisitStatus.RETURNED
            else:
                status = VisitStatus.APPROVED
            ratings = [g.rng.choices(list(Rating), [0.55, 0.3, 0.12, 0.03])[0] for _ in range(5)]
            nxt = vd + step
            winter = vd.month in (1, 2)
            rows["visit"].append(
                dict(
                    id=g.uid(),
                    community_id=community,
                    child_id=cid,
                    household_id=hid,
                    visit_date=vd,
                    visit_time=f"{g.rng.randrange(9, 18):02d}:{g.rng.choice(('00', '15', '30', '45'))}",
                    kind=VisitKind.CAMPAIGN if winter else VisitKind.ROUTINE,
                    status=status,
                    visitors="儿童主任" + ("、儿童督导员" if g.rng.random() < 0.3 else ""),
                    people_met="儿童及其照护人",
                    place="家中",
                    basic_info_verified=True,
                    basic_info_changes="",
                    carer_name="",
                    carer_relationship="祖父母" if carer else "父母",
                    entrusted_agreement=True if carer else None,
                    carer_suitable=ratings[0] != Rating.SERIOUS,
                    parent_contact="每周电话联系" if profile != "orphan" else "",
                    child_alone_under16=False,
                    child_under8_unattended=False,
                    physical_rating=ratings[0],
                    physical_note="身体健康" if ratings[0] == Rating.GOOD else "需关注身体状况",
                    psychological_rating=ratings[1],
                    psychological_note="情绪稳定"
                    if ratings[1] == Rating.GOOD
                    else "情绪低落，需心理疏导",
                    living_rating=ratings[2],
                    living_note="居住环境整洁安全"
                    if ratings[2] == Rating.GOOD
                    else "取暖设施需检查",
                    education_rating=ratings[3],
                    education_note="按时上学" if ratings[3] == Rating.GOOD else "学习有困难",
                    social_support_rating=ratings[4],
                    social_support_note="享受基本生活保障金",
                    safety_reminders=",".join(
                        t.value for t in g.rng.sample(list(SafetyTopic), k=g.rng.randrange(2, 7))
                    ),
                    needs="冬季取暖" if winter else "",
                    help_given="发放慰问品" if winter and g.rng.random() < 0.4 else "",
                    referrals="",
                    next_visit_date=nxt,
                    visitor_signoff="儿童主任",
                    review_comment="请补充照护人联系频次" if status == VisitStatus.RETURNED else "",
                    reviewed_by=director
                    if status in (VisitStatus.APPROVED, VisitStatus.RETURNED)
                    else None,
                    reviewed_at=datetime.combine(vd + timedelta(days=5), time(10), tzinfo=UTC)
                    if status in (VisitStatus.APPROVED, VisitStatus.RETURNED)
                    else None,
                    submitted_at=datetime.combine(vd, time(18), tzinfo=UTC)
                    if status != VisitStatus.DRAFT
                    else None,
                    created_by=director,
                    created_at=datetime.combine(vd, time(17), tzinfo=UTC),
                    updated_at=datetime.combine(vd, time(18), tzinfo=UTC),
                )
            )
            if status != VisitStatus.DRAFT:
                last_done, last_next = vd, nxt
        return last_done, last_next

    def _winter(self, community: str, hid: str) -> None:
        """Notices each winter, help at Spring Festival for some."""
        g, a, rows, director = self.g, self.a, self.rows, self.director
        for year in (a.year - 1, a.year):
            on = date(year, 1, 20) + timedelta(days=g.rng.randrange(0, 15))
            if on <= a and g.rng.random() < 0.8:
                rows["notice"].append(
                    dict(
                        id=g.uid(),
                        community_id=community,
                        household_id=hid,
                        template_code="winter",
                        template_version=1,
                        delivered_on=on,
                        guardian_name="",
                        signed=g.rng.random() < 0.9,
                        note="",
                        delivered_by=director,
                    )
                )
            if on <= a and g.rng.random() < 0.3:
                money = g.rng.random() < 0.5
                rows["help"].append(
                    dict(
                        id=g.uid(),
                        community_id=community,
                        household_id=hid,
                        child_id=None,
                        activity_id=None,
                        given_on=on,
                        kind="money" if money else "goods",
                        description="春节慰问金" if money else "过冬棉衣、学习用品",
                        items=0 if money else g.rng.randrange(2, 6),
                        amount_fen=g.rng.choice((50000, 60000, 80000)) if money else 0,
                        source="区民政局",
                        given_by=director,
                    )
                )

    def write(self, uow: UnitOfWork) -> None:
        """File numbers as registration gives them, then every row in bulk, then a winter
        activity per street with some of its children (人次 counted per participant)."""
        s, g, a, rows = uow.session, self.g, self.a, self.rows
        _number(uow, rows["child"])
        _bulk(s, m.Household, rows["hh"])
        _bulk(s, m.Guardian, rows["guard"])
        _bulk(s, m.ParentSituation, rows["sit"])
        _bulk(s, m.Child, rows["child"])
        _bulk(s, m.ChildCategory, rows["cat"])
        _bulk(s, m.Visit, rows["visit"])
        _bulk(s, m.NoticeDelivery, rows["notice"])
        _bulk(s, m.Assistance, rows["help"])
        _bulk(s, m.FollowUp, rows["fu"])
        for street, kids in sorted(self.by_street.items()):
            aid = g.uid()
            held = date(a.year if a.month > 2 else a.year - 1, 1, 25)
            s.execute(
                insert(m.Activity),
                [
                    dict(
                        id=aid,
                        unit_id=street,
                        title="瑞雪迎春 冬令成长营",
                        held_on=held,
                        place="区未保中心",
                        organiser="区未成年人保护中心",
                        note="",
                    )
                ],
            )
            chosen = g.rng.sample(kids, k=min(len(kids), max(1, len(kids) // 6)))
            _bulk(
                s,
                m.ActivityParticipant,
                [
                    dict(id=g.uid(), activity_id=aid, child_id=c, community_id=cm)
                    for c, cm in chosen
                ],
            )


def _mark_demo(uow: UnitOfWork) -> None:
    """Mark the store as holding demo data; refused when it holds real case records."""
    s = uow.session
    marked = s.get(m.Meta, DEMO_MARK) is not None
    if not marked and s.scalar(select(m.Child.id).limit(1)) is not None:
        raise StoreProblem("demo_real_store")
    s.merge(m.Meta(key=DEMO_MARK, value="1"))


def generate(
    store: OpenStore,
    *,
    children: int,
    seed: int = 1,
    anchor: date | None = None,
    visits_per_child: float | None = None,
) -> DemoStats:
    """Add `children` synthetic children (and everything around them) to an open store.

    Refused on a store that already holds case records not made by demo: synthetic children must
    never mix with real ones."""
    with UnitOfWork(store, system=True) as uow:
        _mark_demo(uow)
        g = _Gen(seed, anchor or uow.today())
        communities = _ensure_communities(uow, g)
        users = list(uow.session.scalars(select(m.AppUser.id)))
        batch = _Batch(g, users[0] if users else None, visits_per_child)
        while batch.children < children:
            community, street = communities[g.rng.randrange(len(communities))]
            batch.family(community, street, children - batch.children)
        batch.write(uow)
        uow.audit("demo", "store", None, f"{batch.children} children")
        return DemoStats(
            communities=len(communities),
            households=batch.households,
            children=batch.children,
            visits=len(batch.rows["visit"]),
        )


def busiest_community(store: OpenStore, street_name: str) -> str:
    """The id of the community of `street_name` with the most children (the demo director's);
    one is added when the street has none. Read unscoped: the administrator's own scope holds no
    children."""
    with UnitOfWork(store, system=True) as uow:
        street = unit_service.resolve_unit(uow, street_name)
        row = uow.session.execute(
            select(m.OrgUnit.id, func.count(m.Child.id))
            .join(m.Child, m.Child.community_id == m.OrgUnit.id)
            .where(m.OrgUnit.parent_id == street.id)
            .group_by(m.OrgUnit.id)
            .order_by(func.count(m.Child.id).desc(), m.OrgUnit.id)
            .limit(1)
        ).first()
        if row is None:
            return unit_service.add_unit(uow, "紫金里社区", street.id).id
        return str(row[0])
