"""The wheel: every module and resource ships, and the program installed from it into a fresh
virtual environment outside the checkout passes the smoke test."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import run
from .smoke import CHECKOUT, Installed, note, smoke

pytestmark = pytest.mark.slow


def test_the_wheel_holds_every_module_and_the_built_resources(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    package = CHECKOUT / "hexi_care"
    modules = {
        p.relative_to(CHECKOUT).as_posix()
        for p in package.rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert modules - names == set()  # e.g. hexi_care/db/* without hexi_care/db/__init__.py
    assert "hexi_care/_resources/i18n/hexi_care_zh_CN.qm" in names  # compiled at build time
    fonts = {n.rsplit("/", 1)[1] for n in names if n.startswith("hexi_care/_resources/fonts/")}
    assert {"NotoSansSC-Regular.ttf", "NotoSansSC-Bold.ttf", "HanaMinB.ttf"} <= fonts
    assert not any(n.endswith(".ts") for n in names)


def test_the_installed_wheel_passes_the_smoke_test(
    wheel: Path, version: str, outside: tuple[Path, Path], tmp_path: Path
) -> None:
    home, work = outside
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)], work)
    run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], work)
    app = Installed(
        cli=[str(venv / "bin" / "hexi-care")],
        gui=[str(venv / "bin" / "hexi-care-gui")],
        home=home,
        work=work,
    )
    # The program and its resources come from the environment, never from the checkout.
    where = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import hexi_care, hexi_care.resources as r, hexi_care.demo as d;"
            "print(hexi_care.__file__); print(r.resources_dir()); print(d.default_demo_path())",
        ],
        capture_output=True,
        text=True,
        cwd=work,
        env=app.environ(),
        check=True,
    ).stdout.split()
    assert all(Path(p).is_relative_to(venv) for p in where[:2]), where
    assert Path(where[2]).is_relative_to(home), where  # the demo store goes to the user's folder
    result = smoke(app, version)
    note(f"wheel smoke: ok (window to unlock dialog {result.window_seconds:.2f} s)")
