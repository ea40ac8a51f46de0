"""Every bundled page can be found the way a visitor would look for it."""

from __future__ import annotations

import pytest

from kiosk import paths
from kiosk.content.content import Content, load_content
from kiosk.search import Analyzers, SearchIndex
from kiosk.search.text import fold


@pytest.fixture(scope="module")
def bundled() -> Content:
    root = paths.bundled_content_dir()
    if not (root / "site.toml").is_file():
        pytest.skip("no bundled content yet")
    return load_content(root)


@pytest.fixture(scope="module")
def bundled_index(bundled: Content, analyzers: Analyzers) -> SearchIndex:
    return SearchIndex.build(bundled, analyzers)


def test_every_page_is_found_by_its_title_typed_without_diacritics(
    bundled: Content, bundled_index: SearchIndex
) -> None:
    missed = []
    for page in bundled.site.pages.values():
        for lang, variant in page.variants.items():
            query = fold(variant.title)
            top = [hit.page_id for hit in bundled_index.search(query, lang).hits[:3]]
            if page.id not in top:
                missed.append(f"{lang} {page.id}: {query!r} → {top}")
    assert not missed


def test_every_page_is_found_by_each_of_its_keywords(
    bundled: Content, bundled_index: SearchIndex
) -> None:
    missed = []
    for page in bundled.site.pages.values():
        for lang, variant in page.variants.items():
            for keyword in variant.keywords:
                found = [hit.page_id for hit in bundled_index.search(keyword, lang, 50).hits]
                if page.id not in found:
                    missed.append(f"{lang} {page.id}: keyword {keyword!r}")
    assert not missed


def test_no_result_never_suggests_what_finds_nothing(bundled_index: SearchIndex) -> None:
    for lang in bundled_index.languages:
        for query in ("zaswiadczneie", "podtek", "xqzv", "Lodz"):
            results = bundled_index.search(query, lang)
            if results.suggestion is not None:
                assert results.total == 0
                assert bundled_index.search(results.suggestion, lang).total > 0
