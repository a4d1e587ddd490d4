"""One word for each thing (hexi_care.vocabulary): every enum value, field name, record kind and
action a user may read has a Chinese and an English word, and no Chinese message shows a raw
identifier (找不到child, 您的角色（director）, 输入有误：people_met) whatever the core passes it."""

from __future__ import annotations

import ast
import dataclasses
import re
import string
from enum import StrEnum
from pathlib import Path

import pytest

from hexi_care import messages, vocabulary
from hexi_care.domain import enums, model, submission
from hexi_care.domain.enums import ReviewDecision, Role, VisitStatus
from hexi_care.services import visits

PACKAGE = Path(__file__).resolve().parents[1] / "hexi_care"
# Validators whose first argument is the field the user is told about (services/validate.py).
VALIDATORS = {
    "text",
    "choice",
    "parse_date",
    "not_future",
    "not_before",
    "date_range",
    "id_number",
    "json_text",
    "json_bool",
    "json_int",
}
HAN = re.compile(r"[\u4e00-\u9fff]")


def _calls() -> list[tuple[str, ast.Call]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"), filename=str(path))
        rel = str(path.relative_to(PACKAGE))
        found += [(rel, n) for n in ast.walk(tree) if isinstance(n, ast.Call)]
    return found


def _name(call: ast.Call) -> str:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")


def _literal_first_arg(call: ast.Call) -> str | None:
    if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
        return call.args[0].value
    return None


def _keyword(call: ast.Call, name: str) -> str | None:
    for kw in call.keywords:
        if (
            kw.arg == name
            and isinstance(kw.value, ast.Constant)
            and isinstance(kw.value.value, str)
        ):
            return kw.value.value
    return None


def field_names_in_code() -> dict[str, str]:
    """Every field name the core may put in an InvalidInput, with where it was found."""
    names: dict[str, str] = {}
    for rel, call in _calls():
        if rel.startswith("ui/"):
            continue
        first = _literal_first_arg(call)
        if first is None:
            continue
        if _name(call) == "InvalidInput" or (
            _name(call) in VALIDATORS
            and isinstance(call.func, ast.Attribute)
            and getattr(call.func.value, "id", "") in ("v", "validate")
        ):
            names.setdefault(first, rel)
    return names


def test_every_enum_a_user_reads_has_words_for_every_value() -> None:
    listed = {enum for enum, _ in vocabulary.ENUMS}
    every = {
        obj
        for obj in vars(enums).values()
        if isinstance(obj, type) and issubclass(obj, StrEnum) and obj is not StrEnum
    }
    # A review decision is shown as the visit status it leads to.
    assert every - listed == {ReviewDecision}
    missing = [
        f"{enum.__name__}.{value.name}"
        for enum, table in vocabulary.ENUMS
        for value in enum
        if value not in table
    ]
    assert missing == []
    for _enum, table in vocabulary.ENUMS:
        for zh, en in table.values():
            assert HAN.search(zh) and en and not HAN.search(en), (zh, en)


def test_every_field_name_the_core_names_has_words() -> None:
    model_fields = {
        f.name
        for obj in vars(model).values()
        if dataclasses.is_dataclass(obj) and isinstance(obj, type)
        for f in dataclasses.fields(obj)
    }
    names = set(field_names_in_code()) | model_fields
    names |= set(visits.TEXT_FIELDS) | set(visits.FLAG_FIELDS) | set(visits.TRISTATE_FIELDS)
    names |= set(submission.REQUIRED_TEXT) | set(model.Visit.SECTIONS)
    # Aggregates shown as whole screens, never named in a message.
    names -= {f.name for f in dataclasses.fields(model.ChildFile)} - {"child", "household"}
    names -= {"id_number_masked", "community_name", "street_name", "last_visit", "next_due"}
    names -= {"name_zh", "name_en", "group", "has_thumbnail", "assistance", "attachments"}
    names -= {"followups", "notices", "reports", "visits"}  # lists inside a child's file
    missing = sorted(n for n in names if n not in vocabulary.FIELDS)
    assert missing == [], "fields a user may be told about without a word in vocabulary.FIELDS"


def test_every_record_kind_and_action_has_words() -> None:
    whats, actions = set(), set()
    for _rel, call in _calls():
        if _name(call) == "NotFound" and (w := _keyword(call, "what")):
            whats.add(w)
        if _name(call) in ("require_role", "ScopeDenied") and (a := _keyword(call, "action")):
            actions.add(a)
    assert whats and actions
    assert sorted(whats - set(vocabulary.RECORDS)) == []
    assert sorted(actions - set(vocabulary.ACTIONS)) == []


def test_a_field_without_a_word_would_be_caught() -> None:
    # The check above compares against the code; make sure it sees the calls it should.
    names = field_names_in_code()
    assert {"visit_time", "people_met", "receipt_no", "trigger"} <= set(names) | set(
        visits.TEXT_FIELDS
    )
    assert vocabulary.field("no_such_field") == "no_such_field"


# -- no raw identifier in a Chinese message -------------------------------------------------------
# ASCII that belongs in a Chinese sentence: formats, file types, the program's command lines,
# what to type (true/false) and the weak passwords a message warns of.
ALLOWED_ASCII = {"JSON", "SQLite", "YYYY", "MM", "DD", "HH", "X", "true", "false"}
ALLOWED_ASCII |= {"Excel", "WPS", "CSV", "xlsx", "xls", "UTF", "GB18030", "GBK"}
ALLOWED_ASCII |= {"qwerty", "qaz2wsx", "aaaa", "abcdef"}
# The hub's database server, named as the product an administrator installs (as Excel is).
ALLOWED_ASCII |= {"PostgreSQL"}
# A command word may hold hyphens (`recovery set-centre-key`).
COMMAND = re.compile(r"hexi-care(?: [a-z][a-z /-]*[a-z])?|--[a-z-]+")
ASCII_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _leftover_ascii(text: str) -> list[str]:
    text = COMMAND.sub("", text)
    return [w for w in ASCII_WORD.findall(text) if w not in ALLOWED_ASCII]


def _param_values(name: str) -> list[object]:
    """What the core passes for a parameter: identifiers where it passes identifiers, a neutral
    stand-in otherwise (names, paths and numbers are data, not words)."""
    if name == "field":
        return sorted(vocabulary.FIELDS)
    if name == "role":
        return [r.value for r in Role]
    if name == "what":
        return sorted(vocabulary.RECORDS)
    if name == "action":
        return sorted(vocabulary.ACTIONS)
    if name == "status":
        return [s.value for s in VisitStatus]
    if name == "needed":
        return [tuple(model.Visit.SECTIONS), ("visitors", "people_met")]
    return ["７"]


def _cases() -> list[tuple[str, dict[str, object]]]:
    cases: list[tuple[str, dict[str, object]]] = []
    for key, (zh, _en) in messages.MESSAGES.items():
        params = {p for _, p, _, _ in string.Formatter().parse(zh) if p}
        if "field_label" in params:
            params = (params - {"field_label"}) | {"field"}
        if "needed_labels" in params:
            params = (params - {"needed_labels"}) | {"needed"}
        if "problem_text" in params or "reason_text" in params:
            continue  # expanded below from the problem and reason keys
        base: dict[str, object] = {p: _param_values(p)[0] for p in params}
        for p in params:
            for value in _param_values(p):
                cases.append((key, {**base, p: value}))
        if not params:
            cases.append((key, {}))
    problems = [k.split(".", 1)[1] for k in messages.MESSAGES if k.startswith("problem.")]
    for field in sorted(vocabulary.FIELDS):
        cases.append(("invalid_input", {"field": field, "problem": "required"}))
    for problem in problems:
        zh = messages.MESSAGES[f"problem.{problem}"][0]
        # What the user typed (value, choices to type, a JSON parser's detail) is data.
        data = {p: "７" for _, p, _, _ in string.Formatter().parse(zh) if p}
        for status in VisitStatus:
            params = {**data, "field": "status", "problem": problem, "status": status.value}
            cases.append(("invalid_input", params))
    return cases


def test_no_chinese_message_shows_an_identifier() -> None:
    leaks = {}
    for key, params in _cases():
        text = messages.render(key, "zh", **params)
        if left := _leftover_ascii(text):
            leaks[f"{key} {params}"] = (text, left)
    assert leaks == {}


@pytest.mark.parametrize(
    ("key", "params", "expected"),
    [
        ("not_found", {"what": "child", "ref": "3f2a"}, "找不到儿童：3f2a"),
        (
            "role_denied",
            {"role": "director", "action": "review visits"},
            "无权操作：您的角色（儿童主任）不能审核走访。",
        ),
        (
            "invalid_input",
            {"field": "people_met", "problem": "too_long", "max": 500},
            "输入有误：见面人员：太长（最多 500 个字）。",
        ),
    ],
)
def test_the_issue_s_sentences_read_as_chinese(
    key: str, params: dict[str, object], expected: str
) -> None:
    assert messages.render(key, "zh", **params) == expected


def test_the_leak_check_can_fail() -> None:
    assert _leftover_ascii("找不到child：７") == ["child"]
    assert _leftover_ascii("请运行 hexi-care device enrol / device accept。格式 YYYY-MM-DD") == []
