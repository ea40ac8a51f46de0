"""Finding what is spoken in the page view, so the highlight can follow the voice."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit
from pytestqt.qtbot import QtBot

from kiosk.content.content import load_content
from kiosk.speech.player import SpeechPlayer
from kiosk.speech.reading import locate, page_utterances
from kiosk.ui.page_view import PageView
from tests.fakes import RecordingEngine


def _selected(document: QTextDocument, span: tuple[int, int]) -> str:
    cursor = QTextCursor(document)
    cursor.setPosition(span[0])
    cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def _plain(text: str) -> str:
    """Selected text as words: Qt separates table cells and lines with special characters."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def test_every_bundled_utterance_is_found_in_the_page_view(qtbot: QtBot, bundled_content_dir: Path) -> None:
    content = load_content(bundled_content_dir)
    view = PageView()
    qtbot.addWidget(view)
    view.resize(1920, 1080)  # wide: tables stay tables (cards are tested in test_tables.py)
    view.show()
    variants = {
        variant.key: variant
        for page in content.site.pages.values()
        for variant in (*page.variants.values(), *page.easy_variants.values())
    }
    assert any(variants[key].is_easy_read for key in content.rendered)  # easy-to-read pages too
    for key, rendered in sorted(content.rendered.items()):
        page_id, lang = key
        variant = variants[key]  # the easy-to-read version is rendered as (page id, "pl.etr")
        view.show_html(rendered.html, "", None, "#000000")
        utterances = page_utterances(variant.title, rendered.html, variant.lang)
        spans = locate(view.document(), utterances)
        assert spans[0] is None  # the title is shown above the body
        previous_end = 0
        for utterance, span in zip(utterances[1:], spans[1:], strict=True):
            assert span is not None, (page_id, lang, utterance)
            assert span[0] >= previous_end, (page_id, lang, utterance)
            previous_end = span[1]
            shown = _plain(_selected(view.document(), span))
            assert shown.replace(" ", "") == "".join(utterance.anchors).replace(" ", ""), (page_id, utterance)


def test_highlight_follows_the_voice_sentence_by_sentence(qtbot: QtBot) -> None:
    html = (
        "<p>Urząd jest otwarty. Kasa zamyka się wcześniej.</p>"
        "<table><thead><tr><th>Dzień</th><th>Godziny</th></tr></thead>"
        "<tbody><tr><td>Poniedziałek</td><td>8:00–17:00</td></tr></tbody></table>"
        "<p>Urząd jest otwarty.</p>"
    )
    view = PageView()
    qtbot.addWidget(view)
    view.show_html(html, "", None, "#000000")
    utterances = page_utterances("Godziny", html, "pl")
    spans = locate(view.document(), utterances)
    player = SpeechPlayer(RecordingEngine(duration_ms=30))
    highlighted: list[str] = []

    def highlight(index: int) -> None:  # what the page screen does on utterance_started
        span = spans[index]
        if span is None:
            view.setExtraSelections([])
            highlighted.append("")
            return
        selection = QTextEdit.ExtraSelection()
        selection.cursor = QTextCursor(view.document())
        selection.cursor.setPosition(span[0])
        selection.cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        view.setExtraSelections([selection])
        view.setTextCursor(selection.cursor)
        view.ensureCursorVisible()
        highlighted.append(_plain(selection.cursor.selectedText()))

    player.utterance_started.connect(highlight)
    try:
        with qtbot.waitSignal(player.finished, timeout=5000):
            player.speak(utterances, "pl")
    finally:
        player.close()
        qtbot.wait(20)
    assert highlighted == [
        "",
        "Urząd jest otwarty.",
        "Kasa zamyka się wcześniej.",
        "Poniedziałek8:00–17:00",  # the row: Qt selects its cells
        "Urząd jest otwarty.",
    ]
    # the repeated sentence is found at its second place, after the table
    assert spans[-1] is not None and spans[1] is not None and spans[-1][0] > spans[1][0]
