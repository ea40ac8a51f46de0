"""Ranking sanity on a generated corpus of a few hundred pages.

Each topic word has one page about it (the word in its title) and several pages
that mention one of its inflected forms once in a long text, among many pages that
never mention it. Whatever form a visitor types, with or without diacritics, the
page about it must come first, and only pages with some form of it may be found.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from search_site import SITE_TOML

from kiosk.content.content import load_content
from kiosk.search import Analyzers, SearchIndex
from kiosk.search.text import fold

TOPICS: dict[str, list[str]] = {
    "podatek": ["podatku", "podatków", "podatkiem", "podatki"],
    "zaświadczenie": ["zaświadczenia", "zaświadczeń", "zaświadczeniem"],
    "dowód": ["dowodu", "dowody", "dowodem"],
    "wniosek": ["wniosku", "wnioski", "wniosków"],
    "cmentarz": ["cmentarza", "cmentarzu", "cmentarze"],
    "biblioteka": ["biblioteki", "bibliotekę", "bibliotek"],
    "paszport": ["paszportu", "paszporty", "paszportem"],
    "zasiłek": ["zasiłku", "zasiłki", "zasiłków"],
}
FILLER = (
    "miasto godzina informacja termin telefon sala budynek ulica numer kontakt pracownik "
    "mieszkaniec rok miesiąc tydzień dzień rano wieczorem szybko spokojnie czytelnie "
    "jasno krótko sprawnie zawsze często rzadko bardzo trochę razem osobno nowy stary "
    "duży mały dobry ważny pilny prosty trudny zielony czerwony niebieski drzewo rzeka "
    "most rynek kościół szkoła boisko basen hala teatr kino muzeum ratusz poczta apteka "
    "sklep piekarnia kawiarnia ogród plac skwer las łąka pole jezioro góra dolina"
).split()
MENTIONS = 8
NOISE_PAGES = 200


def _text(rng: random.Random, words: int) -> str:
    chunks = []
    for _ in range(words // 10):
        sentence = " ".join(rng.choice(FILLER) for _ in range(10))
        chunks.append(sentence.capitalize() + ".")
    return " ".join(chunks)


def _page(title: str, body: str) -> str:
    return f"---\ntitle: {title}\nsection: miasto\n---\n{body}\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, set[str]]]:
    """(content folder, topic → ids of the pages with some form of it)."""
    rng = random.Random(20)
    root = tmp_path_factory.mktemp("corpus")
    (root / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    pages: dict[str, str] = {}
    having: dict[str, set[str]] = {}
    for number, (lemma, forms) in enumerate(TOPICS.items()):
        about = f"topic-{number}"
        pages[about] = _page(f"{lemma.capitalize()} w urzędzie", _text(rng, 80))
        having[lemma] = {about}
        for mention in range(MENTIONS):
            page_id = f"topic-{number}-mention-{mention}"
            words = _text(rng, 300).split(" ")
            words.insert(rng.randrange(len(words)), rng.choice(forms))
            title = " ".join(rng.sample(FILLER, 3)).capitalize()
            pages[page_id] = _page(title, " ".join(words))
            having[lemma].add(page_id)
    for number in range(NOISE_PAGES):
        pages[f"noise-{number}"] = _page(" ".join(rng.sample(FILLER, 3)).capitalize(),
                                         _text(rng, rng.randint(50, 400)))
    for page_id, text in pages.items():
        folder = root / "pages" / page_id
        folder.mkdir(parents=True)
        (folder / "pl.md").write_text(text, encoding="utf-8")
    return root, having


@pytest.fixture(scope="module")
def corpus_index(
    corpus: tuple[Path, dict[str, set[str]]], analyzers: Analyzers
) -> SearchIndex:
    content = load_content(corpus[0])
    assert content.error_count == 0
    return SearchIndex.build(content, analyzers)


def test_filler_never_looks_like_a_topic() -> None:
    for lemma, forms in TOPICS.items():
        for word in FILLER:
            assert not any(fold(word).startswith(fold(f)[:4]) for f in [lemma, *forms])


QUERIES = [(lemma, form) for lemma, forms in TOPICS.items() for form in [lemma, *forms]]


@pytest.mark.parametrize(("lemma", "typed"), QUERIES)
@pytest.mark.parametrize("is_folded", [False, True], ids=["diacritics", "without"])
def test_page_about_a_word_comes_first_whatever_its_form(
    corpus: tuple[Path, dict[str, set[str]]],
    corpus_index: SearchIndex,
    lemma: str,
    typed: str,
    is_folded: bool,
) -> None:
    query = fold(typed) if is_folded else typed
    results = corpus_index.search(query, "pl", limit=50)
    about = f"topic-{list(TOPICS).index(lemma)}"
    assert results.hits and results.hits[0].page_id == about
    found = {hit.page_id for hit in results.hits}
    assert found <= corpus[1][lemma], "found pages without any form of the word"


def test_most_mentions_are_found_whatever_form_is_typed(
    corpus: tuple[Path, dict[str, set[str]]], corpus_index: SearchIndex
) -> None:
    expected = found = 0
    for lemma, typed in QUERIES:
        for query in (typed, fold(typed)):
            hits = corpus_index.search(query, "pl", limit=50).hits
            expected += len(corpus[1][lemma])
            found += len({hit.page_id for hit in hits} & corpus[1][lemma])
    assert found / expected >= 0.9


@pytest.mark.parametrize("lemma", list(TOPICS))
def test_typing_a_word_letter_by_letter_finds_its_page(
    corpus_index: SearchIndex, lemma: str
) -> None:
    about = f"topic-{list(TOPICS).index(lemma)}"
    typed = fold(lemma)
    for end in range(5, len(typed) + 1):
        hits = corpus_index.search(typed[:end], "pl").hits
        assert hits and hits[0].page_id == about, typed[:end]


def test_noise_is_never_found_and_count_matches(corpus_index: SearchIndex) -> None:
    results = corpus_index.search("cmentarz", "pl", limit=100)
    assert results.total == len(results.hits) == MENTIONS + 1
    assert not any(hit.page_id.startswith("noise") for hit in results.hits)
