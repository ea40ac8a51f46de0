"""Test doubles shared by the tests (they never ship in ``kiosk/``).

- :class:`FakeView` — a view for the controller (``kiosk.controller.KioskView``) that
  records what it was told, so the controller is tested without a window (Mu's way).
- :class:`RecordingEngine` — a speech engine that records what would have been spoken
  (NVDA's speech spy), writing short silent or tone WAVs, or none.
"""

from __future__ import annotations

import array
import math
import sys
import threading
import time
import wave
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.content.content import Content
from kiosk.session import Location
from kiosk.speech.engine import SAMPLE_RATE, SpeechError, Voice, check_rate


@dataclass
class FakeView:
    """Records every call of the controller, in order, and what is shown now."""

    calls: list[tuple[str, tuple[object, ...]]] = field(default_factory=list)
    location: Location | None = None
    header: str = ""
    status: str = ""
    printing: bool = False
    print_result: str = ""
    warning_seconds: int | None = None
    is_attract_shown: bool = False
    content: Content | None = None
    title: str = "Title"
    survey: object = None  # the survey shown, None when closed

    def _record(self, name: str, *args: object) -> None:
        self.calls.append((name, args))

    def names(self) -> list[str]:
        return [name for name, _args in self.calls]

    def show_location(self, location: Location) -> None:
        self._record("show_location", location)
        self.location = location

    def show_content(self, content: Content) -> None:
        self._record("show_content", content)
        self.content = content

    def show_style(self) -> None:
        self._record("show_style")

    def retranslate(self) -> None:
        self._record("retranslate")

    def show_today(self, header: str, status: str) -> None:
        self._record("show_today", header, status)
        self.header, self.status = header, status

    def show_printing(self, is_available: bool) -> None:
        self._record("show_printing", is_available)
        self.printing = is_available

    def show_print_result(self, message: str) -> None:
        self._record("show_print_result", message)
        self.print_result = message

    def stop_reading(self) -> None:
        self._record("stop_reading")

    def screen_title(self) -> str:
        return self.title

    def speech_control_place(self) -> str:
        return "bottom-left"

    def show_attract(self) -> None:
        self._record("show_attract")
        self.is_attract_shown = True

    def show_idle_warning(self, seconds_left: int) -> None:
        self._record("show_idle_warning", seconds_left)
        self.warning_seconds = seconds_left

    def close_idle_warning(self) -> None:
        self._record("close_idle_warning")
        self.warning_seconds = None

    def close_overlays(self) -> None:
        self._record("close_overlays")
        self.warning_seconds = None

    def show_survey(self, survey: object) -> str:
        self._record("show_survey", survey)
        self.survey = survey
        return "Survey: first question"

    def close_survey(self) -> None:
        self._record("close_survey")
        self.survey = None

    def close_attract(self) -> None:
        self._record("close_attract")
        self.is_attract_shown = False

    def ask_keep_speech(self, question: str) -> None:
        self._record("ask_keep_speech", question)


def _write_mono16(path: Path, samples: bytes, framerate: int) -> Path:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(framerate)
        wav.writeframes(samples)
    return path


def write_silence(path: Path, milliseconds: int, framerate: int = SAMPLE_RATE) -> Path:
    """A mono 16-bit WAV of silence."""
    frames = max(1, framerate * milliseconds // 1000)
    return _write_mono16(path, b"\x00\x00" * frames, framerate)


def write_tone(path: Path, milliseconds: int, hertz: float, amplitude: int = 16000,
               framerate: int = SAMPLE_RATE) -> Path:
    """A mono 16-bit WAV of a sine tone: a sound tests can recognise on the way out."""
    frames = max(1, framerate * milliseconds // 1000)
    step = 2 * math.pi * hertz / framerate
    samples = array.array("h", (round(amplitude * math.sin(step * n)) for n in range(frames)))
    if sys.byteorder == "big":
        samples.byteswap()
    return _write_mono16(path, samples.tobytes(), framerate)


@dataclass(frozen=True)
class Spoken:
    """One thing the recording engine was asked to say."""

    text: str
    lang: str
    rate: str


class RecordingEngine:
    """Records what would be spoken, in order, and writes short silent WAVs (for tests).

    ``duration_ms`` is the length of each WAV; ``tone_hz`` makes it a tone instead of
    silence; ``write_audio=False`` writes none; ``delay_s`` makes synthesis slow; texts
    in ``failing`` raise ``SpeechError``.
    """

    name = "recording"

    def __init__(
        self,
        duration_ms: int = 40,
        *,
        write_audio: bool = True,
        timed: bool = False,
        tone_hz: float = 0.0,
        delay_s: float = 0.0,
        failing: Sequence[str] = (),
    ) -> None:
        self.duration_ms = duration_ms
        self.tone_hz = tone_hz
        self.write_audio = write_audio
        # timed: no audio file, but the player lets each sentence last duration_ms, so a
        # GUI test sees real reading time without writing and reading WAVs.
        self.silent_ms = duration_ms if timed and not write_audio else 0
        self.delay_s = delay_s
        self.failing = set(failing)
        self._spoken: list[Spoken] = []
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        return True

    @property
    def unavailable_reason(self) -> str:
        return ""

    def start(self) -> bool:
        return True

    def voices(self) -> list[Voice]:
        return [Voice("rec/pl", "Recording (Polish)", ("pl",)), Voice("rec/en", "Recording", ("en",))]

    @property
    def spoken(self) -> list[Spoken]:
        with self._lock:
            return list(self._spoken)

    def texts(self) -> list[str]:
        return [s.text for s in self.spoken]

    def clear(self) -> None:
        with self._lock:
            self._spoken.clear()

    def synthesize(self, text: str, lang: str, rate: str, path: Path) -> Path | None:
        check_rate(rate)
        with self._lock:
            self._spoken.append(Spoken(text, lang, rate))
        if self.delay_s:
            time.sleep(self.delay_s)
        if text in self.failing:
            raise SpeechError(f"recording engine told to fail on {text!r}")
        if not self.write_audio:
            return None
        if self.tone_hz:
            return write_tone(path, self.duration_ms, self.tone_hz)
        return write_silence(path, self.duration_ms)
