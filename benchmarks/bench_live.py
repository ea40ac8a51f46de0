"""Live content benchmark: the watcher's periodic look and a snapshot's copy and check.

The watcher reads the content folder's state (every entry's size and time, links
resolved) on the UI thread every few seconds and after file events; copying and checking
a snapshot runs in a background thread. Measured on the bundled sample and on a
generated folder of N pages (two languages and one image each).

Run: ``.venv/bin/python benchmarks/bench_live.py [--pages N]``
Targets (issue 14): a look ≤ 20 ms on the sample and ≤ 100 ms (the UI thread's budget)
on 1,000 pages; start-up on an unchanged folder (a valid snapshot reused) adds ≤ 0.5 s to
loading the content itself.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk import paths  # noqa: E402
from kiosk.content.content import load_content  # noqa: E402
from kiosk.content.live import check_snapshot, folder_state, start_content  # noqa: E402

LOOK_SAMPLE_TARGET_MS = 20.0
LOOK_LARGE_TARGET_MS = 100.0
START_OVERHEAD_TARGET_S = 0.5
REPEATS = 20


def timed(action: Callable[[], object], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def make_folder(root: Path, pages: int) -> Path:
    import shutil

    shutil.copytree(paths.bundled_content_dir(), root)
    for number in range(pages):
        folder = root / "pages" / f"generated-{number:04d}"
        folder.mkdir(parents=True)
        for lang, title in (("pl", "Strona"), ("en", "Page")):
            text = f"---\ntitle: {title} {number}\nsection: town\n---\n" + "Treść strony. " * 40 + "\n"
            (folder / f"{lang}.md").write_text(text, encoding="utf-8")
        (folder / "plan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(4096))
    return root


def report(name: str, value: float, target: float, unit: str) -> bool:
    ok = value <= target
    print(f"{name:<52} {value:8.1f} {unit:<3} target ≤ {target:g} {unit}  {'OK' if ok else 'MISSED'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    ok = True
    sample = paths.bundled_content_dir()
    look = timed(lambda: folder_state(sample), REPEATS)
    ok &= report("look at the sample (median)", statistics.median(look) * 1000, LOOK_SAMPLE_TARGET_MS, "ms")
    with tempfile.TemporaryDirectory() as scratch:
        root = make_folder(Path(scratch) / "content", args.pages)
        files = sum(1 for p in root.rglob("*") if p.is_file())
        look = timed(lambda: folder_state(root), REPEATS)
        ok &= report(
            f"look at {args.pages} pages, {files} files (median)",
            statistics.median(look) * 1000,
            LOOK_LARGE_TARGET_MS,
            "ms",
        )
        snapshots = Path(scratch) / "snapshots"
        start = time.perf_counter()
        checked = check_snapshot(root, snapshots)
        elapsed = time.perf_counter() - start
        assert checked is not None
        print(f"{'copy and check a snapshot (background thread)':<52} {elapsed:8.2f} s   (no target)")
        first = start_content(root, snapshots, paths.unavailable_content_dir())
        start = time.perf_counter()
        load_content(first.content.site.root)
        loading = time.perf_counter() - start
        start = time.perf_counter()
        again = start_content(root, snapshots, paths.unavailable_content_dir())
        elapsed = time.perf_counter() - start
        assert again.content.site.root == first.content.site.root, "the valid snapshot was not reused"
        print(f"{'loading the content itself':<52} {loading:8.2f} s   (no target)")
        ok &= report(
            "start-up beyond loading, folder unchanged", elapsed - loading, START_OVERHEAD_TARGET_S, "s"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
