"""Benchmark of the kiosk shell (issue: kiosk shell). Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_shell.py

- process start → first screen painted (the attract screen, which a touch turns into
  home; median of runs, fresh process each time)
- tap → page painted on the largest bundled page (p50/p95)
- ``kiosk check`` of 1,000 generated pages (and of 1,000 pages × 2 languages)
- resident memory after opening every bundled page in every language
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if not os.environ["QT_QPA_PLATFORM"]:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STARTUP_CHILD = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from kiosk.app import start_kiosk
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, lambda: (print("painted", flush=True), app.exit(0)))
        return False
app, runtime = start_kiosk(None, windowed=True, language=None)
watch = Painted()
runtime.window.attract.office.installEventFilter(watch)  # the first screen: attract
app.exec()
"""


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def bench_startup(runs: int = 7, bytecode: Path | None = None) -> list[float]:
    """Seconds from process start to the first screen painted, fresh process each run.

    ``bytecode``: a folder holding the kiosk's modules byte-compiled (``compile_kiosk``),
    as an installed kiosk has them (the bundle ships bytecode; a wheel install compiles
    it); without it the child runs as this checkout does, which under
    ``PYTHONDONTWRITEBYTECODE`` compiles every kiosk module it imports at every start."""
    env = dict(os.environ)
    if bytecode is not None:
        env["PYTHONPYCACHEPREFIX"] = str(bytecode)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", STARTUP_CHILD],
            stdout=subprocess.PIPE,
            cwd=ROOT,
            text=True,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        assert proc.stdout is not None
        line = proc.stdout.readline()
        elapsed = time.perf_counter() - start
        proc.wait(timeout=30)
        if line.strip() != "painted":
            raise RuntimeError("the kiosk did not paint its home screen")
        times.append(elapsed)
    return times


def compile_kiosk(folder: Path) -> Path:
    """Bytecode in ``folder`` (a ``PYTHONPYCACHEPREFIX``) for every module the kiosk
    imports (its own, the standard library's, its dependencies'), as an installed kiosk
    has it: the kiosk package compiled, then one untimed start that writes the rest."""
    env = dict(os.environ, PYTHONPYCACHEPREFIX=str(folder))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "kiosk")], env=env, check=True,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run(
        [sys.executable, "-c", STARTUP_CHILD], env=env, cwd=ROOT, check=True, timeout=60,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return folder


STARTUP_TARGET_MS = 500  # issue 20


def bench_page_open(runs: int = 40) -> tuple[str, list[float], float]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from kiosk import paths
    from kiosk.app import make_application
    from kiosk.compose import build_kiosk, open_window
    from kiosk.config import Config
    from kiosk.content.content import load_content
    from kiosk.session import Location

    app = make_application()
    content = load_content(paths.bundled_content_dir())
    site = content.site
    largest = max(
        (v for p in site.pages.values() for v in p.variants.values() if v.lang == "pl"),
        key=lambda v: len(v.body),
    )
    window = open_window(build_kiosk(Config.defaults(), content), 1080, 1920)
    window.show()
    for step in window.screen_steps():  # as the running kiosk does after its first paint
        step()
    QApplication.processEvents()
    times = []
    for _ in range(runs):
        window.kiosk.session.home()
        window.kiosk.session.open(Location("section", largest.section))
        window.repaint()
        QApplication.processEvents()
        tile = next(
            t for t in window.section_screen.visible_tiles() if t.property("page_id") == largest.page_id
        )
        start = time.perf_counter()
        QTest.mouseClick(tile, Qt.MouseButton.LeftButton)
        window.repaint()  # paint synchronously: the page is on screen when this returns
        times.append(time.perf_counter() - start)
        assert window.page_screen.title.text() == largest.title
    for page in site.pages.values():  # every page in every language, for the memory figure
        for lang in site.languages:
            window.kiosk.session.set_language(lang)
            window.kiosk.session.open(Location("page", page.id))
            window.repaint()
    from kiosk.runtime import resident_mb

    rss = resident_mb()
    del app
    return f"{largest.page_id} ({len(largest.body)} chars)", times, rss


def generate(root: Path, pages: int, languages: tuple[str, ...]) -> None:
    sample = (ROOT / "kiosk" / "data" / "sample" / "site.toml").read_text(encoding="utf-8")
    (root / "pages").mkdir(parents=True)
    (root / "site.toml").write_text(sample, encoding="utf-8")
    import tomllib

    sections = [s["id"] for s in tomllib.loads(sample)["sections"]]
    for i in range(pages):
        folder = root / "pages" / f"page-{i:04d}"
        folder.mkdir()
        for lang in languages:
            link = f"page-{(i + 1) % pages:04d}"
            body = "\n\n".join(
                [
                    "## Informacje",
                    f"Strona numer {i}. Zobacz też [następną stronę](page:{link}).",
                    "1. Pierwszy krok\n2. Drugi krok\n    - szczegół",
                    "| Dzień | Godziny |\n|---|---|\n| poniedziałek | 8:00–16:00 |",
                    "Lorem ipsum dolor sit amet, **consectetur** adipiscing elit. " * 8,
                ]
            )
            (folder / f"{lang}.md").write_text(
                f"---\ntitle: Strona {i}\nsection: {sections[i % len(sections)]}\norder: {i}\n"
                f"summary: Podsumowanie strony {i}\nkeywords: [a, b, c]\n---\n{body}\n",
                encoding="utf-8",
            )


def bench_check(pages: int, languages: tuple[str, ...], runs: int = 5) -> list[float]:
    tmp = Path(tempfile.mkdtemp())
    try:
        generate(tmp / "c", pages, languages)
        kiosk = [sys.executable, "-m", "kiosk", "check", str(tmp / "c")]
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            result = subprocess.run(kiosk, capture_output=True, text=True, cwd=ROOT)
            times.append(time.perf_counter() - start)
        summary = result.stdout.strip().splitlines()[-1]
        print(f"    last run said: {summary}")
        return times
    finally:
        shutil.rmtree(tmp)


def main() -> None:
    print(f"kiosk shell benchmark — {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as bytecode:
        for label, startup in (
            ("as this checkout runs", bench_startup()),
            ("byte-compiled, as installed", bench_startup(bytecode=compile_kiosk(Path(bytecode)))),
        ):
            print(
                f"start → first screen painted ({label}): median {statistics.median(startup) * 1000:.0f} ms "
                f"(min {min(startup) * 1000:.0f}, max {max(startup) * 1000:.0f}, {len(startup)} runs)"
                f"   target ≤ {STARTUP_TARGET_MS} ms"
            )
    page, taps, rss = bench_page_open()
    print(
        f"tap → page painted, largest page {page}: p50 {percentile(taps, 50) * 1000:.1f} ms, "
        f"p95 {percentile(taps, 95) * 1000:.1f} ms ({len(taps)} taps)   target p95 ≤ 16 ms"
    )
    print(f"resident memory after opening every page in every language: {rss:.0f} MB   target ≤ 200 MB")
    for pages, languages in ((1000, ("pl",)), (500, ("pl", "en")), (1000, ("pl", "en"))):
        files = pages * len(languages)
        times = bench_check(pages, languages)
        print(
            f"kiosk check, {pages} pages × {len(languages)} language(s) = {files} files: "
            f"median {statistics.median(times):.2f} s ({len(times)} runs)   target ≤ 2 s for 1,000 pages"
        )


if __name__ == "__main__":
    main()
