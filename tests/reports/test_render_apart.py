"""Documents rendered in a helper process (reports/apart.py): the same document as rendered here,
from another process that exits when idle or stopped; a helper that died is replaced by
rendering here; the words of the documents travel intact."""

from __future__ import annotations

import logging
import os
import pickle
import signal
import time
from collections.abc import Iterator

import pytest

from hexi_care.reports import apart
from hexi_care.reports.labels import EN, ZH
from hexi_care.reports.summary import render_summary

from . import samples
from .pdfcheck import all_text

SUMMARY = "hexi_care.reports.summary:render_summary"


@pytest.fixture
def helper(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(apart, "IDLE_SECONDS", 60.0)
    apart.stop()
    yield
    apart.stop()


def gone(pid: int, timeout: float = 20.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        try:  # reaped by now, or a zombie of ours: either way not running
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done == pid:
                return True
        except ChildProcessError:
            return True
        time.sleep(0.05)
    return False


def test_the_same_document_from_another_process(helper: None) -> None:
    data, meta = samples.summary(), samples.meta()
    here = render_summary(data, meta, labels=EN) or b""
    there = apart.render_apart(SUMMARY, data, meta, labels=EN)
    assert there.startswith(b"%PDF-")
    assert all_text(there) == all_text(here)
    pid = apart.render_apart("os:getpid")
    assert isinstance(pid, int) and pid != os.getpid()
    assert apart.running()


def test_the_helper_exits_when_idle_and_when_stopped(
    helper: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(apart, "IDLE_SECONDS", 0.3)
    pid = apart.render_apart("os:getpid")
    assert gone(pid) and not apart.running()
    pid = apart.render_apart("os:getpid")
    assert pid != os.getpid() and apart.running()
    apart.stop()  # the window locks: at once
    assert not apart.running() and gone(pid)


def test_a_helper_that_died_is_replaced_by_rendering_here(
    helper: None, caplog: pytest.LogCaptureFixture
) -> None:
    pid = apart.render_apart("os:getpid")
    os.kill(pid, signal.SIGKILL)
    assert gone(pid)
    with caplog.at_level(logging.WARNING, logger="hexi_care.reports"):
        pdf = apart.render_apart(SUMMARY, samples.summary(), samples.meta(), labels=ZH)
    assert pdf.startswith(b"%PDF-") and "走访情况小结" in all_text(pdf)
    assert any("rendering here" in r.getMessage() for r in caplog.records)
    # The next document gets a new helper.
    assert apart.render_apart("os:getpid") not in (pid, os.getpid())


@pytest.mark.parametrize("labels", [ZH, EN], ids=["zh", "en"])
def test_the_words_travel_intact(labels: object) -> None:
    back = pickle.loads(pickle.dumps(labels))
    assert back == labels
