"""A visitor's walk: home → section → page → linked page → Back → Home."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.session import Location
from kiosk.ui.guard import install_guard
from kiosk.ui.main_window import KioskWindow
from tests.conftest import ContentBuilder, open_kiosk_window, page_text

Make = Callable[[str], ContentBuilder]


@pytest.fixture
def window(qtbot: QtBot, make_content: Make, kiosk_fonts: None) -> KioskWindow:
    c = make_content("nav")
    c.simple(
        "hours",
        "Godziny otwarcia",
        "Opening hours",
        body_pl="Poniedziałek 8–16.",
        body_en="Monday 8–16.",
    )
    c.page(
        "tax",
        "pl",
        page_text("Podatki", "errands", "Zobacz [godziny](page:hours) i [plan](page:gone)."),
    )
    c.page("tax", "en", page_text("Taxes", "errands", "See [hours](page:hours)."))
    c.page("only-pl", "pl", page_text("Sesje rady", "errands", "Tylko po polsku."))
    (c.root / "pages" / "gone").mkdir()
    (c.root / "pages" / "gone" / "pl.md").write_text("---\ntitle: [\n---\nx\n")
    w = open_kiosk_window(c.root)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def click_link(qtbot: QtBot, w: KioskWindow, text: str) -> None:
    body = w.page_screen.body
    found = body.find(text)
    assert found, f"link text {text!r} not in page"
    rect = body.cursorRect(body.textCursor())
    body.moveCursor(body.textCursor().MoveOperation.Start)
    qtbot.mouseClick(body.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() - QPoint(8, 0))


def test_home_section_page_link_back_home(qtbot: QtBot, window: KioskWindow) -> None:
    w = window
    assert w.stack.currentWidget() is w.home_screen
    assert [t.title for t in w.home_screen.tiles] == ["Urząd", "Sprawy"]
    assert not w.bottom_bar.back.isEnabled()

    click(qtbot, w.home_screen.tiles[1])
    assert w.stack.currentWidget() is w.section_screen
    tiles = w.section_screen.visible_tiles()
    assert [t.title for t in tiles] == ["Podatki", "Sesje rady"]  # the broken page is left out

    click(qtbot, tiles[0])
    assert w.stack.currentWidget() is w.page_screen
    assert w.page_screen.title.text() == "Podatki"

    click_link(qtbot, w, "godziny")
    qtbot.waitUntil(lambda: w.page_screen.title.text() == "Godziny otwarcia")
    assert "Poniedziałek" in w.page_screen.body.toPlainText()

    click(qtbot, w.bottom_bar.back)
    assert w.page_screen.title.text() == "Podatki"
    click(qtbot, w.bottom_bar.back)
    assert w.stack.currentWidget() is w.section_screen
    click(qtbot, w.section_screen.visible_tiles()[0])
    click(qtbot, w.bottom_bar.home)
    assert w.stack.currentWidget() is w.home_screen
    assert not w.bottom_bar.back.isEnabled()


def test_escape_goes_back(qtbot: QtBot, window: KioskWindow) -> None:
    w = window
    click(qtbot, w.home_screen.tiles[0])
    qtbot.keyClick(w, Qt.Key.Key_Escape)
    assert w.stack.currentWidget() is w.home_screen


def test_linked_broken_page_shows_placeholder(qtbot: QtBot, window: KioskWindow) -> None:
    w = window
    w.kiosk.session.open(Location("page", "gone"))
    assert w.page_screen.title.text() == "Strona niedostępna"  # the visitor reads Polish
    assert w.page_screen.notice.isVisible()


def test_page_missing_in_language_shows_notice(qtbot: QtBot, window: KioskWindow) -> None:
    w = window
    w.kiosk.session.set_language("en")
    w.kiosk.session.open(Location("page", "only-pl"))
    assert w.page_screen.title.text() == "Sesje rady"
    assert w.page_screen.notice.isVisible()
    notice = w.page_screen.notice.text()
    assert notice == "This page is not available in your language. It is shown in: Polish."


def test_language_switch_keeps_the_page(qtbot: QtBot, window: KioskWindow) -> None:
    w = window
    w.kiosk.session.open(Location("page", "hours"))
    click(qtbot, w.top_bar.language_buttons["en"])
    assert w.page_screen.title.text() == "Opening hours"
    assert w.top_bar.office.text() == "Test Office"
    assert w.bottom_bar.back.accessibleName() == "Back"


class _MenuSpy(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.menus = 0

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        self.menus += 1


def _context_event() -> QContextMenuEvent:
    return QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(10, 10), QPoint(10, 10))


def test_no_context_menu_anywhere(qtbot: QtBot, window: KioskWindow) -> None:
    app = QApplication.instance()
    assert app is not None
    spy = _MenuSpy()
    qtbot.addWidget(spy)
    QApplication.sendEvent(spy, _context_event())
    assert spy.menus == 1  # without the blocker a widget would open its menu
    blocker = install_guard(app)  # type: ignore[arg-type]
    try:
        QApplication.sendEvent(spy, _context_event())
        assert spy.menus == 1
        w = window
        w.kiosk.session.open(Location("page", "hours"))
        flags = w.page_screen.body.textInteractionFlags()
        assert not flags & Qt.TextInteractionFlag.TextSelectableByMouse
        assert w.page_screen.body.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    finally:
        app.removeEventFilter(blocker)


def test_scroll_buttons_move_a_long_page(
    qtbot: QtBot, make_content: Make, kiosk_fonts: None
) -> None:
    c = make_content("long")
    long_body = "\n\n".join(f"Akapit numer {i} z tekstem." for i in range(120))
    c.simple("long", "Długa", "Long", body_pl=long_body)
    w = open_kiosk_window(c.root)
    w.resize(1080, 1920)
    qtbot.addWidget(w)
    w.show()
    w.kiosk.session.open(Location("page", "long"))
    buttons = w.page_screen.scroll_buttons
    qtbot.waitUntil(buttons.isVisible)
    bar = w.page_screen.body.verticalScrollBar()
    assert bar.value() == 0 and not buttons.up.isEnabled()
    click(qtbot, buttons.down)
    assert bar.value() > 0
    click(qtbot, buttons.up)
    assert bar.value() == 0
