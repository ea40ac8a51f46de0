"""Speech engines behind one interface, chosen from a priority list.

An engine turns one sentence into a WAV file; playing it is the player's job. Engines:
the real one (pyttsx3: espeak-ng on Linux, SAPI5 on Windows, NSSS on macOS), a silent
one (the last resort when nothing else starts, so the kiosk runs without speech), and a
recording one for tests (it notes what would have been spoken). An engine that fails to
start is logged with its reason and the next one is tried; nothing here raises at the
caller except ``SpeechError`` from ``synthesize``.
"""

from __future__ import annotations

import logging
import sys
import threading
import wave
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

log = logging.getLogger(__name__)

RATE_STEPS: tuple[str, ...] = ("slow", "normal", "fast")
DEFAULT_RATE = "normal"
RATE_FACTORS: Mapping[str, float] = {"slow": 0.75, "normal": 1.0, "fast": 1.7}
"""Speech rate relative to the engine's default (espeak-ng: 175 words per minute).
Measured on espeak-ng 1.51: 1.7× the words per minute gives 1.75× shorter audio."""

SAMPLE_RATE = 22050
SYNTHESIS_TIMEOUT_S = 15.0


class SpeechError(Exception):
    """The engine could not turn a text into audio."""


@dataclass(frozen=True)
class Voice:
    id: str
    name: str
    languages: tuple[str, ...] = ()


class SpeechEngine(Protocol):
    """What the player and ``kiosk speak`` need from an engine.

    ``synthesize`` is called from one worker thread at a time and may block for as long
    as synthesis takes; the other methods are cheap.
    """

    name: str

    @property
    def available(self) -> bool:
        """Whether the engine produces real speech (false for the silent engine)."""
        ...

    @property
    def unavailable_reason(self) -> str:
        """Why speech is not available, for the log and the disabled controls."""
        ...

    def start(self) -> bool:
        """Load the engine; return ``available``. Never raises."""
        ...

    def voices(self) -> list[Voice]: ...

    def synthesize(self, text: str, lang: str, rate: str, path: Path) -> Path | None:
        """Write ``text`` spoken in ``lang`` at ``rate`` as a WAV file at ``path``.

        Returns ``path``, or ``None`` when the engine makes no sound (silent engine).
        Raises ``SpeechError`` when synthesis fails.
        """
        ...


def check_rate(rate: str) -> str:
    if rate not in RATE_FACTORS:
        raise ValueError(f"speech rate must be one of {', '.join(RATE_STEPS)}, not {rate!r}")
    return rate


def is_valid_wav(path: Path) -> bool:
    """A readable WAV with at least one frame (espeak occasionally writes an empty one)."""
    try:
        with wave.open(str(path), "rb") as wav:
            return wav.getnframes() > 0 and wav.getnchannels() > 0
    except (OSError, EOFError, wave.Error):
        return False


def _truncate(path: Path) -> None:
    """Empty ``path`` but keep the file and its mode (the player makes it 0600 before
    the engine writes into it: an unlink would let the engine create it readable)."""
    try:
        with path.open("r+b") as stream:
            stream.truncate(0)
    except FileNotFoundError:
        pass
    except OSError:
        path.unlink(missing_ok=True)


# -- the real engine -----------------------------------------------------------------

PREFERRED_VOICES: Mapping[str, tuple[str, ...]] = {
    "pl": ("zlw/pl",),
    "en": ("gmw/en", "gmw/en-us"),
    "uk": ("zle/uk",),
}
"""espeak-ng voice ids tried first; other drivers are matched by language and name."""

VOICE_NAME_HINTS: Mapping[str, tuple[str, ...]] = {
    "pl": ("polish", "polski", "paulina", "zosia"),
    "en": ("english",),
}


def _language_codes(raw: object) -> tuple[str, ...]:
    codes = []
    for item in raw if isinstance(raw, list | tuple) else [raw]:
        if isinstance(item, bytes):
            item = item.decode("utf-8", "ignore").lstrip("\x05")
        if item:
            codes.append(str(item).lower().replace("_", "-"))
    return tuple(codes)


def pick_voice(voices: Sequence[Voice], lang: str) -> str | None:
    """The id of the voice for ``lang`` (``pl``, ``en``), or ``None`` if there is none."""
    lang = lang.split("_")[0].split("-")[0].lower()
    ids = {voice.id for voice in voices}
    for preferred in PREFERRED_VOICES.get(lang, ()):
        if preferred in ids:
            return preferred
    for voice in voices:
        if any(code == lang or code.startswith(lang + "-") for code in voice.languages):
            return voice.id
    for voice in voices:
        if any(hint in voice.name.lower() for hint in VOICE_NAME_HINTS.get(lang, ())):
            return voice.id
    return None


def _quiet_print(*args: object, **_kwargs: object) -> None:
    log.debug("espeak driver: %s", " ".join(str(a) for a in args))


class Pyttsx3Engine:
    """pyttsx3, one sentence per ``save_to_file``.

    pyttsx3's espeak driver returns from ``runAndWait`` before the file is written, so
    we wait for its ``finished-utterance`` callback; a WAV without frames is retried once.
    """

    name = "pyttsx3"

    def __init__(self, driver: str | None = None) -> None:
        self._driver_name = driver
        self._engine: Any = None
        self._espeak: Any = None  # pyttsx3.drivers._espeak when the driver is espeak
        self._espeak_driver: Any = None
        self._lock = threading.Lock()
        self._finished = threading.Event()
        self._voices: list[Voice] = []
        self._voice_ids: dict[str, str] = {}
        self._default_rate = 175
        self._reason = "the speech engine has not been started"

    # -- SpeechEngine ------------------------------------------------------------
    @property
    def available(self) -> bool:
        return self._engine is not None

    @property
    def unavailable_reason(self) -> str:
        return "" if self.available else self._reason

    def start(self) -> bool:
        with self._lock:
            return self._start_locked()

    def voices(self) -> list[Voice]:
        return list(self._voices)

    def voice_for(self, lang: str) -> str | None:
        """The voice for any language the engine has one for (looked up once)."""
        base = lang.split("_")[0].split("-")[0].lower()
        if base not in self._voice_ids:
            voice = pick_voice(self._voices, base)
            if voice is None:
                log.warning("no %s voice in the speech engine; the default voice is used", base)
            self._voice_ids[base] = voice or ""
        return self._voice_ids[base] or None

    def synthesize(self, text: str, lang: str, rate: str, path: Path) -> Path | None:
        check_rate(rate)
        text = " ".join(text.split())
        if not text:
            return None
        with self._lock:
            if not self._start_locked():
                raise SpeechError(self._reason)
            for attempt in (1, 2):
                try:
                    self._write(text, lang, rate, path)
                except SpeechError:
                    if attempt == 2:
                        raise
                    log.info("speech synthesis failed once, retrying", exc_info=True)
                    continue
                if is_valid_wav(path):
                    return path
                # The length only: the text may be what a visitor typed.
                log.info("the engine wrote an empty WAV (attempt %d, %d characters)", attempt, len(text))
        raise SpeechError(f"the engine wrote no audio for a sentence of {len(text)} characters")

    # -- internals ---------------------------------------------------------------
    def _start_locked(self) -> bool:
        if self._engine is not None:
            return True
        try:
            import pyttsx3
        except ImportError as exc:
            self._reason = f"pyttsx3 is not installed ({exc})"
            return False
        try:
            engine = pyttsx3.init(self._driver_name)
            raw_voices = engine.getProperty("voices") or []
        except Exception as exc:  # the driver raises RuntimeError, OSError, ImportError…
            self._reason = self._init_failure(exc)
            return False
        self._voices = [
            Voice(str(v.id), str(v.name or v.id), _language_codes(getattr(v, "languages", [])))
            for v in raw_voices
        ]
        rate = engine.getProperty("rate")
        self._default_rate = rate if isinstance(rate, int) and 80 <= rate <= 400 else 175
        engine.connect("finished-utterance", self._on_finished)
        if getattr(engine, "driver_name", "") == "espeak":
            from pyttsx3.drivers import _espeak
            from pyttsx3.drivers import espeak as espeak_driver

            self._espeak, self._espeak_driver = _espeak, espeak_driver.EspeakDriver
            # The driver print()s every file it saves to stdout; send that to the log.
            espeak_driver.print = _quiet_print
        self._engine = engine
        self._reason = ""
        log.debug("pyttsx3 driver %s, %d voices", getattr(engine, "driver_name", "?"), len(self._voices))
        return True

    @staticmethod
    def _init_failure(exc: Exception) -> str:
        if sys.platform.startswith("linux"):
            return f"espeak-ng is not installed or cannot start (Debian: apt-get install espeak-ng): {exc}"
        return f"the system speech engine cannot start: {exc}"

    def _on_finished(self, **_kwargs: object) -> None:
        self._finished.set()

    def _apply(self, voice: str | None, words_per_minute: int) -> None:
        if self._espeak is not None:
            # Measured: queued through pyttsx3 in the same batch as a voice change, the
            # rate is silently dropped. Set both on espeak directly and wait until applied.
            if voice:
                self._espeak_driver.setProperty("voice", voice)
            self._espeak_driver.setProperty("rate", words_per_minute)
            self._espeak.Synchronize()
        else:
            if voice:
                self._engine.setProperty("voice", voice)
            self._engine.setProperty("rate", words_per_minute)

    def _write(self, text: str, lang: str, rate: str, path: Path) -> None:
        _truncate(path)
        words_per_minute = round(self._default_rate * RATE_FACTORS[rate])
        self._finished.clear()
        try:
            self._apply(self.voice_for(lang), words_per_minute)
            self._engine.save_to_file(text, str(path))
            self._engine.runAndWait()
        except Exception as exc:
            raise SpeechError(f"speech synthesis failed: {exc}") from exc
        # runAndWait returns before espeak has written the file; its callback says when.
        if not self._finished.wait(SYNTHESIS_TIMEOUT_S):
            raise SpeechError(f"speech synthesis timed out after {SYNTHESIS_TIMEOUT_S:.0f} s")


# -- the silent last resort and the recording engine for tests -------------------------


class SilentEngine:
    """Says nothing. Used when no real engine starts; the UI disables speech."""

    name = "silent"

    def __init__(self, reason: str = "speech is turned off") -> None:
        self._reason = reason

    @property
    def available(self) -> bool:
        return False

    @property
    def unavailable_reason(self) -> str:
        return self._reason

    def start(self) -> bool:
        return False

    def voices(self) -> list[Voice]:
        return []

    def synthesize(self, text: str, lang: str, rate: str, path: Path) -> Path | None:
        check_rate(rate)
        return None


# -- choosing an engine ----------------------------------------------------------------

EngineFactory = Callable[[], SpeechEngine]
ENGINE_FACTORIES: Mapping[str, EngineFactory] = {
    "pyttsx3": Pyttsx3Engine,
    "silent": SilentEngine,
}
DEFAULT_PRIORITY: tuple[str, ...] = ("pyttsx3",)


def select_engine(
    priority: Sequence[str] = DEFAULT_PRIORITY,
    factories: Mapping[str, EngineFactory] | None = None,
    *,
    quiet: bool = False,
) -> SpeechEngine:
    """The first engine in ``priority`` that starts; else a silent engine saying why.

    Every engine that fails is logged with its reason (as a warning; at debug level when
    ``quiet``, for a command that reports the reason itself). Never raises.
    """
    factories = ENGINE_FACTORIES if factories is None else factories
    level = logging.DEBUG if quiet else logging.WARNING
    reasons: list[str] = []
    for name in priority:
        factory = factories.get(name)
        if factory is None:
            reason = "unknown engine"
        else:
            try:
                engine = factory()
                if engine.start():
                    log.log(logging.DEBUG if quiet else logging.INFO, "speech engine: %s", name)
                    return engine
                reason = engine.unavailable_reason or "not available"
            except Exception as exc:  # a broken engine must never stop the kiosk
                log.debug("speech engine %s failed to start", name, exc_info=True)
                reason = f"{type(exc).__name__}: {exc}"
        log.log(level, "speech engine %s is not available: %s", name, reason)
        reasons.append(f"{name}: {reason}")
    summary = "; ".join(reasons) or "no speech engine configured"
    log.log(level, "speech is off (%s)", summary)
    return SilentEngine(summary)
