"""MarkedLabel (the search rows' snippet): the same pixels, sizes and accessible text as
the rich-text QLabel it replaces, and one layout per text and width."""

from __future__ import annotations

import html

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QTextDocument
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.ui.marked_label import MarkedLabel, Span, as_shown

TEXTS: list[tuple[str, tuple[Span, ...]]] = [
    (
        "Sprawy urzędowe · …zaświadczenie o niezaleganiu w podatkach od nieruchomości wydaje "
        "się na wniosek złożony w urzędzie gminy Mszczonów…",
        ((19, 32), (67, 79)),
    ),
    ("Podatki · Dowód osobisty   wydaje\nurząd  gminy;  podatek\tod środków", ((10, 15), (49, 56))),
    ("Urząd · wniosek składa się w\u00a0urzędzie, w\u00a0pokoju 14", ((7, 14),)),
    ("Документи · Посвідчення особи видається у відділі реєстрації мешканців", ((12, 23),)),
    ("مستندات · بطاقة الهوية الشخصية تصدر في مكتب التسجيل", ((10, 15),)),
    (
        "Kontakt · pisz na https://bip.mszczonow.pl/sprawy/zaswiadczenia-o-niezaleganiu lub "
        "sekretariat@mszczonow.pl, tel. 46-857-14-63 (pn.–pt.) — albo 12/2024",
        ((18, 21),),
    ),
    ("Słowo · Niezwykleniebezpiecznieprzedłużonewyrazybezspacji oraz krótkie", ((8, 20),)),
]


def rich(text: str, spans: tuple[Span, ...]) -> str:
    parts, last = [], 0
    for start, end in spans:
        parts += [html.escape(text[last:start]), f"<b>{html.escape(text[start:end])}</b>"]
        last = end
    return "".join([*parts, html.escape(text[last:])])


def pair(
    qtbot: object, text: str, spans: tuple[Span, ...], sheet: str
) -> tuple[QLabel, MarkedLabel, QWidget]:
    """A rich-text QLabel as the rows had it and a MarkedLabel, under one style sheet
    (in the widget returned last)."""
    host = QWidget()
    qtbot.addWidget(host)  # type: ignore[attr-defined]
    host.setStyleSheet(sheet)
    reference = QLabel(host)
    label = MarkedLabel(host)
    for widget in (reference, label):
        widget.setProperty("role", "tile-detail")  # (before the first polish, as in a tile)
        widget.ensurePolished()
    reference.setTextFormat(Qt.TextFormat.RichText)
    reference.setWordWrap(True)
    reference.setText(rich(text, spans))
    label.set_marked_text(text, spans)
    return reference, label, host


@pytest.mark.parametrize("px", [18, 36, 54])  # the detail's size at 100, 200 and 300 %
@pytest.mark.parametrize(
    "colours",
    [
        "color: #0b3a63; background: #ffffff;",
        "color: yellow; background: black;",
    ],
)
def test_draws_and_sizes_as_the_rich_text_label(
    qtbot: object, kiosk_fonts: None, px: int, colours: str
) -> None:
    sheet = f'QLabel[role="tile-detail"] {{ font-size: {px}px; {colours} }}'
    for text, spans in TEXTS:
        reference, label, _host = pair(qtbot, text, spans, sheet)
        for width in (280, 517, 1000):
            height = reference.heightForWidth(width)
            assert label.heightForWidth(width) == height, (text, width)
            for extra in (0, 9):  # a taller label centres its text as QLabel does
                reference.resize(width, height + extra)
                label.resize(width, height + extra)
                assert label.grab().toImage() == reference.grab().toImage(), (text, width, extra)
        if not text.startswith("مستندات"):  # (Arabic: the shortest width may differ by a pixel)
            assert label.minimumSizeHint() == reference.minimumSizeHint(), text


def test_screen_readers_read_the_same_text(qtbot: object, kiosk_fonts: None) -> None:
    for text, spans in TEXTS:
        reference, label, _host = pair(qtbot, text, spans, "")
        name = QAccessible.Text.Name
        shown = QAccessible.queryAccessibleInterface(reference).text(name)
        assert QAccessible.queryAccessibleInterface(label).text(name) == shown
        assert label.text().replace("\u00a0", " ") == shown


def test_white_space_and_bold_ranges_as_rich_text_shows_them() -> None:
    text = "  Dział 3 ·\u00a0a  \n\tb c  <d> & e "
    spans = ((2, 7), (17, 18), (22, 25))
    shown, moved = as_shown(text, spans)
    document = QTextDocument()
    document.setHtml(rich(text, spans))
    assert shown == document.toRawText()  # (toPlainText makes no-break spaces spaces)
    assert [shown[s:e] for s, e in moved] == ["Dział", "b", "<d>"]


def test_laid_out_once_per_text_and_width(qtbot: object, kiosk_fonts: None) -> None:
    text, spans = TEXTS[0]
    host = QWidget()
    qtbot.addWidget(host)  # type: ignore[attr-defined]
    host.setStyleSheet('QLabel[role="tile-detail"] { font-size: 18px; }')
    label = MarkedLabel(host)
    label.setProperty("role", "tile-detail")
    label.set_marked_text(text, spans)
    host.show()
    qtbot.waitExposed(host)  # type: ignore[attr-defined]
    label.sizeHint(), label.minimumSizeHint()
    label.resize(600, label.heightForWidth(600))
    label.repaint()
    made = label.layouts_made
    assert made <= 3  # its one line (size hints, longest word), the size hint's width, 600
    for _ in range(3):  # asked again: the layout is kept
        label.sizeHint(), label.minimumSizeHint(), label.heightForWidth(600)
        label.repaint()
    assert label.layouts_made == made
    label.set_marked_text(text, spans)  # the same text: nothing to do
    label.repaint()
    assert label.layouts_made == made
    label.set_marked_text(text, spans[:1])  # other bold words: laid out again
    label.heightForWidth(600)
    assert label.layouts_made == 1


def test_sizes_follow_the_text_size(qtbot: object, kiosk_fonts: None) -> None:
    text, spans = TEXTS[0]
    reference, label, host = pair(qtbot, text, spans, 'QLabel[role="tile-detail"] { font-size: 18px; }')
    small = label.heightForWidth(600)
    host.setStyleSheet('QLabel[role="tile-detail"] { font-size: 54px; }')  # as at 300 %
    assert label.heightForWidth(600) == reference.heightForWidth(600) > 2 * small
    assert label.minimumSizeHint() == reference.minimumSizeHint()
    label.resize(600, label.heightForWidth(600))
    reference.resize(label.size())
    assert label.grab().toImage() == reference.grab().toImage()


def test_plain_set_text_shows_no_bold(qtbot: object, kiosk_fonts: None) -> None:
    text, spans = TEXTS[0]
    reference, label, _host = pair(qtbot, text, spans, "")
    label.setText("Zwykły tekst")
    assert label.text() == "Zwykły tekst" and label.spans == ()
