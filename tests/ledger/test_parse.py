"""The pure ledger parser: dates in every form ledgers use, header words, row kinds, one row."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from hexi_care.domain.enums import Relationship, Sex
from hexi_care.ledger import parse
from hexi_care.ledger.parse import Field, RowKind
from tests.ledger.builders import id_for

TODAY = date(2026, 11, 20)
FULL = str.maketrans("0123456789", "０１２３４５６７８９")
dates = st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31))


def forms(d: date) -> list[object]:
    """Every way the issue lists for writing a date in a ledger."""
    return [
        datetime(d.year, d.month, d.day),
        d,
        (d - parse.EXCEL_EPOCH).days,  # an Excel serial in a cell without date format
        float((d - parse.EXCEL_EPOCH).days),
        d.isoformat(),
        f"{d.year}-{d.month}-{d.day}",
        f"{d.year}/{d.month}/{d.day}",
        f"{d.year}.{d.month}.{d.day}",
        f"{d.year}年{d.month}月{d.day}日",
        f"{d.year}年{d.month:02d}月{d.day:02d}日",
        f"{d:%Y%m%d}",
        int(f"{d:%Y%m%d}"),
        f"{d.year}.{d.month}.{d.day}".translate(FULL),
        f"{d:%Y%m%d}".translate(FULL),
        f" {d.isoformat()} 00:00:00 ",
    ]


@given(dates)
def test_every_date_form_reads_back(d: date) -> None:
    for raw in forms(d):
        got = parse.parse_date(raw)
        assert got.value == d, (raw, got)
        assert not got.bad


@given(st.one_of(st.text(max_size=30), st.integers(), st.floats(allow_nan=True), st.none()))
def test_parse_date_never_raises(raw: object) -> None:
    got = parse.parse_date(raw)
    assert got.value is None or isinstance(got.value, date)


@given(st.integers(min_value=1900, max_value=2100), st.integers(min_value=1, max_value=12))
def test_year_month_only(year: int, month: int) -> None:
    for raw in (f"{year}.{month}", f"{year}年{month}月", f"{year}-{month:02d}"):
        got = parse.parse_date(raw)
        assert got.value is None and got.year_month == (year, month) and not got.bad


def test_impossible_dates_are_bad() -> None:
    for raw in ("2015-02-30", "2015年13月1日", "20150230", "昨天", "2015-3", "3/5/2015"):
        got = parse.parse_date(raw)
        assert got.value is None
    assert parse.parse_date("2015-02-30").bad
    assert parse.parse_date("").value is None and not parse.parse_date("").bad


VARIANTS = {
    Field.NAME: ["姓名", "儿童姓名", " 姓 名 "],
    Field.ID_NUMBER: ["公民身份号码", "身份证号", "身份证号码", "*身份证号码"],
    Field.BIRTH_DATE: ["出生日期", "出生年月"],
    Field.STREET: ["所属街道", "街道"],
    Field.COMMUNITY: ["所属社区", "社区(村)", "社区（村）", "社区"],
    Field.CATEGORY: ["儿童类别", "类别", "保障类别"],
    Field.GUARDIAN: ["监护人", "监护人姓名"],
    Field.RELATIONSHIP: ["与儿童关系", "关系"],
    Field.PHONE: ["联系电话", "电话"],
    Field.ADDRESS: ["家庭住址", "现住址"],
}


def test_every_column_variant_of_the_issue_is_matched() -> None:
    for f, words in VARIANTS.items():
        for w in words:
            assert parse.match_header(w) is f, w
    assert parse.match_header("2026年河西区困境儿童信息台账（紫金里社区）") is None


@settings(max_examples=60)
@given(
    st.permutations(list(VARIANTS)),
    st.integers(min_value=0, max_value=8),
    st.data(),
)
def test_header_found_on_any_of_the_first_rows(
    order: list[Field], above: int, data: st.DataObject
) -> None:
    header = [data.draw(st.sampled_from(VARIANTS[f])) for f in order]
    junk = st.lists(st.sampled_from(["", "台账", "填报单位：", None, "2026年"]), max_size=4)
    rows: list[tuple[object, ...]] = [tuple(data.draw(junk)) for _ in range(above)]
    rows.append(tuple(header))
    rows.append(tuple("x" for _ in header))
    h = parse.detect_header(rows)
    assert h is not None and h.index == above
    assert [h.columns[i] for i in range(len(order))] == order


def test_guardian_group_over_a_second_name_column() -> None:
    rows = [
        ("序号", "儿童信息", None, None, "监护人信息", None),
        (None, "姓名", "身份证号", "出生日期", "姓名", "电话"),
    ]
    h = parse.detect_header(rows)
    assert h is not None and h.index == 1
    assert h.columns[1] is Field.NAME and h.columns[4] is Field.GUARDIAN
    assert h.columns[5] is Field.PHONE


def test_unknown_columns_are_listed_and_a_mapping_takes_them() -> None:
    rows = [("姓名", "身份证号", "低保证号", "困难情形")]
    h = parse.detect_header(rows)
    assert h is not None and h.unmatched == [2, 3]
    h = parse.detect_header(rows, {"低保证号": "note", "困难情形": ""})
    assert h is not None and h.unmatched == []
    assert h.columns[2] is Field.NOTE and h.columns[3] is Field.IGNORE


def test_row_kinds() -> None:
    h = parse.detect_header([("序号", "姓名", "身份证号", "出生日期")])
    assert h is not None
    assert parse.classify_row((1, "张三", None, "2015-01-01"), h) is RowKind.DATA
    assert parse.classify_row((None, None, None), h) is RowKind.BLANK
    assert parse.classify_row((7,), h) is RowKind.BLANK  # pre-numbered empty line
    assert parse.classify_row(("合计", "3人"), h) is RowKind.TOTAL
    assert parse.classify_row(("小 计", None, None, 2), h) is RowKind.TOTAL
    assert parse.classify_row(("注：身份证号按文本填写",), h) is RowKind.NOTE
    assert parse.classify_row((None, "填表人：王芳", None, "2026-11-01"), h) is RowKind.NOTE
    assert parse.classify_row(("序号", "姓名", "身份证号", "出生日期"), h) is RowKind.HEADER
    # An ID number without a name is a row with a missing name, not a note.
    assert parse.classify_row((None, None, id_for(date(2015, 1, 1), 3)), h) is RowKind.DATA


def read(**cells: object) -> parse.RowValues:
    return parse.read_row(
        {Field(k): v for k, v in cells.items()},
        today=TODAY,
        category_words=parse.DEFAULT_CATEGORY_WORDS,
    )


def test_full_width_digits_and_lower_case_x() -> None:
    number = "11010519491231002X"
    got = read(name="王 小", id_number="１１０１０５１９４９１２３１００２ｘ")
    assert got.id_number == number and not got.problems
    got = read(name="王小", id_number=number.lower())
    assert got.id_number == number
    assert got.birth_date == date(1949, 12, 31) and got.sex is Sex.FEMALE
    assert got.name == "王小"


def test_refusals_name_the_field_and_problem() -> None:
    def codes(v: parse.RowValues) -> list[tuple[str, str]]:
        return [(p.field, p.problem) for p in v.problems]

    assert codes(read(name="", sex="男", birth_date="2015-01-01")) == [("name", "required")]
    assert codes(read(name="甲", id_number="360426199101010072")) == [("id_number", "id_checksum")]
    assert codes(read(name="甲", sex="男", birth_date="2027-01-01")) == [
        ("birth_date", "future_date")
    ]
    assert codes(read(name="甲", sex="男", birth_date="2015-02-29")) == [("birth_date", "bad_date")]
    assert codes(read(name="甲", sex="男", birth_date="2015.3")) == [
        ("birth_date", "date_incomplete")
    ]
    assert codes(read(name="甲", id_number=1.20103198806018e17)) == [("id_number", "id_as_number")]
    assert codes(read(name="甲", sex="男", category="孤儿、什么类")) == [
        ("category", "unknown_category")
    ]
    n = id_for(date(2015, 3, 5), 4)
    assert codes(read(name="甲", id_number=n, birth_date="2015-03-06"))[0] == (
        "id_number",
        "id_birth_date_mismatch",
    )
    assert codes(read(name="甲", id_number=n, birth_date="2015年3月")) == []
    # The services' name rule (domain.names): a ledger never brings in what the window refuses.
    assert codes(read(name="姚泽宇😀", sex="男")) == [("name", "name_characters")]
    assert codes(read(name="王芳", sex="女", guardian="张伟2")) == [("guardian", "name_characters")]
    assert read(name="买买提・艾力", sex="男").name == "买买提·艾力"
    assert codes(read(name="甲", id_number=n, birth_date="2015年4月")) == [
        ("id_number", "id_birth_date_mismatch")
    ]


def test_category_and_relationship_words() -> None:
    got = read(
        name="甲", sex="女", category="困境儿童(重病重残)，留守儿童/孤儿", relationship="奶奶"
    )
    assert got.categories == ["difficulty_disability", "left_behind", "orphan_scattered"]
    assert got.relationship is Relationship.GRANDMOTHER
    assert parse.relationship_of("外婆") is Relationship.GRANDMOTHER
    assert parse.relationship_of("邻居") is Relationship.OTHER
    assert parse.split_words("困境儿童（重病/重残）、孤儿") == ["困境儿童(重病/重残)", "孤儿"]


@given(dates.filter(lambda d: d <= TODAY), st.integers(0, 499), st.booleans())
def test_any_valid_number_reads_with_its_birth_and_sex(d: date, seq: int, male: bool) -> None:
    number = id_for(d, seq, male=male)
    got = read(name="甲", id_number=number.translate(FULL))
    assert not got.problems
    assert got.birth_date == d and got.sex is (Sex.MALE if male else Sex.FEMALE)


def test_excel_serial_epoch() -> None:
    assert parse.parse_date(61).value == date(1900, 3, 1)
    assert parse.parse_date(42068).value == date(2015, 3, 5)
