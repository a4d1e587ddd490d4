"""Store-wide settings shared by every user (visit intervals per category and risk level, the
store's time zone)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from hexi_care.db.models import Setting
from hexi_care.domain import dates, schedule
from hexi_care.domain.enums import RiskLevel, Role
from hexi_care.errors import InvalidInput
from hexi_care.services.context import ZONE_KEY, ZONE_SETTING, UnitOfWork

VISIT_POLICY = "visit_policy"


def get(uow: UnitOfWork, key: str, default: Any = None) -> Any:
    row = uow.session.get(Setting, key)
    return json.loads(row.value_json) if row else default


def put(uow: UnitOfWork, key: str, value: Any) -> None:
    uow.require_role(Role.ADMIN, Role.CENTRE_SUPERVISOR, action="change store settings")
    write(uow, key, value)


def write(uow: UnitOfWork, key: str, value: Any) -> None:
    """Store a value without the role check of `put`: for what any case worker may keep (the
    ledger import's remembered column choices). Audited like every setting."""
    row = uow.session.get(Setting, key)
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    if row is None:
        uow.session.add(Setting(key=key, value_json=text))
    else:
        row.value_json = text
    uow.audit("update", "setting", None, key)


def visit_policy(uow: UnitOfWork) -> schedule.VisitPolicy:
    cache = uow.session.info.get("visit_policy")
    if isinstance(cache, schedule.VisitPolicy):
        return cache
    raw = get(uow, VISIT_POLICY)
    policy = policy_from_dict(raw) if raw else schedule.VisitPolicy()
    uow.session.info["visit_policy"] = policy
    return policy


def policy_to_dict(p: schedule.VisitPolicy) -> dict[str, Any]:
    return {
        "by_category": {str(k): [i.months, i.days] for k, i in p.by_category.items()},
        "by_risk": {str(k): [i.months, i.days] for k, i in p.by_risk.items()},
        "default": [p.default.months, p.default.days],
        # Holiday windows by year, as set each year (寒假/暑假 dates differ by school calendar).
        "winter_holidays": {
            str(y): [w.start.isoformat(), w.end.isoformat()] for y, w in p.winter_holidays.items()
        },
        "summer_holidays": {
            str(y): [w.start.isoformat(), w.end.isoformat()] for y, w in p.summer_holidays.items()
        },
    }


def policy_from_dict(d: dict[str, Any]) -> schedule.VisitPolicy:
    def iv(x: Any) -> schedule.Interval:
        return schedule.Interval(months=int(x[0]), days=int(x[1]))

    def windows(key: str) -> dict[int, schedule.HolidayWindow]:
        return {
            int(y): schedule.HolidayWindow(date.fromisoformat(a), date.fromisoformat(b))
            for y, (a, b) in d.get(key, {}).items()
        }

    return schedule.VisitPolicy(
        by_category={str(k): iv(x) for k, x in d.get("by_category", {}).items()},
        by_risk={RiskLevel(k): iv(x) for k, x in d.get("by_risk", {}).items()},
        default=iv(d.get("default", [3, 0])),
        winter_holidays=windows("winter_holidays"),
        summer_holidays=windows("summer_holidays"),
    )


def set_visit_policy(uow: UnitOfWork, policy: schedule.VisitPolicy) -> None:
    put(uow, VISIT_POLICY, policy_to_dict(policy))
    uow.session.info.pop("visit_policy", None)


#: The zones offered in the window (the CLI takes any IANA name): China's standard time first,
#: then the zones a laptop in the field might be set to by mistake or by need.
TIME_ZONES = (
    dates.DEFAULT_ZONE,
    "Asia/Urumqi",
    "Asia/Hong_Kong",
    "Asia/Macau",
    "Asia/Taipei",
    "UTC",
)


def time_zone_name(uow: UnitOfWork) -> str:
    """The store's time zone (IANA name); `UnitOfWork.zone()` applies it."""
    return str(get(uow, ZONE_SETTING, dates.DEFAULT_ZONE))


def set_time_zone(uow: UnitOfWork, name: str) -> None:
    """One zone for the whole store, so every laptop derives the same dates from a timestamp."""
    try:
        dates.zone(name)
    except ValueError:
        raise InvalidInput("time_zone", "unknown", value=name) from None
    put(uow, ZONE_SETTING, name)
    uow.session.info.pop(ZONE_KEY, None)
