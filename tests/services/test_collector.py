"""The collector paused while a service builds a large result (services/collector.py): pauses
nest and overlap across threads, and the collector comes back only as it was before."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from hexi_care.services import collector


@pytest.fixture
def enabled() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if was:  # as it was before the test, whatever the test did
        gc.enable()
    else:
        gc.disable()


def test_a_pause_turns_it_off_and_back_on(enabled: None) -> None:
    with collector.paused():
        assert not gc.isenabled()
        assert collector.is_paused()
    assert gc.isenabled()
    assert not collector.is_paused()


def test_nested_pauses_end_with_the_outer_one(enabled: None) -> None:
    with collector.paused():
        with collector.paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off(enabled: None) -> None:
    gc.disable()
    with collector.paused():
        pass
    assert not gc.isenabled()


def test_overlapping_pauses_in_two_threads(enabled: None) -> None:
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with collector.paused():
            inside.set()
            release.wait(10)

    t = threading.Thread(target=other)
    with collector.paused():
        t.start()
        assert inside.wait(10)
    assert not gc.isenabled()  # the other thread's pause still runs
    release.set()
    t.join(10)
    assert gc.isenabled()


def test_an_error_inside_ends_the_pause(enabled: None) -> None:
    @collector.pausing
    def fails() -> None:
        assert not gc.isenabled()
        raise ValueError("x")

    with pytest.raises(ValueError, match="x"):
        fails()
    assert gc.isenabled()
