"""Sound out: one clip of PCM samples at a time, through ``QAudioSink``.

Why not ``QMediaPlayer``: it needs Qt Multimedia's FFmpeg backend, which adds 35.5 MiB
to the installer bundle (FFmpeg and the Qt Quick libraries the plugin links),
runs threads of its own that crashed now and then when players came and went, and can
deadlock with the GIL on ``stop()``. The speech engines write plain PCM WAV files, so
there is nothing to decode: ``wave`` reads the samples and ``QAudioSink`` hands them to
the platform's sound system (PulseAudio or PipeWire, WASAPI, Core Audio), which Qt
Multimedia reaches without any backend plugin.

Threading: the sink runs in push mode. ``QAudioSink.start()`` returns Qt's own
``QIODevice`` and a timer on the GUI thread writes samples into it as it has room. No
Python object is reachable from Qt's audio thread and none of the sink's signals is
connected, so that thread never waits for the GIL; the GUI thread polls the sink.

With no sound device (no sound server, a broken one) a clip plays "on the clock": it
lasts as long as its samples would and then ends, so reading order, highlighting and
the transport controls behave as with sound, and ``problem`` says why nothing is heard.
"""

from __future__ import annotations

import logging
import wave
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QIODevice, QObject, QTimer, Signal

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QAudioDevice, QAudioFormat, QAudioSink

log = logging.getLogger(__name__)

TICK_MS = 15  # how often samples are written and the end is looked for
BUFFER_MS = 300  # samples queued in the sound system: how long the GUI thread may stall
STALL_MS = 4000  # a sink that takes no samples this long while playing is given up
SAMPLE_WIDTHS = (1, 2, 4)  # bytes per sample QAudioSink plays (8-bit WAV is unsigned)


@cache
def multimedia_problem() -> str:
    """Why Qt Multimedia cannot be loaded ("" when it can). It is loaded here, for the
    first clip (or ahead of it once the first screen is painted: ``kiosk.startup``), not
    with this module: the first screen plays no sound."""
    try:
        import PySide6.QtMultimedia  # noqa: F401
    except ImportError as exc:  # PySide6-Addons missing, or a library it needs (libpulse0)
        return f"Qt Multimedia cannot be loaded ({exc})"
    return ""


def _sample_format(width: int) -> QAudioFormat.SampleFormat:
    from PySide6.QtMultimedia import QAudioFormat

    formats = {
        1: QAudioFormat.SampleFormat.UInt8,
        2: QAudioFormat.SampleFormat.Int16,
        4: QAudioFormat.SampleFormat.Int32,
    }
    return formats[width]


class ClipError(Exception):
    """A WAV file that cannot be played (unreadable, compressed, an odd sample size)."""


@dataclass(frozen=True)
class Clip:
    """PCM samples with their shape; ``width`` is bytes per sample (1, 2 or 4)."""

    samples: bytes
    rate: int
    channels: int = 1
    width: int = 2

    @property
    def frame_bytes(self) -> int:
        return self.channels * self.width

    @property
    def duration_us(self) -> int:
        return len(self.samples) // self.frame_bytes * 1_000_000 // self.rate

    @property
    def duration_ms(self) -> int:
        return (self.duration_us + 500) // 1000

    @property
    def shape(self) -> tuple[int, int, int]:
        return (self.rate, self.channels, self.width)


def read_wav(path: Path) -> Clip:
    """The samples of a PCM WAV file; ``ClipError`` says why one cannot be played."""
    try:
        with wave.open(str(path), "rb") as wav:
            clip = Clip(wav.readframes(wav.getnframes()), wav.getframerate(), wav.getnchannels(),
                        wav.getsampwidth())
    except (OSError, EOFError, wave.Error) as exc:
        raise ClipError(f"{path.name}: {exc}") from exc
    if clip.width not in SAMPLE_WIDTHS:
        raise ClipError(f"{path.name}: {clip.width * 8}-bit samples cannot be played")
    if clip.rate <= 0 or clip.channels <= 0:
        raise ClipError(f"{path.name}: no sample rate or channels")
    return clip


def silent_clip(milliseconds: int, rate: int = 22050) -> Clip:
    """Silence of a given length: a sentence that lasts a while but makes no sound."""
    return Clip(b"\x00\x00" * (rate * max(0, milliseconds) // 1000), rate)


class AudioOut(QObject):
    """Plays one clip at a time on the GUI thread and says when it has been heard.

    ``ended`` is emitted when the clip has been played out (not after ``stop()`` and not
    for a clip replaced by ``play()``). ``device`` fixes the output (tests pass a null
    ``QAudioDevice()`` for "no sound device"); by default it is the system's default
    output, looked up again whenever a sink is opened, so a sound server that starts
    after the kiosk is found at the next sentence. A sink that takes no samples for
    ``stall_ms`` while playing is given up and the clip ends on the clock.
    """

    ended = Signal()

    def __init__(
        self, parent: QObject | None = None, *, device: QAudioDevice | None = None, stall_ms: int = STALL_MS
    ) -> None:
        super().__init__(parent)
        self._fixed_device = device
        self._stall_ms = stall_ms
        self._sink: QAudioSink | None = None
        self._sink_device: QAudioDevice | None = None
        self._sink_shape: tuple[int, int, int] | None = None
        self._io: QIODevice | None = None
        self._clip: Clip | None = None
        self._written = 0
        self._base_us = 0  # the sink's processed time when this clip started
        self._is_paused = False
        self._is_closed = False
        self._output = ""  # a sound device by name (the headphones), "" = the default
        self._is_moved = False  # the output changed while a clip was paused
        self._volume = 1.0
        self._problem = ""
        # On the clock (no sink): time heard so far = before the last resume + running clock.
        self._on_clock = False
        self._clock = QElapsedTimer()
        self._clock_before_us = 0
        # Stall detection: when the sink last took samples.
        self._progress_us = -1
        self._progress_clock = QElapsedTimer()
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._on_tick)

    # -- what callers read ------------------------------------------------------------
    @property
    def is_sounding(self) -> bool:
        """A clip is being played (through the device, or on the clock without one)."""
        return self._clip is not None and not self._is_paused

    @property
    def is_paused(self) -> bool:
        return self._clip is not None and self._is_paused

    @property
    def problem(self) -> str:
        """Why clips are not heard ("" when the sound device took the last one)."""
        return self._problem

    @property
    def device_name(self) -> str:
        return self._sink_device.description() if self._sink_device is not None else ""

    @property
    def output(self) -> str:
        """The sound device asked for by name ("" = the default output)."""
        return self._output

    @property
    def position_ms(self) -> int:
        """How much of the current clip has been played."""
        return self._played_us() // 1000 if self._clip is not None else 0

    # -- intents ----------------------------------------------------------------------
    def play(self, clip: Clip) -> None:
        """Play ``clip`` from its start, cutting off whatever is playing."""
        if self._is_closed:
            return
        self._halt()
        self._clip = clip
        self._is_paused = False
        self._is_moved = False
        self._written = 0
        if self._open(clip):
            self._on_clock = False
            self._base_us = self._sink.processedUSecs() if self._sink is not None else 0
            self._progress_us = -1
            self._feed()
        else:
            self._start_clock(0)
        self._tick.start()

    def pause(self) -> None:
        if self._clip is None or self._is_paused:
            return
        self._is_paused = True
        self._tick.stop()
        if self._on_clock:
            self._clock_before_us = self._clock_us()
            self._clock.invalidate()
        elif self._sink is not None:
            self._sink.suspend()

    def resume(self) -> None:
        if self._clip is None or not self._is_paused:
            return
        if self._is_moved:  # the headphones came or went meanwhile: there, from its start
            self.play(self._clip)
            return
        self._is_paused = False
        if self._on_clock:
            self._clock.start()
        elif self._sink is not None:
            self._sink.resume()
            self._progress_us = -1  # the time paused is no stall
        self._tick.start()

    def stop(self) -> None:
        """Silence at once; no ``ended`` follows."""
        self._halt()

    def set_output(self, name: str) -> None:
        """Play on the sound device ``name`` (the sound server's sink name, e.g. the
        headphones), or on the system's default output for "". A clip playing moves
        there at once (from its start); a paused one when it resumes."""
        if name == self._output:
            return
        self._output = name
        if self._clip is not None and not self._on_clock:
            if self._is_paused:
                self._is_moved = True
            else:
                self.play(self._clip)

    def set_volume(self, level: float) -> None:
        """0.0–1.0; applies to the clip playing too."""
        self._volume = min(1.0, max(0.0, level))
        if self._sink is not None:
            self._sink.setVolume(self._volume)

    def close(self) -> None:
        """Stop and let go of the sound device (at application exit)."""
        self._halt()
        self._is_closed = True
        self._drop_sink()

    # -- internals --------------------------------------------------------------------
    def _halt(self) -> None:
        self._tick.stop()
        if self._clip is not None and not self._on_clock and self._sink is not None:
            self._sink.reset()  # drops the queued samples: silent now
        self._clip = None
        self._is_paused = False
        self._on_clock = False

    def _open(self, clip: Clip) -> bool:
        """A started sink for ``clip``'s shape on the wanted device; False: play on the clock."""
        problem = multimedia_problem()
        if problem:
            return self._report(problem)
        from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QtAudio

        device = self._fixed_device if self._fixed_device is not None else self._wanted_device()
        if device.isNull():
            self._drop_sink()
            return self._report("no sound output device; is a sound server running?")
        sink = self._sink
        is_same = (
            self._sink_device is not None
            and self._sink_device.id() == device.id()
            and self._sink_shape == clip.shape
        )
        if sink is None or not is_same:
            self._drop_sink()
            audio_format = QAudioFormat()
            audio_format.setSampleRate(clip.rate)
            audio_format.setChannelCount(clip.channels)
            audio_format.setSampleFormat(_sample_format(clip.width))
            if not device.isFormatSupported(audio_format):
                return self._report(f"{device.description()} cannot play {clip.rate} Hz, "
                                    f"{clip.channels} channel(s), {clip.width * 8}-bit")
            sink = self._sink = QAudioSink(device, audio_format)
            self._sink_device, self._sink_shape = device, clip.shape
            sink.setBufferSize(clip.rate * clip.frame_bytes * BUFFER_MS // 1000)
            sink.setVolume(self._volume)
        elif sink.state() != QtAudio.State.StoppedState and sink.error() == QtAudio.Error.NoError:
            return self._report("")  # still open: the clip follows the last one on its stream
        self._io = sink.start()
        if self._io is None or sink.error() != QtAudio.Error.NoError:
            error = sink.error()
            self._drop_sink()
            return self._report(f"cannot open the sound output {device.description()}: {error.name}")
        return self._report("")

    def _wanted_device(self) -> QAudioDevice:
        from PySide6.QtMultimedia import QMediaDevices

        if self._output:
            for device in QMediaDevices.audioOutputs():
                if bytes(device.id().data()).decode("utf-8", "replace") == self._output:
                    return device
            log.info("sound output %s is not known (yet); playing on the default output", self._output)
        return QMediaDevices.defaultAudioOutput()

    def _drop_sink(self) -> None:
        if self._sink is not None:
            self._sink.stop()
            self._sink.deleteLater()
        self._sink, self._io, self._sink_shape, self._sink_device = None, None, None, None

    def _report(self, problem: str) -> bool:
        """Note a change of problem in the log; True when there is none."""
        if problem != self._problem:
            if problem:
                log.warning("speech is not heard: %s; sentences run on the clock", problem)
            else:
                log.info("speech plays on %s", self.device_name)
            self._problem = problem
        return not problem

    def _feed(self) -> None:
        clip, sink, io = self._clip, self._sink, self._io
        if clip is None or sink is None or io is None or self._written >= len(clip.samples):
            return
        free = sink.bytesFree()
        free -= free % clip.frame_bytes
        if free > 0:
            written = io.write(clip.samples[self._written : self._written + free])
            if written > 0:
                self._written += written

    def _played_us(self) -> int:
        if self._clip is None:
            return 0
        if self._on_clock or self._sink is None:
            return self._clock_us()
        return max(0, self._sink.processedUSecs() - self._base_us)

    def _clock_us(self) -> int:
        running = self._clock.nsecsElapsed() // 1000 if self._clock.isValid() else 0
        return self._clock_before_us + running

    def _start_clock(self, heard_us: int) -> None:
        self._on_clock = True
        self._clock_before_us = heard_us
        self._clock.start()

    def _on_tick(self) -> None:
        clip = self._clip
        if clip is None or self._is_paused:
            self._tick.stop()
            return
        if self._on_clock:
            if self._clock_us() >= clip.duration_us:
                self._end()
            return
        sink = self._sink
        assert sink is not None
        from PySide6.QtMultimedia import QtAudio  # loaded: there is a sink

        self._feed()
        played = self._played_us()
        state = sink.state()
        if state == QtAudio.State.StoppedState:  # the sound system went away mid-clip
            error = sink.error()
            self._drop_sink()
            self._report(f"the sound output stopped: {error.name}")
            self._start_clock(played)
            return
        if self._written >= len(clip.samples) and (
            played >= clip.duration_us or (state == QtAudio.State.IdleState and played > 0)
        ):
            self._end()
            return
        if played != self._progress_us:
            self._progress_us = played
            self._progress_clock.start()
        elif self._progress_clock.elapsed() > self._stall_ms:
            self._drop_sink()
            self._report(f"the sound output took no samples for {self._stall_ms / 1000:g} s")
            self._start_clock(played)

    def _end(self) -> None:
        self._tick.stop()
        self._clip = None
        self._on_clock = False
        self.ended.emit()  # last: a slot may play the next clip at once
