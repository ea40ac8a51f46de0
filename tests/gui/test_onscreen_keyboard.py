"""The on-screen keyboard's layouts: a table keyed by language, switched with set_layout."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from kiosk import i18n
from kiosk.search.text import fold
from kiosk.ui.onscreen_keyboard import (
    APOSTROPHE_KEY,
    DEFAULT_LAYOUT,
    LAYOUTS,
    POLISH_LAYOUT,
    UKRAINIAN_LAYOUT,
    OnScreenKeyboard,
    layout_for,
)
from kiosk.ui.style import Metrics

UKRAINIAN_ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"


def test_layouts_are_a_table_by_language() -> None:
    assert LAYOUTS["pl"] is POLISH_LAYOUT and LAYOUTS["uk"] is UKRAINIAN_LAYOUT
    assert layout_for("uk") is UKRAINIAN_LAYOUT
    assert layout_for("uk_UA") is UKRAINIAN_LAYOUT
    assert layout_for("pl") is POLISH_LAYOUT
    assert layout_for("en") is DEFAULT_LAYOUT
    assert layout_for("xx") is DEFAULT_LAYOUT


def test_ukrainian_layout_is_jcuken_with_every_letter_and_the_apostrophe() -> None:
    keys = "".join(UKRAINIAN_LAYOUT)
    assert UKRAINIAN_LAYOUT[1].startswith("йцукен") and UKRAINIAN_LAYOUT[2].startswith("фівап")
    assert set(UKRAINIAN_ALPHABET) <= set(keys)
    assert APOSTROPHE_KEY in keys
    assert len(keys) == len(set(keys))  # no key twice
    assert fold("сім" + APOSTROPHE_KEY + "я") == fold("сім’я")  # search reads it as any apostrophe


def typed_by(qtbot: QtBot, keyboard: OnScreenKeyboard, keys: list[QPushButton]) -> list[str]:
    got: list[str] = []
    keyboard.typed.connect(got.append)
    for key in keys:
        qtbot.mouseClick(key, Qt.MouseButton.LeftButton)
    keyboard.typed.disconnect(got.append)
    return got


def test_set_layout_switches_the_keys(qtbot: QtBot) -> None:
    keyboard = OnScreenKeyboard()
    qtbot.addWidget(keyboard)
    keyboard.apply_metrics(Metrics(100))
    keyboard.resize(1000, 600)
    keyboard.show()
    assert set(keyboard.letter_keys) == set("".join(POLISH_LAYOUT))  # English source: default

    keyboard.set_layout("uk")
    assert set(keyboard.letter_keys) == set("".join(UKRAINIAN_LAYOUT))
    keys = keyboard.letter_keys
    shift = keyboard.shift
    got = typed_by(qtbot, keyboard, [keys["ї"], shift, keys["є"], keys["ґ"], keys[APOSTROPHE_KEY]])
    assert got == ["ї", "Є", "ґ", APOSTROPHE_KEY]
    assert keys[APOSTROPHE_KEY].accessibleName() == "Apostrophe"
    assert keys["ї"].text() == "ї"

    QApplication.processEvents()
    grid = keyboard.layout()
    bottom = max(grid.getItemPosition(grid.indexOf(k))[0] for k in keys.values()) + 1
    for key in (keyboard.shift, keyboard.space, keyboard.delete, keyboard.clear, keyboard.hide_key):
        assert grid.getItemPosition(grid.indexOf(key))[0] == bottom
    qtbot.waitUntil(lambda: all(k.width() >= 60 and k.height() >= 60 for k in keys.values()))

    keyboard.set_layout("pl")
    assert set(keyboard.letter_keys) == set("".join(POLISH_LAYOUT))
    assert typed_by(qtbot, keyboard, [keyboard.letter_keys["ż"]]) == ["ż"]
    qtbot.waitUntil(lambda: all("ї" != k.text() for k in keyboard.findChildren(QPushButton)))


def test_same_layout_keeps_the_keys(qtbot: QtBot) -> None:
    keyboard = OnScreenKeyboard(lang="uk")
    qtbot.addWidget(keyboard)
    before = dict(keyboard.letter_keys)
    keyboard.set_layout("uk_UA")
    assert keyboard.letter_keys == before


@pytest.mark.parametrize("lang", ["pl", "uk"])
def test_the_keyboard_starts_in_the_active_language(qtbot: QtBot, lang: str) -> None:
    i18n.set_language(lang)
    keyboard = OnScreenKeyboard()
    qtbot.addWidget(keyboard)
    assert keyboard.rows == layout_for(lang)
    if lang == "uk":
        assert keyboard.letter_keys[APOSTROPHE_KEY].accessibleName() == "Апостроф"


@pytest.mark.parametrize("shown_first", [True, False])
def test_a_key_is_never_held_wider_than_60_px_by_the_style_sheet(qtbot: QtBot, shown_first: bool) -> None:
    """Twelve keys fit a narrow window at large text: each may shrink to 60 px, whether the
    keyboard was shown before the text size changed or is first shown after (the search
    screen made as it opens): the style sheet's minimum plus its padding and border, set
    as a key not shown yet is polished, must not replace that."""
    from kiosk.ui.style import stylesheet
    from kiosk.ui.themes import theme

    keyboard = OnScreenKeyboard()
    qtbot.addWidget(keyboard)
    if shown_first:
        keyboard.apply_metrics(Metrics(100))
        keyboard.show()
        QApplication.processEvents()
    keyboard.setStyleSheet(stylesheet(theme("default"), 150))
    keyboard.set_layout("uk")
    keyboard.apply_metrics(Metrics(150))
    keyboard.show()
    QApplication.processEvents()
    widths = {key.minimumWidth() for key in keyboard.letter_keys.values()}
    assert widths == {60}
    hints = [key.minimumSizeHint().width() for key in keyboard.letter_keys.values()]
    assert max(hints) > 60  # (what is ruled out)
