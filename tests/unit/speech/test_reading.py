"""What a listener hears from a page, and in what order."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.content.content import Content, load_content
from kiosk.i18n import translate
from kiosk.speech.reading import page_utterances, split_sentences, variant_utterances
from tests.conftest import ContentBuilder, page_text

Make = Callable[[str], ContentBuilder]

OFFICE_PAGE = """
Urząd przyjmuje interesantów od 16.06.2008 r. w budynku przy ul. Piłsudskiego 1.
Zobacz [godziny otwarcia](page:hours).

![Plan parteru. Wejście jest od ulicy.](plan.png)

## Sprawy

- Dowód osobisty – pokój 2.
- Podatki:
    - od nieruchomości, np. domu,
    - rolny.
- Odpady.

| Dzień | Godziny |
|---|---|
| Poniedziałek | 8:00–17:00 |
| Sobota | — |

E-mail: [urzad@example.org](mailto:urzad@example.org), strona: [urząd](https://example.org).
"""


@pytest.fixture
def office(make_content: Make) -> Content:
    c = make_content("reading")
    c.simple("hours", "Godziny", "Hours")
    c.page("office", "pl", page_text("Urząd Miejski", "office", OFFICE_PAGE))
    (c.root / "pages" / "office" / "plan.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    content = load_content(c.root)
    assert not content.error_count
    return content


def test_page_is_read_title_first_then_in_document_order(office: Content) -> None:
    variant = office.site.page_variant("office", "pl")
    assert variant is not None
    spoken = [(u.kind, u.text) for u in page_utterances(variant.title, office.html(variant), "pl")]
    image = translate("pl", "Image")
    none = translate("pl", "none")
    assert spoken == [
        ("title", "Urząd Miejski"),
        (
            "text",
            "Urząd przyjmuje interesantów od szesnastego czerwca dwa tysiące ósmego roku"
            " w budynku przy ulicy Piłsudskiego 1.",
        ),
        ("text", "Zobacz godziny otwarcia."),
        ("image", f"{image}: Plan parteru."),
        ("image", "Wejście jest od ulicy."),
        ("heading", "Sprawy"),
        ("item", "Dowód osobisty – pokój 2."),
        ("item", "Podatki:"),
        ("item", "od nieruchomości, np. domu,"),
        ("item", "rolny."),
        ("item", "Odpady."),
        ("row", "Dzień: Poniedziałek. Godziny: od ósmej do siedemnastej."),
        ("row", f"Dzień: Sobota. Godziny: {none}."),
        ("text", "E-mail: urzad@example.org, strona: urząd."),
    ]


def test_anchors_are_the_text_as_shown(office: Content) -> None:
    variant = office.site.page_variant("office", "pl")
    assert variant is not None
    utterances = page_utterances(variant.title, office.html(variant), "pl")
    assert utterances[0].anchors == ()  # the title is not in the body
    assert utterances[1].anchors == (
        "Urząd przyjmuje interesantów od 16.06.2008 r. w budynku przy ul. Piłsudskiego 1.",
    )
    rows = [u for u in utterances if u.kind == "row"]
    assert rows[0].anchors == ("Poniedziałek", "8:00–17:00")
    assert utterances[-1].anchors == ("E-mail: urzad@example.org, strona: urząd (https://example.org).",)
    # sentences of one paragraph share a block; each item and row is a block of its own
    assert utterances[1].block == utterances[2].block
    assert len({u.block for u in utterances if u.kind in ("item", "row")}) == 7


def test_image_is_read_once_by_its_alt_text(office: Content) -> None:
    variant = office.site.page_variant("office", "pl")
    assert variant is not None
    texts = [u.text for u in page_utterances(variant.title, office.html(variant), "pl")]
    assert sum("Plan parteru" in t for t in texts) == 1
    assert not any("kiosk-image" in t or "plan.png" in t for t in texts)


def test_caption_without_image_is_read_and_links_by_text() -> None:
    html = (
        '<p>Zobacz <a href="page:contact">Kontakt</a>.</p>'
        '<p><span class="alt">Opis bez obrazu.</span></p>'
        '<ol start="3"><li>Trzeci krok.</li><li>Czwarty krok.</li></ol>'
    )
    texts = [u.text for u in page_utterances("Tytuł", html, "pl")]
    assert texts == ["Tytuł", "Zobacz Kontakt.", "Opis bez obrazu.", "3. Trzeci krok.", "4. Czwarty krok."]


def test_table_without_header_row_and_with_colspan() -> None:
    html = (
        "<table><thead><tr><th>Dzień</th><th colspan='2'>Godziny</th><th>Uwagi</th></tr></thead>"
        "<tbody><tr><td>Pon</td><td>8</td><td>16</td><td></td></tr></tbody></table>"
        "<table><tr><td>A</td><td>B</td></tr></table>"
    )
    texts = [u.text for u in page_utterances("", html, "pl")]
    assert texts == ["Dzień: Pon. Godziny: 8. Godziny: 16.", "A. B."]


def test_every_bundled_page_reads_without_markup(bundled_content_dir: Path) -> None:
    content = load_content(bundled_content_dir)
    variants = {
        variant.key: variant
        for page in content.site.pages.values()
        for variant in (*page.variants.values(), *page.easy_variants.values())
    }
    assert any(variants[key].is_easy_read for key in content.rendered)  # easy-to-read pages too
    for (page_id, lang), rendered in content.rendered.items():
        variant = variants[page_id, lang]  # the easy-to-read version is keyed (page id, "pl.etr")
        utterances = page_utterances(variant.title, rendered.html, variant.lang)
        assert utterances[0].kind == "title", page_id
        assert len(utterances) > 3, page_id
        for utterance in utterances:
            assert utterance.text.strip() == utterance.text and utterance.text, page_id
            assert "<" not in utterance.text and "page:" not in utterance.text, (page_id, utterance)
            assert "https://" not in utterance.text, (page_id, utterance)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Urząd jest przy ul. Piłsudskiego 1. Zapraszamy.", 2),
        ("Np. dowód osobisty. Tel. 46 857 03 00.", 2),
        ("Otwarte w godz. 8:00–16:00. Kasa do 15:00.", 2),
        ("Ustawa z 16.06.2008 r. o odpadach obowiązuje.", 1),
        ("Weszła w życie 16.06.2008 r. Potem zmieniono ją.", 2),
        ("J. Kowalski przyjmuje. Zapraszamy!", 2),
        ("Czy masz dowód? Tak! Świetnie… Do zobaczenia.", 4),
        ("Zobacz m.in. stronę urzędu. Dalej.", 2),
        ("Pokój 5. Zobacz też pokój 6.", 2),
        ("Opłatę płacisz do 15. dnia miesiąca.", 1),
        ("Urząd jest zamknięty. 24 grudnia też.", 2),
        ("Napisz „Wniosek.” Potem go złóż.", 2),
        ("Adres: ul. Tarczyńska 38, tj. PSZOK, godz. 10:00.", 1),
        ("Open Mon. to Fri. from 8:00. Closed on Sundays.", 2),
        ("Ask Mr. Smith, e.g. in room 5. Next.", 2),
        ("See mszczonow.pl. It has more.", 2),
        ("", 0),
    ],
)
def test_split_sentences(text: str, sentences: int) -> None:
    parts = split_sentences(text)
    assert len(parts) == sentences, parts
    assert " ".join(parts) == " ".join(text.split())


def test_split_sentences_keeps_text_whole() -> None:
    assert split_sentences("Dzień 16.06.2008 r. jest ważny. Koniec") == [
        "Dzień 16.06.2008 r. jest ważny.",
        "Koniec",
    ]


def test_room_line_is_read_right_after_the_title(make_content: Make) -> None:
    c = make_content("room")
    pl_body, en_body = "USC jest na I piętrze.", "The USC is upstairs."
    c.page("usc", "pl", page_text("Urząd Stanu Cywilnego", "office", pl_body, room="pokój 3, I piętro"))
    c.page("usc", "en", page_text("Civil Registry", "office", en_body, room="room 3, 1st floor"))
    (c.root / "pronunciation.toml").write_text('[pl]\n"USC" = "u es ce"\n[en]\n"USC" = "U S C"\n', "utf-8")
    content = load_content(c.root)
    polish = content.site.page_variant("usc", "pl")
    english = content.site.page_variant("usc", "en")
    assert polish is not None and english is not None
    spoken = [(u.kind, u.text, u.anchors) for u in variant_utterances(content, polish)]
    where = translate("pl", "Where: %(room)s")
    assert where != "Where: %(room)s"  # the Polish label, as the screen shows it
    assert spoken == [
        ("title", "Urząd Stanu Cywilnego", ()),
        ("room", where % {"room": "pokój 3, pierwsze piętro"}, ()),  # the rules apply
        ("text", "u es ce jest na pierwszym piętrze.", ("USC jest na I piętrze.",)),  # and the lexicon
    ]
    assert [u.text for u in variant_utterances(content, english)] == [
        "Civil Registry",
        "Where: room 3, 1st floor",
        "The U S C is upstairs.",
    ]
    # the label follows the screen's language; the room text is the page's
    on_english_screen = variant_utterances(content, polish, "en")
    assert on_english_screen[1].text == "Where: pokój 3, pierwsze piętro"


def test_page_without_a_room_has_no_room_line() -> None:
    kinds = [u.kind for u in page_utterances("Tytuł", "<p>Treść.</p>", "pl", room="  ")]
    assert kinds == ["title", "text"]
    # the room line comes after the title even when there is no title
    assert [u.kind for u in page_utterances("", "<p>Treść.</p>", "pl", room="pokój 1")] == ["room", "text"]
