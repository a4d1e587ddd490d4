"""The collector paused while a command starts (hexi_care.cli.common._StartupGc): it runs again,
with what start-up loaded frozen, once the command has what it needs; a program that calls `run`
itself keeps its own collector as it was."""

from __future__ import annotations

import gc
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from hexi_care.cli import run
from hexi_care.cli.common import pause_gc_while_starting


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "s.hexi"
    code = run(
        ["--store", str(path), "--password-stdin", "init", "--admin", "admin"],
        io.StringIO("admin-pass-1\n"),
        io.StringIO(),
        io.StringIO(),
    )
    assert code == 0
    return path


@pytest.fixture
def collector() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()
    gc.enable()


def user_list(store: Path) -> int:
    argv = ["--store", str(store), "--user", "admin", "--password-stdin", "user", "list"]
    return run(argv, io.StringIO("admin-pass-1\n"), io.StringIO(), io.StringIO())


def test_the_collector_runs_again_once_the_store_is_open(store: Path, collector: None) -> None:
    pause_gc_while_starting()
    assert not gc.isenabled()
    assert user_list(store) == 0
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_a_refused_command_also_ends_the_pause(store: Path, collector: None) -> None:
    pause_gc_while_starting()
    argv = ["--store", str(store), "--user", "admin", "--password-stdin", "user", "list"]
    assert run(argv, io.StringIO("wrong-password\n"), io.StringIO(), io.StringIO()) == 3
    assert gc.isenabled()


def test_run_inside_another_program_leaves_its_collector_alone(
    store: Path, collector: None
) -> None:
    assert gc.isenabled()
    assert user_list(store) == 0
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
