"""Search in Ukrainian: Cyrillic folding, apostrophes, and inflection through pymorphy3."""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from uk_queries import APOSTROPHE_PAGE, APOSTROPHE_QUERIES, QUERIES, ukrainian_sample

from kiosk.cli import UsageError
from kiosk.commands import search as search_command
from kiosk.content.content import Content, load_content
from kiosk.search import Analyzers, SearchIndex
from kiosk.search.snippet import highlight
from kiosk.search.stemming import LEMMATIZERS, Analyzer, LemmaAnalyzer, PlainAnalyzer
from kiosk.search.text import fold, word_spans, words


@pytest.fixture(scope="module")
def sample_uk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ukrainian_sample(tmp_path_factory.mktemp("uk") / "sample")


@pytest.fixture(scope="module")
def content_uk(sample_uk: Path) -> Content:
    content = load_content(sample_uk)
    assert content.error_count == 0, [p.format() for p in content.problems]
    assert "uk" in content.site.languages
    return content


@pytest.fixture(scope="module")
def index_uk(content_uk: Content, analyzers: Analyzers) -> Iterator[SearchIndex]:
    index = SearchIndex.build(content_uk, analyzers)
    yield index
    index.close()


def shares_key(analyzer: Analyzer, typed: str, on_page: str) -> bool:
    typed_keys = {fold(typed), *analyzer.query_keys(typed)}
    return bool(typed_keys & {fold(on_page), *analyzer.keys(on_page)})


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("РЕЄСТРАЦІЯ", "реєстрація"),  # Cyrillic case, є and і kept
        ("Їжак", "іжак"),  # ї is і with a diaeresis
        ("ҐАНОК", "ганок"),  # ґ is often typed г
        ("Сім’я", "сімя"),
        ("сім'я", "сімя"),
        ("сімʼя", "сімя"),
        ("сім‘я", "сімя"),
        ("don't", "dont"),
    ],
)
def test_fold_cyrillic_and_apostrophes(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_a_word_with_an_apostrophe_stays_one_word() -> None:
    text = "Сім’я, ПʼЯТНИЦЯ та об'єкт — 'цитата' п‘ять"
    assert words(text) == ["сім'я", "п'ятниця", "та", "об'єкт", "цитата", "п'ять"]
    spans = [(text[start:end], word) for start, end, word in word_spans(text)]
    assert spans[0] == ("Сім’я", "Сім’я")  # offsets into the text as written, nothing lost
    assert spans[1] == ("ПʼЯТНИЦЯ", "ПʼЯТНИЦЯ")


def test_ukrainian_uses_the_morphological_dictionary(analyzers: Analyzers) -> None:
    ukrainian = analyzers.for_language("uk")
    assert isinstance(ukrainian, LemmaAnalyzer)
    assert "uk" in LEMMATIZERS
    assert ukrainian.keys("податку") == ("податок",)
    assert shares_key(ukrainian, "податків", "податок")
    assert shares_key(ukrainian, "реєстрації", "реєстрація")
    assert shares_key(ukrainian, "шлюбу", "шлюб")
    assert shares_key(ukrainian, "паспорта", "паспорт")
    assert shares_key(ukrainian, "сім’ї", "сімʼя")  # apostrophes differ, lemma is shared
    assert not shares_key(ukrainian, "податок", "подати")
    assert ukrainian.keys("та") == ()  # short words are kept as they are


def test_a_language_without_an_analyzer_folds_only(analyzers: Analyzers) -> None:
    other = analyzers.for_language("be")  # no Snowball, no dictionary
    assert isinstance(other, PlainAnalyzer)
    assert other.keys("Падаткаў") == ()


def test_inflected_queries_find_their_pages(index_uk: SearchIndex) -> None:
    missed = []
    for query, wanted in QUERIES:
        found = [hit.page_id for hit in index_uk.search(query, "uk", limit=3).hits]
        if not wanted & set(found):
            missed.append(f"{query!r}: wanted {sorted(wanted)}, got {found}")
    assert len(QUERIES) >= 30
    assert not missed, "\n".join(missed)


def test_the_queries_of_the_issue(index_uk: SearchIndex) -> None:
    first = {
        query: index_uk.search(query, "uk").hits[0].page_id
        for query in ("реєстрації", "паспорта", "прописатися", "податку", "шлюбу")
    }
    assert first == {
        "реєстрації": "residence-registration",
        "паспорта": "id-card",
        "прописатися": "residence-registration",
        "податку": "local-taxes",
        "шлюбу": "civil-registry",
    }


def test_every_apostrophe_finds_the_same_pages(index_uk: SearchIndex) -> None:
    results = [index_uk.search(query, "uk") for query in APOSTROPHE_QUERIES]
    pages = [[hit.page_id for hit in result.hits] for result in results]
    assert all(found == pages[0] for found in pages), pages
    assert APOSTROPHE_PAGE in pages[0][:3]


def test_the_word_is_highlighted_as_written_on_the_page(index_uk: SearchIndex) -> None:
    hits = index_uk.search("пʼятниці", "uk").hits  # another case, another apostrophe
    hit = next(h for h in hits if h.page_id == APOSTROPHE_PAGE)
    marked = {hit.snippet[a:b] for a, b in hit.snippet_spans}
    assert marked and all("’" in word and fold(word).startswith("пятниц") for word in marked), marked
    shown = highlight("У п’ятницю до 14:30", lambda word: fold(word).startswith("пятниц"))
    assert [shown.text[a:b] for a, b in shown.spans] == ["п’ятницю"]


def test_ukrainian_pages_are_found_in_ukrainian_only(index_uk: SearchIndex) -> None:
    hits = index_uk.search("сміття", "uk").hits
    assert hits[0].page_id == "waste-collection"
    assert all(hit.lang == "uk" for hit in hits)
    assert hits[0].section_title == "Гміна та мешканці"
    assert index_uk.search("сміття", "pl").hits == ()


def run(capsys: pytest.CaptureFixture[str], **options: object) -> tuple[int, list[list[str]], str]:
    status = search_command.run(argparse.Namespace(**options))
    out, err = capsys.readouterr()
    return status, [line.split("\t") for line in out.splitlines()], err


def test_search_command_in_ukrainian(sample_uk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, lines, err = run(capsys, query="податків", lang="uk", content=sample_uk, limit=3)
    assert status == 0 and err == ""
    assert lines[0][:2] == ["local-taxes", "Місцеві податки"]
    assert "податків" in lines[0][2]


def test_search_command_refuses_uk_where_the_site_does_not_list_it(
    bundled_content_dir: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "tresc"
    shutil.copytree(bundled_content_dir, folder)
    site = folder / "site.toml"
    text = site.read_text(encoding="utf-8")
    two = text.replace('languages = ["pl", "en", "uk"]', 'languages = ["pl", "en"]')
    site.write_text(two, encoding="utf-8")
    assert "uk" not in load_content(folder).site.languages
    with pytest.raises(UsageError, match="--lang must be one of pl, en"):
        run(capsys, query="податок", lang="uk", content=folder, limit=3)


def test_the_bundle_s_packed_dictionary_is_unpacked_once_into_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The installer bundle carries the Ukrainian dictionary packed (build_installer.spec);
    the kiosk unpacks it on first use and then reads it from its cache."""
    import importlib.util

    from kiosk import paths
    from kiosk.search.stemming import dictionary_path
    from packaging_rules.datafiles import pack_folder

    spec = importlib.util.find_spec("pymorphy3_dicts_uk")
    assert spec is not None and spec.submodule_search_locations
    installed = Path(spec.submodule_search_locations[0]) / "data"
    data = tmp_path / "data"
    pack_folder(installed, data / "morphology" / "pymorphy3_dicts_uk.tar.xz")
    monkeypatch.setattr(paths, "data_dir", lambda: data)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first = dictionary_path("uk", str(tmp_path / "not-installed"))
    assert (Path(first) / "meta.json").is_file()
    assert Path(first).is_relative_to(tmp_path / "cache")
    assert dictionary_path("uk", str(tmp_path / "not-installed")) == first  # unpacked once
    assert dictionary_path("uk", str(installed)) == str(installed)  # installed: used as it is
