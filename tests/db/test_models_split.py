"""The case records are declared in hexi_care.db.casework_models, loaded the first time one is
asked for from hexi_care.db.models: a command that reads only the register does not declare
them at start-up (issue 8), and code that walks every table still sees every table."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from hexi_care.db import casework_models, models, sync_models
from hexi_care.db.base import Base
from hexi_care.db.keys import kdf_floor
from hexi_care.db.store import create_store
from hexi_care.services import units, users
from hexi_care.services.context import UnitOfWork
from hexi_care.services.reference import seed_reference


def declared_in(module: ModuleType) -> set[str]:
    return {
        name
        for name, obj in inspect.getmembers(module, inspect.isclass)
        if issubclass(obj, Base) and obj is not Base and obj.__module__ == module.__name__
    }


def test_the_lazy_names_are_exactly_the_models_declared_apart() -> None:
    assert declared_in(casework_models) == set(casework_models.__all__) == models.CASEWORK_MODELS
    assert not declared_in(models) & models.CASEWORK_MODELS


@pytest.mark.parametrize("name", sorted(models.CASEWORK_MODELS))
def test_each_is_reached_through_models(name: str) -> None:
    assert getattr(models, name) is getattr(casework_models, name)


def test_an_unknown_name_is_still_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="Vist"):
        models.Vist  # noqa: B018


def test_all_tables_holds_every_declared_table() -> None:
    declared = {
        cls.__tablename__
        for module in (models, casework_models, sync_models)
        for cls in (getattr(module, n) for n in declared_in(module))
    }
    assert set(models.all_tables()) == declared
    assert models.load_all() is Base.metadata


PROBE = """
import io, sys
from hexi_care.cli import run
code = run({argv!r}, io.StringIO("centre-pass-1\\n"), io.StringIO(), io.StringIO())
print("EXIT", code)
print("LOADED", "hexi_care.db.casework_models" in sys.modules)
from hexi_care.db.models import Visit
print("AFTER", "hexi_care.db.casework_models" in sys.modules, Visit.__tablename__)
"""


def test_listing_children_does_not_declare_the_case_records(tmp_path: Path) -> None:
    path = tmp_path / "s.hexi"
    made = create_store(
        path, admin_name="admin", admin_password="admin-pass-1", kdf=kdf_floor(),
        seed_reference=seed_reference,
    )  # fmt: skip
    try:
        with UnitOfWork(made.store) as uow:
            district = units.resolve_unit(uow, "河西区")
            users.add_user(
                uow, "centre", "centre_supervisor", district.id, "centre-pass-1", kdf=kdf_floor()
            )
    finally:
        made.store.lock()
    argv = ["--store", str(path), "--user", "centre", "--password-stdin", "child", "list", "--json"]
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[-3:] == ["EXIT 0", "LOADED False", "AFTER True visit"]
