"""The command line contract: commands, JSON field names and exit codes that scripts rely on."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from hexi_care import __version__
from hexi_care.cli import run
from hexi_care.db.location import Location, is_hub
from tests.factories import complete_visit_json

ROOT = Path(__file__).resolve().parents[2]


class Hexi:
    def __init__(self, store: Location) -> None:
        self.store = store

    @property
    def is_hub(self) -> bool:
        return is_hub(self.store)

    def __call__(
        self, *args: str, stdin: str = "", lang: str | None = None
    ) -> tuple[int, str, str]:
        argv = ["--store", str(self.store), *args]
        if lang:
            argv = ["--lang", lang, *argv]
        out, err = io.StringIO(), io.StringIO()
        code = run(argv, io.StringIO(stdin), out, err)
        return code, out.getvalue(), err.getvalue()

    def as_(
        self, user: str, password: str, *args: str, stdin: str = "", lang: str | None = None
    ) -> tuple[int, str, str]:
        return self(
            *args[:0],
            "--user",
            user,
            "--password-stdin",
            *args,
            stdin=f"{password}\n{stdin}",
            lang=lang,
        )

    def json(self, user: str, password: str, *args: str, stdin: str = "") -> Any:
        code, out, err = self.as_(user, password, *args, "--json", stdin=stdin)
        assert code == 0, err
        return json.loads(out)


@pytest.fixture(scope="module", params=["sqlcipher", "postgresql"])
def hexi(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Hexi:
    """A store made with `init`: a file, or a hub made by its owner and used by the program's role."""
    if request.param == "postgresql":
        from tests.conftest import APP_PW, APP_ROLE, grant_hub

        cluster = request.getfixturevalue("pg_cluster")
        db = f"cli_{request.module.__name__.rsplit('.', 1)[-1]}"
        cluster.create_database(db)
        owner = Hexi(cluster.url(db))
        code, out, err = owner(
            "--password-stdin", "init", "--admin", "admin", stdin="admin-pass-1\n"
        )
        assert code == 0, err
        grant_hub(cluster, db)
        h = Hexi(cluster.url(db, APP_ROLE, APP_PW))
    else:
        h = Hexi(tmp_path_factory.mktemp("cli") / "s.hexi")
        code, out, err = h("--password-stdin", "init", "--admin", "admin", stdin="admin-pass-1\n")
        assert code == 0, err
    code, out, err = h.as_(
        "admin", "admin-pass-1", "unit", "add", "紫金里社区", "--parent", "大营门街"
    )
    assert code == 0, err
    h.as_("admin", "admin-pass-1", "unit", "add", "平江里社区", "--parent", "马场街")
    for name, role, unit in [
        ("zhang", "director", "紫金里社区"),
        ("li", "director", "平江里社区"),
        ("centre", "centre_supervisor", "河西区"),
    ]:
        code, _, err = h.as_(
            "admin",
            "admin-pass-1",
            "user",
            "add",
            name,
            "--role",
            role,
            "--unit",
            unit,
            stdin="user-pass-1\n",
        )
        assert code == 0, err
    return h


def test_version() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "hexi_care.cli", "--version"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    assert out.returncode == 0
    assert out.stdout.strip() == f"hexi-care {__version__}"


def test_init_prints_recovery_code_once(tmp_path: Path) -> None:
    h = Hexi(tmp_path / "x.hexi")
    code, out, _ = h("--password-stdin", "init", "--admin", "boss", stdin="boss-pass-12\n")
    assert code == 0
    assert "恢复码" in out
    code, _, err = h("--password-stdin", "init", "--admin", "boss", stdin="boss-pass-12\n")
    assert code == 6 and "已有数据库" in err


def test_unit_list_json_fields(hexi: Hexi) -> None:
    units = hexi.json("admin", "admin-pass-1", "unit", "list")
    assert {"id", "name", "kind", "parent_id"} <= set(units[0])
    assert units[0]["kind"] == "district" and units[0]["parent_id"] is None
    streets = [u["name"] for u in units if u["kind"] == "street"]
    assert streets[:3] == ["大营门街", "下瓦房街", "桃园街"] and len(streets) == 14


def test_child_add_show_list_and_search(hexi: Hexi) -> None:
    child = {
        "name": "张小明",
        "id_number": "１２０１０３１９８８０６０１８２４１",  # full-width digits are normalised
        "sex": "female",
        "community": "紫金里社区",
        "categories": [
            {"code": "no_de_facto_carer", "basis": "父亲服刑", "start_date": "2023-01-01"}
        ],
        "household": {"address": "紫金山路3号"},
    }
    added = hexi.json("zhang", "user-pass-1", "child", "add", stdin=json.dumps(child))
    assert added["birth_date"] == "1988-06-01"  # from the ID number
    assert added["id_number"] == "120103198806018241"
    shown = hexi.json("zhang", "user-pass-1", "child", "show", added["id"][:8])
    assert {
        "id",
        "name",
        "id_number",
        "birth_date",
        "sex",
        "community",
        "household_id",
        "categories",
    } <= set(shown)
    assert shown["categories"] == ["no_de_facto_carer"]
    for query in ("zxm", "小明", "8241", "zhangxiao"):
        listed = hexi.json("zhang", "user-pass-1", "child", "list", "--query", query)
        assert [c["id"] for c in listed] == [added["id"]], query
        assert listed[0]["id_number"] == "1201**********8241"
    # Another community's director sees nothing, and is refused the file with exit code 4 or 5.
    assert hexi.json("li", "user-pass-1", "child", "list", "--query", "zxm") == []
    code, _, err = hexi.as_("li", "user-pass-1", "child", "show", added["id"])
    assert code in (4, 5), err


def add_child(hexi: Hexi, name: str) -> dict[str, Any]:
    """A child of its own for a test, so the test does not lean on another one's data."""
    payload = {"name": name, "sex": "male", "birth_date": "2015-03-01", "community": "紫金里社区"}
    child: dict[str, Any] = hexi.json(
        "zhang", "user-pass-1", "child", "add", stdin=json.dumps(payload)
    )
    return child


def test_visit_add_and_list(hexi: Hexi) -> None:
    child = add_child(hexi, "赵小走")
    visit = complete_visit_json(
        "2024-02-01",
        status="submitted",
        kind="campaign",
        physical={"rating": "good", "note": "健康"},
        safety_reminders=["drowning", "online"],
        needs="冬衣",
    )
    added = hexi.json(
        "zhang", "user-pass-1", "visit", "add", "--child", child["id"], stdin=json.dumps(visit)
    )
    assert added["status"] == "submitted" and added["child_id"] == child["id"]
    listed = hexi.json("zhang", "user-pass-1", "visit", "list", "--child", child["id"])
    assert {"id", "child_id", "visit_date", "status"} <= set(listed[0])
    assert listed[0]["visit_date"] == "2024-02-01"
    reviewed = hexi.json(
        "centre", "user-pass-1", "visit", "review", added["id"], "--decision", "approved"
    )
    assert reviewed["status"] == "approved"


@pytest.mark.parametrize(
    ("payload", "field", "en_words"),
    [
        ({"name": "", "sex": "male", "community": "紫金里社区"}, "name", "required"),
        (
            {
                "name": "李四",
                "sex": "male",
                "community": "紫金里社区",
                "id_number": "360426199101010072",
            },
            "id_number",
            "check character",
        ),
        (
            {"name": "李四", "sex": "male", "community": "紫金里社区", "birth_date": "2999-01-01"},
            "birth_date",
            "future",
        ),
        (
            {"name": "李四", "sex": "male", "community": "紫金里社区", "birth_date": "1/2/2020"},
            "birth_date",
            "YYYY-MM-DD",
        ),
        ({"name": "李四", "sex": "x", "community": "紫金里社区"}, "sex", "one of"),
        (
            {"name": "姚泽宇😀🎉", "sex": "male", "community": "紫金里社区"},
            "name",
            "character 4 cannot be part of a name",
        ),
    ],
)
def test_invalid_input_exit_5_names_the_field(
    hexi: Hexi, payload: dict[str, str], field: str, en_words: str
) -> None:
    code, out, err = hexi.as_(
        "zhang", "user-pass-1", "child", "add", "--json", stdin=json.dumps(payload), lang="en"
    )
    assert code == 5, err
    assert en_words in err
    assert json.loads(out)["field"] == field
    code, _, err = hexi.as_("zhang", "user-pass-1", "child", "add", stdin=json.dumps(payload))
    assert code == 5 and "输入有误" in err


def test_visit_add_refuses_an_incomplete_submission(hexi: Hexi) -> None:
    """The CLI's `visit add` applies the core's submit rule: exit 5, every missing field named,
    nothing saved; the same visit as a draft is accepted."""
    child = add_child(hexi, "钱小缺")
    visit = {"visit_date": "2024-03-01", "status": "submitted", "visitors": "王芳"}
    code, out, err = hexi.as_(
        "zhang",
        "user-pass-1",
        "visit",
        "add",
        "--child",
        child["id"],
        "--json",
        stdin=json.dumps(visit),
    )
    assert code == 5, err
    assert json.loads(out)["field"] == "people_met"
    assert json.loads(out)["problem"] == "needed_to_submit"
    assert "见面人员、生理状态、心理状况、居住环境、家庭教育、社会支持" in err
    assert hexi.json("zhang", "user-pass-1", "visit", "list", "--child", child["id"]) == []
    draft = hexi.json(
        "zhang",
        "user-pass-1",
        "visit",
        "add",
        "--child",
        child["id"],
        stdin=json.dumps({**visit, "status": "draft"}),
    )
    assert draft["status"] == "draft"


def test_bad_json_is_invalid_input(hexi: Hexi) -> None:
    code, _, err = hexi.as_("zhang", "user-pass-1", "child", "add", stdin="{not json", lang="en")
    assert code == 5 and "not valid JSON" in err


def test_exit_codes(hexi: Hexi, tmp_path: Path) -> None:
    assert hexi("child", "list", "--bogus")[0] == 2
    assert hexi("frobnicate")[0] == 2
    code, _, err = hexi.as_("zhang", "wrong-password", "child", "list", lang="en")
    assert code == 3 and "Wrong user name or password" in err
    code, _, err = hexi.as_("zhang", "user-pass-1", "unit", "add", "X社区", "--parent", "大营门街")
    assert code == 4 and "无权" in err
    code, _, err = Hexi(tmp_path / "none.hexi").as_("zhang", "x", "child", "list")
    assert code == 6


def test_backup_restore_check_and_audit(hexi: Hexi, tmp_path: Path) -> None:
    child = add_child(hexi, "孙小备")  # its own record to find in the restored copy
    out_file = tmp_path / "b.hexibak"
    if hexi.is_hub:
        # The hub is backed up as the schema's owner (tests/hub/test_hub_backup.py); through
        # the program's everyday role it is refused as a store problem, nothing written; the
        # checks still run.
        code, _, err = hexi.as_(
            "centre", "user-pass-1", "backup", "--out", str(out_file), lang="en"
        )
        assert code == 6 and "schema owner's connection" in err, err
        assert not out_file.exists()
        assert hexi.json("centre", "user-pass-1", "store", "check")["ok"] is True
        assert hexi.json("centre", "user-pass-1", "audit", "verify")["ok"] is True
        return
    code, _, err = hexi.as_("centre", "user-pass-1", "backup", "--out", str(out_file))
    assert code == 0, err
    assert b"SQLite format 3" not in out_file.read_bytes()
    target = Hexi(tmp_path / "restored.hexi")
    code, _, err = target.as_("centre", "user-pass-1", "restore", str(out_file))
    assert code == 0, err
    restored = target.json("centre", "user-pass-1", "child", "list", "--query", "孙小备")
    assert [c["id"] for c in restored] == [child["id"]]
    code, _, _ = target.as_("centre", "wrong", "restore", str(out_file))
    assert code == 3
    assert target.json("centre", "user-pass-1", "store", "check")["ok"] is True
    assert target.json("centre", "user-pass-1", "audit", "verify")["ok"] is True


def demo_store(path: Path, children: int) -> Hexi:
    """A new store with demo data (seed 3) and a centre supervisor `c` who reads all of it."""
    h = Hexi(path)
    h("--password-stdin", "init", "--admin", "admin", stdin="admin-pass-1\n")
    code, _, err = h.as_(
        "admin", "admin-pass-1", "demo", "--children", str(children), "--seed", "3"
    )
    assert code == 0, err
    code, _, err = h.as_(
        "admin",
        "admin-pass-1",
        "user",
        "add",
        "c",
        "--role",
        "centre_supervisor",
        "--unit",
        "河西区",
        stdin="user-pass-1\n",
    )
    assert code == 0, err
    return h


def test_demo_is_reproducible(tmp_path: Path) -> None:
    stores = []
    for name in ("a", "b"):
        h = demo_store(tmp_path / f"{name}.hexi", 40)
        stores.append(h.json("c", "user-pass-1", "child", "list"))
    assert stores[0] == stores[1]
    assert len(stores[0]) == 40


def test_demo_names_keep_rare_characters_at_scale(tmp_path: Path) -> None:
    """About one name in forty carries a rare character (生僻字), some outside the BMP: at 300
    children some must appear, and come back out of the store and the JSON unharmed."""
    h = demo_store(tmp_path / "big.hexi", 300)
    listed = h.json("c", "user-pass-1", "child", "list", "--limit", "1000")
    assert len(listed) == 300
    rare = [c for c in listed if any(ord(ch) > 0xFFFF for ch in c["name"])]
    assert rare, "no name outside the BMP among 300 demo children"
    # Found again by its own name: the character survived storage, search and output.
    name = rare[0]["name"]
    found = h.json("c", "user-pass-1", "child", "list", "--query", name)
    assert name in [c["name"] for c in found]


def test_store_locked_by_another_program_exits_6(hexi: Hexi) -> None:
    if hexi.is_hub:
        pytest.skip("a laptop's file lock; on the hub writers take turns (tests/hub)")
    import sqlcipher3

    from hexi_care.db.engine import _key_pragma
    from hexi_care.db.store import unlock

    key = unlock(hexi.store, "centre", "user-pass-1").data_key
    other = sqlcipher3.connect(str(hexi.store), isolation_level=None)
    other.execute(_key_pragma(key))
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        code, _, err = hexi.as_(
            "zhang",
            "user-pass-1",
            "child",
            "add",
            stdin='{"name": "x", "sex": "male", "community": "紫金里社区"}',
            lang="en",
        )
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert code == 6, err
    assert "in use by another program" in err


def test_child_add_with_guardians(hexi: Hexi) -> None:
    payload = {
        "name": "刘小芳",
        "sex": "female",
        "birth_date": "2016-05-05",
        "community": "紫金里社区",
        "household": {"address": "平江道8号"},
        "guardians": [
            {
                "name": "刘大",
                "relationship": "father",
                "situations": [
                    {
                        "kind": "imprisoned",
                        "start_date": "2023-01-05",
                        "expected_end_date": "2029-01-04",
                        "evidence": "判决书",
                    }
                ],
            },
            {
                "name": "王梅",
                "relationship": "mother",
                "situations": [{"kind": "lost_contact", "start_date": "2024-02-01"}],
            },
            {
                "name": "刘奶奶",
                "relationship": "grandmother",
                "is_guardian": True,
                "is_carer": True,
                "phone": "13900000000",
            },
        ],
    }
    added = hexi.json("zhang", "user-pass-1", "child", "add", stdin=json.dumps(payload))
    shown = hexi.json("zhang", "user-pass-1", "child", "show", added["id"])
    by_rel = {g["relationship"]: g for g in shown["guardians"]}
    assert by_rel["father"]["situations"][0]["kind"] == "imprisoned"
    assert by_rel["grandmother"]["is_carer"] is True
    code, _, err = hexi.as_(
        "zhang",
        "user-pass-1",
        "child",
        "add",
        stdin=json.dumps({**payload, "guardians": [{"name": "x", "relationship": "uncle"}]}),
        lang="en",
    )
    assert code == 5 and "relationship" in err
