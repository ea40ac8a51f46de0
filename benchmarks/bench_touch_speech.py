"""Benchmark of speech mode's response (issue 16). Prints figures against the targets;
asserts nothing.

    .venv/bin/python benchmarks/bench_touch_speech.py [--runs N]

On the real kiosk window, in speech mode, with the real speech engine (espeak-ng through
pyttsx3; the recording engine if it is missing, said so in the output):

- touch → speech: a finger put down on an item (a new item each time, its name not yet
  synthesized) until (a) the engine is asked to synthesize its name, and (b) the first
  samples of that name are handed to the sound device (``AudioOut.play``, seen as the
  player turning to "playing"); target p95 ≤ 150 ms for (b), the start of speech;
- swipe → next item: a swipe right (finger up) until the same two moments for the next
  item in reading order; target p95 ≤ 150 ms.

Sound goes to a private PulseAudio null sink (tests/sound.py) unless PULSE_SERVER names
another. Runs on the home screen, a section, a page and search, item after item.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

if not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_speech import percentile, private_sound_server, wait_until  # noqa: E402

TARGET_MS = 150.0


class TimedEngine:
    """The real engine, noting when it is asked to synthesize each text."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self.asked: dict[str, float] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)

    def synthesize(self, text: str, lang: str, rate: str, path: Path) -> Path | None:
        self.asked[text] = time.perf_counter()  # the last time: a name said before is cached
        return self._engine.synthesize(text, lang, rate, path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2, help="rounds over the screens")
    parser.add_argument("--delayed", action="store_true",
                        help="names after the announcement delay, as before Kiosk.respond (to compare)")
    options = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)

    server = private_sound_server()

    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    from kiosk.app import make_application
    from kiosk.session import Location
    from kiosk.speech.engine import select_engine
    from kiosk.ui.speech_mode import DOUBLE_TAP_SECONDS
    from tests.conftest import open_kiosk_window

    make_application()
    real = select_engine()
    if not real.available:
        from tests.fakes import RecordingEngine

        print(f"the real engine is not available ({real.unavailable_reason}): the recording engine")
        real = RecordingEngine(duration_ms=300, tone_hz=440)
    print(f"engine: {getattr(real, 'name', type(real).__name__)}")
    engine = TimedEngine(real)
    window: Any = open_kiosk_window(speech_engine=engine)
    for step in window.screen_steps():  # as the running kiosk does after its first paint
        step()
    kiosk = window.kiosk
    player = kiosk.speech
    kiosk.begin_visit(with_speech=True)
    kiosk.policy.stop()  # no idle reset in the middle of the measurements
    wait_until(lambda: player.state == "idle", 30)
    mode = window.speech_mode
    if options.delayed:
        mode._announce = kiosk.announce
    playing_at: list[float] = []
    player.state_changed.connect(lambda state: state == "playing" and playing_at.append(time.perf_counter()))
    gap_s = DOUBLE_TAP_SECONDS + 0.1

    def settle() -> None:
        player.stop()  # the name has started: the visitor moves on (as visitors do)
        end = time.perf_counter() + gap_s  # touches further apart than a double tap
        wait_until(lambda: time.perf_counter() > end, gap_s + 1)

    def measure(act: Any, text_of_target: Any) -> tuple[float | None, float] | None:
        """(engine asked, or None when the name was synthesized before; first samples), ms."""
        playing_at.clear()
        started = act()
        text = text_of_target()
        if not wait_until(lambda: bool(playing_at), 5):
            return None
        asked = engine.asked.get(text, 0.0)
        return ((asked - started) * 1000 if asked >= started else None), (playing_at[0] - started) * 1000

    touch: list[tuple[float | None, float]] = []
    swipe: list[tuple[float | None, float]] = []
    screens = [Location.home(), Location("section", "office"), Location("page", "payments"),
               Location("search")]
    for _round in range(options.runs):  # an announcement's sound is not kept: each is synthesized
        for location in screens:
            kiosk.open(location)
            settle()
            order = [item for item in mode.reading_order() if item.block < 0][:14]
            for item in order:  # a finger put down on each item
                point = item.widget.mapTo(window, item.widget.rect().center())
                target = window.childAt(point) or window

                def press(point: QPoint = point, target: Any = target) -> float:
                    started = time.perf_counter()
                    QTest.mousePress(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(window, point))
                    return started

                result = measure(press, lambda: mode.text_of(mode.current) if mode.current else "")
                QTest.mouseRelease(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(window, point))
                if result is not None:
                    touch.append(result)
                settle()
            mode.forget()
            centre = QPoint(window.width() // 2, window.height() // 2)
            for _ in range(len(order)):  # swipes right through the items
                under = window.childAt(centre) or window
                local = under.mapFrom(window, centre)
                QTest.mousePress(under, Qt.MouseButton.LeftButton, pos=local)
                QTest.mouseMove(under, local + QPoint(150, 0))

                def release(under: Any = under, local: QPoint = local) -> float:
                    started = time.perf_counter()
                    QTest.mouseRelease(under, Qt.MouseButton.LeftButton, pos=local + QPoint(300, 0))
                    return started

                result = measure(release, lambda: mode.text_of(mode.current) if mode.current else "")
                if result is not None:
                    swipe.append(result)
                settle()

    def report(name: str, values: list[tuple[float | None, float]]) -> None:
        if not values:
            print(f"{name}: no measurement")
            return
        fresh = [(a, b) for a, b in values if a is not None]
        print(f"{name} (n={len(values)}, {len(fresh)} names synthesized then, the rest said before):")
        if fresh:
            asked = [a for a, _b in fresh]
            print(f"  → engine asked to speak: p50 {percentile(asked, 50):.1f} ms, "
                  f"p95 {percentile(asked, 95):.1f} ms")
        for label, group in (("new names", [b for _a, b in fresh]), ("all", [b for _a, b in values])):
            if not group:
                continue
            p95 = percentile(group, 95)
            verdict = "meets" if p95 <= TARGET_MS else "MISSES"
            print(f"  → first samples to the sound device ({label}): p50 {percentile(group, 50):.1f} ms, "
                  f"p95 {p95:.1f} ms (target ≤ {TARGET_MS:.0f} ms: {verdict})")

    report("touch → speech", touch)
    report("swipe → next item spoken", swipe)
    print(f"sound device: {player.audio_device or 'none'} {player.audio_problem}")
    player.stop()
    kiosk.close()
    window.close()
    if server is not None:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
