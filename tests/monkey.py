"""One seeded monkey for the robustness test and the long memory benchmark.

Random taps on visible buttons, keys, taps anywhere, rotations, text sizes and visit
resets, reproducible from the seed. :func:`run_in_event_loop` drives it from a running Qt
event loop, as the kiosk's own ``app.exec()`` would: deferred deletions
(``deleteLater``) happen between actions exactly as in the kiosk. Driving widgets from a
plain loop with ``processEvents`` never runs them, so every replaced tile and button
would stay alive and look like a leak.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from kiosk.vocabulary import FONT_SCALES

KEYS = (
    Qt.Key.Key_Tab,
    Qt.Key.Key_Backtab,
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_Return,
    Qt.Key.Key_Space,
    Qt.Key.Key_Escape,
    Qt.Key.Key_A,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
)
SIZES = ((1080, 1920), (1920, 1080))


class Monkey:
    """Seeded random actions on a kiosk window (anything with ``.kiosk`` and widgets)."""

    def __init__(
        self, window: QWidget, seed: int, extra: Callable[[random.Random], None] | None = None
    ) -> None:
        self.window = window
        self.rng = random.Random(seed)
        self.extra = extra  # one more kind of action (e.g. opening a video), 3 % of rolls
        self.count = 0

    def act(self) -> None:
        """One action, chosen by the seed's next roll."""
        window, rng = self.window, self.rng
        roll = rng.random()
        if roll < 0.55:
            buttons = [b for b in window.findChildren(QAbstractButton) if b.isVisible() and b.isEnabled()]
            if buttons:
                QTest.mouseClick(rng.choice(buttons), Qt.MouseButton.LeftButton)
        elif roll < 0.75:
            QTest.keyClick(QApplication.focusWidget() or window, rng.choice(KEYS))
        elif roll < 0.9:
            point = QPoint(rng.randrange(window.width()), rng.randrange(window.height()))
            child = window.childAt(point) or window
            QTest.mouseClick(child, Qt.MouseButton.LeftButton, pos=child.mapFrom(window, point))
        elif self.extra is not None and roll < 0.93:
            self.extra(rng)
        elif roll < 0.95:
            window.resize(*rng.choice(SIZES))
        elif roll < 0.98:
            window.kiosk.session.set_font_scale(rng.choice(FONT_SCALES))  # type: ignore[attr-defined]
        else:
            window.kiosk.end_visit()  # type: ignore[attr-defined]
            window.kiosk.begin_visit()  # type: ignore[attr-defined]
        self.count += 1


def run_in_event_loop(
    monkey: Monkey, actions: int, every: int = 0, sample: Callable[[int], None] | None = None
) -> int:
    """Perform ``actions`` actions one per turn of a running event loop; call
    ``sample(count)`` every ``every`` actions. Returns the number of actions performed."""
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(0)
    done = monkey.count + actions

    def step() -> None:
        if monkey.count >= done:
            timer.stop()
            loop.quit()
            return
        monkey.act()
        if sample is not None and every and monkey.count % every == 0:
            sample(monkey.count)

    timer.timeout.connect(step)
    timer.start()
    loop.exec()
    return monkey.count
