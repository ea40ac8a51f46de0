"""A long seeded monkey run on the real window with the memory sampled (issue 14).

    .venv/bin/python benchmarks/bench_monkey.py [ACTIONS]    # default 20,000

Random taps on visible buttons, keys, taps anywhere, rotations, text sizes and resets,
as tests/gui/test_robustness.py does, but many more; prints the resident memory every
1,000 actions, so a leak shows as steady growth after the warm-up.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

if not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(actions: int) -> None:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractButton, QApplication

    from kiosk import paths
    from kiosk.app import make_application
    from kiosk.compose import build_kiosk, open_window
    from kiosk.config import Config
    from kiosk.content.content import load_content
    from kiosk.runtime import resident_mb
    from kiosk.vocabulary import FONT_SCALES

    app = make_application()
    assert isinstance(app, QApplication)
    window = open_window(build_kiosk(Config.defaults(), load_content(paths.bundled_content_dir())))
    rng = random.Random(14)
    keys = [Qt.Key.Key_Tab, Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_Return, Qt.Key.Key_Escape]
    samples: list[tuple[int, float]] = []
    started = time.perf_counter()
    for step in range(1, actions + 1):
        roll = rng.random()
        if roll < 0.55:
            buttons = [b for b in window.findChildren(QAbstractButton) if b.isVisible() and b.isEnabled()]
            QTest.mouseClick(rng.choice(buttons), Qt.MouseButton.LeftButton)
        elif roll < 0.75:
            QTest.keyClick(QApplication.focusWidget() or window, rng.choice(keys))
        elif roll < 0.9:
            point = QPoint(rng.randrange(window.width()), rng.randrange(window.height()))
            child = window.childAt(point) or window
            QTest.mouseClick(child, Qt.MouseButton.LeftButton, pos=child.mapFrom(window, point))
        elif roll < 0.95:
            window.resize(*rng.choice([(1080, 1920), (1920, 1080)]))
        elif roll < 0.98:
            window.kiosk.session.set_font_scale(rng.choice(FONT_SCALES))
        else:
            window.kiosk.end_visit()
            window.kiosk.begin_visit()
        if step % 50 == 0:
            QApplication.processEvents()
        if step % 1000 == 0:
            samples.append((step, resident_mb()))
            print(f"{step:>7} actions: RSS {samples[-1][1]:.0f} MB  ({time.perf_counter() - started:.0f} s)",
                  flush=True)
    warm = next((mb for step, mb in samples if step >= min(5000, actions)), samples[0][1])
    print(f"growth after warm-up (5,000 actions → {actions:,}): {samples[-1][1] - warm:+.0f} MB"
          "   target ≤ 10 MB (issue 20)")
    window.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
