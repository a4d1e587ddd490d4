"""The guard against the bindings' None/True/False reference bug keeps a long session alive."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel

from hexi_care.ui import refguard


def test_many_void_calls_do_not_abort(qtbot) -> None:
    lab = QLabel()
    qtbot.addWidget(lab)
    for _ in range(200_000):  # far more than None's natural reference count on Python 3.11
        lab.setText("甲")
        lab.setVisible(False)
    assert sys.getrefcount(None) > 0


def test_top_up_is_idempotent() -> None:
    refguard.top_up()
    assert refguard.top_up() == 0  # already far above the floor (or not needed at all)
    if refguard.NEEDED:
        assert sys.getrefcount(None) >= refguard.FLOOR
