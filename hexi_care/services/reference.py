"""Reference data shipped with the program: Hexi district's 14 streets and the default categories.
Both are data in the store afterwards; an administrator adds communities, a locality its categories."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from hexi_care.db.models import CategoryDef, OrgUnit
from hexi_care.db.models import NoticeTemplate as NoticeTemplateRow
from hexi_care.domain.enums import CategoryCode, UnitKind
from hexi_care.domain.notice_templates import builtin_templates

HEXI_STREETS = (
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

# (code, Chinese, English, group)
DEFAULT_CATEGORIES: tuple[tuple[str, str, str, str], ...] = (
    (CategoryCode.ORPHAN_SCATTERED, "散居孤儿", "Orphan living in the community", "orphan"),
    (CategoryCode.ORPHAN_INSTITUTION, "集中养育孤儿", "Orphan in institutional care", "orphan"),
    (
        CategoryCode.NO_DE_FACTO_CARER,
        "事实无人抚养儿童",
        "Child without a de facto carer",
        "no_carer",
    ),
    (
        CategoryCode.DIFFICULTY_POVERTY,
        "困境儿童（贫困家庭）",
        "Child in difficulty (poverty)",
        "difficulty",
    ),
    (
        CategoryCode.DIFFICULTY_DISABILITY,
        "困境儿童（重病重残）",
        "Child in difficulty (illness or disability)",
        "difficulty",
    ),
    (
        CategoryCode.DIFFICULTY_GUARDIANSHIP,
        "困境儿童（监护缺失或不当）",
        "Child in difficulty (guardianship)",
        "difficulty",
    ),
    (
        CategoryCode.DIFFICULTY_PRISONER_CHILD,
        "困境儿童（服刑人员子女）",
        "Child in difficulty (parent imprisoned)",
        "difficulty",
    ),
    (
        CategoryCode.DIFFICULTY_ABUSED,
        "困境儿童（受虐待）",
        "Child in difficulty (abused)",
        "difficulty",
    ),
    (CategoryCode.LEFT_BEHIND, "留守儿童", "Left-behind child", "left_behind"),
)


def seed_reference(session: Session, *, with_hexi_streets: bool = True) -> None:
    """Called once when a store is created (inside its transaction)."""
    for i, (code, zh, en, group) in enumerate(DEFAULT_CATEGORIES):
        if session.get(CategoryDef, str(code)) is None:
            session.add(CategoryDef(code=str(code), name_zh=zh, name_en=en, group=group, sort=i))
    have = set(session.scalars(select(NoticeTemplateRow.code)))
    for t in builtin_templates().values():
        if t.code not in have:
            body = {"intro": t.intro, "themes": [[title, items] for title, items in t.themes]}
            session.add(
                NoticeTemplateRow(
                    code=t.code,
                    version=t.version,
                    title=t.title,
                    body_json=json.dumps(body, ensure_ascii=False),
                )
            )
    if not with_hexi_streets:
        return
    district = session.scalars(select(OrgUnit).where(OrgUnit.parent_id.is_(None))).first()
    if district is None or district.code != "120103":
        return
    existing = set(session.scalars(select(OrgUnit.name).where(OrgUnit.parent_id == district.id)))
    for i, name in enumerate(HEXI_STREETS):
        if name not in existing:
            session.add(OrgUnit(name=name, kind=UnitKind.STREET, parent_id=district.id, sort=i + 1))
