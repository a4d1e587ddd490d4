"""Load the bundled CJK fonts at start (QFontDatabase), so Chinese shows on a machine without CJK
fonts and screen and paper agree. The paths come from hexi_care.resources, shared with the reports."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from hexi_care.resources import BUNDLED_FONTS

log = logging.getLogger("hexi_care.ui")

_loaded: list[str] | None = None


def load_bundled_fonts() -> list[str]:
    """Register every bundled font once; returns the families in fallback order."""
    global _loaded
    if _loaded is not None:
        return _loaded
    families: list[str] = []
    for font in BUNDLED_FONTS:
        if not font.path.exists():
            log.warning("bundled font missing: %s", font.filename)
            continue
        fid = QFontDatabase.addApplicationFont(str(font.path))
        if fid < 0:
            log.warning("bundled font could not be loaded: %s", font.filename)
            continue
        for fam in QFontDatabase.applicationFontFamilies(fid):
            if fam not in families:
                families.append(fam)
    _loaded = families
    return families


def apply_app_font(app: QApplication, point_size: float = 10.0) -> QFont:
    """The bundled faces first (main, rare characters, symbols), then whatever the system has."""
    families = load_bundled_fonts()
    font = QFont(app.font())
    if families:
        font.setFamilies([*families, *font.families()])
    font.setPointSizeF(point_size)
    app.setFont(font)
    return font
