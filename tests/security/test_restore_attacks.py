"""Item 3: restoring an old backup to bring back a removed user, an old password, or an audit
trail from before. On main any password valid in the backup was enough, and nothing was audited."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from hexi_care.cli import run
from hexi_care.db import audit
from hexi_care.db.models import AuditEvent
from hexi_care.db.store import restore, unlock
from hexi_care.errors import AuthFailed, AuthThrottled, ScopeDenied
from hexi_care.services import security, users
from hexi_care.services.context import UnitOfWork
from tests.conftest import ADMIN_PW, PW, World


def _cli(store: Path, *args: str, stdin: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--store", str(store), *args], io.StringIO(stdin), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def old_backup(world: World, tmp_path: Path) -> Path:
    """A backup from before dir_b was removed and before dir_a changed a leaked password."""
    backup = world.admin.backup(tmp_path / "old.hexibak")
    security.deactivate_user(world.admin, "dir_b")
    with UnitOfWork(world.admin) as uow:
        users.change_password(uow, "dir_a", "changed-after-leak-Pw-5")
    world.admin.lock()
    return backup


def test_a_director_cannot_restore(world: World, old_backup: Path) -> None:
    code, _, err = _cli(
        world.path,
        "--user",
        "dir_a",
        "--password-stdin",
        "restore",
        str(old_backup),
        stdin="changed-after-leak-Pw-5\n",
    )
    assert code == 4, err
    assert not list(world.path.parent.glob("*before-restore*"))  # nothing was replaced
    # A removed user's password from the backup does not pass either.
    with pytest.raises(AuthFailed):
        restore(old_backup, world.path, "dir_b", PW)
    store = unlock(world.path, "admin", ADMIN_PW)
    with store.system_session() as s:
        refused = s.scalars(select(AuditEvent).where(AuditEvent.action == "refused")).all()
    store.lock()
    assert [e.detail for e in refused] == ["restore"]


def test_restore_keeps_todays_passwords_and_users(world: World, old_backup: Path) -> None:
    code, _, err = _cli(
        world.path,
        "--user",
        "admin",
        "--password-stdin",
        "restore",
        str(old_backup),
        stdin=ADMIN_PW + "\n",
    )
    assert code == 0, err
    with pytest.raises(AuthFailed):
        unlock(world.path, "dir_b", PW)  # the removed user stays removed
    with pytest.raises(AuthFailed):
        unlock(world.path, "dir_a", PW)  # the leaked password stays dead
    store = unlock(world.path, "dir_a", "changed-after-leak-Pw-5")
    with store.system_session() as s:
        result = audit.verify(s, store.mac_key)
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "restore")).all()
    store.lock()
    assert result.ok, result.problems
    assert len(events) == 1
    assert json.loads(events[0].detail)["replaced_head"]  # the head it replaced is on record


def test_restore_goes_through_the_throttle(world: World, old_backup: Path) -> None:
    for _ in range(3):
        with pytest.raises(AuthFailed):
            restore(old_backup, world.path, "admin", "guess-number-x")
    with pytest.raises(AuthThrottled):
        restore(old_backup, world.path, "admin", ADMIN_PW)


def test_a_centre_supervisor_may_restore(world: World, old_backup: Path) -> None:
    restore(old_backup, world.path, "centre", PW)
    unlock(world.path, "centre", PW).lock()
    with pytest.raises(ScopeDenied):
        restore(old_backup, world.path, "street_a", PW)
