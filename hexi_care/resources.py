"""Where the bundled resources (fonts, translations) live, for the reports and the window alike.

No Qt and no reportlab here: the UI loads the same font files into QFontDatabase, the reports
register them with reportlab, and both ask this module for the paths.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

#: Overrides the resources folder (a frozen build or a test may put it elsewhere).
RESOURCES_ENV = "HEXI_CARE_RESOURCES"


#: Where a built wheel, the frozen program and the .deb carry the resources: inside the package
#: (setup.py copies the fonts and compiles the translations there at build time).
PACKAGED = Path(__file__).resolve().parent / "_resources"
#: The checkout's own folder (a developer's editable install).
SOURCE_TREE = Path(__file__).resolve().parent.parent / "resources"


def resources_dir() -> Path:
    """The folder holding `fonts/`, `i18n/` …

    Order: the `HEXI_CARE_RESOURCES` environment variable; the resources inside the installed
    package (wheel, frozen program, .deb); the checkout's `resources/` (only when this package is
    the checkout's own, so a stray `resources/` beside site-packages is never taken).
    """
    env = os.environ.get(RESOURCES_ENV, "").strip()
    if env:
        return Path(env)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if isinstance(frozen_root, str):
        return Path(frozen_root) / "hexi_care" / "_resources"
    if PACKAGED.is_dir():
        return PACKAGED
    if (SOURCE_TREE.parent / "setup.cfg").is_file():
        return SOURCE_TREE
    return PACKAGED  # missing files are then reported by name where they are needed


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


@dataclass(frozen=True, slots=True)
class BundledFont:
    """One bundled font file and the role it plays."""

    role: str  # main | bold | fallback_sip | fallback_symbols
    filename: str
    family: str  # the family name the font declares (what QFontDatabase reports)

    @property
    def path(self) -> Path:
        return fonts_dir() / self.filename


#: The bundled fonts, in fallback order after the main/bold face. resources/fonts/README.md says
#: where each comes from and under which licence.
BUNDLED_FONTS: tuple[BundledFont, ...] = (
    BundledFont("main", "NotoSansSC-Regular.ttf", "Noto Sans SC"),
    BundledFont("bold", "NotoSansSC-Bold.ttf", "Noto Sans SC"),
    # CJK Extension B–F (outside the Basic Multilingual Plane): rare characters in names (生僻字).
    BundledFont("fallback_sip", "HanaMinB.ttf", "HanaMinB"),
    # Symbols and scripts the CJK faces lack (☑, ✔, arrows, IPA …).
    BundledFont("fallback_symbols", "DejaVuSans.ttf", "DejaVu Sans"),
)


def bundled_font(role: str) -> BundledFont:
    for font in BUNDLED_FONTS:
        if font.role == role:
            return font
    raise KeyError(role)
