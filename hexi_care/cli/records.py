"""What the record commands share: reading a child or guardians from JSON, and editing a record
with the changed fields as JSON (the field names `child show --json` prints)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from hexi_care.cli.common import Cli, json_default
from hexi_care.domain.enums import Relationship, RiskLevel, Sex, SituationKind, SupportKind
from hexi_care.domain.model import (
    CHILD_PROFILE_FIELDS,
    CareAgreement,
    Category,
    Child,
    Guardian,
    Situation,
    SupportBenefit,
)
from hexi_care.errors import InvalidInput

if TYPE_CHECKING:
    from hexi_care.services.context import UnitOfWork


#: What `child add` reads: the profile (one list, in the domain) with names for its community and
#: household, and the categories and guardians to record with it.
CHILD_INPUT = {*CHILD_PROFILE_FIELDS, "community", "household", "categories", "guardians"}


def child_from_json(uow: UnitOfWork, data: dict[str, Any]) -> tuple[Child, dict[str, Any] | None]:
    from hexi_care.services import units
    from hexi_care.services import validate as v

    unknown = sorted(set(data) - CHILD_INPUT)
    if unknown:
        raise InvalidInput(unknown[0], "unknown", value=unknown[0])
    text = {
        k: v.json_text(k, data.get(k))
        for k in CHILD_INPUT
        - {"no_hukou", "categories", "household", "guardians", "disability_grade"}
    }
    if not text["community"]:
        raise InvalidInput("community", "required")
    if not text["sex"]:
        raise InvalidInput("sex", "required")
    community = units.resolve_unit(uow, text["community"])
    raw_cats = data.get("categories") or []
    if not isinstance(raw_cats, list):
        raise InvalidInput("categories", "not_list")
    cats: list[Category] = []
    for c in raw_cats:
        if isinstance(c, str):
            cats.append(Category(code=c))
        elif isinstance(c, dict) and isinstance(c.get("code"), str):
            cats.append(
                Category(
                    code=c["code"],
                    basis=v.json_text("category", c.get("basis")) or "",
                    evidence=v.json_text("category", c.get("evidence")) or "",
                    start_date=v.parse_date(
                        "start_date", v.json_text("start_date", c.get("start_date"))
                    ),
                    end_date=v.parse_date("end_date", v.json_text("end_date", c.get("end_date"))),
                )
            )
        else:
            raise InvalidInput(
                "categories",
                "bad_json",
                detail="a code or {code, basis, evidence, start_date, end_date}",
            )
    child = Child(
        name=text["name"] or "",
        sex=v.choice("sex", Sex, text["sex"]),
        community_id=community.id,
        birth_date=v.parse_date("birth_date", text["birth_date"]),
        id_number=text["id_number"],
        no_hukou=bool(v.json_bool("no_hukou", data.get("no_hukou", False))),
        household_id=text["household_id"],
        hukou_address=text["hukou_address"] or "",
        address=text["address"] or "",
        school=text["school"] or "",
        grade=text["grade"] or "",
        phone=text["phone"] or "",
        risk=v.choice("risk", RiskLevel, text["risk"] or "low"),
        note=text["note"] or "",
        categories=cats,
        disability_grade=data.get("disability_grade"),  # 1–4 or null: the service checks it
        disability_kind=text["disability_kind"] or "",
        disability_cert_no=text["disability_cert_no"] or "",
        teacher_name=text["teacher_name"] or "",
        teacher_phone=text["teacher_phone"] or "",
    )
    household = data.get("household")
    if household is not None and not isinstance(household, dict):
        raise InvalidInput("household_id", "bad_json", detail="household must be an object")
    if household is not None:
        household = {
            k: v.json_text("household_id", household.get(k)) or ""
            for k in ("address", "hukou_address", "phone")
        }
    return child, household


def guardians_from_json(data: object) -> list[Guardian]:
    from hexi_care.services import validate as v

    if data is None:
        return []
    if not isinstance(data, list):
        raise InvalidInput("guardians", "not_list")
    out: list[Guardian] = []
    for g in data:
        if not isinstance(g, dict):
            raise InvalidInput("guardians", "bad_json", detail="each guardian is an object")
        sits_raw = g.get("situations") or []
        if not isinstance(sits_raw, list):
            raise InvalidInput("situation", "not_list")
        situations: list[Situation] = []
        for x in sits_raw:
            if not isinstance(x, dict):
                raise InvalidInput("situation", "bad_json", detail="each situation is an object")
            grade = x.get("disability_grade")
            if grade is not None and (isinstance(grade, bool) or not isinstance(grade, int)):
                raise InvalidInput("situation", "not_number")
            situations.append(
                Situation(
                    kind=v.choice(
                        "situation", SituationKind, v.json_text("situation", x.get("kind")) or ""
                    ),
                    start_date=v.parse_date(
                        "start_date", v.json_text("start_date", x.get("start_date"))
                    ),
                    expected_end_date=v.parse_date(
                        "end_date", v.json_text("end_date", x.get("expected_end_date"))
                    ),
                    end_date=v.parse_date("end_date", v.json_text("end_date", x.get("end_date"))),
                    evidence=v.json_text("situation", x.get("evidence")) or "",
                    disability_grade=grade,
                    disability_mental=bool(
                        v.json_bool("situation", x.get("disability_mental", False))
                    ),
                    note=v.json_text("note", x.get("note")) or "",
                )
            )
        out.append(
            Guardian(
                name=v.json_text("name", g.get("name")) or "",
                relationship=v.choice(
                    "relationship",
                    Relationship,
                    v.json_text("relationship", g.get("relationship")) or "",
                ),
                id_number=v.json_text("id_number", g.get("id_number")),
                phone=v.json_text("phone", g.get("phone")) or "",
                is_guardian=bool(v.json_bool("is_guardian", g.get("is_guardian", False))),
                is_carer=bool(v.json_bool("is_carer", g.get("is_carer", False))),
                situations=situations,
                note=v.json_text("note", g.get("note")) or "",
            )
        )
    return out


#: Fields `child show --json` prints that `child edit` does not change: computed ones, and the
#: household and guardians (`household edit`, `guardian edit`).
CHILD_FIXED = {
    "community_name",
    "street_name",
    "household",
    "guardians",
    "visits",
    "followups",
    "mandatory_reports",
    "allowances",
}


def plain(value: Any) -> Any:
    """`value` as `child show --json` prints it (dates as text), to merge changes into."""
    return json.loads(json.dumps(value, default=json_default, ensure_ascii=False))


def changes_from(
    data: dict[str, Any], current_id: str | None, version: int, fixed: set[str]
) -> dict[str, Any]:
    """The fields to change. `id` may be sent back unchanged; `version`, when sent, must still be
    the record's (someone else's edit in between is not overwritten)."""
    data = dict(data)
    if "id" in data and data.pop("id") != current_id:
        raise InvalidInput("id", "read_only")
    if "version" in data and data.pop("version") != version:
        raise InvalidInput("version", "stale")
    for key in sorted(data):
        if key in fixed:
            raise InvalidInput(key, "read_only")
    return data


def show_saved(cli: Cli, shown: dict[str, Any], notices: Sequence[str] = ()) -> int:
    """What an edit prints: the saved record as JSON (with the core's warnings where the record
    has a `warnings` list), or a line saying it is saved with the warnings on standard error."""
    if cli.args.json:
        cli.emit_json({**shown, "warnings": list(notices)} if "warnings" in shown else shown)
    else:
        for text in notices:
            print(text, file=cli.err)
        cli.say("cli.record_saved", id=shown["id"])
    return 0


def benefit_from_json(child_id: str, item: object) -> SupportBenefit:
    """One `support` entry of `child edit`: with `id`, a change of that record; without, a new one."""
    from hexi_care.services import validate as v

    if not isinstance(item, dict):
        raise InvalidInput("support", "bad_json", detail="an object per support record")
    _same_child("support", child_id, item)
    known = {"id", "kind", "approved_on", "amount_fen", "monthly", "start_date", "end_date", "note"}
    unknown = sorted(set(item) - known - {"child_id"})
    if unknown:
        raise InvalidInput(unknown[0], "unknown", value=unknown[0])
    return SupportBenefit(
        id=v.json_text("id", item.get("id")),
        child_id=child_id,
        kind=v.choice("support_kind", SupportKind, v.json_text("support_kind", item.get("kind"))),
        approved_on=v.parse_date(
            "approved_on", v.json_text("approved_on", item.get("approved_on"))
        ),
        amount_fen=v.non_negative_int("amount_fen", item.get("amount_fen", 0)),
        monthly=bool(v.json_bool("monthly", item.get("monthly", True))),
        start_date=v.parse_date("start_date", v.json_text("start_date", item.get("start_date"))),
        end_date=v.parse_date("end_date", v.json_text("end_date", item.get("end_date"))),
        note=v.json_text("note", item.get("note")) or "",
    )


def agreement_from_json(child_id: str, item: object) -> CareAgreement:
    """One `care_agreements` entry of `child edit` (with `id`: a change of that agreement)."""
    from hexi_care.services import validate as v

    if not isinstance(item, dict):
        raise InvalidInput("care_agreements", "bad_json", detail="an object per agreement")
    texts = (
        "id",
        "carer_name",
        "carer_id_number",
        "carer_phone",
        "relationship",
        "attachment_id",
        "note",
    )
    dates = ("signed_on", "term_end")
    _same_child("care_agreements", child_id, item)
    unknown = sorted(set(item) - set(texts) - set(dates) - {"child_id"})
    if unknown:
        raise InvalidInput(unknown[0], "unknown", value=unknown[0])
    t = {k: v.json_text(k, item.get(k)) for k in texts}
    return CareAgreement(
        id=t["id"],
        child_id=child_id,
        carer_name=t["carer_name"] or "",
        carer_id_number=t["carer_id_number"],
        carer_phone=t["carer_phone"] or "",
        relationship=t["relationship"] or "",
        attachment_id=t["attachment_id"],
        note=t["note"] or "",
        signed_on=v.parse_date("signed_on", v.json_text("signed_on", item.get("signed_on"))),
        term_end=v.parse_date("term_end", v.json_text("term_end", item.get("term_end"))),
    )


def _same_child(field: str, child_id: str, item: dict[str, Any]) -> None:
    """A record may be sent back as `child show` printed it, `child_id` included: the same child."""
    if item.get("child_id", child_id) != child_id:
        raise InvalidInput(field, "read_only")
