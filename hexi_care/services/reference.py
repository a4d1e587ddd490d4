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
from hexi_care.vocabulary import CATEGORY

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

# The group each built-in category belongs to; the names are the vocabulary's.
CATEGORY_GROUPS: tuple[tuple[CategoryCode, str], ...] = (
    (CategoryCode.ORPHAN_SCATTERED, "orphan"),
    (CategoryCode.ORPHAN_INSTITUTION, "orphan"),
    (CategoryCode.NO_DE_FACTO_CARER, "no_carer"),
    (CategoryCode.DIFFICULTY_POVERTY, "difficulty"),
    (CategoryCode.DIFFICULTY_DISABILITY, "difficulty"),
    (CategoryCode.DIFFICULTY_GUARDIANSHIP, "difficulty"),
    (CategoryCode.DIFFICULTY_PRISONER_CHILD, "difficulty"),
    (CategoryCode.DIFFICULTY_ABUSED, "difficulty"),
    (CategoryCode.LEFT_BEHIND, "left_behind"),
)
# (code, Chinese, English, group)
DEFAULT_CATEGORIES: tuple[tuple[str, str, str, str], ...] = tuple(
    (str(code), *CATEGORY[code], group) for code, group in CATEGORY_GROUPS
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
