"""`hexi-care recover` (the printed recovery code) and `recovery …` (through the centre's key)."""

from __future__ import annotations

from pathlib import Path

from hexi_care.cli.common import Cli, Commands, rekey_options, say_rekey
from hexi_care.messages import t


def cmd_recover(cli: Cli) -> int:
    from hexi_care.services import recovery

    code = cli.read_secret("cli.recovery_code")
    new_password = cli.read_next_secret("cli.new_password_for", name=cli.args.user_to)
    done = recovery.recover_with_code(
        cli.store_path,
        code,
        cli.args.user_to,
        new_password,
        rekey=cli.args.rekey,
        delete_old_backups=cli.args.delete_old_backups,
    )
    if not cli.args.json:
        cli.say("cli.recovered", name=cli.args.user_to)
    say_rekey(cli, done)
    return 0


def cmd_recovery_keygen(cli: Cli) -> int:
    from hexi_care.services import recovery

    passphrase = cli.read_secret("cli.new_password", confirm=True)
    pub = recovery.keygen(Path(cli.args.out), passphrase)
    print(pub, file=cli.out)
    return 0


def cmd_recovery_set_centre_key(cli: Cli) -> int:
    from hexi_care.domain.enums import Role
    from hexi_care.services import recovery
    from hexi_care.services.context import UnitOfWork

    store = cli.open()
    with UnitOfWork(store) as uow:
        uow.require_role(Role.ADMIN, action="set the centre's recovery key")
        uow.audit("update", "key_slots", None, "centre recovery key")
    recovery.set_centre_key(store, Path(cli.args.public_key))
    return 0


def cmd_recovery_request(cli: Cli) -> int:
    from hexi_care.services import recovery

    new_password = cli.read_secret("cli.new_password_for", confirm=True, name=cli.args.user_to)
    req = recovery.make_request(cli.store_path, Path(cli.args.out), cli.args.user_to, new_password)
    print(str(req.path), file=cli.out)
    cli.say("cli.recovery_request_code", code=req.code)
    return 0


def cmd_recovery_answer(cli: Cli) -> int:
    from hexi_care.services import recovery
    from hexi_care.services.context import UnitOfWork

    store = cli.open()
    passphrase = cli.read_next_secret("cli.centre_key_passphrase")
    with UnitOfWork(store) as uow:
        details, _key = recovery.inspect_request(
            uow, Path(cli.args.request), Path(cli.args.key), passphrase
        )
    cli.say(
        "cli.recovery_request_details",
        device=details.device_id,
        label=details.device_label or "-",
        unit=details.unit or "-",
        user=details.user,
        enrolled=t("cli.yes" if details.enrolled else "cli.no", cli.lang),
    )
    code = cli.args.code or cli.read_next_secret("cli.recovery_confirm_code")
    with UnitOfWork(store) as uow:
        recovery.answer_request(
            uow, Path(cli.args.request), Path(cli.args.key), passphrase, Path(cli.args.out), code
        )
    print(str(cli.args.out), file=cli.out)
    return 0


def cmd_recovery_complete(cli: Cli) -> int:
    from hexi_care.services import recovery

    new_password = cli.read_next_secret("cli.new_password_for", name=cli.args.user_to)
    done = recovery.complete_request(
        cli.store_path,
        Path(cli.args.answer),
        cli.args.user_to,
        new_password,
        rekey=cli.args.rekey,
        delete_old_backups=cli.args.delete_old_backups,
    )
    if not cli.args.json:
        cli.say("cli.recovered_centre", name=cli.args.user_to)
    say_rekey(cli, done)
    return 0


def register(root: Commands) -> None:
    sp = root.add("recover", cmd_recover, help="set a new password with the printed recovery code")
    sp.add_argument("--for", dest="user_to", required=True, metavar="NAME")
    rekey_options(sp)

    g = root.group("recovery", "recovery through the centre's key")
    sp = g.add("keygen", cmd_recovery_keygen)
    sp.add_argument("--out", required=True, metavar="DIR")
    sp = g.add("set-centre-key", cmd_recovery_set_centre_key)
    sp.add_argument("public_key", metavar="FILE")
    sp = g.add("request", cmd_recovery_request)
    sp.add_argument("--out", required=True, metavar="FILE")
    sp.add_argument("--for", dest="user_to", required=True, metavar="NAME")
    sp = g.add("answer", cmd_recovery_answer)
    sp.add_argument("request", metavar="REQUEST")
    sp.add_argument("--key", required=True, metavar="PRIVATE_KEY")
    sp.add_argument("--out", required=True, metavar="FILE")
    sp.add_argument("--code", metavar="CODE", help="the code the caller read out on the phone")
    sp = g.add("complete", cmd_recovery_complete)
    sp.add_argument("answer", metavar="ANSWER")
    sp.add_argument("--for", dest="user_to", required=True, metavar="NAME")
    rekey_options(sp)
