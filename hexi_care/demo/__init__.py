"""`./scripts/demo`: make the demo store once (var/demo/demo.hexi) and open the window on it.

The store-making part is Qt-free (the benchmark reuses it); the window part lives in
`hexi_care.ui.demo`, which shows a cancellable progress dialog while the data is generated and then
opens the unlock dialog prefilled with the demo director.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the database code loads only when a store is made (start-up stays quick)
    from hexi_care.db.keys import KdfParams
    from hexi_care.services.context import UnitOfWork

DEMO_PASSWORD = "demo1234"  # = hexi_care.services.demo.DEMO_PASSWORD (a test keeps them equal)
DEMO_ADMIN = "demo-admin"
DEMO_DIRECTOR = "demo-director"
DEMO_STREET = "demo-street"
DEMO_CENTRE = "demo-centre"
DEMO_STREET_NAME = "大营门街"
DEFAULT_CHILDREN = 2000
DEFAULT_SEED = 7

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class DemoUsers:
    director: str = DEMO_DIRECTOR
    street: str = DEMO_STREET
    centre: str = DEMO_CENTRE
    admin: str = DEMO_ADMIN
    password: str = DEMO_PASSWORD


def default_demo_path() -> Path:
    """var/demo/demo.hexi in a checkout (./scripts/demo); the user's data folder when installed
    (never beside the installed program, which may be read-only and is replaced on upgrade)."""
    env = os.environ.get("HEXI_CARE_DEMO_STORE")
    if env:
        return Path(env)
    root = Path(__file__).resolve().parent.parent
    if (root / "setup.cfg").is_file():
        return root / "var" / "demo" / "demo.hexi"
    from hexi_care.paths import data_dir

    return data_dir() / "demo" / "demo.hexi"


def keys_path(path: Path) -> Path:
    """The store's key-slot file (hexi_care.db.storefiles names every file beside a store)."""
    from hexi_care.db import storefiles

    return storefiles.keys_path(path)


def demo_store_exists(path: Path) -> bool:
    return path.exists() and keys_path(path).exists()


def remove_store_files(path: Path) -> None:
    """Remove a half-made demo store (cancelled or failed), so the next start makes it afresh."""
    from hexi_care.db import storefiles

    for p in storefiles.store_files(path):
        p.unlink(missing_ok=True)


def create_demo_store(
    path: Path,
    *,
    children: int = DEFAULT_CHILDREN,
    seed: int = DEFAULT_SEED,
    kdf: KdfParams | None = None,
    progress: Progress | None = None,
) -> DemoUsers:
    """Create the store, its synthetic data and the three demo users (password demo1234).

    Steps are reported to `progress` by name: "calibrate", "create", "generate", "users".
    """
    from hexi_care.db.keys import KdfParams
    from hexi_care.db.store import create_store
    from hexi_care.domain.enums import UnitKind
    from hexi_care.services import demo, units, users
    from hexi_care.services.context import UnitOfWork
    from hexi_care.services.reference import seed_reference

    say = progress or (lambda _step: None)
    say("calibrate")
    params = kdf or KdfParams.calibrate()
    say("create")
    created = create_store(
        path,
        admin_name=DEMO_ADMIN,
        admin_password=DEMO_PASSWORD,
        kdf=params,
        seed_reference=seed_reference,
    )
    store = created.store
    try:
        say("generate")
        demo.generate(store, children=children, seed=seed)
        say("users")
        # The administrator's own scope holds no children: pick the community unscoped.
        with UnitOfWork(store, system=True) as sys_uow:
            street = units.resolve_unit(sys_uow, DEMO_STREET_NAME)
            community = _busiest_community(sys_uow, street.id)
        with UnitOfWork(store) as uow:
            district = next(u for u in units.list_units(uow) if u.kind == UnitKind.DISTRICT)
            for name, role, unit, display in (
                (DEMO_DIRECTOR, "director", community, "演示儿童主任"),
                (DEMO_STREET, "street_supervisor", street.id, "演示儿童督导员"),
                (DEMO_CENTRE, "centre_supervisor", district.id, "演示区未保中心"),
            ):
                users.add_user(
                    uow,
                    name,
                    role,
                    unit,
                    DEMO_PASSWORD,
                    display_name=display,
                    kdf=params,
                    published_password=True,
                )
            uow.audit("create", "store", None, "demo")
    finally:
        store.lock()
    return DemoUsers()


def _busiest_community(uow: UnitOfWork, street_id: str) -> str:
    """The community of the street with the most children (the demo director's)."""
    from sqlalchemy import func, select

    from hexi_care.db import models as m
    from hexi_care.services import units

    row = uow.session.execute(
        select(m.OrgUnit.id, func.count(m.Child.id))
        .join(m.Child, m.Child.community_id == m.OrgUnit.id)
        .where(m.OrgUnit.parent_id == street_id)
        .group_by(m.OrgUnit.id)
        .order_by(func.count(m.Child.id).desc(), m.OrgUnit.id)
        .limit(1)
    ).first()
    if row is None:
        return units.add_unit(uow, "紫金里社区", street_id).id
    return str(row[0])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="demo", description="Open hexi-care on a demo store.")
    parser.add_argument("--store", type=Path, default=None, help="demo store path")
    parser.add_argument("--children", type=int, default=DEFAULT_CHILDREN)
    parser.add_argument("--lang", choices=("zh", "en"), default=None)
    args, rest = parser.parse_known_args(list(sys.argv[1:] if argv is None else argv))
    # Imported by name: the window package is checked less strictly than the core (pyproject's
    # mypy exclude), and a plain import would pull it into the strict check.
    run_demo = importlib.import_module("hexi_care.ui.demo").run_demo
    code: int = run_demo(
        args.store or default_demo_path(), children=args.children, lang=args.lang, qt_args=rest
    )
    return code


if __name__ == "__main__":
    sys.exit(main())
