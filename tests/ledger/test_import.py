"""Ledger import end to end on a real SQLCipher store: dry run, apply, run twice, scope."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import text

from hexi_care.domain.enums import Relationship, Sex
from hexi_care.errors import InvalidInput
from hexi_care.ledger import samples
from hexi_care.ledger.read import LedgerUnreadable
from hexi_care.services import children, households
from hexi_care.services import ledger_import as li
from hexi_care.services.context import UnitOfWork
from tests.conftest import World
from tests.factories import numbered_name
from tests.ledger.builders import excel_date, id_for, save, titled_sheet

AUDIT_COUNT = text("select count(*) from audit_event")
HEADER = samples.HEADER  # the column words of a typical ledger

B1 = date(2015, 3, 5)
B2 = date(2017, 8, 20)
B3 = date(2012, 11, 2)


def messy_book(tmp_path: Path) -> Path:
    book = Workbook()
    ws = book.active
    ws.title = "紫金里"
    sibling_a = id_for(B1, 11)
    sibling_b = id_for(B2, 12, male=False)
    rows = [
        # Excel date, full-width digits in the ID number
        (
            1,
            "张  三",
            sibling_a.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
            "男",
            excel_date(B1),
            "大营门街",
            "紫金里社区",
            "孤儿",
            "张大山",
            "祖父",
            "13800000001",
            "紫金山路1号",
        ),
        # text date 2017年8月20日, sibling: same address and guardian → one household
        (
            2,
            "张小丽",
            sibling_b,
            "女",
            "2017年8月20日",
            "大营门街道",
            "紫金里",
            "困境儿童（重病重残）、留守儿童",
            "张大山",
            "爷爷",
            "13800000001",
            "紫金山路1号",
        ),
        # lower-case x check character, 2012.11.2
        (
            3,
            "李四",
            id_for(B3, 1).lower(),  # check character x in lower case
            "男",
            "2012.11.2",
            "大营门街",
            "紫金里社区",
            "事实无人抚养儿童",
            "李梅",
            "母亲",
            "13900000002",
            "友谊路5号",
        ),
        (None,) * 12,  # blank row inside the table
        # refused: bad check character
        (
            4,
            "王五",
            id_for(B3, 20)[:-1] + ("0" if id_for(B3, 20)[-1] != "0" else "1"),
            "男",
            "20121102",
            "大营门街",
            "紫金里社区",
            "孤儿",
            "王强",
            "父亲",
            "13700000003",
            "1号",
        ),
        # refused: future birth date, missing name
        (5, "赵六", None, "女", "2031-01-01", "大营门街", "紫金里社区", "孤儿", "", "", "", ""),
        (
            6,
            "",
            id_for(B1, 30),
            "男",
            "2015-03-05",
            "大营门街",
            "紫金里社区",
            "孤儿",
            "",
            "",
            "",
            "",
        ),
        # repeated inside the file (same ID as row 1)
        (
            7,
            "张三",
            sibling_a,
            "男",
            "20150305",
            "大营门街",
            "紫金里社区",
            "孤儿",
            "张大山",
            "祖父",
            "13800000001",
            "紫金山路1号",
        ),
        # other community: refused for a director of 紫金里
        (
            8,
            "钱七",
            id_for(B2, 40),
            "男",
            "2017-08-20",
            "马场街",
            "平江里社区",
            "孤儿",
            "钱一",
            "父亲",
            "",
            "平江里3号",
        ),
        # unknown community
        (
            9,
            "孙八",
            id_for(B2, 41),
            "男",
            "2017-08-20",
            "大营门街",
            "不存在社区",
            "孤儿",
            "",
            "",
            "",
            "",
        ),
    ]
    titled_sheet(ws, HEADER, rows)
    return save(book, tmp_path / "台账.xlsx")


def rows_by(result: li.LedgerPlan) -> dict[int, li.PlanRow]:
    return {r.row: r for r in result.rows}


def test_dry_run_lists_every_row_and_writes_nothing(world: World, tmp_path: Path) -> None:
    path = messy_book(tmp_path)
    store = world.login("dir_a")
    with UnitOfWork(store) as uow:
        result = li.plan(uow, li.load(path))
        assert children.count_children(uow) == 0
    info = result.sheets[0]
    assert info.header_row == 3
    got = rows_by(result)
    # Row numbers are the spreadsheet's own: title 1, filler 2, header 3, data from 4.
    assert got[4].outcome is li.Outcome.NEW and got[4].name == "张三"
    assert got[5].outcome is li.Outcome.NEW
    assert got[6].outcome is li.Outcome.NEW
    assert 7 not in got  # the blank row
    assert [p.problem for p in got[8].problems] == ["id_checksum"]
    assert [p.problem for p in got[9].problems] == ["future_date"]
    assert ("name", "required") in [(p.field, p.problem) for p in got[10].problems]
    assert got[11].outcome is li.Outcome.DUPLICATE and got[11].same_as == ("紫金里", 4)
    assert [(p.field, p.problem) for p in got[12].problems] == [("community", "out_of_scope")]
    assert [(p.field, p.problem) for p in got[13].problems] == [("community", "unknown")]
    assert max(got) == 13  # the 合计 row and the notes under the table are not data
    js = result.to_json()
    assert js["rows"] == 9
    assert {e["row"] for e in js["new"]} == {4, 5, 6}
    assert js["duplicates"] == [{"row": 11, "same_as_row": 4}]
    assert {(e["row"], e["field"], e["problem"]) for e in js["refused"]} >= {
        (8, "id_number", "id_checksum"),
        (9, "birth_date", "future_date"),
        (10, "name", "required"),
    }
    assert all(e["message"] for e in js["refused"])


def test_apply_creates_children_households_guardians_and_twice_changes_nothing(
    world: World, tmp_path: Path
) -> None:
    path = messy_book(tmp_path)
    store = world.login("dir_a")
    with UnitOfWork(store) as uow:
        result = li.apply(uow, li.load(path))
    assert result.applied
    with UnitOfWork(store) as uow:
        kids = {c.name: c for c in children.list_children(uow)}
        assert set(kids) == {"张三", "张小丽", "李四"}
        zs = children.get_child(uow, kids["张三"].id)
        assert zs.id_number == id_for(B1, 11)
        assert zs.birth_date == B1 and zs.sex is Sex.MALE
        assert [c.code for c in zs.categories] == ["orphan_scattered"]
        xl = children.get_child(uow, kids["张小丽"].id)
        assert sorted(c.code for c in xl.categories) == ["difficulty_disability", "left_behind"]
        assert xl.household_id == zs.household_id  # siblings share one household
        gs = households.guardians_of(uow, zs.household_id)
        assert [(g.name, g.relationship, g.phone) for g in gs] == [
            ("张大山", Relationship.GRANDFATHER, "13800000001")
        ]
        assert households.get_household(uow, zs.household_id).address == "紫金山路1号"
        ls = children.get_child(uow, kids["李四"].id)
        assert ls.birth_date == B3 and ls.id_number == "12010320121102003X"
    with UnitOfWork(store) as uow:
        again = li.plan(uow, li.load(path))
    c = again.counts()
    assert (c["new"], c["update"], c["unchanged"]) == (0, 0, 3)
    with UnitOfWork(store) as uow:
        before = uow.session.execute(AUDIT_COUNT).scalar()
        li.apply(uow, li.load(path))
    with UnitOfWork(store) as uow:
        after = uow.session.execute(AUDIT_COUNT).scalar()
        assert len(children.list_children(uow)) == 3
    assert after == before + 1  # only the import's own event: no record changed


def test_unreadable_file(tmp_path: Path) -> None:
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(LedgerUnreadable) as exc:
        li.load(bad)
    assert exc.value.exit_code == 5
    assert "损坏" in exc.value.message("zh")
    with pytest.raises(LedgerUnreadable):
        li.load(tmp_path / "missing.xlsx")


CSV_HEADER = "序号,姓名,身份证号码,出生日期,社区,类别,监护人,关系,电话,家庭住址\n"


def csv_text(rows: list[str]) -> str:
    return "紫金里社区儿童台账\n" + CSV_HEADER + "".join(r + "\n" for r in rows) + "合计,2人\n"


@pytest.mark.parametrize(
    ("encoding", "bom"), [("gb18030", b""), ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf")]
)
def test_csv_in_gb18030_and_utf8(world: World, tmp_path: Path, encoding: str, bom: bytes) -> None:
    n1, n2 = id_for(B1, 51), id_for(B2, 52, male=False)
    text = csv_text(
        [
            f"1,刘一,{n1},2015/3/5,紫金里社区,散居孤儿,刘大,父亲,13600000000,桃园路2号",
            f"2,陈二,{n2.lower()},2017.8.20,紫金里社区,留守儿童,陈婆,外婆,,尖山路9号",
        ]
    )
    path = tmp_path / "台账.csv"
    path.write_bytes(bom + text.encode(encoding))
    if encoding == "gb18030":
        with pytest.raises(UnicodeDecodeError):
            path.read_bytes().decode("utf-8")  # the test really holds GB18030 bytes
    store = world.login("dir_a")
    with UnitOfWork(store) as uow:
        result = li.apply(uow, li.load(path))
    assert [r.outcome for r in result.rows] == [li.Outcome.NEW, li.Outcome.NEW]
    with UnitOfWork(store) as uow:
        kids = {c.name: children.get_child(uow, c.id) for c in children.list_children(uow)}
    assert kids["陈二"].id_number == n2 and kids["陈二"].sex is Sex.FEMALE
    assert kids["刘一"].birth_date == B1


def several_sheets(tmp_path: Path) -> Path:
    book = Workbook()
    ws = book.active
    ws.title = "说明"
    ws.append(["本台账分社区填写，每个社区一个工作表。"])
    a = book.create_sheet("紫金里")
    titled_sheet(
        a,
        ("序号", "姓名", "身份证号", "儿童类别"),
        [(1, "周一", id_for(B1, 61), "孤儿"), (2, "吴二", id_for(B2, 62), "留守儿童")],
    )
    b = book.create_sheet("平江里")
    titled_sheet(
        b,
        ("序号", "儿童姓名", "公民身份号码", "类别", "社区"),
        [
            (1, "郑三", id_for(B3, 63), "孤儿", "平江里社区"),
            (2, "周一", id_for(B1, 61), "孤儿", "紫金里"),
        ],
        filler=None,
    )
    return save(book, tmp_path / "多表.xlsx")


def test_several_sheets_and_sheet_choice(world: World, tmp_path: Path) -> None:
    path = several_sheets(tmp_path)
    store = world.login("centre")
    sheets = li.load(path)
    assert [s.name for s in sheets] == ["说明", "紫金里", "平江里"]
    with UnitOfWork(store) as uow:
        result = li.plan(uow, sheets, community="紫金里社区")
    assert [s.header_row for s in result.sheets] == [None, 3, 2]
    got = {(r.sheet, r.row): r for r in result.rows}
    assert got[("紫金里", 4)].outcome is li.Outcome.NEW
    assert got[("紫金里", 4)].community_id == world.community_a  # from --community
    assert got[("平江里", 3)].community_id == world.community_b
    dup = got[("平江里", 4)]
    assert dup.outcome is li.Outcome.DUPLICATE and dup.same_as == ("紫金里", 4)
    js = result.to_json()
    assert {"row": 4, "sheet": "平江里", "same_as_row": 4, "same_as_sheet": "紫金里"} in js[
        "duplicates"
    ]
    only = li.choose_sheets(sheets, "平江里")
    with UnitOfWork(store) as uow:
        result = li.plan(uow, only)
    assert {r.sheet for r in result.rows} == {"平江里"}
    with pytest.raises(LedgerUnreadable) as exc:
        li.choose_sheets(sheets, "不存在")
    assert "平江里" in exc.value.message("zh") and exc.value.exit_code == 5


def test_supervisor_imports_for_their_street_only(world: World, tmp_path: Path) -> None:
    path = several_sheets(tmp_path)
    store = world.login("street_a")  # 大营门街: 紫金里 yes, 平江里 (马场街) no
    with UnitOfWork(store) as uow:
        result = li.apply(uow, li.load(path), community="紫金里社区")
    got = {(r.sheet, r.row): r for r in result.rows}
    assert got[("紫金里", 4)].outcome is li.Outcome.NEW
    refused = got[("平江里", 3)]
    assert [(p.field, p.problem) for p in refused.problems] == [("community", "out_of_scope")]
    with UnitOfWork(world.login("centre")) as uow:
        assert {c.name for c in children.list_children(uow)} == {"周一", "吴二"}


def test_existing_children_are_matched_and_updated(world: World, tmp_path: Path) -> None:
    from tests.conftest import add_child

    by_number = add_child(
        world.login("dir_a"),
        world.community_a,
        name="张三",
        id_number=id_for(B1, 11),
        birth_date=B1,
    )
    by_person = add_child(
        world.login("dir_a"), world.community_a, name="李四", birth_date=B3, address="旧地址"
    )
    path = messy_book(tmp_path)
    store = world.login("dir_a")
    with UnitOfWork(store) as uow:
        result = li.plan(uow, li.load(path))
    got = rows_by(result)
    assert got[4].outcome is li.Outcome.UPDATE and got[4].child_id == by_number.id
    assert got[6].outcome is li.Outcome.UPDATE and got[6].child_id == by_person.id
    assert {"address", "categories", "id_number"} <= set(got[6].changes)
    with UnitOfWork(store) as uow:
        li.apply(uow, li.load(path))
    with UnitOfWork(store) as uow:
        ls = children.get_child(uow, by_person.id)
        assert ls.address == "友谊路5号"
        codes = sorted(c.code for c in ls.categories)
        assert codes == ["no_de_facto_carer", "orphan_scattered"]  # added, nothing removed
        assert len(children.list_children(uow)) == 3
    with UnitOfWork(store) as uow:
        again = li.plan(uow, li.load(path))
    assert again.counts()["update"] == 0 and again.counts()["new"] == 0


def test_apply_is_one_transaction(world: World, tmp_path: Path) -> None:
    path = messy_book(tmp_path)
    store = world.login("dir_a")

    class Stop(Exception):
        pass

    calls = {"n": 0}

    def progress(done: int, total: int) -> None:
        calls["n"] += 1
        if done > 0:
            raise Stop()

    book = Workbook()
    ws = book.active
    rows = [(i, numbered_name("儿童", i), id_for(B1, 100 + i), "孤儿") for i in range(1, 121)]
    titled_sheet(ws, ("序号", "姓名", "身份证号", "类别"), rows)
    big = save(book, tmp_path / "big.xlsx")
    with pytest.raises(Stop), UnitOfWork(store) as uow:
        li.apply(uow, li.load(big), progress=progress)
    with UnitOfWork(store) as uow:
        assert children.count_children(uow) == 0  # rolled back: nothing half-written
        assert households.list_households(uow) == []
    assert calls["n"] >= 2
    del path


def test_mapping_and_category_table(world: World, tmp_path: Path) -> None:
    book = Workbook()
    ws = book.active
    ws.append(["姓名", "身份证号", "困难情形", "居住小区"])
    ws.append(["甲", id_for(B1, 71), "重残儿童", "紫金里社区"])
    path = save(book, tmp_path / "m.xlsx")
    centre = world.login("centre")
    with UnitOfWork(centre) as uow:
        first = li.plan(uow, li.load(path), community="紫金里社区")
    assert first.sheets[0].unmatched == [2, 3]
    mapping = li.check_mapping({"困难情形": "category", "居住小区": "community"})
    with UnitOfWork(centre) as uow:
        second = li.plan(uow, li.load(path), mapping=mapping)
    assert [(p.field, p.problem, p.params) for p in second.rows[0].problems] == [
        ("category", "unknown_category", {"value": "重残儿童"})
    ]
    with UnitOfWork(centre) as uow:
        li.set_category_words(uow, {"重残儿童": "difficulty_disability"})
        li.save_mapping(uow, {"困难情形": "category", "居住小区": "community"})
    with UnitOfWork(world.login("dir_a")) as uow:
        saved = li.saved_mapping(uow)
        third = li.plan(uow, li.load(path), mapping=saved)
        with pytest.raises(Exception) as denied:
            li.set_category_words(uow, {"x": "orphan_scattered"})
    assert third.rows[0].outcome is li.Outcome.NEW
    assert third.rows[0].values is not None
    assert third.rows[0].values.categories == ["difficulty_disability"]
    assert getattr(denied.value, "exit_code", None) == 4
    with UnitOfWork(centre) as uow, pytest.raises(Exception) as bad:
        li.set_category_words(uow, {"x": "no_such_code"})
    assert getattr(bad.value, "exit_code", None) == 5


def test_refused_rows_go_back_to_excel_with_a_reason(world: World, tmp_path: Path) -> None:
    path = messy_book(tmp_path)
    store = world.login("dir_a")
    sheets = li.load(path)
    with UnitOfWork(store) as uow:
        result = li.plan(uow, sheets)
    out = tmp_path / "refused.xlsx"
    assert li.write_refused(result, sheets, out) == 5
    ws = load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("序号", "姓名", "公民身份号码") and rows[0][-1] == "原因"
    assert [r[1] for r in rows[1:]] == ["王五", "赵六", None, "钱七", "孙八"]
    assert "校验位" in rows[1][-1]
    assert "不能晚于今天" in rows[2][-1]
    assert "姓名" in rows[3][-1]
    # The fixed file imports again: the reason column is not mistaken for data.
    again = li.load(out)
    with UnitOfWork(store) as uow:
        replan = li.plan(uow, again)
    assert replan.sheets[0].header_row == 1
    assert len(replan.rows) == 5


def test_old_xls_ledger(world: World) -> None:
    # Saved by the xlwt writer as Excel 97-2003 (BIFF8): a merged title, the header on row 2,
    # a real date cell, a text date and a 合计 row.
    path = Path(__file__).parent / "data" / "ledger-97-2003.xls"
    sheets = li.load(path)
    assert [s.name for s in sheets] == ["台账"]
    with UnitOfWork(world.login("dir_a")) as uow:
        result = li.apply(uow, sheets)
    assert result.sheets[0].header_row == 2
    assert [(r.row, r.outcome) for r in result.rows] == [(3, li.Outcome.NEW), (4, li.Outcome.NEW)]
    with UnitOfWork(world.login("dir_a")) as uow:
        kids = {c.name: children.get_child(uow, c.id) for c in children.list_children(uow)}
    assert kids["王小明"].birth_date == date(2016, 4, 9)
    assert kids["王小红"].birth_date == date(2018, 1, 30) and kids["王小红"].sex is Sex.FEMALE
    assert kids["王小明"].household_id == kids["王小红"].household_id


def test_twins_are_two_children_and_a_row_without_number_repeats(
    world: World, tmp_path: Path
) -> None:
    twin_a, twin_b = id_for(B2, 301), id_for(B2, 302)
    book = Workbook()
    titled_sheet(
        book.active,
        ("序号", "姓名", "身份证号", "性别", "出生日期", "类别"),
        [
            (1, "周宁", twin_a, "男", "2017-08-20", "孤儿"),
            (2, "周宁", twin_b, "男", "2017-08-20", "孤儿"),  # same name and day, another number
            (3, "周宁", None, "男", "2017-08-20", "孤儿"),  # no number: the same as row 4's
        ],
    )
    path = save(book, tmp_path / "twins.xlsx")
    with UnitOfWork(world.login("dir_a")) as uow:
        got = rows_by(li.plan(uow, li.load(path)))
        with pytest.raises(InvalidInput):
            li.plan(uow, li.load(path), community="大营门街")  # a street is not a community
    assert got[4].outcome is li.Outcome.NEW and got[5].outcome is li.Outcome.NEW
    assert got[6].outcome is li.Outcome.DUPLICATE and got[6].same_as == ("Sheet", 4)
