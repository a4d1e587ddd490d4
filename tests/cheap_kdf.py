"""Cheap Argon2 parameters for the test suite, installed by the test code itself (conftest fixtures,
and the helper scripts tests start in other processes). Nothing in the environment can do this to a
real store: the program has no switch for it."""

from __future__ import annotations

from hexi_care.db import keys

REAL_CALIBRATE = keys.KdfParams.calibrate
REAL_FLOOR = keys.FLOOR


def _cheap(target_seconds: float = keys.TARGET_SECONDS) -> keys.KdfParams:
    return keys.KdfParams.fast()


def install() -> None:
    """New slots get t=1, m=8 KiB, and unlock does not rewrite them (the floor is lowered too)."""
    keys.KdfParams.calibrate = staticmethod(_cheap)  # type: ignore[method-assign]
    keys.FLOOR = keys.KdfParams.fast()


def uninstall() -> None:
    keys.KdfParams.calibrate = staticmethod(REAL_CALIBRATE)  # type: ignore[method-assign]
    keys.FLOOR = REAL_FLOOR
