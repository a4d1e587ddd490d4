"""A named logger per area, to a rotating file in the platform's log folder. Records carry ids and
event names only: never names, ID numbers, passwords or keys."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from hexi_care.paths import log_dir

_configured: Path | None = None


def setup(level: int = logging.INFO) -> Path:
    """Configure logging once; returns the log file's path."""
    global _configured
    if _configured is not None:
        return _configured
    folder = log_dir()
    path = folder / "hexi-care.log"
    root = logging.getLogger("hexi_care")
    root.setLevel(level)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root.addHandler(handler)
    root.propagate = False
    _configured = path
    return path
