"""Alembic migrations kept inside the package and applied when a store opens.

Opening a store that is already up to date does not load Alembic (0.1 s of every start): the
revision chain is read from the version files' own `revision` / `down_revision` lines and the
store's revision from its `alembic_version` table; Alembic runs when there is work to do, or
when the files say something that plain reading does not cover (branches, computed values).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from hexi_care.errors import StoreTooNew

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).parent / "migrations"


#: Indexes the hub has beside the models (migration 0016: built on PostgreSQL's own expressions
#: and operator classes). Comparing a schema with the models leaves them out.
HUB_ONLY_INDEXES = frozenset(
    {
        "ix_child_name_grams",
        "ix_child_pinyin_prefix",
        "ix_child_initials_prefix",
        "ix_child_id_tail_reversed",
    }
)


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Alembic's filter for comparing a schema with the models (see HUB_ONLY_INDEXES)."""
    return not (type_ == "index" and reflected and name in HUB_ONLY_INDEXES)


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


# `revision: str = "0006"` and `down_revision: str | None = "0005"` (or None) at the start of a
# line, as Alembic writes them. Reading the two lines is much cheaper than Alembic's loading of
# every script, which every command would otherwise pay to learn whether the store is current.
_ASSIGNMENT = re.compile(
    r"""^(revision|down_revision)[ \t]*(?::[^=\n]*)?=[ \t]*(None|"([^"\n]*)"|'([^'\n]*)')[ \t]*$""",
    re.MULTILINE,
)


@functools.cache
def _chain_from_files() -> dict[str, str | None] | None:
    """revision → down_revision of every version file, or None if one is not a plain linear step
    (then Alembic itself reads the scripts)."""
    chain: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        if path.name.startswith("__"):
            continue
        values: dict[str, list[str | None]] = {"revision": [], "down_revision": []}
        for m in _ASSIGNMENT.finditer(path.read_text(encoding="utf-8")):
            values[m.group(1)].append(None if m.group(2) == "None" else (m.group(3) or m.group(4)))
        revisions, downs = values["revision"], values["down_revision"]
        if len(revisions) != 1 or len(downs) != 1 or revisions[0] is None:
            return None
        chain[revisions[0]] = downs[0]
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
