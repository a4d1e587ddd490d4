"""The exchange from the command line, exactly as the issue spells it: device request / enrol /
accept / list, package export / import, conflict list / resolve; exit code 5 for a bad package."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from hexi_care.cli import run
from tests.factories import complete_visit_json

ADMIN = "admin-pass-1"
PW = "secret-pass-1"


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path

    def __call__(
        self, user: str, password: str, *args: str, stdin: str = "", lang: str = "zh"
    ) -> tuple[int, str, str]:
        argv = [
            "--lang",
            lang,
            "--store",
            str(self.path),
            "--user",
            user,
            "--password-stdin",
            *args,
        ]
        out, err = io.StringIO(), io.StringIO()
        code = run(argv, io.StringIO(f"{password}\n{stdin}"), out, err)
        return code, out.getvalue(), err.getvalue()

    def ok(self, user: str, password: str, *args: str, stdin: str = "") -> str:
        code, out, err = self(user, password, *args, stdin=stdin)
        assert code == 0, err
        return out

    def json(self, user: str, password: str, *args: str, stdin: str = "") -> Any:
        return json.loads(self.ok(user, password, *args, "--json", stdin=stdin))


def init(path: Path) -> Store:
    out, err = io.StringIO(), io.StringIO()
    assert (
        run(
            ["--store", str(path), "--password-stdin", "init", "--admin", "admin"],
            io.StringIO(ADMIN + "\n"),
            out,
            err,
        )
        == 0
    ), err.getvalue()
    return Store(path)


def test_the_exchange_from_the_command_line(tmp_path: Path) -> None:
    centre, laptop = init(tmp_path / "centre.hexi"), init(tmp_path / "laptop.hexi")
    centre.ok("admin", ADMIN, "unit", "add", "紫金里社区", "--parent", "大营门街")
    centre.ok(
        "admin",
        ADMIN,
        "user",
        "add",
        "sup",
        "--role",
        "centre_supervisor",
        "--unit",
        "河西区",
        stdin=PW + "\n",
    )

    req, reply = tmp_path / "request.hxr", tmp_path / "reply.hxr"
    out = laptop.ok("admin", ADMIN, "device", "request", "--out", str(req), "--unit", "紫金里社区")
    laptop_fp = out.split("本机指纹：")[1].splitlines()[0]
    out = centre.ok("admin", ADMIN, "device", "enrol", str(req), "--out", str(reply))
    assert laptop_fp in out
    out = laptop.ok("admin", ADMIN, "device", "accept", str(reply))
    centre_fp = out.split("区中心指纹：")[1].split()[0:6]
    listed = centre.json("admin", ADMIN, "device", "list")
    assert " ".join(centre_fp) == listed["device"]["fingerprint"]
    assert [p["fingerprint"] for p in listed["peers"]] == [laptop_fp]
    assert laptop.json("admin", ADMIN, "device", "list")["device"]["role"] == "laptop"

    laptop.ok(
        "admin",
        ADMIN,
        "user",
        "add",
        "dir_a",
        "--role",
        "director",
        "--unit",
        "紫金里社区",
        stdin=PW + "\n",
    )
    child = laptop.json(
        "dir_a",
        PW,
        "child",
        "add",
        stdin=json.dumps(
            {"name": "张三", "sex": "male", "community": "紫金里社区", "birth_date": "2015-01-01"}
        ),
    )
    laptop.ok(
        "dir_a",
        PW,
        "visit",
        "add",
        "--child",
        child["id"],
        stdin=json.dumps(complete_visit_json("2024-01-05", status="submitted")),
    )

    up = tmp_path / "up.hxp"
    exported = laptop.json("dir_a", PW, "package", "export", "--to", "centre", "--out", str(up))
    assert exported["seq"] == 1 and exported["counts"]["visit"] == 1
    imported = centre.json("sup", PW, "package", "import", str(up))
    assert imported["counts"]["visit"] == {"new": 1, "updated": 0, "unchanged": 0}
    assert imported["conflicts"] == [] and imported["missing_seqs"] == []

    # Importing the same file again: refused, exit code 5, a sentence in either language.
    code, out, err = centre("sup", PW, "package", "import", str(up))
    assert code == 5 and "已经导入过" in err
    code, out, err = centre("sup", PW, "package", "import", str(up), lang="en")
    assert code == 5 and "imported before" in err
    # A damaged file: exit code 5 as well, with --json giving the reason key.
    bad = tmp_path / "bad.hxp"
    bad.write_bytes(up.read_bytes()[:-10])
    code, out, err = centre("sup", PW, "package", "import", str(bad), "--json")
    assert code == 5 and json.loads(out.splitlines()[-1])["error"] == "bad_package"

    # Same field edited on both sides: one conflict, resolved from the command line.
    down = tmp_path / "down.hxp"
    centre.ok("sup", PW, "package", "export", "--to", "紫金里社区", "--out", str(down))
    laptop.ok("dir_a", PW, "package", "import", str(down))
    _edit(centre, "sup", child["id"], school="梅江中学")
    _edit(laptop, "dir_a", child["id"], school="新华中学")
    up2 = tmp_path / "up2.hxp"
    laptop.ok("dir_a", PW, "package", "export", "--to", "centre", "--out", str(up2))
    out = centre.ok("sup", PW, "package", "import", str(up2))
    assert "冲突" in out
    conflicts = centre.json("sup", PW, "conflict", "list")
    assert [(c["field"], c["mine"], c["theirs"]) for c in conflicts] == [
        ("school", "梅江中学", "新华中学")
    ]
    text = centre.ok("sup", PW, "conflict", "list")
    assert "梅江中学" in text and "新华中学" in text
    resolved = centre.json("sup", PW, "conflict", "resolve", conflicts[0]["id"], "--keep", "theirs")
    assert resolved["status"] == "resolved" and resolved["resolved_value"] == "新华中学"
    assert centre.json("sup", PW, "conflict", "list") == []
    code, out, err = laptop(
        "dir_a", PW, "conflict", "resolve", conflicts[0]["id"], "--keep", "mine"
    )
    assert code != 0

    # A revoked laptop's packages are refused.
    up3 = tmp_path / "up3.hxp"
    laptop.ok("dir_a", PW, "package", "export", "--to", "centre", "--out", str(up3))
    centre.ok("admin", ADMIN, "device", "revoke", "紫金里社区")
    code, out, err = centre("sup", PW, "package", "import", str(up3))
    assert code == 5 and "吊销" in err


def _edit(store: Store, user: str, child_id: str, **changes: Any) -> None:
    """Edit through the services (the CLI has no child edit command)."""
    from dataclasses import replace

    from hexi_care.db.store import unlock
    from hexi_care.services import children
    from hexi_care.services.context import UnitOfWork

    opened = unlock(store.path, user, PW)
    try:
        with UnitOfWork(opened) as uow:
            c = children.get_child(uow, child_id)
            children.update_child(uow, replace(c, **changes))
    finally:
        opened.lock()
