"""`hexi-care init`, `store …`, `backup`, `restore` and `audit verify`: the store file itself."""

from __future__ import annotations

from pathlib import Path

from hexi_care.cli.common import Cli, Commands, backup_folder_option, backup_folders, say_rekey
from hexi_care.db.location import shown
from hexi_care.messages import t


def cmd_init(cli: Cli) -> int:
    from hexi_care.services import setup

    password = cli.read_secret("cli.new_password_for", confirm=True, name=cli.args.admin)
    created = setup.create_store(
        cli.store_path,
        admin_name=cli.args.admin,
        admin_password=password,
        district_name=cli.args.district,
        district_code=setup.district_code(cli.args.district, cli.args.district_code),
        centre_key=Path(cli.args.centre_key) if cli.args.centre_key else None,
    )
    created.store.lock()
    cli.say("cli.created", path=shown(cli.store_path))
    cli.say("cli.recovery_notice")
    print(created.recovery_code, file=cli.out)
    return 0


def cmd_store_check(cli: Cli) -> int:
    from hexi_care.db import audit
    from hexi_care.services import security

    store = cli.open()
    problems = store.check()
    with store.system_session() as s:
        chain = audit.verify(s, store.mac_key)
    problems += chain.problems
    weak = security.weak_slots(store)
    if weak:
        problems.append(t("cli.weak_slots", cli.lang, count=weak))
    if security.old_centre_slot(store):
        problems.append(t("store.old_centre_slot", cli.lang))
    if cli.args.json:
        cli.emit_json({"ok": not problems, "problems": problems})
    elif not problems:
        cli.say("cli.check_ok")
    else:
        cli.say("cli.check_bad")
        for p in problems:
            print(f"  {p}", file=cli.out)
    return 0 if not problems else 6


def cmd_store_rekey(cli: Cli) -> int:
    from hexi_care.services import security

    done = security.rekey_store(
        cli.open(),
        delete_old_backups=cli.args.delete_old_backups,
        backup_folders=backup_folders(cli),
    )
    say_rekey(cli, done)
    return 0


def cmd_backup(cli: Cli) -> int:
    from hexi_care.services.context import UnitOfWork

    store = cli.open()
    out = store.backup(Path(cli.args.out))
    with UnitOfWork(store) as uow:
        uow.audit("backup", "store", None)
    if cli.args.json:
        cli.emit_json({"backup": str(out), "size_bytes": out.stat().st_size})
    else:
        cli.say("cli.backup_done", path=str(out))
    return 0


def cmd_restore(cli: Cli) -> int:
    from hexi_care.db import store as store_mod

    name = cli.user_name()
    password = cli.read_secret("cli.password")
    backup_password = (
        cli.read_next_secret("cli.backup_password") if cli.args.backup_password else None
    )
    location = cli.store_path
    if isinstance(location, str):
        from hexi_care.db import hub_backup

        # No store to ask on an empty database: the backup's own slots, as on a new laptop.
        restored = hub_backup.restore_hub(
            Path(cli.args.file),
            location,
            name,
            backup_password or password,
            clock=store_mod.utc_clock,
        )
        if cli.args.json:
            cli.emit_json(
                {
                    "store": shown(location),
                    "rows": restored.counts,
                    "audit_events": restored.audit_events,
                }
            )
        else:
            cli.say("cli.hub_restored", store=shown(location), rows=sum(restored.counts.values()))
        return 0
    kept = store_mod.restore(
        Path(cli.args.file),
        location,
        name,
        password,
        backup_password=backup_password,
        keep_backup_slots=cli.args.keep_backup_keys,
    )
    if kept:
        cli.say("cli.restore_done", path=str(kept))
    else:
        cli.say("cli.restore_done_new")
    return 0


def cmd_audit_verify(cli: Cli) -> int:
    from hexi_care.db import audit

    store = cli.open()
    with store.system_session() as s:
        result = audit.verify(s, store.mac_key)
    if cli.args.json:
        cli.emit_json(
            {
                "ok": result.ok,
                "events": result.events,
                "problems": result.problems,
                "head_seq": result.head.seq,
            }
        )
    elif result.ok:
        cli.say("cli.audit_ok", events=result.events)
    else:
        cli.say("cli.audit_bad")
        for p in result.problems:
            print(f"  {p}", file=cli.out)
    return 0 if result.ok else 6


def register(root: Commands) -> None:
    sp = root.add("init", cmd_init, help="create a store")
    sp.add_argument("--admin", required=True, metavar="NAME")
    sp.add_argument("--district", default="河西区")
    sp.add_argument("--district-code", default=None, help="6-digit address code (河西区: 120103)")
    sp.add_argument("--centre-key", metavar="FILE", help="the centre's recovery public key")

    g = root.group("audit", "the audit trail")
    sp = g.add("verify", cmd_audit_verify)
    sp.add_argument("--json", action="store_true")

    sp = root.add("backup", cmd_backup, help="write an encrypted backup file")
    sp.add_argument("--out", required=True, metavar="FILE")
    sp.add_argument("--json", action="store_true")
    sp = root.add(
        "restore",
        cmd_restore,
        help="replace the store with a verified backup (a hub: into an empty database)",
    )
    sp.add_argument("file", metavar="FILE")
    sp.add_argument("--json", action="store_true")
    sp.add_argument(
        "--backup-password",
        action="store_true",
        help="the backup is older than the last rekey: read its password from the next line",
    )
    sp.add_argument(
        "--keep-backup-keys",
        action="store_true",
        help="bring back the backup's passwords and users instead of keeping today's",
    )
    g = root.group("store", "the store file")
    sp = g.add("check", cmd_store_check)
    sp.add_argument("--json", action="store_true")
    sp = g.add("rekey", cmd_store_rekey)
    sp.add_argument("--delete-old-backups", action="store_true")
    sp.add_argument("--json", action="store_true")
    backup_folder_option(sp)
