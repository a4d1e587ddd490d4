"""The pure part of ledger import: find the header among the first rows, match local column names,
read Excel and text dates, tell data rows from blank, total, note and repeated-header rows, and turn
one row into checked values. No I/O, no database: the store side resolves communities and matches.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from hexi_care.domain import idnumber, names
from hexi_care.domain.enums import CategoryCode, Relationship, Sex


class Field(StrEnum):
    """What a ledger column holds. IGNORE marks columns the user chose to skip (序号, 备注…)."""

    NAME = "name"
    ID_NUMBER = "id_number"
    SEX = "sex"
    BIRTH_DATE = "birth_date"
    STREET = "street"
    COMMUNITY = "community"
    CATEGORY = "category"
    GUARDIAN = "guardian"
    RELATIONSHIP = "relationship"
    PHONE = "phone"
    ADDRESS = "address"
    HUKOU_ADDRESS = "hukou_address"
    SCHOOL = "school"
    NOTE = "note"
    IGNORE = "ignore"


# -- cells ---------------------------------------------------------------------------------------
def cell_text(value: object) -> str:
    """A cell as the text a person would read (integral floats without .0, dates as ISO)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def is_blank(value: object) -> bool:
    return cell_text(value) == ""


# Header words seen in real ledgers, per field; compared after `norm_header` (NFKC, no spaces,
# no asterisks or parentheses). The first entry is the word the window shows.
HEADER_WORDS: dict[Field, tuple[str, ...]] = {
    Field.NAME: ("姓名", "儿童姓名", "名字", "未成年人姓名", "学生姓名"),
    Field.ID_NUMBER: (
        "公民身份号码",
        "身份证号",
        "身份证号码",
        "身份证",
        "儿童身份证号",
        "儿童身份证号码",
        "证件号码",
        "公民身份证号码",
    ),
    Field.SEX: ("性别",),
    Field.BIRTH_DATE: ("出生日期", "出生年月", "出生年月日", "生日"),
    Field.STREET: ("所属街道", "街道", "街道办事处", "街乡", "乡镇街道"),
    Field.COMMUNITY: ("所属社区", "社区村", "社区", "村居", "社区居委会", "所在社区", "村社区"),
    Field.CATEGORY: ("儿童类别", "类别", "保障类别", "儿童类型", "类型", "困境类型", "人员类别"),
    Field.GUARDIAN: ("监护人", "监护人姓名", "家长姓名", "照护人", "实际监护人"),
    Field.RELATIONSHIP: ("与儿童关系", "关系", "与监护人关系", "监护人关系", "与本人关系"),
    Field.PHONE: (
        "联系电话",
        "电话",
        "监护人电话",
        "监护人联系电话",
        "手机",
        "手机号码",
        "联系方式",
    ),
    Field.ADDRESS: ("家庭住址", "现住址", "住址", "居住地址", "家庭地址", "现居住地址", "地址"),
    Field.HUKOU_ADDRESS: ("户籍地址", "户籍所在地", "户口所在地", "户籍地"),
    Field.SCHOOL: ("就读学校", "学校", "所在学校"),
    Field.NOTE: ("备注", "说明"),
    Field.IGNORE: ("序号", "编号", "No", "No."),
}

# Fields that only make sense once per sheet; a second column with the same words is left for
# the user to map (a second 姓名 under a 监护人 group label is the guardian, see `detect_header`).
_GROUP_GUARDIAN = ("监护人", "家长", "照护人", "父母")
_GUARDIAN_SUB = {Field.NAME: Field.GUARDIAN}

HEADER_SCAN_ROWS = 20


def norm_header(value: object) -> str:
    text = unicodedata.normalize("NFKC", cell_text(value))
    return re.sub(r"[\s*＊:：()（）\[\]【】]", "", text)


_EXACT: dict[str, Field] = {norm_header(w): f for f, ws in HEADER_WORDS.items() for w in ws}
# Longest words first, so 监护人电话 wins over 电话 in a substring match.
_BY_LENGTH = sorted(_EXACT.items(), key=lambda kv: -len(kv[0]))


def match_header(value: object) -> Field | None:
    """The field a header cell names, by exact words first, then by a word inside a short cell."""
    text = norm_header(value)
    if not text:
        return None
    if text in _EXACT:
        return _EXACT[text]
    if len(text) > 12:  # titles and notes are long; headers are short
        return None
    for word, f in _BY_LENGTH:
        if len(word) >= 2 and word in text and f is not Field.IGNORE:
            return f
    return None


@dataclass(frozen=True, slots=True)
class Header:
    """Where the header is (0-based index into the sheet's rows) and what each column holds."""

    index: int
    columns: dict[int, Field]
    titles: dict[int, str]  # every non-empty header cell, by column
    unmatched: list[int]  # columns with a title that no field took

    def column_of(self, f: Field) -> int | None:
        return next((c for c, g in self.columns.items() if g is f), None)


def _group_labels(row: Sequence[object], width: int) -> list[str]:
    """A group row above the header (监护人信息 over 姓名/电话) carried right over merged cells."""
    out: list[str] = []
    current = ""
    for i in range(width):
        text = norm_header(row[i]) if i < len(row) else ""
        if text:
            current = text
        out.append(current)
    return out


def _map_columns(
    row: Sequence[object], above: Sequence[object] | None, mapping: Mapping[str, str]
) -> tuple[dict[int, Field], dict[int, str], list[int]]:
    columns: dict[int, Field] = {}
    titles: dict[int, str] = {}
    unmatched: list[int] = []
    groups = _group_labels(above, len(row)) if above is not None else [""] * len(row)
    taken: set[Field] = set()
    own = {norm_header(k): v for k, v in mapping.items()}
    for i, value in enumerate(row):
        title = cell_text(value).strip()
        if not title:
            continue
        titles[i] = title
        key = norm_header(value)
        if key in own:
            try:
                chosen = Field(own[key]) if own[key] else Field.IGNORE
            except ValueError:
                chosen = None
            if chosen is not None:
                columns[i] = chosen
                taken.add(chosen)
                continue
        f = match_header(value)
        if f is not None and any(g in groups[i] for g in _GROUP_GUARDIAN) and f in _GUARDIAN_SUB:
            f = _GUARDIAN_SUB[f]
        if f is None or (f in taken and f is not Field.IGNORE):
            unmatched.append(i)
            continue
        columns[i] = f
        taken.add(f)
    return columns, titles, unmatched


def detect_header(
    rows: Sequence[Sequence[object]], mapping: Mapping[str, str] | None = None
) -> Header | None:
    """The header among the first rows: the row naming most fields, with a name or ID column.

    `mapping` (header words → field value, "" to skip) comes from the user and wins over the
    built-in words. None when no row looks like a header.
    """
    mapping = mapping or {}
    best: Header | None = None
    best_score = 1
    for idx, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        above = rows[idx - 1] if idx > 0 else None
        columns, titles, unmatched = _map_columns(row, above, mapping)
        useful = {f for f in columns.values() if f is not Field.IGNORE}
        if not useful & {Field.NAME, Field.ID_NUMBER}:
            continue
        if len(useful) > best_score:
            best = Header(idx, columns, titles, unmatched)
            best_score = len(useful)
    return best


# -- dates ---------------------------------------------------------------------------------------
EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01 after Excel's 1900 leap-year quirk
_YMD = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_YM = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_TIME_TAIL = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")


@dataclass(frozen=True, slots=True)
class DateCell:
    """A parsed date cell: `value` when complete; `year_month` when only 出生年月 was given."""

    value: date | None = None
    year_month: tuple[int, int] | None = None
    bad: bool = False


def parse_date(raw: object) -> DateCell:
    """Excel dates and serials, 2015-03-05, 2015/3/5, 2015.3.5, 2015年3月5日, 20150305 (full-width
    digits too); 2015.03 and 2015年3月 give a year and month only. Never raises."""
    if raw is None:
        return DateCell()
    if isinstance(raw, datetime):
        return DateCell(raw.date())
    if isinstance(raw, date):
        return DateCell(raw)
    if isinstance(raw, bool):
        return DateCell(bad=True)
    if isinstance(raw, int | float):
        if isinstance(raw, float) and not raw.is_integer():
            return DateCell(bad=True)
        n = int(raw)
        if 10_000_000 <= n <= 99_999_999:
            return _from_parts(str(n)[:4], str(n)[4:6], str(n)[6:])
        if 1 <= n <= 2_958_465:  # Excel's last day is 9999-12-31
            return DateCell(EXCEL_EPOCH + timedelta(days=n))
        return DateCell(bad=True)
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    if not text:
        return DateCell()
    text = _TIME_TAIL.sub("", text).strip()
    for pattern in (_YMD, _COMPACT):
        m = pattern.match(text)
        if m:
            return _from_parts(*m.groups())
    m = _YM.match(text)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            return DateCell(year_month=(year, month))
    return DateCell(bad=True)


def _from_parts(y: str, m: str, d: str) -> DateCell:
    try:
        return DateCell(date(int(y), int(m), int(d)))
    except ValueError:
        return DateCell(bad=True)


# -- row kinds -----------------------------------------------------------------------------------
class RowKind(StrEnum):
    DATA = "data"
    BLANK = "blank"
    TOTAL = "total"  # 合计 / 小计 / 总计
    NOTE = "note"  # 注：… 填表人：… under the table
    HEADER = "header"  # the header repeated (printed ledgers repeat it on each page)


_TOTAL_WORDS = ("合计", "小计", "总计", "共计")
_NOTE_START = ("注", "备注", "说明", "填表", "制表", "审核", "负责人", "联系人", "统计", "数据截至")


def classify_row(values: Sequence[object], header: Header) -> RowKind:
    filled = [
        (i, cell_text(v)) for i, v in enumerate(values) if not is_blank(v) and i in header.columns
    ]
    useful = [(i, t) for i, t in filled if header.columns[i] is not Field.IGNORE]
    anywhere = [cell_text(v) for v in values if not is_blank(v)]
    if not anywhere:
        return RowKind.BLANK
    squeezed = [re.sub(r"\s", "", t) for t in anywhere]
    if any(t.startswith(_TOTAL_WORDS) for t in squeezed):
        return RowKind.TOTAL
    titles = {norm_header(t) for t in header.titles.values()}
    if sum(1 for t in anywhere if norm_header(t) in titles) >= max(2, len(titles) // 2):
        return RowKind.HEADER
    if squeezed[0].startswith(_NOTE_START) and re.match(r"^[^:：]{1,6}[:：]", squeezed[0]):
        return RowKind.NOTE  # 注：… 填表人：… (a name never holds a colon)
    if not useful:
        # Only 序号-like cells: a pre-numbered empty line. Text elsewhere: a note.
        numbers = all(re.fullmatch(r"[\d.]+", t) for t in squeezed)
        return RowKind.BLANK if numbers and len(filled) == len(anywhere) else RowKind.NOTE
    name_col = header.column_of(Field.NAME)
    has_name = name_col is not None and any(i == name_col for i, _ in useful)
    if not has_name:
        if squeezed[0].startswith(_NOTE_START):
            return RowKind.NOTE
        # A lone cell is a note, unless it is what identifies a child (a name is then missing).
        keys = {header.columns[i] for i, _ in useful} & {Field.ID_NUMBER, Field.BIRTH_DATE}
        if len(anywhere) == 1 and not keys:
            return RowKind.NOTE
    return RowKind.DATA


# -- words inside cells --------------------------------------------------------------------------
def norm_word(value: object) -> str:
    """Category and relationship words compared without width, spaces or bracket style."""
    text = unicodedata.normalize("NFKC", cell_text(value))
    text = re.sub(r"\s", "", text)
    return text.replace("[", "(").replace("]", ")").replace("【", "(").replace("】", ")")


# Built-in category words; the centre's own table (stored in the settings) adds to and overrides
# them. Keys are compared after `norm_word`.
DEFAULT_CATEGORY_WORDS: dict[str, str] = {
    "孤儿": CategoryCode.ORPHAN_SCATTERED,
    "散居孤儿": CategoryCode.ORPHAN_SCATTERED,
    "社会散居孤儿": CategoryCode.ORPHAN_SCATTERED,
    "集中养育孤儿": CategoryCode.ORPHAN_INSTITUTION,
    "机构养育孤儿": CategoryCode.ORPHAN_INSTITUTION,
    "事实无人抚养儿童": CategoryCode.NO_DE_FACTO_CARER,
    "事实无人抚养": CategoryCode.NO_DE_FACTO_CARER,
    "困境儿童(贫困家庭)": CategoryCode.DIFFICULTY_POVERTY,
    "贫困家庭儿童": CategoryCode.DIFFICULTY_POVERTY,
    "困境儿童(重病重残)": CategoryCode.DIFFICULTY_DISABILITY,
    "重病重残儿童": CategoryCode.DIFFICULTY_DISABILITY,
    "残疾儿童": CategoryCode.DIFFICULTY_DISABILITY,
    "困境儿童(监护缺失或不当)": CategoryCode.DIFFICULTY_GUARDIANSHIP,
    "监护缺失儿童": CategoryCode.DIFFICULTY_GUARDIANSHIP,
    "困境儿童(服刑人员子女)": CategoryCode.DIFFICULTY_PRISONER_CHILD,
    "服刑人员子女": CategoryCode.DIFFICULTY_PRISONER_CHILD,
    "困境儿童(受虐待)": CategoryCode.DIFFICULTY_ABUSED,
    "受虐待儿童": CategoryCode.DIFFICULTY_ABUSED,
    "留守儿童": CategoryCode.LEFT_BEHIND,
    "农村留守儿童": CategoryCode.LEFT_BEHIND,
}

_SPLIT = re.compile(r"[、,，;；/／\n]+")


def split_words(value: object) -> list[str]:
    """ "孤儿、留守儿童" → two words. Separators inside brackets are kept (困境儿童(重病/重残))."""
    text = norm_word(value)
    parts: list[str] = []
    depth = 0
    current = ""
    for ch in text:
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if depth == 0 and _SPLIT.match(ch):
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return [p for p in parts if p]


RELATIONSHIP_WORDS: dict[str, Relationship] = {
    **dict.fromkeys(("父亲", "父", "爸爸", "父子", "父女"), Relationship.FATHER),
    **dict.fromkeys(("母亲", "母", "妈妈", "母子", "母女"), Relationship.MOTHER),
    **dict.fromkeys(
        ("祖父", "爷爷", "外祖父", "外公", "姥爷", "祖孙", "祖父母"), Relationship.GRANDFATHER
    ),
    **dict.fromkeys(("祖母", "奶奶", "外祖母", "外婆", "姥姥"), Relationship.GRANDMOTHER),
    **dict.fromkeys(
        ("兄", "哥哥", "姐", "姐姐", "兄弟", "姐妹", "兄妹", "姐弟", "兄长"), Relationship.SIBLING
    ),
    **dict.fromkeys(
        (
            "叔叔",
            "伯父",
            "伯伯",
            "姑姑",
            "姑妈",
            "舅舅",
            "姨",
            "姨妈",
            "阿姨",
            "婶婶",
            "舅妈",
            "亲属",
            "其他亲属",
            "叔侄",
            "姑侄",
            "舅甥",
        ),
        Relationship.RELATIVE,
    ),
    **dict.fromkeys(("受委托照护人", "委托照护人", "委托监护人", "照护人"), Relationship.ENTRUSTED),
}


def relationship_of(value: object) -> Relationship:
    word = norm_word(value)
    return RELATIONSHIP_WORDS.get(word, Relationship.OTHER)


SEX_WORDS = {"男": Sex.MALE, "男性": Sex.MALE, "M": Sex.MALE, "女": Sex.FEMALE, "女性": Sex.FEMALE}
SEX_WORDS["F"] = Sex.FEMALE


# -- one row -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Problem:
    """Why a row is refused: the field and a problem key of messages.py, with its parameters."""

    field: str
    problem: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict)


@dataclass(slots=True)
class RowValues:
    """One ledger row read and checked as far as can be done without the store."""

    name: str = ""
    id_number: str | None = None
    sex: Sex | None = None
    birth_date: date | None = None
    street: str = ""
    community: str = ""
    categories: list[str] = field(default_factory=list)  # codes
    guardian: str = ""
    relationship: Relationship = Relationship.OTHER
    phone: str = ""
    address: str = ""
    hukou_address: str = ""
    school: str = ""
    note: str = ""
    problems: list[Problem] = field(default_factory=list)


def clean_name(value: object) -> str:
    """Names without the spaces ledgers put inside two-character names (张  三 → 张三)."""
    text = unicodedata.normalize("NFC", cell_text(value))
    parts = text.split()
    if all(_cjk(p) for p in parts):
        return "".join(parts)
    return " ".join(parts)


def _person_name(field_name: str, name: str, probs: list[Problem]) -> str:
    """The name as the services store it (domain.names), or a problem at its position."""
    problem = names.name_problem(name)
    if problem is not None:
        probs.append(Problem(field_name, problem.code, {"position": problem.position}))
        return name
    return names.clean_name(name)


def _cjk(text: str) -> bool:
    return all("\u3400" <= ch <= "\u9fff" or "\U00020000" <= ch <= "\U0003134f" for ch in text)


def _id_text(raw: object) -> tuple[str, bool]:
    """The ID number as text, and whether Excel stored it as a number (its last digits lost)."""
    if isinstance(raw, bool):
        return cell_text(raw), False
    if isinstance(raw, int | float):
        return cell_text(raw), abs(raw) >= 1e15
    text = cell_text(raw)
    return text, bool(re.fullmatch(r"\d(\.\d+)?[eE]\+?\d+", text.strip()))


def read_row(
    cells: Mapping[Field, object], *, today: date, category_words: Mapping[str, str]
) -> RowValues:
    """Check one row's values. Every problem found is listed, so one pass in Excel fixes them."""
    out = RowValues()
    probs = out.problems
    out.name = clean_name(cells.get(Field.NAME))
    if not out.name:
        probs.append(Problem("name", "required"))
    elif len(out.name) > 64:
        probs.append(Problem("name", "too_long", {"max": 64}))
    else:
        out.name = _person_name("name", out.name, probs)

    sex_text = norm_word(cells.get(Field.SEX)).upper()
    sex = SEX_WORDS.get(sex_text) if sex_text else None
    if sex_text and sex is None:
        probs.append(Problem("sex", "choice", {"choices": "男, 女"}))

    birth_cell = parse_date(cells.get(Field.BIRTH_DATE))
    if birth_cell.bad:
        probs.append(Problem("birth_date", "bad_date"))
    birth = birth_cell.value
    if birth is not None and birth > today:
        probs.append(Problem("birth_date", "future_date"))

    raw_id, as_number = _id_text(cells.get(Field.ID_NUMBER))
    if as_number:
        probs.append(Problem("id_number", "id_as_number"))
    elif raw_id.strip():
        check = idnumber.validate(raw_id, today=today, birth_date=birth, sex=sex)
        if check.problems:
            for p in check.problems:
                params = {"expected": p.expected, "actual": p.actual, "position": p.position}
                if p.code is idnumber.IdProblemCode.BIRTH_DATE_MISMATCH:
                    # The message reads "the number holds {expected}, {actual} was entered".
                    params.update(expected=p.actual, actual=p.expected)
                probs.append(Problem("id_number", f"id_{p.code.value}", params))
        else:
            out.id_number = check.number
            sex = sex or check.sex
            if birth is None and check.birth_date is not None:
                ym = birth_cell.year_month
                if ym is not None and ym != (check.birth_date.year, check.birth_date.month):
                    probs.append(
                        Problem(
                            "id_number",
                            "id_birth_date_mismatch",
                            {"expected": check.birth_date, "actual": f"{ym[0]}-{ym[1]:02d}"},
                        )
                    )
                birth = check.birth_date
    if birth is None and birth_cell.year_month is not None and out.id_number is None:
        probs.append(Problem("birth_date", "date_incomplete"))
    # A bad ID number would have given the sex: one problem to fix, not two.
    if sex is None and not any(p.field in ("sex", "id_number") for p in probs):
        probs.append(Problem("sex", "required"))
    out.sex = sex
    out.birth_date = birth

    out.street = norm_word(cells.get(Field.STREET))
    out.community = norm_word(cells.get(Field.COMMUNITY))
    own = {norm_word(k): v for k, v in category_words.items()}
    for word in split_words(cells.get(Field.CATEGORY)):
        code = own.get(word)
        if code is None:
            probs.append(Problem("category", "unknown_category", {"value": word}))
        elif code and code not in out.categories:
            out.categories.append(code)
    out.guardian = clean_name(cells.get(Field.GUARDIAN))
    if len(out.guardian) > 64:
        probs.append(Problem("guardian", "too_long", {"max": 64}))
    elif out.guardian:
        out.guardian = _person_name("guardian", out.guardian, probs)
    out.relationship = relationship_of(cells.get(Field.RELATIONSHIP))
    for attr, f, limit in (
        ("phone", Field.PHONE, 64),
        ("address", Field.ADDRESS, 500),
        ("hukou_address", Field.HUKOU_ADDRESS, 500),
        ("school", Field.SCHOOL, 128),
        ("note", Field.NOTE, 10000),
    ):
        value = " ".join(cell_text(cells.get(f)).split())
        if f is Field.PHONE:
            value = unicodedata.normalize("NFKC", value)
        if len(value) > limit:
            probs.append(Problem(attr, "too_long", {"max": limit}))
        setattr(out, attr, value)
    return out
