"""Item 1: a thief with a copy of a laptop's store asks the centre for its key.

On main the request carried only a relabelable store id, the centre saw nothing to check, and the
reply key lay in clear beside the store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from hexi_care.db import storefiles
from hexi_care.db.models import AuditEvent
from hexi_care.db.store import unlock
from hexi_care.errors import AuthFailed, UserProblem
from hexi_care.services import recovery
from hexi_care.services.context import UnitOfWork
from hexi_care.sync.identity import revoke_peer
from tests.sync.exchange_helpers import Net

CENTRE_PASS = "centre-recovery-passphrase"
THIEF_PW = "thief-chosen-Pw-77"


def _centre_key(net: Net) -> Path:
    folder = net.folder / "centre-key"
    pub = Path(recovery.keygen(folder, CENTRE_PASS))
    for lap in (net.la, net.lb):
        lap.user = None
        recovery.set_centre_key(lap, pub)
    return folder / "centre-recovery.key"


def _steal(net: Net, name: str) -> Path:
    """Copy a laptop's store and every file beside it, as a thief with the disk would."""
    src = net.folder / f"{name}.hexi"
    dst_dir = net.folder / f"stolen-{name}"
    dst_dir.mkdir()
    for p in src.parent.iterdir():
        if p.name.startswith(src.name) and p.is_file():
            shutil.copyfile(p, dst_dir / p.name)
    return dst_dir / src.name


def _events(store, action: str) -> list[AuditEvent]:  # type: ignore[no-untyped-def]
    with store.system_session() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_a_relabelled_request_is_refused_and_audited(net: Net) -> None:
    key = _centre_key(net)
    stolen = _steal(net, "la")
    req = net.folder / "req.json"
    recovery.make_request(stolen, req, "dir_a", THIEF_PW)
    # The thief relabels the request with the id of another laptop's store (one not reported lost).
    data = json.loads(req.read_text())
    data["store_id"] = net.lb.store_id
    req.write_text(json.dumps(data))
    code = recovery.short_code(data)
    with pytest.raises(UserProblem) as exc, UnitOfWork(net.centre) as uow:
        recovery.answer_request(uow, req, key, CENTRE_PASS, net.folder / "ans.json", code)
    assert exc.value.key == "recovery.mismatch"
    assert not (net.folder / "ans.json").exists()
    assert _events(net.centre, "refused")


def test_a_revoked_laptops_request_is_refused(net: Net) -> None:
    key = _centre_key(net)
    stolen = _steal(net, "la")
    req = net.folder / "req.json"
    made = recovery.make_request(stolen, req, "dir_a", THIEF_PW)
    revoke_peer(net.centre, net.la.device_id)  # the laptop was reported lost
    with pytest.raises(UserProblem) as exc, UnitOfWork(net.centre) as uow:
        recovery.answer_request(uow, req, key, CENTRE_PASS, net.folder / "ans.json", made.code)
    assert exc.value.key == "recovery.revoked"
    assert not (net.folder / "ans.json").exists()


def test_the_centre_sees_who_asks_and_needs_the_phone_code(net: Net) -> None:
    key = _centre_key(net)
    req = net.folder / "req.json"
    made = recovery.make_request(net.folder / "la.hexi", req, "dir_a", "dir-a-recovered-9")
    with UnitOfWork(net.centre) as uow:
        details, _ = recovery.inspect_request(uow, req, key, CENTRE_PASS)
    assert details.device_id == net.la.device_id and details.unit == "紫金里社区"
    assert details.enrolled and details.user == "dir_a" and details.code == made.code
    # A wrong code read on the phone: no answer.
    with pytest.raises(UserProblem) as exc, UnitOfWork(net.centre) as uow:
        recovery.answer_request(uow, req, key, CENTRE_PASS, net.folder / "ans.json", "AAAA-AAAA")
    assert exc.value.key == "recovery.code_mismatch"
    with UnitOfWork(net.centre) as uow:
        recovery.answer_request(uow, req, key, CENTRE_PASS, net.folder / "ans.json", made.code)
    answered = _events(net.centre, "recovery_answer")
    assert len(answered) == 1 and net.la.store_id in answered[0].detail
    net.la.lock()
    recovery.complete_request(
        net.folder / "la.hexi", net.folder / "ans.json", "dir_a", "dir-a-recovered-9"
    )
    store = unlock(net.folder / "la.hexi", "dir_a", "dir-a-recovered-9")
    assert [e.detail for e in _events(store, "recover")] == ["centre"]  # the route is recorded
    store.lock()


def test_a_director_cannot_answer_for_the_centre(net: Net) -> None:
    key = _centre_key(net)
    req = net.folder / "req.json"
    made = recovery.make_request(net.folder / "lb.hexi", req, "dir_b", THIEF_PW)
    with pytest.raises(UserProblem) as exc, UnitOfWork(net.la) as uow:
        recovery.answer_request(uow, req, key, CENTRE_PASS, net.folder / "ans.json", made.code)
    assert exc.value.exit_code == 4


def test_the_pending_reply_key_is_not_in_the_clear(net: Net) -> None:
    """A thief who copies the folder after the owner asked, and intercepts the answer, still needs
    the new password the owner chose."""
    key = _centre_key(net)
    path = net.folder / "la.hexi"
    req = net.folder / "req.json"
    made = recovery.make_request(path, req, "dir_a", "owner-chosen-Pw-31")
    with UnitOfWork(net.centre) as uow:
        recovery.answer_request(uow, req, key, CENTRE_PASS, net.folder / "ans.json", made.code)
    pending = storefiles.pending_recovery_path(path)
    assert oct(pending.stat().st_mode & 0o777) == "0o600"
    stolen = _steal(net, "la")
    with pytest.raises(AuthFailed):
        recovery.complete_request(stolen, net.folder / "ans.json", "dir_a", THIEF_PW)


def test_the_phone_call_on_the_command_line(net: Net) -> None:
    """Both ends as people run them: the laptop prints the code, the centre operator types it."""
    import io

    from hexi_care.cli import run
    from tests.sync.exchange_helpers import PW

    key = _centre_key(net)
    net.la.lock()
    net.centre.lock()
    la, centre = net.folder / "la.hexi", net.folder / "centre.hexi"
    req, ans = net.folder / "req.json", net.folder / "ans.json"

    def cli(*args: str, stdin: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        return (
            run(["--lang", "en", *args], io.StringIO(stdin), out, err),
            out.getvalue(),
            err.getvalue(),
        )

    code, out, err = cli(
        "--store",
        str(la),
        "--password-stdin",
        "recovery",
        "request",
        "--for",
        "dir_a",
        "--out",
        str(req),
        stdin="phoned-in-Pw-88\n",
    )
    assert code == 0, err
    check = out.split("Check code: ")[1].split()[0]
    base = [
        "--store",
        str(centre),
        "--user",
        "centre",
        "--password-stdin",
        "recovery",
        "answer",
        str(req),
        "--key",
        str(key),
        "--out",
        str(ans),
    ]
    code, out, err = cli(*base, "--code", "ZZZZ-ZZZZ", stdin=f"{PW}\n{CENTRE_PASS}\n")
    assert code == 5 and "does not match" in err and not ans.exists()
    assert "紫金里社区" in out and "dir_a" in out  # what the operator checks on the phone
    code, out, err = cli(*base, stdin=f"{PW}\n{CENTRE_PASS}\n{check}\n")
    assert code == 0, err
    code, out, err = cli(
        "--store",
        str(la),
        "--password-stdin",
        "recovery",
        "complete",
        str(ans),
        "--for",
        "dir_a",
        stdin="phoned-in-Pw-88\n",
    )
    assert code == 0, err
    assert "district centre" in out  # the laptop says which route was used
    unlock(la, "dir_a", "phoned-in-Pw-88").lock()
