"""The command line audits demo data and key changes once they are done: a refused or failed
build or key change leaves no event saying it happened."""

from __future__ import annotations

import io
import json
from pathlib import Path

from sqlalchemy import select

from hexi_care.cli import run
from hexi_care.db.models import AppUser, AuditEvent
from hexi_care.db.store import unlock

ADMIN_PW = "admin-pass-1"
CENTRE_KEY_PW = "centre-key-pass-1"


def hexi(store: Path, *args: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--store", str(store), *args], io.StringIO(stdin), out, err)
    return code, out.getvalue(), err.getvalue()


def as_admin(store: Path, *args: str, stdin: str = "") -> tuple[int, str, str]:
    return hexi(store, "--user", "admin", "--password-stdin", *args, stdin=f"{ADMIN_PW}\n{stdin}")


def new_store(tmp_path: Path) -> Path:
    store = tmp_path / "s.hexi"
    code, _, err = hexi(
        store, "--password-stdin", "init", "--admin", "admin", stdin=f"{ADMIN_PW}\n"
    )
    assert code == 0, err
    return store


def events(store: Path, action: str) -> list[tuple[str | None, str, str]]:
    """(login name of the actor or None for the store's own work, entity, detail) per event."""
    opened = unlock(store, "admin", ADMIN_PW)
    try:
        with opened.system_session() as s:
            names = {u.id: u.name for u in s.scalars(select(AppUser))}
            rows = s.scalars(
                select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.seq)
            )
            return [(names.get(e.user_id or ""), e.entity, e.detail) for e in rows]
    finally:
        opened.lock()


def test_a_refused_demo_build_leaves_no_demo_event(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    code, _, err = as_admin(store, "unit", "add", "紫金里社区", "--parent", "大营门街")
    assert code == 0, err
    code, _, err = as_admin(
        store,
        "user",
        "add",
        "zhang",
        "--role",
        "director",
        "--unit",
        "紫金里社区",
        stdin="director-pass-1\n",
    )
    assert code == 0, err
    child = {"name": "王小明", "sex": "male", "community": "紫金里社区", "no_hukou": True}
    code, _, err = hexi(
        store,
        "--user",
        "zhang",
        "--password-stdin",
        "child",
        "add",
        stdin="director-pass-1\n" + json.dumps(child, ensure_ascii=False),
    )
    assert code == 0, err

    # Synthetic children never mix with real ones: the build is refused after the role check.
    code, _, err = as_admin(store, "demo", "--children", "3")
    assert code == 6, err
    assert events(store, "demo") == []


def test_a_finished_demo_build_names_who_asked_for_it(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    code, _, err = as_admin(store, "demo", "--children", "3")
    assert code == 0, err
    assert ("admin", "store", "3 children") in events(store, "demo")


def test_a_failed_centre_key_change_leaves_no_event(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    not_a_key = tmp_path / "centre.pub"
    not_a_key.write_text("not a key\n", encoding="utf-8")
    code, _, err = as_admin(store, "recovery", "set-centre-key", str(not_a_key))
    assert code == 5, err
    assert events(store, "update") == []

    keys = tmp_path / "centre-keys"
    code, out, err = hexi(
        store, "--password-stdin", "recovery", "keygen", "--out", str(keys), stdin=CENTRE_KEY_PW
    )
    assert code == 0, err
    code, _, err = as_admin(store, "recovery", "set-centre-key", out.strip())
    assert code == 0, err
    assert events(store, "update") == [("admin", "key_slots", "centre recovery key")]
