"""The statistics' quick hand-over of Python's lock (statistics._quick_turns) is the process's
setting: it is put back when the last statistics read at the same time ends, whatever the order."""

from __future__ import annotations

import sys

import pytest

from hexi_care.services.statistics import _quick_turns


def test_the_interval_is_put_back_by_the_last_one_out() -> None:
    before = sys.getswitchinterval()
    first, second = _quick_turns(), _quick_turns()
    first.__enter__()
    assert sys.getswitchinterval() == pytest.approx(0.0001)
    second.__enter__()
    first.__exit__(None, None, None)  # the first ends while the second still reads
    assert sys.getswitchinterval() == pytest.approx(0.0001)
    second.__exit__(None, None, None)
    assert sys.getswitchinterval() == pytest.approx(before)


def test_an_error_inside_puts_it_back() -> None:
    before = sys.getswitchinterval()
    with pytest.raises(RuntimeError), _quick_turns():
        raise RuntimeError("boom")
    assert sys.getswitchinterval() == pytest.approx(before)
