"""A long seeded monkey run on the real window with the memory sampled (issues 14 and 20).

    .venv/bin/python benchmarks/bench_monkey.py [ACTIONS] [--every N] [--tracemalloc]

The monkey of ``tests/monkey.py`` (taps on visible buttons, keys, taps anywhere, rotations,
text sizes, visit resets), driven from a running Qt event loop as the kiosk is. Every N
actions (default 1,000) it prints the resident memory, the number of Qt objects under the
window and Python's live objects; with ``--tracemalloc`` also Python's traced memory and
the lines that grew most since the warm-up. The growth is judged on the figure between
visits (after the reset, as the kiosk releases memory then). Target (issue 20): growth
after the warm-up (a fifth of the run, at most 20,000 actions) ≤ 10 MB; the least-squares
trend after it is printed beside it.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
import tracemalloc
from pathlib import Path

if not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_GROWTH_MB = 10.0
WARM_UP_MAX = 20_000


def main(actions: int, every: int, trace: bool) -> None:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

    from kiosk import paths
    from kiosk.app import make_application
    from kiosk.compose import build_kiosk, open_window
    from kiosk.config import Config
    from kiosk.content.content import load_content
    from kiosk.memory import release_after_visits
    from kiosk.runtime import resident_mb
    from tests.monkey import Monkey, run_in_event_loop

    app = make_application()
    assert isinstance(app, QApplication)
    window = open_window(build_kiosk(Config.defaults(), load_content(paths.bundled_content_dir())))
    release_after_visits(window.kiosk)  # as the kiosk's runtime does
    for step in window.screen_steps():  # as the running kiosk does after its first paint
        step()
    if trace:
        tracemalloc.start(5)
    monkey = Monkey(window, seed=14)
    samples: list[tuple[int, float]] = []
    warm_snapshot: list[tracemalloc.Snapshot] = []
    # RSS climbs over the first ~15,000–20,000 actions (every screen, size, theme and
    # language met, Qt's and the allocator's caches filled), old main as this one, then
    # stays within ±6 MB up to 100,000 (measured): the warm-up is a fifth of the run, at
    # most 20,000 actions, and the trend after it is printed too.
    warm_up = min(WARM_UP_MAX, actions // 5)
    started = time.perf_counter()

    def sample(count: int) -> None:
        # Sampled between visitors, where a kiosk spends its day: the visit ends (and
        # memory is released as after every visit), the figure is taken, the next begins.
        during = resident_mb()
        window.kiosk.end_visit()
        QApplication.processEvents()
        QApplication.processEvents()
        mb = resident_mb()
        window.kiosk.begin_visit()
        samples.append((count, mb))
        line = (
            f"{count:>7} actions: RSS {during:6.0f} MB in a visit, {mb:6.0f} MB between visits"
            f"  Qt objects {len(window.findChildren(QObject)):>5}"
            f"  Python objects {len(gc.get_objects()):>7}  ({time.perf_counter() - started:4.0f} s)"
        )
        if trace:
            line += f"  traced {tracemalloc.get_traced_memory()[0] / 1e6:5.1f} MB"
            if count == warm_up or (not warm_snapshot and count > warm_up):
                warm_snapshot.append(tracemalloc.take_snapshot())
        print(line, flush=True)

    run_in_event_loop(monkey, actions, every=every, sample=sample)
    warm = next((mb for count, mb in samples if count >= warm_up), samples[0][1])
    peak_after = max(mb for count, mb in samples if count >= warm_up)
    growth = samples[-1][1] - warm
    after = [(count, mb) for count, mb in samples if count >= warm_up]
    print(f"between visits after the warm-up: {slope(after) * 10_000:+.1f} MB per 10,000 actions "
          f"(least squares over {len(after)} samples)")
    print(
        f"RSS after the warm-up ({warm_up:,} actions) {warm:.0f} MB → after {actions:,}: "
        f"{samples[-1][1]:.0f} MB (peak {peak_after:.0f} MB): growth {growth:+.0f} MB   "
        f"target ≤ {TARGET_GROWTH_MB:.0f} MB: {'met' if growth <= TARGET_GROWTH_MB else 'NOT met'}"
    )
    if trace and warm_snapshot:
        print("Python allocations that grew most since the warm-up:")
        for stat in tracemalloc.take_snapshot().compare_to(warm_snapshot[0], "lineno")[:8]:
            print(f"  {stat}")
    window.close()


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares MB per action through ``points`` (0 with fewer than two)."""
    if len(points) < 2:
        return 0.0
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else 0.0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("actions", nargs="?", type=int, default=20_000)
    parser.add_argument("--every", type=int, default=1000)
    parser.add_argument("--tracemalloc", action="store_true")
    arguments = parser.parse_args()
    main(arguments.actions, arguments.every, arguments.tracemalloc)
