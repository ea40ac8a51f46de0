"""Benchmark: font-size change and theme switch, tap → repainted screen, largest page.

    .venv/bin/python benchmarks/bench_accessibility.py

Target (issue 20): p95 ≤ 50 ms for both, on this 2-core machine (it was ≤ 100 ms).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

if not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_shell import percentile  # noqa: E402


def main() -> None:
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
    largest = max((v for p in site.pages.values() for v in p.variants.values()), key=lambda v: len(v.body))
    for size in ((1080, 1920), (1920, 1080)):
        window = open_window(build_kiosk(Config.defaults(), content), *size)
        window.show()
        for step in window.screen_steps():  # as the running kiosk does after its first paint
            step()
        window.kiosk.session.set_language(largest.lang)
        window.kiosk.session.open(Location("page", largest.page_id))
        QApplication.processEvents()
        bar = window.top_bar
        scale_times, theme_times = [], []
        for i in range(30):
            button = bar.larger if i % 6 < 3 else bar.smaller
            start = time.perf_counter()
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
            QApplication.processEvents()  # deferred work (image reload) counts too
            window.repaint()
            scale_times.append(time.perf_counter() - start)
        window.kiosk.session.set_font_scale(100)
        for _ in range(30):
            start = time.perf_counter()
            QTest.mouseClick(bar.contrast, Qt.MouseButton.LeftButton)
            QApplication.processEvents()
            window.repaint()
            theme_times.append(time.perf_counter() - start)
        orientation = "portrait" if size[0] < size[1] else "landscape"
        for name, times in (("font size A+/A−", scale_times), ("contrast switch", theme_times)):
            print(
                f"{orientation} {name} on {largest.page_id}: p50 {percentile(times, 50) * 1000:.1f} ms, "
                f"p95 {percentile(times, 95) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms "
                f"({len(times)} taps)   target p95 ≤ 50 ms"
            )
        window.allow_close = True
        window.close()
    del app


if __name__ == "__main__":
    main()
