"""Build step the declarative setup.cfg cannot express: the bundled resources go inside the package.

Fonts are copied and the Qt Linguist sources (resources/i18n/*.ts) are compiled to .qm with
pyside6-lrelease here, at build time, into `hexi_care/_resources/` of the wheel; nothing is
compiled on the user's machine. hexi_care.resources finds them there.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
FONT_SUFFIXES = (".ttf", ".otf", ".txt", ".md")


def lrelease() -> str:
    """pyside6-lrelease from the build environment (PySide6-Essentials is a build requirement)."""
    try:
        import PySide6  # the binary lives inside the package; the wrapper script may not be on PATH

        inside = Path(PySide6.__file__).parent / (
            "lrelease.exe" if sys.platform == "win32" else "lrelease"
        )
        if inside.exists():
            return str(inside)
    except ImportError:
        pass
    for name in ("pyside6-lrelease", "lrelease"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("pyside6-lrelease not found: the build needs PySide6-Essentials")


def build_resources(out: Path) -> None:
    """Copy the fonts and compile the translations into `out` (hexi_care/_resources)."""
    fonts = out / "fonts"
    i18n = out / "i18n"
    fonts.mkdir(parents=True, exist_ok=True)
    i18n.mkdir(parents=True, exist_ok=True)
    for f in sorted((ROOT / "resources" / "fonts").iterdir()):
        if f.suffix in FONT_SUFFIXES:
            shutil.copy2(f, fonts / f.name)
    tool = lrelease()
    for ts in sorted((ROOT / "resources" / "i18n").glob("*.ts")):
        qm = i18n / ts.with_suffix(".qm").name
        subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True)
        if not qm.exists() or qm.stat().st_size == 0:
            raise SystemExit(f"lrelease made no {qm.name}")


class BuildPyWithResources(build_py):
    def run(self) -> None:
        super().run()
        if not self.editable_mode:  # an editable install reads resources/ from the checkout
            build_resources(Path(self.build_lib) / "hexi_care" / "_resources")


setup(cmdclass={"build_py": BuildPyWithResources})
