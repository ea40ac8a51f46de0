"""Folding, word splitting, stemming and snippets: the pieces search relies on."""

from __future__ import annotations

import pytest

from kiosk.search.snippet import ELLIPSIS, Highlighted, highlight, lead, snippet
from kiosk.search.stemming import (
    Analyzers,
    PlainAnalyzer,
    PolishAnalyzer,
    SnowballAnalyzer,
    restorations,
)
from kiosk.search.text import fold, html_to_text, one_line, words


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Zaświadczenie", "zaswiadczenie"),
        ("ŁÓDŹ", "lodz"),
        ("źródło", "zrodlo"),
        ("zażółć gęślą jaźń", "zazolc gesla jazn"),
        ("Straße", "strasse"),
        ("Øre Ærø", "ore aero"),
        ("ﬁle", "file"),
        ("plain ascii", "plain ascii"),
    ],
)
def test_fold_removes_case_and_diacritics(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_words_split_on_punctuation_and_underscore() -> None:
    assert words("Dowód-osobisty, pokój_12 (II piętro)!") == [
        "dowód", "osobisty", "pokój", "12", "ii", "piętro",
    ]
    assert words("🎉 * AND \"\" ()") == ["and"]


def test_html_to_text_keeps_words_apart_and_unescapes() -> None:
    assert html_to_text("<h2>Opłaty</h2><p>Koszt &lt; 30 zł &amp; więcej</p><ul><li>a</li>"
                        "<li>b</li></ul>") == "Opłaty Koszt < 30 zł & więcej a b"
    assert html_to_text("<p><strong>Uwaga</strong>: pokój <em>12</em>.</p>") == "Uwaga: pokój 12."


def test_one_line() -> None:
    assert one_line(" a\tb\n\nc\u00a0 ") == "a b c"


@pytest.fixture(scope="module")
def polish(analyzers: Analyzers) -> PolishAnalyzer:
    analyzer = analyzers.for_language("pl")
    assert isinstance(analyzer, PolishAnalyzer)
    return analyzer


def shares_key(analyzer: PolishAnalyzer | SnowballAnalyzer, typed: str, on_page: str) -> bool:
    page = set(analyzer.keys(on_page)) | {fold(on_page)}
    query = set(analyzer.query_keys(typed)) | {fold(typed)}
    return bool(page & query)


@pytest.mark.parametrize(
    ("typed", "on_page"),
    [
        ("podatku", "podatek"),
        ("podatków", "podatek"),
        ("podatkow", "podatek"),
        ("podatek", "podatkami"),
        ("dowodu", "dowód"),
        ("dowodem", "dowód"),
        ("wniosku", "wniosek"),  # the mobile e
        ("wnioskow", "wniosek"),
        ("zaswiadczenia", "zaświadczenie"),
        ("zaświadczeń", "zaświadczenie"),
        ("nieruchomosci", "nieruchomość"),
        ("urzędzie", "urząd"),
        ("zrodla", "źródło"),
        ("lodzi", "łódź"),
        ("osobistego", "osobisty"),
        ("rejestracji", "rejestracja"),
    ],
)
def test_polish_forms_share_a_key(polish: PolishAnalyzer, typed: str, on_page: str) -> None:
    assert shares_key(polish, typed, on_page)


@pytest.mark.parametrize(
    ("typed", "on_page"), [("park", "parking"), ("podatek", "dowód"), ("rada", "droga")]
)
def test_different_polish_words_do_not_share_a_key(
    polish: PolishAnalyzer, typed: str, on_page: str
) -> None:
    assert not shares_key(polish, typed, on_page)


def test_polish_keys_are_folded_and_not_too_short(polish: PolishAnalyzer) -> None:
    for word in ("urząd", "źródła", "łodzi", "zażółć", "ul", "12345"):
        for key in polish.keys(word):
            assert key == fold(key)
            assert len(key) >= 3


def test_polish_without_stempel_still_stems() -> None:
    analyzer = PolishAnalyzer(stempel=None)
    assert shares_key(analyzer, "podatkow", "podatek")


def test_restorations_put_back_diacritics_in_the_ending() -> None:
    restored = set(restorations("podatkow"))
    assert "podatków" in restored
    assert "podatkow" not in restored
    assert all(form.startswith("poda") for form in restored)


def test_english_stemming(analyzers: Analyzers) -> None:
    english = analyzers.for_language("en")
    assert isinstance(english, SnowballAnalyzer)
    assert shares_key(english, "taxes", "tax")
    assert shares_key(english, "registering", "register")
    assert not shares_key(english, "tax", "taxi")


def test_analyzers_are_made_once_and_unknown_languages_only_fold(analyzers: Analyzers) -> None:
    assert analyzers.for_language("pl") is analyzers.for_language("pl")
    plain = analyzers.for_language("xx")
    assert isinstance(plain, PlainAnalyzer)
    assert plain.keys("anything") == ()
    assert isinstance(analyzers.for_language("de"), SnowballAnalyzer)


def is_tax(word: str) -> bool:
    return fold(word).startswith("podat")


def test_highlighted_html_escapes_and_marks() -> None:
    text = Highlighted("a <b> & Podatek", ((8, 15),))
    assert text.html == "a &lt;b&gt; &amp; <b>Podatek</b>"


def test_highlight_marks_every_match() -> None:
    marked = highlight("Podatek od podatku", is_tax)
    assert marked.spans == ((0, 7), (11, 18))


def test_snippet_is_cut_around_the_densest_matches_at_word_boundaries() -> None:
    filler = " ".join(f"słowo{n}" for n in range(15))  # the densest run is looked for
    text = f"Podatek na początku. {filler} Tu podatek, podatku i podatków razem. {filler}"
    cut = snippet(text, is_tax, width=80)  # within three widths of the first match
    assert cut is not None
    assert cut.text.startswith(ELLIPSIS) and cut.text.endswith(ELLIPSIS)
    assert len(cut.text) <= 80 + 2
    marked = [cut.text[a:b] for a, b in cut.spans]
    assert marked == ["podatek", "podatku", "podatków"]
    inner = cut.text.strip(ELLIPSIS)
    assert inner == inner.strip() and inner.split()[0] in text.split()  # whole words only


def test_snippet_of_short_text_is_whole() -> None:
    cut = snippet("Wysokość podatku.", is_tax)
    assert cut == Highlighted("Wysokość podatku.", ((9, 16),))


def test_snippet_without_a_match_is_none_and_lead_cuts_at_a_word() -> None:
    assert snippet("Nic tu nie ma.", is_tax) is None
    text = "słowo " * 50
    assert lead(text, width=20).text == "słowo słowo słowo" + ELLIPSIS
    assert lead("Krótko.").text == "Krótko."


def test_snippet_never_starts_after_its_match() -> None:
    text = "x " * 10 + "bardzo-długie-słowo-" * 5 + "podatek na końcu"
    cut = snippet(text, is_tax, width=60)
    assert cut is not None
    assert [cut.text[a:b] for a, b in cut.spans] == ["podatek"]
