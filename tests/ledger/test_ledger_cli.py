"""`hexi-care import ledger`: the contract's options, JSON fields and exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from hexi_care.cli import run
from tests.conftest import PW, World
from tests.ledger.test_import import messy_book


def hexi(world: World, user: str, *args: str, lang: str = "zh") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    argv = ["--lang", lang, "--store", str(world.path), "--user", user, "--password-stdin", *args]
    code = run(argv, io.StringIO(PW + "\n"), out, err)
    return code, out.getvalue(), err.getvalue()


def as_json(world: World, user: str, *args: str) -> Any:
    code, out, err = hexi(world, user, "import", "ledger", *args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_dry_run_then_apply_then_nothing_new(world: World, tmp_path: Path) -> None:
    path = str(messy_book(tmp_path))
    dry = as_json(world, "dir_a", path)
    assert set(dry) >= {"rows", "new", "update", "refused", "duplicates"}
    assert dry["rows"] == 9
    assert [e["row"] for e in dry["new"]] == [4, 5, 6]
    assert dry["duplicates"] == [{"row": 11, "same_as_row": 4}]
    for e in dry["refused"]:
        assert set(e) == {"row", "field", "problem", "message"}
    assert {"row": 8, "field": "id_number", "problem": "id_checksum"}.items() <= next(
        e for e in dry["refused"] if e["row"] == 8
    ).items()
    assert not dry["applied"]
    # The dry run wrote nothing: a second dry run still sees three new children.
    assert len(as_json(world, "dir_a", path)["new"]) == 3

    applied = as_json(world, "dir_a", path, "--apply")
    assert applied["applied"] and len(applied["new"]) == 3
    again = as_json(world, "dir_a", path, "--apply")
    assert again["new"] == [] and again["update"] == [] and len(again["unchanged"]) == 3


def test_text_output_and_english(world: World, tmp_path: Path) -> None:
    path = str(messy_book(tmp_path))
    code, out, err = hexi(world, "dir_a", "import", "ledger", path)
    assert code == 0, err
    assert "表头在第 3 行" in out and "拒绝  第 8 行" in out and "--apply" in out
    code, out, err = hexi(world, "dir_a", "import", "ledger", path, lang="en")
    assert code == 0, err
    assert "header on row 3" in out and "dry run" in out
    assert "check character" in out


def test_unreadable_file_exits_5(world: World, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04garbage")
    code, out, err = hexi(world, "dir_a", "import", "ledger", str(bad), "--json")
    assert code == 5
    assert json.loads(out)["error"] == "ledger.unreadable"
    assert "无法读取台账文件" in err
    code, _, err = hexi(world, "dir_a", "import", "ledger", str(tmp_path / "none.csv"))
    assert code == 5 and "找不到该文件" in err
    noheader = tmp_path / "x.csv"
    noheader.write_text("a,b\n1,2\n", encoding="utf-8")
    code, _, err = hexi(world, "dir_a", "import", "ledger", str(noheader))
    assert code == 5 and "表头" in err


def test_sheet_community_and_mapping_options(world: World, tmp_path: Path) -> None:
    from tests.ledger.test_import import several_sheets

    path = str(several_sheets(tmp_path))
    js = as_json(world, "centre", path, "--sheet", "紫金里", "--community", "紫金里社区")
    assert js["rows"] == 2 and len(js["new"]) == 2
    assert {e["community"] for e in js["new"]} == {"紫金里社区"}
    code, _, err = hexi(world, "centre", "import", "ledger", path, "--sheet", "无此表")
    assert code == 5 and "紫金里" in err
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"儿童姓名": "ignore"}, ensure_ascii=False), encoding="utf-8")
    js = as_json(world, "centre", path, "--sheet", "平江里", "--mapping", str(mapping))
    assert js["sheets"][0]["columns"]["儿童姓名"] == "ignore"
    assert {e["problem"] for e in js["refused"]} == {"required"}
    mapping.write_text("{not json", encoding="utf-8")
    code, _, err = hexi(world, "centre", "import", "ledger", path, "--mapping", str(mapping))
    assert code == 5 and "JSON" in err


def test_a_director_imports_only_their_own_community(world: World, tmp_path: Path) -> None:
    js = as_json(world, "dir_b", str(messy_book(tmp_path)), "--apply")
    assert [(e["row"], e["community"]) for e in js["new"]] == [(12, "平江里社区")]
    out_of_scope = {e["row"] for e in js["refused"] if e["problem"] == "out_of_scope"}
    assert out_of_scope == {4, 5, 6, 8, 9, 10, 11}


def test_the_centre_edits_the_category_words(world: World, tmp_path: Path) -> None:
    words = tmp_path / "words.json"
    words.write_text(json.dumps({"重残儿童": "difficulty_disability"}, ensure_ascii=False), "utf-8")
    code, _, err = hexi(world, "dir_a", "import", "category-words", "--set", str(words))
    assert code == 4, err  # a director may read the table, not change it
    js = as_json_cmd(world, "centre", "import", "category-words", "--set", str(words))
    assert js["centre"] == {"重残儿童": "difficulty_disability"}
    assert js["words"]["孤儿"] == "orphan_scattered"
    js = as_json_cmd(world, "dir_a", "import", "category-words")
    assert js["words"]["重残儿童"] == "difficulty_disability"
    words.write_text(json.dumps({"x": "no_such_code"}), "utf-8")
    code, _, err = hexi(world, "centre", "import", "category-words", "--set", str(words))
    assert code == 5 and "no_such_code" in err


def as_json_cmd(world: World, user: str, *args: str) -> Any:
    code, out, err = hexi(world, user, *args, "--json")
    assert code == 0, err
    return json.loads(out)
