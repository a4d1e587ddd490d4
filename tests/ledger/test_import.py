"""Ledger import end to end on a real SQLCipher store: dry run, apply, run twice, scope."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import text

from hexi_care.domain.enums import Relationship, Sex
from hexi_care.ledger.read import LedgerUnreadable
from hexi_care.services import children, households
from hexi_care.services import ledger_import as li
from hexi_care.services.context import UnitOfWork
from tests.conftest import World
from tests.ledger.builders import excel_date, id_for, save, titled_sheet

AUDIT_COUNT = text("select count(*) from audit_event")
HEADER = (
    "序号",
    "姓名",
    "公民身份号码",
    "性别",
    "出生年月",
    "所属街道",
    "社区(村)",
    "儿童类别",
    "监护人姓名",
    "与儿童关系",
    "联系电话",
    "现住址",
)

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
            None,
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
        assert ls.birth_date == B3 and ls.id_number is None
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
