"""Scroll buttons show where there is something to scroll, and only there."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.widgets import ScrollPane, scroll_list


def pane_with_content(qtbot: QtBot, content_height: int) -> tuple[QWidget, ScrollPane]:
    window = QWidget()
    window.resize(600, 900)  # portrait: the buttons under the area
    content = QWidget()
    content.setMinimumHeight(content_height)
    pane = ScrollPane(scroll_list(content))
    pane.set_gap(10)
    QVBoxLayout(window).addWidget(pane)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, pane


def settle(qtbot: QtBot) -> None:
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(20)


def test_buttons_that_cover_a_little_overflow_step_aside(qtbot: QtBot) -> None:
    """Content 2 px taller than the area once the buttons show, with room to spare
    without them (the plan's room panel opened as its screen was made): no buttons, no
    scrolling — while content that needs scrolling keeps them."""
    window, pane = pane_with_content(qtbot, 100)
    settle(qtbot)
    area = pane.area
    assert not pane.buttons.isVisible()  # nothing to scroll
    full = area.viewport().height()
    content = area.widget()
    assert content is not None
    content.setMinimumHeight(full + 400)  # something to scroll: the buttons show
    settle(qtbot)
    assert pane.buttons.isVisible()
    covered = full - area.viewport().height()
    assert covered > 2 * 2  # they take the area's room
    content.setMinimumHeight(full - covered + 2)  # 2 px over with them, fits without
    settle(qtbot)
    assert not pane.buttons.isVisible()
    assert area.verticalScrollBar().maximum() == 0
    content.setMinimumHeight(full + 1)  # over even without them: they come back
    settle(qtbot)
    assert pane.buttons.isVisible()
    assert area.verticalScrollBar().maximum() > 0
