"""Garbage cycles are collected on the GUI thread (ui/gc_guard.py): automatic collection is off
while the window runs, and the timer collects with the collector's own thresholds."""

from __future__ import annotations

import gc
import threading
import weakref

from hexi_care.ui import gc_guard


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector frees it


def test_automatic_collection_is_off_and_the_timer_collects(qtbot, qapp) -> None:
    collector = gc_guard.install(qapp)
    assert not gc.isenabled()
    assert gc_guard.install(qapp) is collector  # once per application
    seen: list[str] = []

    class Watched(Node):
        def __del__(self) -> None:
            seen.append(threading.current_thread().name)

    ref = weakref.ref(Watched())
    assert ref() is not None  # automatic collection would have found it by now, or soon
    saved = collector.threshold
    collector.threshold = (0, saved[1], saved[2])
    try:
        qtbot.waitUntil(lambda: ref() is None, timeout=5000)
    finally:
        collector.threshold = saved
    assert seen == [threading.main_thread().name]


def test_check_collects_the_oldest_generation_over_its_threshold(qapp) -> None:
    collector = gc_guard.install(qapp)
    saved = collector.threshold
    try:
        collector.threshold = (10**9, 10**9, 10**9)
        assert collector.check() is None
        collector.threshold = (-1, 10**9, 10**9)
        assert collector.check() == 0
        collector.threshold = (-1, -1, -1)
        assert collector.check() == 2
    finally:
        collector.threshold = saved


def test_the_timer_waits_while_a_service_has_paused_the_collector(qapp) -> None:
    from hexi_care.services import collector as service_collector

    collector = gc_guard.install(qapp)
    saved = collector.threshold
    try:
        collector.threshold = (-1, -1, -1)
        with service_collector.paused():
            assert collector.check() is None
        assert not gc.isenabled()  # the window's setting kept: the timer collects, not Python
        assert collector.check() == 2
    finally:
        collector.threshold = saved
