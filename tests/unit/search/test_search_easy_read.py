"""Search over easy-to-read versions: found by either text, once per page; the staff
commands with --easy-read."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from kiosk.cli import main
from kiosk.content.content import load_content
from kiosk.search import Analyzers, SearchIndex
from tests.conftest import ContentBuilder, page_text


@pytest.fixture
def index(make_content: Callable[[str], ContentBuilder]) -> Iterator[SearchIndex]:
    builder = make_content("c")
    builder.simple("hours", "Godziny otwarcia", "Opening hours", body_pl="Urząd pracuje w dni robocze. Kasa.")
    builder.simple("taxes", "Podatki", "Taxes", body_pl="Podatek od nieruchomości płacisz w kasie.")
    body = "Urząd jest otwarty od poniedziałku. Kasa to okienko."
    easy = page_text("Kiedy urząd jest otwarty", "office", body)
    (builder.root / "pages" / "hours" / "pl.etr.md").write_text(easy, encoding="utf-8")
    built = SearchIndex.build(load_content(builder.root), Analyzers())
    yield built
    built.close()


def test_words_only_in_the_easy_text_find_the_page(index: SearchIndex) -> None:
    results = index.search("okienko", "pl")
    assert [(h.page_id, h.is_easy_read) for h in results.hits] == [("hours", True)]
    assert index.search("okienko", "en").hits == ()  # English has no easy version


def test_a_page_matched_by_both_texts_is_one_result_in_the_text_chosen(index: SearchIndex) -> None:
    regular = index.search("kasa", "pl")
    assert regular.total == 2  # pages, not texts
    assert sorted(h.page_id for h in regular.hits) == ["hours", "taxes"]
    assert next(h for h in regular.hits if h.page_id == "hours").title == "Godziny otwarcia"
    easy = index.search("kasa", "pl", is_easy_read=True)
    assert easy.total == 2 and len(easy.hits) == 2
    hit = next(h for h in easy.hits if h.page_id == "hours")
    assert hit.is_easy_read and hit.title == "Kiedy urząd jest otwarty"
    # A page without an easy version is found as it is.
    assert not next(h for h in easy.hits if h.page_id == "taxes").is_easy_read


def test_search_command_with_easy_read(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "dowód", "--easy-read", "--limit", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("id-card\tJak dostać dowód osobisty\t") for line in lines)
    assert main(["search", "dowód", "--limit", "3"]) == 0
    assert any(line.startswith("id-card\tDowód osobisty\t") for line in capsys.readouterr().out.splitlines())


def test_speak_text_with_easy_read(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["speak", "contact", "--easy-read", "--text"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Jak skontaktować się z urzędem"
    assert "E-mail to list, który wysyłasz przez internet." in lines
