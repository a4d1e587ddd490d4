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


def resources_dir() -> Path:
    """The folder holding `fonts/`, `i18n/` …

    Order: the `HEXI_CARE_RESOURCES` environment variable; a PyInstaller bundle's `resources/`;
    the source tree's `resources/` beside the `hexi_care` package; an installed wheel's
    `share/hexi-care/resources` in the environment.
    """
    env = os.environ.get(RESOURCES_ENV, "").strip()
    if env:
        return Path(env)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if isinstance(frozen_root, str):
        return Path(frozen_root) / "resources"
    source_tree = Path(__file__).resolve().parent.parent / "resources"
    if source_tree.is_dir():
        return source_tree
    # An installed wheel puts them under the environment's share/ (setup.cfg data_files).
    return Path(sys.prefix) / "share" / "hexi-care" / "resources"


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
