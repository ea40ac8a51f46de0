"""The search screen: on-screen keyboard, results as you type, no-result help, privacy."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.session import Location
from kiosk.ui.main_window import KioskWindow


@pytest.fixture
def window(qtbot: QtBot, bundled_window: KioskWindow) -> KioskWindow:
    w = bundled_window
    qtbot.mouseClick(w.top_bar.search, Qt.MouseButton.LeftButton)
    assert w.stack.currentWidget() is w.search_screen
    assert w.search_screen.wait_for_index()
    return w


def type_on_screen(qtbot: QtBot, window: KioskWindow, text: str) -> None:
    keyboard = window.search_screen.keyboard
    for letter in text:
        if letter == " ":
            key = keyboard.space
        else:
            if letter.isupper():
                qtbot.mouseClick(keyboard.shift, Qt.MouseButton.LeftButton)
            key = keyboard.letter_keys[letter.lower()]
        qtbot.mouseClick(key, Qt.MouseButton.LeftButton)


def test_on_screen_keyboard_types_polish_letters_and_finds_the_page(
    qtbot: QtBot, window: KioskWindow
) -> None:
    type_on_screen(qtbot, window, "Łódź żółć")
    assert window.search_screen.field.text() == "Łódź żółć"
    qtbot.mouseClick(window.search_screen.keyboard.clear, Qt.MouseButton.LeftButton)
    type_on_screen(qtbot, window, "dowodu")
    hits = window.search_screen.visible_hits()
    assert hits and hits[0].title == "Dowód osobisty"
    qtbot.mouseClick(hits[0], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.page_screen
    assert window.page_screen.title.text() == "Dowód osobisty"


def test_hardware_keyboard_and_missing_diacritics(qtbot: QtBot, window: KioskWindow) -> None:
    qtbot.keyClicks(window.search_screen.field, "zaswiadczenie")
    titles = [t.title for t in window.search_screen.visible_hits()]
    assert "Zameldowanie" in titles
    qtbot.keyClick(window.search_screen.field, Qt.Key.Key_Backspace)
    assert window.search_screen.field.text() == "zaswiadczeni"
    assert window.search_screen.visible_hits()  # prefixes match as you type


def test_result_count_uses_polish_plurals(qtbot: QtBot, window: KioskWindow) -> None:
    screen = window.search_screen
    screen.field.setText("podatku")
    total = screen.results.total + len(screen.visible_rooms())  # type: ignore[union-attr]
    form = (
        "wynik"
        if total == 1
        else "wyniki"
        if total % 10 in (2, 3, 4) and total % 100 not in (12, 13, 14)
        else "wyników"
    )
    assert screen.count.text() == f"{total} {form}"


def test_no_results_offer_a_suggestion_and_the_sections(qtbot: QtBot, window: KioskWindow) -> None:
    screen = window.search_screen
    screen.field.setText("podatekk")
    if screen.results and screen.results.total:
        pytest.skip("the engine found the misspelling itself")
    screen.field.setText("xqzvw")
    assert "xqzvw" in screen.count.text()
    sections = [t for t in screen.section_links if not t.isHidden()]
    assert [t.title for t in sections] == [s.title("pl") for s in window.kiosk.content.site.sections]
    screen.field.setText("harmonogran")
    if screen.results and not screen.results.total:
        assert screen.suggestion.isVisible()
        qtbot.mouseClick(screen.suggestion, Qt.MouseButton.LeftButton)
        assert screen.visible_hits()


def test_results_follow_the_visitors_language(qtbot: QtBot, window: KioskWindow) -> None:
    window.search_screen.field.setText("tax")
    window.kiosk.session.set_language("en")
    titles = [t.title for t in window.search_screen.visible_hits()]
    assert titles and all(
        t
        in {
            v.title
            for p in window.kiosk.content.site.pages.values()
            for v in p.variants.values()
            if v.lang == "en"
        }
        for t in titles
    )


def test_reset_clears_query_results_and_keyboard(qtbot: QtBot, window: KioskWindow) -> None:
    screen = window.search_screen
    type_on_screen(qtbot, window, "podatek")
    qtbot.mouseClick(screen.keyboard.shift, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.keyboard.hide_key, Qt.MouseButton.LeftButton)
    assert screen.keyboard.isHidden() and screen.keyboard.is_shifted
    window.kiosk.session.reset()
    assert window.kiosk.session.search_text == ""
    window.kiosk.session.open(Location("search"))
    assert screen.field.text() == ""
    assert screen.visible_hits() == []
    assert not screen.keyboard.isHidden() and not screen.keyboard.is_shifted


def test_a_keystroke_that_changes_no_result_rebuilds_no_row(
    qtbot: QtBot, window: KioskWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typing on must not set every row's texts again (each lays out its rich text and
    the whole list anew): only rows whose hit changed are touched."""
    from kiosk.ui.search_screen import ResultTile
    from kiosk.ui.widgets import TileButton

    screen = window.search_screen
    type_on_screen(qtbot, window, "dowodu")
    rows = screen.visible_hits()
    texts = [(t.title, t.accessibleDescription()) for t in rows]
    assert rows
    set_texts = []
    original = TileButton.set_texts
    monkeypatch.setattr(
        TileButton, "set_texts", lambda self, *a: (set_texts.append(self), original(self, *a))[1]
    )
    original_hit = ResultTile.set_hit  # how a result row's texts are set
    monkeypatch.setattr(
        ResultTile, "set_hit", lambda self, *a: (set_texts.append(self), original_hit(self, *a))[1]
    )
    updated = screen.rows_updated
    type_on_screen(qtbot, window, " ")  # the same words: the same results
    assert screen.visible_hits() == rows
    assert [(t.title, t.accessibleDescription()) for t in rows] == texts
    assert screen.rows_updated == updated and set_texts == []  # no row, no section tile
    type_on_screen(qtbot, window, "o")  # a second word: other results, other snippets
    assert screen.rows_updated > updated and set_texts
    qtbot.wait(10)
    for tile in screen.visible_hits():  # every row as tall as its texts need
        assert tile.height() >= tile.heightForWidth(tile.width())


@pytest.mark.parametrize(("scale", "theme"), [(100, "default"), (300, "yellow-on-black")])
def test_result_rows_look_as_rich_text_rows_did(
    qtbot: QtBot, window: KioskWindow, scale: int, theme: str
) -> None:
    """A row's snippet is a MarkedLabel: the same text, bold words, pixels, height and
    accessible text as the rich-text QLabel (``<b>`` around the matched words) it replaced."""
    import html

    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QApplication, QLabel

    from kiosk.ui.marked_label import MarkedLabel

    screen = window.search_screen
    window.kiosk.session.set_theme(theme)
    window.kiosk.session.set_font_scale(scale)
    type_on_screen(qtbot, window, "dowod")
    QApplication.processEvents()
    rows = screen.visible_hits()
    assert rows and screen.results is not None
    for row, hit in zip(rows, screen.results.hits, strict=False):
        detail = row.findChild(MarkedLabel)
        assert detail is not None and detail.property("role") == "tile-detail"
        lead = f"{hit.section_title} · "
        assert detail.text() == lead + hit.snippet
        assert [detail.text()[s:e] for s, e in detail.spans] == [
            hit.snippet[s:e] for s, e in hit.snippet_spans
        ]
        assert row.accessibleName() == hit.title
        assert row.accessibleDescription() == f"{hit.section_title}. {hit.snippet}"
        reference = QLabel(row)  # the row's label as it was: rich text, same role and place
        reference.setProperty("role", "tile-detail")
        reference.setTextFormat(Qt.TextFormat.RichText)
        reference.setWordWrap(True)
        reference.setText(f"{html.escape(hit.section_title)} · {hit.snippet_html}")
        reference.setGeometry(detail.geometry())
        reference.ensurePolished()
        assert detail.heightForWidth(detail.width()) == reference.heightForWidth(detail.width())
        assert detail.minimumSizeHint() == reference.minimumSizeHint()
        assert detail.grab().toImage() == reference.grab().toImage()
        name = QAccessible.Text.Name
        read = QAccessible.queryAccessibleInterface(reference).text(name)
        assert QAccessible.queryAccessibleInterface(detail).text(name) == read
        reference.deleteLater()


def test_rows_shown_after_a_cleared_field_are_placed_once(qtbot: QtBot, window: KioskWindow) -> None:
    """Showing a row lays out its parents at once: with the list's layout on, twenty rows
    shown after Clear laid the list out twenty times (rows moved ~150 times)."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    screen = window.search_screen
    type_on_screen(qtbot, window, "podatek")
    qtbot.mouseClick(screen.keyboard.clear, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert not screen.visible_hits()

    class Moves(QObject):
        count = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Move and watched in screen.hits:
                self.count += 1
            return False

    moves = Moves()
    for row in screen.hits:
        row.installEventFilter(moves)
    type_on_screen(qtbot, window, "p")
    shown = len(screen.visible_hits())
    assert shown > 5
    assert moves.count <= shown  # each row put in its place once


def test_rows_are_not_laid_out_again_for_nothing(qtbot: QtBot, window: KioskWindow) -> None:
    """A row's snippet is laid out once per text and width: not again to be painted, nor
    when a keystroke leaves its hit as it is."""
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.marked_label import MarkedLabel

    screen = window.search_screen
    type_on_screen(qtbot, window, "podatek")
    QApplication.processEvents()
    window.repaint()
    labels = [row.findChild(MarkedLabel) for row in screen.visible_hits()]
    made = [label.layouts_made for label in labels if label is not None]
    assert len(made) == len(labels) >= 3
    # A row's text: its one line, the size hint's width, the row's width (with and without
    # the list's scroll bar), and again at a width painted after another was measured.
    assert max(made) <= 5
    window.repaint()
    type_on_screen(qtbot, window, " ")  # the same words: the same rows
    QApplication.processEvents()
    window.repaint()
    assert [label.layouts_made for label in labels if label is not None] == made
