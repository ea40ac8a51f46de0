"""Ukrainian search quality: which morphological library finds what residents type.

Each candidate analyzer indexes the bundled sample with Ukrainian added and answers
the inflected queries of ``tests/unit/search/uk_queries.py``; a query is a hit when
an acceptable page is among the first three results (hit-rate@3). Each candidate runs
in its own process so its load time and memory are its own.

Run: ``.venv/bin/python benchmarks/eval_uk_morphology.py``
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "unit" / "search"))

from uk_queries import QUERIES, ukrainian_sample  # noqa: E402

from kiosk.content.content import load_content  # noqa: E402
from kiosk.search import Analyzers, SearchIndex  # noqa: E402
from kiosk.search.stemming import (  # noqa: E402
    Analyzer,
    LemmaAnalyzer,
    PlainAnalyzer,
    SnowballAnalyzer,
    load_pymorphy,
)


def _simplemma() -> Callable[[str], Iterable[str]]:
    import simplemma

    def lemmas(word: str) -> Iterable[str]:
        return (simplemma.lemmatize(word, lang="uk"),)

    return lemmas


def _pymorphy_first() -> Callable[[str], Iterable[str]]:
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer(lang="uk")

    def lemmas(word: str) -> Iterable[str]:
        parses = morph.parse(word)
        return (parses[0].normal_form,) if parses else ()

    return lemmas


def _both() -> Callable[[str], Iterable[str]]:
    first, second = load_pymorphy("uk"), _simplemma()
    assert first is not None

    def lemmas(word: str) -> Iterable[str]:
        return {*first(word), *second(word)}

    return lemmas


def _pymorphy() -> Callable[[str], Iterable[str]]:
    found = load_pymorphy("uk")
    assert found is not None
    return found


CANDIDATES: dict[str, Callable[[], Analyzer]] = {
    "folding only": lambda: PlainAnalyzer("uk"),
    "Snowball russian (no Ukrainian one)": lambda: SnowballAnalyzer("uk", "russian"),
    "simplemma 2.0.0": lambda: LemmaAnalyzer("uk", _simplemma()),
    "pymorphy3 2.0.6 + dicts-uk, best reading": lambda: LemmaAnalyzer("uk", _pymorphy_first()),
    "pymorphy3 2.0.6 + dicts-uk, all readings": lambda: LemmaAnalyzer("uk", _pymorphy()),
    "pymorphy3 all readings + simplemma": lambda: LemmaAnalyzer("uk", _both()),
}


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def evaluate(name: str) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as scratch:
        content = load_content(ukrainian_sample(Path(scratch) / "sample"))
    rss_before = _rss_mb()
    started = time.perf_counter()
    analyzer = CANDIDATES[name]()
    analyzer.keys("реєстрації")  # libraries that load lazily load now
    load_s = time.perf_counter() - started
    rss = _rss_mb() - rss_before
    analyzers = Analyzers({"uk": analyzer})
    for lang in content.site.languages:
        analyzers.for_language(lang)  # Polish and English stemmers load outside the timing
    started = time.perf_counter()
    index = SearchIndex.build(content, analyzers)
    build_s = time.perf_counter() - started
    hits, missed, latencies = 0, [], []
    for query, wanted in QUERIES:
        started = time.perf_counter()
        results = index.search(query, "uk", limit=3)
        latencies.append((time.perf_counter() - started) * 1000)
        if wanted & {hit.page_id for hit in results.hits}:
            hits += 1
        else:
            missed.append(query)
    # Later keystrokes of a query meet cached analyses; time them as typed.
    typed = []
    for query, _wanted in QUERIES:
        for end in range(1, len(query) + 1):
            started = time.perf_counter()
            index.search(query[:end], "uk")
            typed.append((time.perf_counter() - started) * 1000)
    typed.sort()
    return {
        "name": name,
        "hits": hits,
        "queries": len(QUERIES),
        "missed": missed,
        "load_s": load_s,
        "rss_mb": rss,
        "build_s": build_s,
        "first_query_ms_median": statistics.median(latencies),
        "first_query_ms_max": max(latencies),
        "typed_p95_ms": typed[round(0.95 * (len(typed) - 1))],
    }


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(evaluate(sys.argv[2]), ensure_ascii=False))
        return 0
    print(f"{len(QUERIES)} inflected Ukrainian queries on the bundled sample; a hit: "
          "an acceptable page in the first 3\n")
    print(f"{'analyzer':42} {'hit@3':>10} {'load':>7} {'memory':>8} {'build':>7} "
          f"{'query':>8} {'typed p95':>10}")
    rows = []
    for name in CANDIDATES:
        done = subprocess.run(
            [sys.executable, __file__, "--one", name], capture_output=True, text=True, check=True
        )
        row = json.loads(done.stdout.strip().splitlines()[-1])
        rows.append(row)
        rate = f"{row['hits']}/{row['queries']} {100 * row['hits'] / row['queries']:.0f}%"
        print(f"{name:42} {rate:>10} {row['load_s']:6.2f}s {row['rss_mb']:6.0f}MB "
              f"{row['build_s']:6.2f}s {row['first_query_ms_median']:6.1f}ms "
              f"{row['typed_p95_ms']:8.1f}ms")
    print()
    for row in rows:
        if row["missed"]:
            print(f"{row['name']}: missed {', '.join(row['missed'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
