"""The frozen one-folder program (PyInstaller) passes the smoke test from outside the checkout,
with nothing of the build machine's Python on its path."""

from __future__ import annotations

from pathlib import Path

import pytest

from .smoke import Installed, note, smoke

pytestmark = pytest.mark.slow


def test_the_frozen_program_passes_the_smoke_test(
    frozen: Path, version: str, outside: tuple[Path, Path]
) -> None:
    home, work = outside
    qt = frozen / "_internal" / "PySide6"
    # Qt limited to the modules the window uses.
    assert {p.name.split(".")[0] for p in qt.glob("Qt*.so")} <= {
        "QtCore",
        "QtGui",
        "QtWidgets",
        "QtNetwork",
        "QtPdf",
        "QtPdfWidgets",
        "QtPrintSupport",
    }
    assert not list(frozen.rglob("libQt6Quick*")), "QtQuick came in"
    resources = frozen / "_internal" / "hexi_care" / "_resources"
    assert (resources / "i18n" / "hexi_care_zh_CN.qm").is_file()
    assert (resources / "fonts" / "NotoSansSC-Regular.ttf").is_file()
    app = Installed(
        cli=[str(frozen / "hexi-care")],
        gui=[str(frozen / "hexi-care-gui")],
        home=home,
        work=work,
    )
    result = smoke(app, version)
    note(f"frozen smoke: ok (launch to unlock dialog {result.window_seconds:.2f} s)")
