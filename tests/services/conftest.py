"""Every test here runs on both stores: the laptop's SQLCipher file and the hub on PostgreSQL."""

from __future__ import annotations

import pytest

from tests.conftest import World


@pytest.fixture
def world(any_world: World) -> World:
    return any_world
