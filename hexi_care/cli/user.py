"""`hexi-care user …`: users and their passwords."""

from __future__ import annotations

from hexi_care.cli.common import Cli, Commands, backup_folders, rekey_options, say_rekey


def cmd_user_add(cli: Cli) -> int:
    from hexi_care.services import units, users

    with cli.uow() as uow:
        password = cli.read_next_secret("cli.new_password_for", name=cli.args.name)
        u = users.add_user(
            uow,
            cli.args.name,
            cli.args.role,
            cli.args.unit,
            password,
            display_name=cli.args.display_name or "",
        )
        unit = units.resolve_unit(uow, u.unit_id)
    cli.say("cli.user_added", name=u.name, role=u.role.value, unit=unit.name)
    return 0


def cmd_user_passwd(cli: Cli) -> int:
    from hexi_care.services import security

    store = cli.open()
    password = cli.read_next_secret("cli.new_password_for", name=cli.args.name)
    done = security.reset_password(
        store,
        cli.args.name,
        password,
        rekey=cli.args.rekey,
        delete_old_backups=cli.args.delete_old_backups,
        backup_folders=backup_folders(cli),
    )
    if not cli.args.json:
        cli.say("cli.password_changed", name=cli.args.name)
    if done is not None or cli.args.name.casefold() != cli.user_name().casefold():
        say_rekey(cli, done)  # a reset of someone else's password offers a rekey
    return 0


def cmd_user_deactivate(cli: Cli) -> int:
    from hexi_care.services import security

    done = security.deactivate_user(
        cli.open(),
        cli.args.name,
        rekey=cli.args.rekey,
        delete_old_backups=cli.args.delete_old_backups,
        backup_folders=backup_folders(cli),
    )
    if not cli.args.json:
        cli.say("cli.user_deactivated", name=cli.args.name)
    say_rekey(cli, done)
    return 0


def cmd_user_list(cli: Cli) -> int:
    from hexi_care.services import users

    with cli.uow() as uow:
        rows = users.list_users(uow)
    if cli.args.json:
        cli.emit_json(
            [
                {
                    "id": u.id,
                    "name": u.name,
                    "role": u.role.value,
                    "unit": u.unit_id,
                    "active": u.active,
                }
                for u in rows
            ]
        )
    else:
        for u in rows:
            print(
                f"{u.name}\t{u.role.value}\t{u.unit_id}\t{'' if u.active else 'inactive'}",
                file=cli.out,
            )
    return 0


def register(root: Commands) -> None:
    g = root.group("user", "users and passwords")
    sp = g.add("add", cmd_user_add)
    sp.add_argument("name")
    sp.add_argument(
        "--role",
        required=True,
        choices=("director", "street_supervisor", "centre_supervisor", "admin"),
    )
    sp.add_argument("--unit", required=True)
    sp.add_argument("--display-name")
    sp = g.add("passwd", cmd_user_passwd)
    sp.add_argument("name")
    rekey_options(sp, folders=True)
    sp = g.add("deactivate", cmd_user_deactivate)
    sp.add_argument("name")
    rekey_options(sp, folders=True)
    sp = g.add("list", cmd_user_list)
    sp.add_argument("--json", action="store_true")
