"""Reading utterances aloud without ever blocking the GUI thread.

A worker thread synthesizes a few sentences ahead of the one playing (one WAV file per
sentence, cached by text, language and rate); ``AudioOut`` (``kiosk.speech.audio``)
plays them on the GUI thread. Every change of what should be heard (speak, stop, next,
announce…) bumps a generation counter, so late synthesis results cannot restart
anything: after ``stop()`` nothing plays until the next explicit request.

What a visitor hears may be what they typed (speech mode says the search field's text),
so the WAV files are private and short-lived: they are written 0600 into a 0700 folder
of this process (:func:`speech_temp_root`), an announcement's file is deleted when it
ends, every file when reading stops or ends (the reset of a visit stops the player)
and the folder on ``close()`` and at exit. A folder left by a process that died is
removed when the next one starts. The log names sentences by number, never their text.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import shutil
import tempfile
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from kiosk.speech.audio import AudioOut, ClipError, read_wav, silent_clip
from kiosk.speech.engine import DEFAULT_RATE, SpeechEngine, SpeechError, check_rate
from kiosk.speech.reading import Utterance

log = logging.getLogger(__name__)

IDLE, LOADING, PLAYING, PAUSED = "idle", "loading", "playing", "paused"
VOLUME_STEPS: tuple[str, ...] = ("quiet", "normal", "loud")
VOLUME_LEVELS = {"quiet": 0.35, "normal": 0.65, "loud": 1.0}
DEFAULT_VOLUME = "normal"
LOOKAHEAD = 6
CACHE_SIZE = 200

Key = tuple[str, str, str]  # text, language, rate
TEMP_PREFIX = "kiosk-speech-"

_root_lock = threading.Lock()
_root: Path | None = None


def speech_temp_root() -> Path:
    """This process's private folder (0700) for synthesized speech, made on first use
    and removed at exit; ``kiosk-speech-<pid>-…`` in the system's temporary folder.
    Making it also removes such folders of ours whose process no longer runs."""
    global _root
    with _root_lock:
        if _root is None or not _root.is_dir():
            base = Path(tempfile.gettempdir())
            _remove_stale_folders(base)
            _root = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", dir=base))
            atexit.register(shutil.rmtree, _root, True)
        return _root


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: leave its folder alone
    return True


def _remove_stale_folders(base: Path) -> None:
    """Speech folders of ours left by a process that died (a crash, a power cut)."""
    try:
        candidates = list(base.glob(f"{TEMP_PREFIX}*-*"))
    except OSError:
        return
    uid = os.getuid() if hasattr(os, "getuid") else None
    for folder in candidates:
        pid_text = folder.name[len(TEMP_PREFIX) :].split("-", 1)[0]
        if not pid_text.isdigit() or int(pid_text) == os.getpid():
            continue
        try:
            info = folder.lstat()
        except OSError:
            continue
        is_ours = uid is None or info.st_uid == uid
        if is_ours and folder.is_dir() and not folder.is_symlink() and not _is_running(int(pid_text)):
            shutil.rmtree(folder, ignore_errors=True)
            log.info("removed speech files left by an earlier run (%s)", folder.name)


def _private_file(path: Path) -> None:
    """An empty file only we can read, for the engine to write the WAV into (it keeps
    the mode when it writes into an existing file)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


@dataclass(frozen=True)
class _Result:
    path: Path | None
    error: str = ""
    milliseconds: int = 0  # how long a sentence without audio lasts


class _Synthesizer:
    """The worker: synthesizes the wanted keys in order, one at a time, into a cache."""

    def __init__(self, engine: SpeechEngine, notify: Callable[[int], None]) -> None:
        self._engine = engine
        self._notify = notify
        self._condition = threading.Condition()
        self._generation = 0
        self._wanted: list[Key] = []
        self._cache: OrderedDict[Key, _Result] = OrderedDict()
        self._thread: threading.Thread | None = None
        self._closed = False
        self._count = 0
        self._epoch = 0  # bumped by forget(): a result from before is deleted, not kept
        self._folder: Path | None = None  # made when the first sentence is wanted
        self._cleanup: Callable[[], object] | None = None

    def want(self, generation: int, keys: Sequence[Key]) -> None:
        """Synthesize ``keys`` in this order from now on (replacing any earlier wish)."""
        with self._condition:
            self._generation = generation
            self._wanted = list(keys)
            self._condition.notify()
            if self._thread is None and self._wanted and not self._closed:
                folder = self._folder = Path(tempfile.mkdtemp(prefix="player-", dir=speech_temp_root()))
                self._cleanup = weakref.finalize(self, shutil.rmtree, folder, True)
                self._thread = threading.Thread(target=self._run, name="speech-synthesis", daemon=True)
                self._thread.start()

    def result(self, key: Key) -> _Result | None:
        with self._condition:
            result = self._cache.get(key)
            if result is not None:
                self._cache.move_to_end(key)
            return result

    def forget(self, keep: Sequence[Key] = ()) -> None:
        """Delete every synthesized file except those of ``keep``; a sentence being
        synthesized now is deleted as soon as it is written."""
        kept = set(keep)
        with self._condition:
            self._epoch += 1
            dropped = [key for key in self._cache if key not in kept]
            paths = [self._cache.pop(key).path for key in dropped]
        for path in paths:
            if path is not None:
                path.unlink(missing_ok=True)

    @property
    def files(self) -> list[Path]:
        """The synthesized files on disk now (for tests and the staff's curiosity)."""
        if self._folder is None or not self._folder.is_dir():
            return []
        return sorted(self._folder.iterdir())

    def close(self) -> None:
        with self._condition:
            self._closed = True
            self._wanted = []
            self._condition.notify()
        if self._thread is not None:
            self._thread.join(timeout=2.0)
        if self._cleanup is not None:
            self._cleanup()

    def _next_job(self) -> Key | None:
        for key in self._wanted:
            if key not in self._cache:
                return key
        return None

    def _run(self) -> None:
        while True:
            with self._condition:
                while not self._closed and (key := self._next_job()) is None:
                    self._condition.wait()
                if self._closed or key is None:
                    return
                self._count += 1
                assert self._folder is not None
                path = self._folder / f"{self._count:06d}.wav"
                epoch = self._epoch
            text, lang, rate = key
            try:
                _private_file(path)
                written = self._engine.synthesize(text, lang, rate, path)
                # No audio: an engine may still say how long the sentence lasts.
                length = int(getattr(self._engine, "silent_ms", 0)) if written is None else 0
                result = _Result(written, milliseconds=length)
            except SpeechError as exc:
                result = _Result(None, str(exc))
            except Exception as exc:  # a broken engine or WAV must not kill the worker
                log.exception("speech engine failed")
                result = _Result(None, f"{type(exc).__name__}: {exc}")
            with self._condition:
                is_forgotten = epoch != self._epoch
                if not is_forgotten:
                    self._cache[key] = result
                    self._evict()
                generation = self._generation  # the wish now: see SpeechPlayer._on_synthesized
            if is_forgotten or result.path is None:
                with contextlib.suppress(OSError):
                    path.unlink(missing_ok=True)  # forgotten meanwhile, or written in vain
            self._notify(generation)

    def _evict(self) -> None:
        wanted = set(self._wanted)
        for key in list(self._cache):
            if len(self._cache) <= CACHE_SIZE:
                break
            if key not in wanted:
                old = self._cache.pop(key)
                if old.path is not None:
                    old.path.unlink(missing_ok=True)


class SpeechPlayer(QObject):
    """Reads a list of utterances aloud with transport controls; lives on the GUI thread.

    Signals: ``utterance_started(index)`` when an utterance of ``speak()`` starts playing
    (not for ``announce()``), ``state_changed(state)`` with one of ``idle``, ``loading``,
    ``playing``, ``paused``, and ``finished()`` when the last utterance of ``speak()`` has
    been played (not after ``stop()``). Every method returns at once. Call ``close()``
    before the application quits. ``audio`` is where the sound goes (tests give one with
    no sound device); by default the system's default output.
    """

    utterance_started = Signal(int)
    state_changed = Signal(str)
    finished = Signal()
    _synthesized = Signal(int)

    def __init__(
        self,
        engine: SpeechEngine,
        parent: QObject | None = None,
        *,
        lookahead: int = LOOKAHEAD,
        audio: AudioOut | None = None,
    ) -> None:
        super().__init__(parent)
        self._engine = engine
        self._lookahead = max(1, lookahead)
        self._texts: list[str] = []
        self._lang = ""
        self._langs: list[str] = []  # per utterance, when an announcement mixes languages
        self._index = -1
        self._state = IDLE
        self._generation = 0
        self._rate = DEFAULT_RATE
        self._volume = DEFAULT_VOLUME
        self._is_announcement = False
        # A reading interrupted by an announcement: (texts, language, index). It waits,
        # paused, for the visitor's Continue (or Next, Previous, Repeat).
        self._suspended: tuple[list[str], str, int] | None = None
        self._is_closed = False
        self._synth = _Synthesizer(engine, self._emit_synthesized)
        self._audio = audio if audio is not None else AudioOut(self)
        self._audio.set_volume(VOLUME_LEVELS[self._volume])
        self._audio.ended.connect(self._on_clip_ended)
        self._synthesized.connect(self._on_synthesized, Qt.ConnectionType.QueuedConnection)

    # -- what the UI reads -------------------------------------------------------
    @property
    def is_available(self) -> bool:
        return self._engine.available and not self._is_closed

    @property
    def unavailable_reason(self) -> str:
        return self._engine.unavailable_reason

    @property
    def audio_problem(self) -> str:
        """Why speech is not heard although the engine works ("" when it is heard)."""
        return self._audio.problem

    @property
    def audio_device(self) -> str:
        """The sound device the last sentence went to ("" when none took it)."""
        return self._audio.device_name

    @property
    def state(self) -> str:
        return self._state

    @property
    def index(self) -> int:
        """The utterance playing, paused or last played; -1 before any."""
        return self._index

    @property
    def rate(self) -> str:
        return self._rate

    @property
    def volume(self) -> str:
        return self._volume

    @property
    def is_sounding(self) -> bool:
        """Whether a sentence is being played right now (false while loading or paused)."""
        return self._audio.is_sounding

    @property
    def is_announcing(self) -> bool:
        return self._is_announcement and self._state != IDLE

    @property
    def is_reading(self) -> bool:
        """Whether a reading (``speak()``) is under way: playing, loading, paused, or
        paused under an announcement."""
        return self._suspended is not None or (not self._is_announcement and self._state != IDLE)

    @property
    def reading_state(self) -> str:
        """The state of the reading, whatever an announcement is doing meanwhile."""
        if self._suspended is not None:
            return PAUSED
        return IDLE if self._is_announcement else self._state

    # -- intents -----------------------------------------------------------------
    def speak(self, utterances: Sequence[Utterance | str], lang: str, start: int = 0) -> bool:
        """Read ``utterances`` from ``start``, replacing anything being spoken.

        Returns False (and stays silent) when the engine is not available.
        """
        texts = [u if isinstance(u, str) else u.text for u in utterances]
        self._suspended = None
        return self._begin(texts, lang, start, is_announcement=False)

    def announce(self, text: str, lang: str) -> bool:
        """Speak a short notice now (speech mode). A reading under way is paused at its
        sentence, never lost: Continue (``resume()``) goes on from there. An announcement
        under way is replaced."""
        if self._suspended is None and self._texts and not self._is_announcement and self._state != IDLE:
            self._audio.stop()
            self._suspended = (self._texts, self._lang, max(self._index, 0))
        return self._begin([text], lang, 0, is_announcement=True)

    def hush(self) -> None:
        """End the announcement under way (the visitor has already acted on it): a reading
        it interrupted waits, paused at its sentence; nothing else is touched."""
        if self._is_announcement and self._state != IDLE:
            self._finish()

    def announce_all(self, texts: Sequence[tuple[str, str]]) -> bool:
        """Several notices one after the other, each in its own language, e.g. how to use
        the kiosk in every language it offers."""
        pairs = [(" ".join(text.split()), lang) for text, lang in texts]
        pairs = [(text, lang) for text, lang in pairs if text]
        if not pairs:
            return False
        started = self.announce(pairs[0][0], pairs[0][1])
        if started and len(pairs) > 1:
            self._texts = [text for text, _lang in pairs]
            self._langs = [lang for _text, lang in pairs]
            self._want()
        return started

    def stop(self) -> None:
        """Silence at once; nothing resumes until the next ``speak()`` or ``announce()``.
        Every synthesized file is deleted (the reset of a visit stops the player)."""
        self._generation += 1
        self._suspended = None
        self._texts = []
        self._index = -1
        self._synth.want(self._generation, [])
        self._synth.forget()
        self._audio.stop()
        self._set_state(IDLE)

    @property
    def speech_files(self) -> list[Path]:
        """The synthesized WAV files on disk now; empty after ``stop()``."""
        return self._synth.files

    def pause(self) -> None:
        if self._state == PLAYING:
            self._audio.pause()
            self._set_state(PAUSED)
        elif self._state == LOADING:
            self._set_state(PAUSED)

    def resume(self) -> None:
        if self._restore_reading():
            self._start_current()
            return
        if self._state != PAUSED:
            return
        if self._audio.is_paused:  # in the middle of a sentence: go on from there
            self._set_state(PLAYING)
            self._audio.resume()
        else:
            self._start_current()

    def next(self) -> None:
        """The next utterance; after the last one, reading ends."""
        self._restore_reading()
        if not self._texts:
            return
        if self._index + 1 < len(self._texts):
            self._play(self._index + 1)
        elif self._state != IDLE:
            self._finish()

    def go_to(self, index: int) -> None:
        """Read on from utterance ``index`` of the reading (a paragraph's first sentence)."""
        self._restore_reading()
        if self._texts and not self._is_announcement and 0 <= index < len(self._texts):
            self._play(index)

    @property
    def reading_index(self) -> int:
        """The utterance of the reading playing or paused, also under an announcement."""
        if self._suspended is not None:
            return self._suspended[2]
        return -1 if self._is_announcement else self._index

    def previous(self) -> None:
        self._restore_reading()
        if self._texts:
            self._play(max(self._index - 1, 0))

    def repeat(self) -> None:
        """The current utterance again from its start (also after reading has ended)."""
        self._restore_reading()
        if self._texts:
            self._play(max(self._index, 0))

    def set_rate(self, step: str) -> None:
        """One of ``RATE_STEPS``. While playing, the current sentence restarts at the new rate."""
        check_rate(step)
        if step == self._rate:
            return
        self._rate = step
        if self._state in (PLAYING, LOADING):
            self._play(self._index)
        elif self._texts:
            self._want()

    def set_volume(self, step: str) -> None:
        """One of ``VOLUME_STEPS``; applies at once."""
        if step not in VOLUME_LEVELS:
            raise ValueError(f"volume must be one of {', '.join(VOLUME_STEPS)}, not {step!r}")
        self._volume = step
        self._audio.set_volume(VOLUME_LEVELS[step])

    def set_output(self, name: str) -> None:
        """Speak on the sound device ``name`` (the headphones' sink), or "" for the
        system's default output (the loudspeaker)."""
        self._audio.set_output(name)

    @property
    def output(self) -> str:
        return self._audio.output

    def close(self) -> None:
        """Stop, end the worker thread, let go of the sound device and delete the audio files."""
        if self._is_closed:
            return
        self.stop()
        self._is_closed = True
        self._synth.close()
        self._audio.close()

    # -- internals ---------------------------------------------------------------
    def _restore_reading(self) -> bool:
        """Back to the reading an announcement interrupted (paused at its sentence)."""
        if self._suspended is None:
            return False
        texts, lang, index = self._suspended
        self._suspended = None
        self._generation += 1
        self._audio.stop()
        self._texts, self._lang, self._is_announcement, self._index = texts, lang, False, index
        self._langs = []
        self._want()
        self._set_state(PAUSED)
        return True

    def _begin(self, texts: list[str], lang: str, start: int, *, is_announcement: bool) -> bool:
        texts = [t for t in (" ".join(t.split()) for t in texts) if t]
        if not self.is_available or not texts:
            if not self.is_available:
                log.info("speech not available: %s", self._engine.unavailable_reason)
            self.stop()
            return False
        self._texts, self._lang, self._is_announcement = texts, lang, is_announcement
        self._langs = []
        self._play(min(max(start, 0), len(texts) - 1))
        return True

    def _key(self, index: int) -> Key:
        lang = self._langs[index] if index < len(self._langs) else self._lang
        return (self._texts[index], lang, self._rate)

    def _want(self) -> None:
        start = max(self._index, 0)
        keys = [self._key(i) for i in range(start, min(len(self._texts), start + self._lookahead))]
        self._synth.want(self._generation, keys)

    def _play(self, index: int) -> None:
        self._generation += 1
        self._index = index
        self._audio.stop()
        self._want()
        self._start_current()

    def _start_current(self) -> None:
        result = self._synth.result(self._key(self._index))
        if result is None:
            self._set_state(LOADING)
            return
        if result.error:
            self._skip("cannot speak", result.error)
            return
        if result.path is not None:
            try:
                clip = read_wav(result.path)
            except ClipError as exc:
                self._skip("cannot play the speech of", str(exc))
                return
        elif result.milliseconds > 0:  # the engine makes no sound but says how long it lasts
            clip = silent_clip(result.milliseconds)
        else:
            clip = None
        self._set_state(PLAYING)
        if not self._is_announcement:
            self.utterance_started.emit(self._index)
        if clip is None:  # no audio and no length (tests): on to the next one
            self._later(self._advance)
        else:
            self._audio.play(clip)

    def _skip(self, what: str, reason: str) -> None:
        """The current utterance cannot be heard: say why in the log (by number, never
        the text: it may be what a visitor typed) and go on to the next."""
        kind = "announcement" if self._is_announcement else "sentence"
        log.warning("%s %s %d of %d: %s", what, kind, self._index + 1, len(self._texts), reason)
        self._set_state(LOADING)
        self._later(self._advance)

    def _on_clip_ended(self) -> None:
        if self._state == PLAYING:
            self._advance()

    def _later(self, action: Callable[[], None]) -> None:
        generation = self._generation

        def run() -> None:
            if generation == self._generation and self._state in (PLAYING, LOADING):
                action()

        QTimer.singleShot(0, self, run)

    def _advance(self) -> None:
        if self._index + 1 < len(self._texts):
            self._play(self._index + 1)
        else:
            self._finish()

    def _finish(self) -> None:
        self._generation += 1
        self._audio.stop()
        was_announcement = self._is_announcement
        if was_announcement:
            # What was announced may be what a visitor typed: its file goes at once.
            self._synth.want(self._generation, [])
            self._synth.forget()
            if self._restore_reading():
                return  # the interrupted reading waits, paused, for the visitor
        self._set_state(IDLE)
        if not was_announcement:
            self.finished.emit()

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)

    def _emit_synthesized(self, generation: int) -> None:
        """Called on the worker thread; the signal is queued to the GUI thread."""
        try:
            self._synthesized.emit(generation)
        except RuntimeError:  # the player was deleted while a sentence was synthesized
            pass

    def _on_synthesized(self, generation: int) -> None:
        # The worker reports the generation current when it stored the result, so a
        # report for an older generation can only come from a wish already replaced.
        if generation == self._generation and self._state == LOADING:
            self._start_current()
