"""Whatever JSON a script sends, `child add`, `visit add` and the `edit` commands answer with
success or a clear invalid-input message (exit 5), never with an internal error."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hexi_care.cli.records import CHILD_INPUT
from hexi_care.services.households import GUARDIAN_FIELDS, HOUSEHOLD_FIELDS
from tests.cli.test_cli import Hexi

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(
        [
            "male",
            "female",
            "紫金里社区",
            "2015-03-01",
            "120103198806018241",
            "orphan_scattered",
            "good",
            "drowning",
        ]
    ),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
VISIT_KEYS = [
    "visit_date",
    "status",
    "kind",
    "physical",
    "safety_reminders",
    "needs",
    "visit_time",
    "next_visit_date",
    "carer_suitable",
    "child_id",
    "bogus",
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Hexi, str]:
    h = Hexi(tmp_path_factory.mktemp("fuzz") / "s.hexi")
    h("--password-stdin", "init", "--admin", "admin", stdin="admin-pass-1\n")
    h.as_("admin", "admin-pass-1", "unit", "add", "紫金里社区", "--parent", "大营门街")
    h.as_(
        "admin",
        "admin-pass-1",
        "user",
        "add",
        "zhang",
        "--role",
        "director",
        "--unit",
        "紫金里社区",
        stdin="user-pass-1\n",
    )
    code, out, err = h.as_(
        "zhang",
        "user-pass-1",
        "child",
        "add",
        "--json",
        stdin=json.dumps({"name": "张三", "sex": "male", "community": "紫金里社区"}),
    )
    assert code == 0, err
    return h, json.loads(out)["id"]


@given(st.dictionaries(st.sampled_from([*sorted(CHILD_INPUT), "bogus"]), VALUES, max_size=8))
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_child_add_never_crashes(store: tuple[Hexi, str], payload: dict[str, object]) -> None:
    h, _ = store
    # Start from a valid child so the overrides reach the deeper checks.
    full = {"name": "李四", "sex": "female", "community": "紫金里社区", **payload}
    code, _, err = h.as_("zhang", "user-pass-1", "child", "add", stdin=json.dumps(full))
    assert code in (0, 4, 5), err


@given(st.dictionaries(st.sampled_from(VISIT_KEYS), VALUES, max_size=6))
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_visit_add_never_crashes(store: tuple[Hexi, str], payload: dict[str, object]) -> None:
    h, child = store
    full = {"visit_date": "2026-01-05", **payload}
    code, _, err = h.as_(
        "zhang", "user-pass-1", "visit", "add", "--child", child, stdin=json.dumps(full)
    )
    assert code in (0, 5), err


@pytest.fixture(scope="module")
def family(store: tuple[Hexi, str]) -> dict[str, str]:
    """A child with a household and a guardian, for the edit commands."""
    h, _ = store
    child = h.json(
        "zhang",
        "user-pass-1",
        "child",
        "add",
        stdin=json.dumps(
            {
                "name": "王五",
                "sex": "male",
                "community": "紫金里社区",
                "household": {"address": "紫金山路1号"},
                "guardians": [{"name": "王大", "relationship": "father", "is_guardian": True}],
            }
        ),
    )
    shown = h.json("zhang", "user-pass-1", "child", "show", child["id"])
    return {
        "child": child["id"],
        "household": child["household_id"],
        "guardian": shown["guardians"][0]["id"],
    }


EDIT_KEYS = {
    "child": [*sorted(CHILD_INPUT), "category_details", "visits", "id", "version", "bogus"],
    "household": [*HOUSEHOLD_FIELDS, "community_id", "version", "bogus"],
    "guardian": [*GUARDIAN_FIELDS, "situations", "household_id", "bogus"],
}


@given(
    st.sampled_from(sorted(EDIT_KEYS)).flatmap(
        lambda what: st.tuples(
            st.just(what), st.dictionaries(st.sampled_from(EDIT_KEYS[what]), VALUES, max_size=5)
        )
    )
)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_edit_never_crashes_and_a_refusal_changes_nothing(
    store: tuple[Hexi, str], family: dict[str, str], case: tuple[str, dict[str, object]]
) -> None:
    h, _ = store
    what, payload = case
    before = h.json("zhang", "user-pass-1", "child", "show", family["child"])
    code, _, err = h.as_(
        "zhang", "user-pass-1", what, "edit", family[what], stdin=json.dumps(payload)
    )
    assert code in (0, 4, 5), err
    if code != 0:
        after = h.json("zhang", "user-pass-1", "child", "show", family["child"])
        assert after == before
