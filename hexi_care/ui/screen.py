"""Window sizes that fit the screen: a window asks for its preferred size and gets at most the
screen's available area (the screen less taskbars and panels) less its own frame, centred there.

Laptops in the field have 1366x768 screens with a 40 px taskbar; district offices project at 1280x720.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

# Title bar and borders before the window manager has framed the window (a typical decorated frame;
# the real frame is used once the window has been shown).
FRAME_ALLOWANCE = QMargins(4, 32, 4, 4)


def fitted_rect(preferred: QSize, available: QRect, frame: QMargins = FRAME_ALLOWANCE) -> QRect:
    """The client rectangle for a window that would like `preferred`: as large as that but no larger
    than `available` less `frame`, centred in `available` with its frame inside it."""
    room = available.marginsRemoved(frame)
    w = max(1, min(preferred.width(), room.width()))
    h = max(1, min(preferred.height(), room.height()))
    x = room.x() + (room.width() - w) // 2
    y = room.y() + (room.height() - h) // 2
    return QRect(x, y, w, h)


def screen_of(win: QWidget) -> QScreen | None:
    """The screen a window is (or will be) on: its parent's, its own, else the primary one."""
    parent = win.parentWidget()
    screen = (parent.window().screen() if parent is not None else None) or win.screen()
    return screen or QGuiApplication.primaryScreen()


def frame_margins(win: QWidget) -> QMargins:
    """The window's real frame once shown and framed; the allowance before."""
    if win.isVisible():
        fg, g = win.frameGeometry(), win.geometry()
        m = QMargins(g.left() - fg.left(), g.top() - fg.top(), fg.right() - g.right(), 0)
        m.setBottom(fg.bottom() - g.bottom())
        if m.top() > 0:
            return m
    return FRAME_ALLOWANCE


def fit_to_screen(win: QWidget, width: int, height: int) -> None:
    """Size `win` to (width, height) or as much of it as its screen's available area holds, centred
    there. Call before show() and again after restoreGeometry() from a larger screen."""
    screen = screen_of(win)
    if screen is None:
        win.resize(width, height)
        return
    frame = frame_margins(win)
    rect = fitted_rect(QSize(width, height), screen.availableGeometry(), frame)
    win.resize(rect.size())
    # move() places the frame's top-left corner for a top-level window.
    win.move(rect.topLeft() - QPoint(frame.left(), frame.top()))


def keep_on_screen(win: QWidget) -> None:
    """After restoreGeometry(): a window saved on a larger or another screen shrinks and moves back
    into the available area of the screen it is on now."""
    screen = screen_of(win)
    if screen is None:
        return
    avail = screen.availableGeometry()
    frame = frame_margins(win)
    room = avail.marginsRemoved(frame)
    geo = win.geometry()
    if room.contains(geo):
        return
    fit_to_screen(win, min(geo.width(), room.width()), min(geo.height(), room.height()))
