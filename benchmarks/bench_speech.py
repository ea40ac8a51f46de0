"""Benchmark of speech (issue 4) with the real engine. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_speech.py

- tap Listen → first sentence playing (its samples handed to the sound device) and
  → first sentence heard (the device has taken samples), p50/p95, each run on a page
  and language not heard before (no cache); target ≤ 300 ms p95
- tap Stop → silent (the device's queue dropped), p50/p95; target ≤ 100 ms p95

Sound goes to the test sound server of tests/sound.py (a PulseAudio null sink, which
takes samples every 20 ms as a sound card does) unless PULSE_SERVER names another.
- longest block of the GUI thread while the longest bundled page is synthesized ahead of
  playback in full, measured with a 1 ms timer; target ≤ 16 ms
- synthesis time per sentence, and ``kiosk speak`` of the longest page
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def wait_until(condition: Callable[[], bool], timeout_s: float = 10.0) -> bool:
    """Run the event loop (as the kiosk does: idle, GIL released) until ``condition``."""
    from PySide6.QtCore import QEventLoop, QTimer

    if condition():
        return True
    loop = QEventLoop()
    end = time.perf_counter() + timeout_s
    poll = QTimer()
    poll.setInterval(1)

    def check() -> None:
        if condition() or time.perf_counter() > end:
            loop.quit()

    poll.timeout.connect(check)
    poll.start()
    loop.exec()
    poll.stop()
    return condition()


def private_sound_server() -> Any:
    """The tests' private PulseAudio server (tests/sound.py), unless PULSE_SERVER names
    another: sound is recorded there and nothing comes out of the machine. None if
    another server is used; the caller stops the one returned."""
    if os.environ.get("PULSE_SERVER"):
        os.environ.setdefault("QT_AUDIO_BACKEND", "pulseaudio")
        return None
    from tests.sound import SoundServer

    server = SoundServer(Path(tempfile.mkdtemp(prefix="bench-sound-")))
    reason = server.start()
    if reason:
        print(f"no sound server ({reason}): sentences run on the clock")
    os.environ["PULSE_SERVER"] = server.address
    os.environ.setdefault("QT_AUDIO_BACKEND", "pulseaudio")
    return server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="rounds over all bundled pages")
    options = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    server = private_sound_server()

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk import paths
    from kiosk.content.content import load_content
    from kiosk.speech.engine import Pyttsx3Engine
    from kiosk.speech.player import SpeechPlayer
    from kiosk.speech.reading import page_utterances

    app = QApplication(sys.argv[:1])
    engine = Pyttsx3Engine()
    started = time.perf_counter()
    if not engine.start():
        print(f"no speech engine: {engine.unavailable_reason}")
        return 1
    print(f"engine start: {(time.perf_counter() - started) * 1000:.0f} ms")
    content = load_content(paths.bundled_content_dir())
    pages = sorted(content.rendered)

    # -- tap Listen → playing, tap Stop → silent ---------------------------------
    listen_ms: list[float] = []
    heard_ms: list[float] = []
    stop_ms: list[float] = []
    player = SpeechPlayer(engine)
    audio = player._audio  # the benchmark watches the sound output itself
    for run in range(options.runs):
        for page_id, lang in pages:
            variant = content.site.pages[page_id].variants[lang]
            html = content.rendered[(page_id, lang)].html
            title = f"{variant.title} ({run})"  # a sentence never heard: no cache
            tap = time.perf_counter()
            utterances = page_utterances(title, html, lang)
            player.speak(utterances, lang)
            if not wait_until(lambda: audio.is_sounding):
                print(f"{page_id}/{lang}: never started playing")
                continue
            listen_ms.append((time.perf_counter() - tap) * 1000)
            if wait_until(lambda: audio.position_ms > 0, 2.0):
                heard_ms.append((time.perf_counter() - tap) * 1000)
            wait_until(lambda: False, 0.15)  # let it play a little
            tap = time.perf_counter()
            player.stop()
            wait_until(lambda: not audio.is_sounding)
            stop_ms.append((time.perf_counter() - tap) * 1000)
    print(f"sound device: {player.audio_device or player.audio_problem}")
    for what, values in (("playing", listen_ms), ("heard", heard_ms)):
        print(
            f"tap Listen → first sentence {what}: p50 {statistics.median(values):.0f} ms, "
            f"p95 {percentile(values, 95):.0f} ms, max {max(values):.0f} ms "
            f"({len(values)} taps; target p95 ≤ 300 ms)"
        )
    print(
        f"tap Stop → silent: p50 {statistics.median(stop_ms):.1f} ms, "
        f"p95 {percentile(stop_ms, 95):.1f} ms, max {max(stop_ms):.1f} ms (target p95 ≤ 100 ms)"
    )
    player.close()

    # -- GUI thread while the longest page is synthesized in full ----------------
    def spoken_length(key: tuple[str, str]) -> int:
        variant = content.site.pages[key[0]].variants[key[1]]
        return sum(len(u.text) for u in page_utterances(variant.title, content.rendered[key].html, key[1]))

    longest = max(pages, key=spoken_length)
    variant = content.site.pages[longest[0]].variants[longest[1]]
    utterances = page_utterances(variant.title, content.rendered[longest].html, longest[1])
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))

    def gaps_while(action: Callable[[], bool], seconds_max: float) -> tuple[float, float]:
        ticks.clear()
        timer.start()
        begin = time.perf_counter()
        wait_until(action, seconds_max)
        elapsed = time.perf_counter() - begin
        timer.stop()
        gaps = [(b - a) * 1000 for a, b in zip(ticks, ticks[1:], strict=False)]
        return max(gaps, default=0.0), elapsed

    idle_gap, _ = gaps_while(lambda: False, 1.0)
    player = SpeechPlayer(engine, lookahead=len(utterances))
    player.set_rate("fast")  # texts not synthesized yet at this rate
    player.speak(utterances, longest[1])
    keys = [(u.text, longest[1], "fast") for u in utterances]
    gap, seconds = gaps_while(lambda: all(player._synth.result(k) is not None for k in keys), 60.0)
    player.close()
    print(
        f"longest page {longest[0]}/{longest[1]}: {len(utterances)} utterances synthesized in "
        f"{seconds:.2f} s while playing; longest GUI-thread gap {gap:.1f} ms "
        f"(1 ms timer; idle baseline {idle_gap:.1f} ms; target ≤ 16 ms)"
    )

    # -- synthesis per sentence and kiosk speak -----------------------------------
    times = []
    with tempfile.TemporaryDirectory() as folder:
        for number, utterance in enumerate(utterances):
            begin = time.perf_counter()
            engine.synthesize(utterance.text, longest[1], "normal", Path(folder) / f"{number}.wav")
            times.append((time.perf_counter() - begin) * 1000)
        print(
            f"synthesis per sentence: p50 {statistics.median(times):.0f} ms, "
            f"p95 {percentile(times, 95):.0f} ms, max {max(times):.0f} ms"
        )
        from kiosk.commands import speak

        begin = time.perf_counter()
        out = Path(folder) / "page.wav"
        args = argparse.Namespace(page=longest[0], output=out, lang=longest[1], rate="normal")
        speak.run(args)
        print(f"kiosk speak {longest[0]} --lang {longest[1]}: {time.perf_counter() - begin:.2f} s")
    del app
    if server is not None:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
