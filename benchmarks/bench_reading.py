"""Benchmark of building what Listen reads: page → utterances after the reading rules
and the staff's pronunciation.toml (issue 16). Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_reading.py [--runs N]

This runs on the GUI thread when Listen is tapped, before the first sentence is
synthesised, so it is a share of the "tap Listen → first sentence playing ≤ 300 ms p95"
target of bench_speech.py. Budget here: ≤ 20 ms p95 per page. num2words and Babel's
month names load on first use: ``kiosk.speech.rules.warm_up()`` does that at start-up,
off the tap (budget ≤ 100 ms); without it the first page that needs them pays for it.
"""

from __future__ import annotations

import argparse
import statistics
import time


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    options = parser.parse_args()

    from kiosk import paths
    from kiosk.content.content import load_content
    from kiosk.speech.reading import variant_utterances
    from kiosk.speech.rules import warm_up

    content = load_content(paths.bundled_content_dir())
    variants = [content.site.pages[page_id].variants[lang] for page_id, lang in sorted(content.rendered)]
    started = time.perf_counter()
    warm_up(content.site.languages)
    print(f"warm_up() at start-up: {(time.perf_counter() - started) * 1000:.1f} ms (target ≤ 100 ms)")

    cold: list[tuple[float, str]] = []  # the first pass over every page
    for variant in variants:
        started = time.perf_counter()
        variant_utterances(content, variant)
        cold.append(((time.perf_counter() - started) * 1000, f"{variant.page_id}/{variant.lang}"))
    first_ms, first_page = max(cold)

    per_page: list[float] = []
    longest = ("", 0.0, 0)
    for _ in range(options.runs):
        for variant in variants:
            started = time.perf_counter()
            utterances = variant_utterances(content, variant)
            elapsed = (time.perf_counter() - started) * 1000
            per_page.append(elapsed)
            if elapsed > longest[1]:
                longest = (f"{variant.page_id}/{variant.lang}", elapsed, len(utterances))
    print(f"first pass, slowest page: {first_ms:.1f} ms, {first_page} (target ≤ 20 ms)")
    print(
        f"page → utterances: p50 {statistics.median(per_page):.1f} ms, "
        f"p95 {percentile(per_page, 95):.1f} ms, max {max(per_page):.1f} ms "
        f"({len(variants)} pages × {options.runs}; target p95 ≤ 20 ms)"
    )
    print(f"slowest: {longest[0]} {longest[1]:.1f} ms for {longest[2]} utterances")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
