"""Fixtures of the exchange tests: a centre and two enrolled laptops, copied fresh for each test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.exchange_helpers import Net, Template, build_template, open_net


@pytest.fixture(scope="session")
def net_template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    return build_template(tmp_path_factory.mktemp("net-template"))


@pytest.fixture
def net(net_template: Template, tmp_path: Path) -> Iterator[Net]:
    n = open_net(net_template, tmp_path / "net")
    yield n
    n.close()
