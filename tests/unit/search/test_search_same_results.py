"""Search results stay exactly the same when the query path is made faster.

``same_results.json`` holds, for every keystroke of the benchmark's typed queries (and a
few misspelt ones, easy-to-read on and off), the results the index gave before its query
path was tuned: how many pages matched, the suggestion, the pages in order, and a digest
of everything a hit shows (titles, snippets, highlighted spans, bm25 scores). Any change
in what a visitor sees, or in the order, fails here with the query that changed.

When a change of results is meant (a ranking fix), write the file anew and say why in
the commit: ``.venv/bin/python tests/unit/search/test_search_same_results.py --write``.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_search import TYPED_QUERIES, generate  # noqa: E402
from kiosk.content.content import load_content  # noqa: E402
from kiosk.search import Analyzers, SearchIndex, SearchResults  # noqa: E402

EXPECTED = Path(__file__).with_name("same_results.json")
PAGES = 150
MISSPELT = {"pl": ["zaswiadczene", "podatk od nieruchomosic"], "en": ["proprety"], "uk": ["довдки"]}


def queries() -> list[tuple[str, str, bool]]:
    """(query, language, easy-to-read): every keystroke of the typed queries, both ways."""
    found = []
    for lang, typed in TYPED_QUERIES.items():
        for query in typed:
            for end in range(1, len(query) + 1):
                found.append((query[:end], lang, end % 2 == 0))
        found += [(query, lang, False) for query in MISSPELT.get(lang, [])]
    return found


def describe(results: SearchResults) -> dict[str, object]:
    shown = [
        (hit.page_id, hit.lang, hit.is_easy_read, hit.title, hit.title_spans, hit.section_id,
         hit.section_title, hit.snippet, hit.snippet_spans, hit.snippet_html, f"{hit.score:.9g}")
        for hit in results.hits
    ]
    digest = hashlib.sha256(json.dumps(shown, ensure_ascii=False).encode()).hexdigest()[:16]
    return {
        "total": results.total,
        "suggestion": results.suggestion,
        "pages": " ".join(f"{hit.page_id}/{hit.lang}{'/etr' if hit.is_easy_read else ''}"
                          for hit in results.hits),
        "digest": digest,
    }


def current(folder: Path) -> dict[str, dict[str, object]]:
    generate(folder, PAGES, seed=20, easy_every=4)
    index = SearchIndex.build(load_content(folder), Analyzers())
    try:
        return {
            f"{lang}|{'etr' if easy else 'std'}|{query}": describe(index.search(query, lang, 20, easy))
            for query, lang, easy in queries()
        }
    finally:
        index.close()


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    return current(tmp_path_factory.mktemp("same-results"))


def test_every_query_gives_the_results_it_gave(results: dict[str, dict[str, object]]) -> None:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert results.keys() == expected.keys()
    changed = {key: (expected[key], got) for key, got in results.items() if got != expected[key]}
    assert not changed, f"{len(changed)} queries changed, e.g. {next(iter(changed.items()))}"


def test_the_queries_find_pages_and_suggest(results: dict[str, dict[str, object]]) -> None:
    """The comparison is worth something only if the queries find things."""
    assert sum(1 for r in results.values() if r["pages"]) > 0.8 * len(results)
    assert any(r["suggestion"] for r in results.values())
    assert any("/etr" in str(r["pages"]) for r in results.values())


if __name__ == "__main__" and "--write" in sys.argv:
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        data = current(Path(scratch) / "content")
    EXPECTED.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    sys.stdout.write(f"wrote {len(data)} queries to {EXPECTED}\n")
