"""Where things live on this machine (platformdirs), overridable for tests and portable installs."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir, user_log_dir

APP = "hexi-care"


def data_dir() -> Path:
    return Path(os.environ.get("HEXI_CARE_DATA") or user_data_dir(APP, appauthor=False))


def default_store() -> Path:
    env = os.environ.get("HEXI_CARE_STORE")
    return Path(env) if env else data_dir() / "store.hexi"


def log_dir() -> Path:
    return Path(os.environ.get("HEXI_CARE_LOGS") or user_log_dir(APP, appauthor=False))
