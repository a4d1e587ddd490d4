"""What users install, built once per test session from a copy of the checkout and tried from
outside it: the wheel (in a fresh virtual environment), the frozen one-folder program and the .deb.

The builds take a few minutes on two cores; the frozen folder is made once and shared by the
frozen-program and .deb tests. Figures (sizes, start-up) are printed at the end of the run.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from hexi_care import __version__

from .smoke import CHECKOUT, FIGURES, note

#: Not part of a source tree a user would build from (and nothing built beforehand: the builds
#: must compile the translations themselves).
NOT_SOURCE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "var",
    "dist",
    "build",
    "*.egg-info",
    "__pycache__",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".hypothesis",
    "_resources",
    "*.qm",
)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if FIGURES:
        terminalreporter.section("installed program")
        for line in FIGURES:
            terminalreporter.write_line(line)


def run(cmd: list[str], cwd: Path, timeout: float = 1800) -> str:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{cmd[:4]} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc.stdout


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


@pytest.fixture(scope="session")
def version() -> str:
    return __version__


@pytest.fixture(scope="session")
def source_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean copy of the checkout (as a fresh clone would have it)."""
    dst = tmp_path_factory.mktemp("source") / "hexi-care"
    shutil.copytree(CHECKOUT, dst, ignore=NOT_SOURCE, symlinks=True)
    return dst


@pytest.fixture(scope="session")
def wheel(source_tree: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built as `pip wheel .` builds it (isolated build environment)."""
    out = tmp_path_factory.mktemp("wheel")
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), "."], source_tree)
    (whl,) = out.glob("hexi_care-*.whl")
    note(f"wheel: {whl.name}, {whl.stat().st_size / 1e6:.1f} MB")
    return whl


@pytest.fixture(scope="session")
def frozen(source_tree: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The frozen one-folder program (installer/hexi-care.spec), built once per session."""
    dist = tmp_path_factory.mktemp("frozen")
    work = tmp_path_factory.mktemp("pyinstaller-work")
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(source_tree / "installer" / "hexi-care.spec"),
        ],
        source_tree,
    )
    folder = dist / "hexi-care"
    note(f"frozen folder: {folder_size(folder) / 2**20:.0f} MiB")
    return folder


@pytest.fixture
def outside(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A pretend user's home and a working folder, both outside the checkout."""
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    assert not tmp_path.resolve().is_relative_to(CHECKOUT)
    yield home, work
