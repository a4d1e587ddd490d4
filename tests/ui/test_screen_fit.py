"""Windows fit the screen: the size rule (ui.screen) keeps a window inside the screen's available area
with its frame, and at the sizes it gives on a 1366x768 laptop with a 40 px taskbar and on a
1280x720 projector every button of the main window, the child file and the household window is
inside the window (scrolled areas excepted, which must not cut buttons sideways)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QMargins, QPoint, QRect, QSize
from PySide6.QtWidgets import QAbstractButton, QScrollArea, QTabWidget, QWidget

from hexi_care.ui.screen import FRAME_ALLOWANCE, fit_to_screen, fitted_rect
from tests.ui.conftest import wait_idle

# Available areas: a 1366x768 laptop with a 40 px taskbar at the bottom, a 1280x720 projector with
# the same taskbar (the smallest case), and one with the taskbar on the left.
SCREENS = {
    "laptop": QRect(0, 0, 1366, 728),
    "projector": QRect(0, 0, 1280, 680),
    "left_panel": QRect(40, 0, 1240, 720),
}


@given(
    pw=st.integers(1, 4000),
    ph=st.integers(1, 4000),
    ax=st.integers(-2000, 2000),
    ay=st.integers(-2000, 2000),
    aw=st.integers(200, 4000),
    ah=st.integers(200, 3000),
)
def test_the_rule_keeps_the_framed_window_inside_the_available_area(
    pw: int, ph: int, ax: int, ay: int, aw: int, ah: int
) -> None:
    available = QRect(ax, ay, aw, ah)
    rect = fitted_rect(QSize(pw, ph), available, FRAME_ALLOWANCE)
    assert available.contains(rect.marginsAdded(FRAME_ALLOWANCE))
    assert rect.width() == min(pw, aw - 8) and rect.height() == min(ph, ah - 36)
    # Centred: the gaps left and right (top and bottom) differ by at most a pixel.
    framed = rect.marginsAdded(FRAME_ALLOWANCE)
    assert abs((framed.left() - ax) - (available.right() - framed.right())) <= 1
    assert abs((framed.top() - ay) - (available.bottom() - framed.bottom())) <= 1


def test_the_laptop_case_in_numbers() -> None:
    rect = fitted_rect(QSize(1366, 768), SCREENS["laptop"], QMargins(4, 32, 4, 4))
    assert rect == QRect(4, 32, 1358, 692)  # status bar above the taskbar at y=728


def test_a_window_is_moved_and_sized_on_its_screen(qtbot) -> None:
    w = QWidget()
    qtbot.addWidget(w)
    fit_to_screen(w, 5000, 5000)
    avail = w.screen().availableGeometry()
    assert w.size() == avail.marginsRemoved(FRAME_ALLOWANCE).size()
    assert w.pos() == avail.topLeft() + QPoint(0, 0)


def _buttons_cut_off(win: QWidget) -> list[str]:
    """Shown buttons not wholly inside the window (those in a scroll area: not cut sideways)."""
    bad = []
    for b in win.findChildren(QAbstractButton):
        if not b.isVisibleTo(win) or b.width() == 0:
            continue
        area = next(
            (p for p in _ancestors(b, win) if isinstance(p, QScrollArea)),
            None,
        )
        top_left = b.mapTo(win, QPoint(0, 0))
        r = QRect(top_left, b.size())
        if area is not None:
            view = QRect(area.viewport().mapTo(win, QPoint(0, 0)), area.viewport().size())
            ok = view.left() <= r.left() and r.right() <= view.right() + 1
        else:
            ok = win.rect().contains(r)
        if not ok:
            bad.append(f"{b.objectName() or b.text()!r} at {r.getRect()} in {win.size().toTuple()}")
    return bad


def _ancestors(w: QWidget, top: QWidget) -> list[QWidget]:
    out = []
    p = w.parentWidget()
    while p is not None and p is not top:
        out.append(p)
        p = p.parentWidget()
    return out


def _fit(qtbot, win: QWidget, preferred: tuple[int, int], screen: str) -> None:
    rect = fitted_rect(QSize(*preferred), SCREENS[screen])
    win.resize(rect.size())
    win.show()
    qtbot.waitExposed(win)
    qtbot.wait(50)
    hint = win.minimumSizeHint()
    assert hint.width() <= rect.width() and hint.height() <= rect.height(), (
        f"{win.objectName()} needs {hint.toTuple()}, the screen gives {rect.size().toTuple()}"
    )
    assert win.size() == rect.size()


def _tabs_checked(qtbot, win: QWidget) -> list[str]:
    bad = _buttons_cut_off(win)
    for tabs in win.findChildren(QTabWidget):
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            qtbot.wait(20)
            bad += [f"tab {i}: {b}" for b in _buttons_cut_off(win)]
    return bad


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("user", ["dir_a", "street_a"])
def test_main_window_pages_keep_their_buttons(qtbot, make_app, screen: str, user: str) -> None:
    ctx, _hexi, win = make_app(user)
    _fit(qtbot, win, (1366, 768), screen)
    bad = []
    for key in win.page_keys:
        win.show_page(key)
        wait_idle(qtbot, ctx)
        qtbot.wait(20)
        bad += [f"{key}: {b}" for b in _buttons_cut_off(win)]
    assert win.statusBar().isVisible()
    assert win.rect().contains(
        QRect(win.statusBar().mapTo(win, QPoint(0, 0)), win.statusBar().size())
    )
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("screen", SCREENS)
def test_child_file_and_household_keep_their_buttons(
    qtbot, make_app, ui_world, screen: str
) -> None:
    ctx, _hexi, win = make_app("dir_a")
    cf = win.open_child(ui_world.kids_a[0])
    qtbot.waitUntil(lambda: cf.data is not None, timeout=10000)
    _fit(qtbot, cf, (1180, 720), screen)
    bad = _tabs_checked(qtbot, cf)
    # The category buttons are in view on opening, without scrolling.
    cf.show_tab("profile")
    qtbot.wait(20)
    for name in ("add_category", "edit_category", "remove_category"):
        b = cf.findChild(QAbstractButton, name)
        assert b is not None and b.isVisible(), name
        seen = b.visibleRegion().boundingRect()
        assert seen == b.rect(), f"{name}: only {seen.getRect()} of it is in view"
    assert cf.data is not None and cf.data.file.household is not None
    hw = win.open_household(cf.data.file.household.id)
    qtbot.waitUntil(lambda: hw.data is not None, timeout=10000)
    _fit(qtbot, hw, (1000, 680), screen)
    bad += [f"household: {b}" for b in _tabs_checked(qtbot, hw)]
    assert not bad, "\n".join(bad)
