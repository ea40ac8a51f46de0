"""Relevance and robustness of the search index on a small town-hall site."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from search_site import write_page, write_site

from kiosk.content.content import Content, load_content
from kiosk.search import Analyzers, SearchIndex, SearchResults
from kiosk.search.text import fold


def ids(results: SearchResults) -> list[str]:
    return [hit.page_id for hit in results.hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("zaswiadczenie", "zameldowanie"),  # no diacritics
        ("ZAŚWIADCZENIE", "zameldowanie"),  # any case
        ("Lodz", "autobusy"),  # ł does not fold by Unicode decomposition
        ("lodzi", "autobusy"),
        ("parki", "parking"),  # a prefix of the word being typed
        ("zaświ", "zameldowanie"),
        ("podatku", "podatek-od-nieruchomosci"),  # inflected forms
        ("podatków", "podatek-od-nieruchomosci"),
        ("podatkow", "podatek-od-nieruchomosci"),  # inflected and without diacritics
        ("dowodu", "dowod-osobisty"),
        ("dowodu osobistego", "dowod-osobisty"),
        ("nieruchomosci", "podatek-od-nieruchomosci"),
        ("smieci", "odpady"),
        ("wywozu smieci", "odpady"),
        ("sprzedaż", "koncesje"),
    ],
)
def test_polish_query_finds_the_page_first(
    town_index: SearchIndex, query: str, expected: str
) -> None:
    results = town_index.search(query, "pl")
    assert ids(results)[:1] == [expected], ids(results)
    assert results.total == len(results.hits)
    assert results.suggestion is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("taxes", "podatek-od-nieruchomosci"),  # plural → "Property tax"
        ("registration", "rejestracja-pojazdu"),  # not "Civil Registry Office"
        ("register", "rejestracja-pojazdu"),
        ("registry", "usc"),
        ("wedding", "usc"),
        ("certificates", "zameldowanie"),
        ("buses", "autobusy"),
        ("lodz", "autobusy"),
    ],
)
def test_english_query_finds_the_page_first(
    town_index: SearchIndex, query: str, expected: str
) -> None:
    assert ids(town_index.search(query, "en"))[:1] == [expected]


def test_english_stemming_finds_related_forms(town_index: SearchIndex) -> None:
    # Porter 2 stems "registering" to "regist" but "registration" to "registr": the
    # stem as a prefix finds both, and "Registry" as well, whose page is as likely
    assert set(ids(town_index.search("registering", "en"))[:2]) == {
        "rejestracja-pojazdu", "usc",
    }
    assert ids(town_index.search("weddings", "en"))[:1] == ["usc"]


def test_title_match_outranks_body_mention(town_index: SearchIndex) -> None:
    # "podatków" is in the body of the stamp duty page, "Podatek" is the title of the other
    assert ids(town_index.search("podatków", "pl"))[:2] == [
        "podatek-od-nieruchomosci",
        "oplata-skarbowa",
    ]


def test_keyword_outranks_a_mention_in_the_body(town_index: SearchIndex) -> None:
    # "koncesja" is only a keyword of one page and only in the body of the other
    assert ids(town_index.search("koncesja", "pl")) == ["koncesje", "dzialalnosc"]
    assert ids(town_index.search("licence", "en")) == ["koncesje", "dzialalnosc"]


def test_results_come_from_the_visitors_language(town_index: SearchIndex) -> None:
    assert town_index.search("podatek", "en").total == 0
    assert town_index.search("property", "pl").total == 0
    english = town_index.search("tax", "en")
    assert english.hits and all(hit.lang == "en" for hit in english.hits)
    assert english.hits[0].title == "Property tax"
    assert english.hits[0].section_title == "Taxes and fees"


def test_page_missing_in_a_language_is_found_in_its_fallback(town_index: SearchIndex) -> None:
    results = town_index.search("sesja", "en")
    assert ids(results) == ["sesja-rady"]
    hit = results.hits[0]
    assert hit.lang == "pl"  # the UI can say the text is in Polish
    assert hit.title == "Sesja Rady Miejskiej"
    assert hit.section_title == "Town"  # the section in the visitor's language


def test_hit_carries_title_section_and_highlighted_snippet(town_index: SearchIndex) -> None:
    hit = town_index.search("dowodu", "pl").hits[0]
    assert (hit.page_id, hit.title, hit.section_id) == ("dowod-osobisty", "Dowód osobisty", "sprawy")
    assert hit.section_title == "Sprawy urzędowe"
    assert [hit.title[a:b] for a, b in hit.title_spans] == ["Dowód"]
    assert hit.score > 0


def test_snippet_highlights_the_words_as_written(town_index: SearchIndex) -> None:
    hit = town_index.search("Lodz", "pl").hits[0]
    assert [hit.snippet[a:b] for a, b in hit.snippet_spans] == ["Łodzi", "Łódź"]
    assert "<b>Łodzi</b>" in hit.snippet_html
    assert "<b>Łódź</b>" in hit.snippet_html


def test_snippet_html_is_escaped(town_index: SearchIndex) -> None:
    hit = town_index.search("smieci", "pl").hits[0]
    assert "< 30 zł &" in hit.snippet
    assert "&lt; 30 zł &amp;" in hit.snippet_html
    assert set(re.findall(r"</?\w+>", hit.snippet_html)) <= {"<b>", "</b>"}


def test_page_matched_by_keyword_only_shows_its_summary(town_index: SearchIndex) -> None:
    hit = town_index.search("alkohol", "pl").hits[0]
    assert hit.page_id == "koncesje"
    assert hit.snippet == "Zezwolenia dla sklepów."
    assert hit.snippet_spans == ()


def test_count_is_of_all_matches_and_hits_are_limited(town_index: SearchIndex) -> None:
    everything = town_index.search("17", "pl")
    assert everything.total == 2
    limited = town_index.search("17", "pl", limit=1)
    assert limited.total == 2
    assert len(limited.hits) == 1
    assert limited.hits[0] == everything.hits[0]


def test_every_word_must_match_when_some_page_has_them_all(town_index: SearchIndex) -> None:
    assert ids(town_index.search("opłata zł", "pl")) == ["oplata-skarbowa", "zameldowanie"]
    assert ids(town_index.search("opłata pełnomocnictwo", "pl")) == ["oplata-skarbowa"]


def test_any_word_may_match_when_no_page_has_them_all(town_index: SearchIndex) -> None:
    results = town_index.search("jak zapłacić podatek dowodem", "pl")
    assert {"podatek-od-nieruchomosci", "dowod-osobisty"} <= set(ids(results))
    assert results.suggestion is None


@pytest.mark.parametrize(
    ("query", "lang", "suggestion"),
    [
        ("zaswiadczneie", "pl", "zaświadczenie"),
        ("podtek", "pl", "podatek"),
        ("parkign", "pl", "parking"),
        ("rubish", "en", "rubbish"),
        ("Dowud osobsity", "pl", "dowód osobisty"),
    ],
)
def test_no_results_suggests_a_close_indexed_word(
    town_index: SearchIndex, query: str, lang: str, suggestion: str
) -> None:
    results = town_index.search(query, lang)
    assert results.total == 0
    assert results.hits == ()
    assert results.suggestion == suggestion
    assert town_index.search(suggestion, lang).total > 0


@pytest.mark.parametrize("query", ["xyzzy", "qwrtpsdf", "zz", "🎉"])
def test_no_suggestion_without_a_close_word(town_index: SearchIndex, query: str) -> None:
    results = town_index.search(query, "pl")
    assert (results.total, results.suggestion) == (0, None)


@pytest.mark.parametrize("query", ["", " ", "\t\n", "   \u00a0 "])
def test_empty_query_finds_nothing_quietly(town_index: SearchIndex, query: str) -> None:
    assert town_index.search(query, "pl") == SearchResults(query, "pl")


WEIRD_QUERIES = [
    '"', '""', "'", "`", "AND", "OR", "NOT", "NEAR", "NEAR(podatek dowód)", "podatek AND",
    "OR podatek", "podatek NOT dowód", "*", "**", "podatek*", "*podatek", "(", ")", "((",
    "(podatek", "^podatek", "-podatek", "+", ":", "title:podatek", "{title body}: podatek",
    "🎉", "🎉podatek🎉", "👨‍👩‍👧", "\x00", "a\x00b", "\ud800", "ł", "Ł", "½", "ﬁ", "Ⅻ",
    "\u0301", "e\u0301", "١٢٣", "中文", "SELECT * FROM pages_0; --", "'); DROP TABLE x; --",
    "%", "_", "__", "a" * 10_000, "podatek " * 500, "ż" * 300, "\\", "\\\"", "NEAR/2",
]


@pytest.mark.parametrize("query", WEIRD_QUERIES)
@pytest.mark.parametrize("lang", ["pl", "en"])
def test_weird_input_never_raises(town_index: SearchIndex, query: str, lang: str) -> None:
    results = town_index.search(query, lang)
    assert isinstance(results, SearchResults)
    assert results.total >= len(results.hits)


def test_fts_syntax_in_the_query_is_taken_as_words(town_index: SearchIndex) -> None:
    assert ids(town_index.search("podatek*", "pl"))[:1] == ["podatek-od-nieruchomosci"]
    assert ids(town_index.search('"dowód" OR', "pl"))[:1] == ["dowod-osobisty"]
    assert ids(town_index.search("NEAR(parking)", "pl")) == ["parking"]


def test_unknown_language_or_limit_finds_nothing(town_index: SearchIndex) -> None:
    assert town_index.search("podatek", "de").total == 0
    assert town_index.search("podatek", "pl", limit=0).hits == ()


def test_index_knows_its_languages_and_pages(town_index: SearchIndex) -> None:
    assert town_index.languages == ("pl", "en")
    assert town_index.page_count("pl") == 12
    assert town_index.page_count("en") == 12  # eleven English pages and one Polish fallback
    assert town_index.page_count("de") == 0


def test_build_on_a_worker_thread_then_search_from_others(
    town_content: Content, analyzers: Analyzers
) -> None:
    built: list[SearchIndex] = []
    worker = threading.Thread(target=lambda: built.append(SearchIndex.build(town_content, analyzers)))
    worker.start()
    worker.join(timeout=60)
    assert built
    index = built[0]
    found: list[list[str]] = []
    errors: list[BaseException] = []

    def search(query: str) -> None:
        try:
            for _ in range(20):
                found.append(ids(index.search(query, "pl")))
        except BaseException as exc:  # noqa: BLE001 - reported by the assert below
            errors.append(exc)

    threads = [threading.Thread(target=search, args=(q,)) for q in ("podatku", "dowodu", "lodz")]
    for thread in threads:
        thread.start()
    search("zaswiadczenie")
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(found) == 80
    index.close()


def test_rebuild_follows_changed_content(
    town_dir: Path, town_content: Content, analyzers: Analyzers
) -> None:
    before = SearchIndex.build(town_content, analyzers)
    assert before.search("biblioteka", "pl").total == 0
    write_page(town_dir, "biblioteka", "pl", ("Biblioteka miejska", "miasto", "", "", "Książki."))
    after = SearchIndex.build(load_content(town_dir), analyzers)
    assert ids(after.search("biblioteki", "pl")) == ["biblioteka"]
    assert before.search("biblioteka", "pl").total == 0  # the old index is untouched


def test_highlighted_words_fold_to_what_was_typed(town_index: SearchIndex) -> None:
    for hit in town_index.search("zaswiadczenia", "pl").hits:
        marked = [fold(hit.snippet[a:b]) for a, b in hit.snippet_spans]
        assert marked and all(word.startswith("zaswiadcz") for word in marked)


def test_fields_rank_title_then_keywords_then_summary_then_body(
    tmp_path: Path, analyzers: Analyzers
) -> None:
    pages = {
        "in-body": {"pl": ("Strona B", "miasto", "Krótko.", "", "Świetlica otwarta.")},
        "in-summary": {
            "pl": (
                "Strona A", "miasto", "Informacje o świetlicy.", "",
                "Dłuższy tekst strony pierwszej o niczym szczególnym, ale za to dość długi.",
            )
        },
        "in-keywords": {"pl": ("Strona C", "miasto", "Nic.", "świetlica", "Tekst.")},
        "in-title": {"pl": ("Świetlica", "miasto", "Nic.", "", "Tekst.")},
    }
    content = load_content(write_site(tmp_path / "fields", pages))
    index = SearchIndex.build(content, analyzers)
    assert ids(index.search("swietlica", "pl")) == [
        "in-title", "in-keywords", "in-summary", "in-body",
    ]
