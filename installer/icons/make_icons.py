"""Renders installer/icons/hexi-care.svg to the PNG sizes the .deb installs and to the Windows .ico.

Run once after changing the SVG (the outputs are committed):
    .venv/bin/python installer/icons/make_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SIZES = (16, 32, 48, 64, 128, 256)


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(HERE / "hexi-care.svg"))
    for size in SIZES:
        img = QImage(size, size, QImage.Format.Format_ARGB32)
        img.fill(Qt.GlobalColor.transparent)
        painter = QPainter(img)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        img.save(str(HERE / f"hexi-care-{size}.png"))
    biggest = Image.open(HERE / "hexi-care-256.png")
    biggest.save(HERE / "hexi-care.ico", sizes=[(s, s) for s in SIZES])
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
