"""One tap switches everything: no visible or accessible text stays in the other language."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QTextBrowser, QWidget
from pytestqt.qtbot import QtBot

from kiosk.session import Location
from tests.conftest import open_kiosk_window

# Texts that are the same in every language by nature: language names written in their
# own language, the text-size buttons, keyboard letters and digits, arrows, numbers,
# and Shift (Polish keyboards say "Shift" too).
NEUTRAL = re.compile(
    r"^(Polski|English|Українська|A−|A|A\+|⇧ Shift|[▲▼⌫]|[0-9a-ząćęłńóśźż]|[\d\s.,:–/-]*|)$", re.IGNORECASE
)


def texts(window: QWidget) -> dict[str, str]:
    """Every text a visitor or assistive technology meets, by widget and kind."""
    found: dict[str, str] = {}
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        key = f"{type(widget).__name__}:{widget.objectName()}:{id(widget)}"
        if isinstance(widget, (QLabel, QAbstractButton)):
            found[key + ":text"] = widget.text()
        if isinstance(widget, QLineEdit):
            found[key + ":placeholder"] = widget.placeholderText()
        if isinstance(widget, QTextBrowser):
            found[key + ":document"] = widget.toPlainText()[:200]
        found[key + ":name"] = widget.accessibleName()
        found[key + ":description"] = widget.accessibleDescription()
        found[key + ":tooltip"] = widget.toolTip()
    return found


def unchanged(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return [
        f"{key} = {text!r}"
        for key, text in before.items()
        if key in after and after[key] == text and not NEUTRAL.match(text.strip())
    ]


@pytest.mark.parametrize(
    "location",
    [Location.home(), Location("section", "errands"), Location("page", "opening-hours"), Location("search")],
    ids=["home", "section", "page", "search"],
)
def test_switching_language_changes_every_text(qtbot: QtBot, location: Location, kiosk_fonts: None) -> None:
    window = open_kiosk_window()
    window.resize(1080, 1920)
    qtbot.addWidget(window)
    window.show()
    window.kiosk.session.open(location)
    if location.kind == "search":
        window.search_screen.wait_for_index()
        window.kiosk.session.set_search_text("podatek")
    QApplication.processEvents()
    before = texts(window)
    qtbot.mouseClick(window.top_bar.language_buttons["en"], Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    after = texts(window)
    assert window.kiosk.session.location == location  # the same screen, in the other language
    stale = unchanged(before, after)
    assert not stale, "\n".join(stale)


def test_switching_language_on_overlays(qtbot: QtBot, kiosk_fonts: None) -> None:
    window = open_kiosk_window()
    window.resize(1080, 1920)
    qtbot.addWidget(window)
    window.show()
    warning = window.idle_warning
    warning.show_countdown(30)
    before = texts(warning)
    window.kiosk.session.set_language("en")
    after = texts(warning)
    assert not unchanged(before, after)
    assert warning.title.text() == "Are you still there?"
