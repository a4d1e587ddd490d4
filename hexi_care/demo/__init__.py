"""The demo: a store of synthetic data with published users (password demo1234), made once and
reused. Qt-free and without SQL: the store is made through the services (services.setup, the
bulk writer services.demo); `hexi_care.ui.demo` is the window part (`./scripts/demo`), the
screenshots and benchmarks reuse this part."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from hexi_care.db import storefiles

DEMO_PASSWORD = "demo1234"
DEMO_ADMIN = "demo-admin"
DEMO_DIRECTOR = "demo-director"
DEMO_STREET = "demo-street"
DEMO_CENTRE = "demo-centre"
DEMO_STREET_NAME = "大营门街"
DEFAULT_CHILDREN = 2000
DEFAULT_SEED = 7


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
    root = Path(__file__).resolve().parents[2]
    if (root / "setup.cfg").is_file():
        return root / "var" / "demo" / "demo.hexi"
    from hexi_care.paths import data_dir

    return data_dir() / "demo" / "demo.hexi"


def demo_store_exists(path: Path) -> bool:
    return path.exists() and storefiles.keys_path(path).exists()
