"""Attack tests: each plays the attacker end to end against real stores, files and processes.

The exchange network (a centre and two enrolled laptops) comes from the exchange tests' fixtures."""

from __future__ import annotations

from tests.sync.conftest import net, net_template

__all__ = ["net", "net_template"]
