"""Alembic migrations kept inside the package and applied when a store opens.

Opening a store that is already up to date does not load Alembic (0.1 s of every start): the
revision chain is read from the version files' own `revision` / `down_revision` lines and the
store's revision from its `alembic_version` table; Alembic runs when there is work to do, or
when the files say something that plain reading does not cover (branches, computed values).
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from hexi_care.errors import StoreTooNew

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).parent / "migrations"
_UNKNOWN = object()


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@functools.cache
def _chain_from_files() -> dict[str, str | None] | None:
    """revision → down_revision of every version file, or None if one is not a plain linear step."""
    chain: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        if path.name.startswith("__"):
            continue
        values: dict[str, object] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            target: ast.expr | None = node.target if isinstance(node, ast.AnnAssign) else None
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
            value = getattr(node, "value", None)
            if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
                values[target.id] = value.value if isinstance(value, ast.Constant) else _UNKNOWN
        revision, down = values.get("revision"), values.get("down_revision", _UNKNOWN)
        if not isinstance(revision, str) or not (down is None or isinstance(down, str)):
            return None
        chain[revision] = down
    heads = set(chain) - {d for d in chain.values() if d is not None}
    return chain if len(heads) == 1 else None


def _script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def known_revisions() -> set[str]:
    chain = _chain_from_files()
    if chain is not None:
        return set(chain)
    return {s.revision for s in _script_directory().walk_revisions()}


def head_revision() -> str:
    chain = _chain_from_files()
    if chain is not None:
        (head,) = set(chain) - {d for d in chain.values() if d is not None}
        return head
    found = _script_directory().get_current_head()
    assert found is not None
    return str(found)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        if len(rows) <= 1:
            return str(rows[0]) if rows else None
        from alembic.runtime.migration import MigrationContext  # several heads: its error

        return MigrationContext.configure(conn).get_current_revision()


def needs_upgrade(engine: Engine) -> bool:
    current = current_revision(engine)
    if current is not None and current not in known_revisions():
        raise StoreTooNew()
    return current != head_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    if engine.dialect.name != "sqlite":
        # PostgreSQL alters tables in place and checks foreign keys as it goes; the hub's schema
        # owner runs this (the program's own role has no DDL rights there).
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), revision)
        return
    # Batch mode recreates tables; foreign keys must be off for that and checked afterwards.
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")  # outside any transaction, or SQLite ignores it
        try:
            with conn.begin():
                command.upgrade(alembic_config(conn), revision)
                bad = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if bad:
                    raise RuntimeError(f"migration left {len(bad)} dangling references")
        finally:
            raw.execute("PRAGMA foreign_keys = ON")
