"""The administrator's hub commands: init on an empty database as its owner, grant the program's
role, upgrade, move a centre's store file in; and the everyday commands through the program's role."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from hexi_care.cli import run
from tests.conftest import ADMIN_PW, APP_PW, APP_ROLE, PW, add_child, build_world
from tests.pgcluster import Cluster


def cli(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--lang", "en", *argv], io.StringIO(stdin), out, err)
    return code, out.getvalue(), err.getvalue()


def as_json(*argv: str, stdin: str = "") -> Any:
    code, out, err = cli(*argv, "--json", stdin=stdin)
    assert code == 0, err
    return json.loads(out)


def test_init_grant_upgrade_and_everyday_use(pg_cluster: Cluster) -> None:
    pg_cluster.create_database("hubcli")
    owner, app = pg_cluster.url("hubcli"), pg_cluster.url("hubcli", APP_ROLE, APP_PW)
    code, out, err = cli(
        "--store", owner, "--password-stdin", "init", "--admin", "admin", stdin=f"{ADMIN_PW}\n"
    )
    assert code == 0, err
    assert "Store created: postgresql://hexi_owner@" in out
    # Before the grant the program's role has no rights at all.
    code, _, err = cli(
        "--store", app, "--user", "admin", "--password-stdin", "unit", "list", stdin=f"{ADMIN_PW}\n"
    )
    assert code != 0
    assert as_json("--store", owner, "hub", "grant", APP_ROLE)["role"] == APP_ROLE
    assert as_json("--store", owner, "hub", "upgrade")["upgraded"] is True
    units = as_json(
        "--store", app, "--user", "admin", "--password-stdin", "unit", "list", stdin=f"{ADMIN_PW}\n"
    )
    assert units[0]["name"] == "河西区"
    checked = as_json(
        "--store",
        app,
        "--user",
        "admin",
        "--password-stdin",
        "store",
        "check",
        stdin=f"{ADMIN_PW}\n",
    )
    assert checked["ok"] is True


def test_import_store_moves_a_file_in_and_checks_counts(
    pg_cluster: Cluster, tmp_path: Path
) -> None:
    world = build_world(tmp_path / "centre.hexi")
    add_child(world.login("centre"), world.community_a, "张小明")
    world.close()
    pg_cluster.create_database("moved_cli")
    owner = pg_cluster.url("moved_cli")
    # A director may not move the centre's store.
    code, _, err = cli(
        "--store",
        owner,
        "--user",
        "dir_a",
        "--password-stdin",
        "hub",
        "import-store",
        str(tmp_path / "centre.hexi"),
        stdin=f"{PW}\n",
    )
    assert code == 4, err
    moved = as_json(
        "--store",
        owner,
        "--user",
        "centre",
        "--password-stdin",
        "hub",
        "import-store",
        str(tmp_path / "centre.hexi"),
        stdin=f"{PW}\n",
    )
    assert moved["rows"]["child"] == 1
    as_json("--store", owner, "hub", "grant", APP_ROLE)
    app = pg_cluster.url("moved_cli", APP_ROLE, APP_PW)
    kids = as_json(
        "--store", app, "--user", "dir_a", "--password-stdin", "child", "list", stdin=f"{PW}\n"
    )
    assert [k["name"] for k in kids] == ["张小明"]
    verified = as_json(
        "--store", app, "--user", "centre", "--password-stdin", "audit", "verify", stdin=f"{PW}\n"
    )
    assert verified["ok"] is True


def test_hub_commands_need_a_hub_url(tmp_path: Path) -> None:
    code, _, err = cli("--store", str(tmp_path / "x.hexi"), "hub", "grant", APP_ROLE)
    assert code == 2 and "postgresql://" in err
