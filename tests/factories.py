"""Builders of domain objects for tests: a visit complete enough to submit, from one place.

What a submission needs is the core's rule (hexi_care.domain.submission); a test that submits builds
its visit here, so a change of the rule changes one builder, not twenty tests.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hexi_care.domain.enums import Rating, VisitStatus
from hexi_care.domain.model import SectionRating, Visit


def complete_visit(child_id: str, visit_date: date, **fields: Any) -> Visit:
    """A visit with everything a submission needs; `fields` override or add to it."""
    values: dict[str, Any] = {
        "visitors": "儿童主任 王芳",
        "people_met": "儿童及其祖母",
        **{name: SectionRating(rating=Rating.GOOD) for name in Visit.SECTIONS},
    }
    values.update(fields)
    return Visit(child_id=child_id, visit_date=visit_date, **values)


def submitted_visit(child_id: str, visit_date: date, **fields: Any) -> Visit:
    """A complete visit marked to be submitted directly (visits.add_visit, the CLI's visit add)."""
    return complete_visit(child_id, visit_date, status=VisitStatus.SUBMITTED, **fields)


def complete_visit_json(visit_date: str, **fields: Any) -> dict[str, Any]:
    """The JSON the CLI's `visit add` reads for a visit that may be submitted."""
    data: dict[str, Any] = {
        "visit_date": visit_date,
        "visitors": "儿童主任 王芳",
        "people_met": "儿童及其祖母",
        **{name: "good" for name in Visit.SECTIONS},
    }
    data.update(fields)
    return data


def numbered_name(prefix: str, i: int) -> str:
    """A distinct name per number, written with Chinese numerals (a name holds no digits):
    numbered_name("赵", 12) == "赵一二"."""
    return prefix + "".join("〇一二三四五六七八九"[int(d)] for d in str(i))
