"""Sign-language video through Qt Multimedia: one ``QMediaPlayer`` for the whole run.

Speech needs no media backend (``kiosk/speech/audio.py``); video does: ``QMediaPlayer``
with Qt's FFmpeg backend. That backend crashed and deadlocked before when players came
and went quickly, so the kiosk never creates a second one and never deletes the first:
:meth:`VideoPlayback.shared` makes one, owned by the application, on the first video
opened. Closing the player only stops it and lets go of the file and of the picture's
output (``release``); the next video reuses the same player. Measured in a prototype
here (offscreen, PulseAudio null sink): 100 opens with bursts of source changes on one
reused player, 3 runs out of 3 clean; a new player per open hung in 1 run out of 2.
``tests/gui/test_video_stress.py`` keeps measuring it.

Every call that can wait for the backend's threads (``setSource``, ``play``, ``pause``,
``stop``, ``setPosition``) is queued to the player and made by Qt's event loop, never
from Python: PySide holds the GIL through a C++ call, so a ``stop()`` from Python that
waits for a backend thread which needs the GIL never returns. That hang was seen here
once in six stress runs of 100 opens before the calls were queued (faulthandler: the GUI
thread in ``player.stop()``). The player's signals arrive on the GUI thread, and the
picture goes from the decoder straight to a ``QGraphicsVideoItem``, which paints in C++.

Sound goes to the same output as speech: the system's default device (PulseAudio or
PipeWire, ``kiosk.app.configure_multimedia``), at the visitor's volume step.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Q_ARG, QMetaObject, QObject, Qt, QTimer, QUrl, Signal

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

    from kiosk.content.sign_video import VideoInfo

log = logging.getLogger(__name__)


def multimedia_problem() -> str:
    """Why Qt Multimedia cannot be loaded ("" when it can); loaded for the first video
    (the first screen plays none), not with this module."""
    from kiosk.speech.audio import multimedia_problem as problem

    return problem()

BACK_STEP_MS = 10_000
VOLUME_LEVELS = {"quiet": 0.35, "normal": 0.65, "loud": 1.0}  # as speech (kiosk.speech.player)


class VideoPlayback(QObject):
    """Plays one video at a time into a ``QGraphicsVideoItem`` (see the module's note).

    ``changed`` follows every state change (playing, paused, ended, failed);
    ``position_changed`` the position in milliseconds, for captions and the time line.
    """

    changed = Signal()
    position_changed = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kiosk-video-playback")
        self._player: QMediaPlayer | None = None  # made on first use
        self._audio: QAudioOutput | None = None
        self.source: Path | None = None
        self.problem = ""
        self._volume = VOLUME_LEVELS["normal"]

    @classmethod
    def shared(cls) -> VideoPlayback:
        """The application's one playback (made on first use; it is never deleted)."""
        from PySide6.QtCore import QCoreApplication

        app = QCoreApplication.instance()
        existing = app.findChild(cls, "kiosk-video-playback") if app is not None else None
        if isinstance(existing, cls):
            return existing
        return cls(app)

    # -- what the screen reads ---------------------------------------------------------
    @property
    def is_playing(self) -> bool:
        player = self._player
        if player is None:
            return False
        from PySide6.QtMultimedia import QMediaPlayer  # loaded: there is a player

        return player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    @property
    def has_ended(self) -> bool:
        player = self._player
        if player is None:
            return False
        from PySide6.QtMultimedia import QMediaPlayer  # loaded: there is a player

        return player.mediaStatus() == QMediaPlayer.MediaStatus.EndOfMedia

    @property
    def position_ms(self) -> int:
        player = self._player
        return int(player.position()) if player is not None and self.source else 0

    @property
    def duration_ms(self) -> int:
        player = self._player
        return int(player.duration()) if player is not None and self.source else 0

    # -- intents -----------------------------------------------------------------------
    def open(self, path: Path, output: QObject) -> None:
        """Show ``path`` in ``output`` (a ``QGraphicsVideoItem``) and play it from the start."""
        player = self._ensure_player()
        if player is None:
            self.changed.emit()
            return
        self.problem = ""
        self.source = path
        if player.videoOutput() is not output:
            player.setVideoOutput(output)
        _later(player, "setSource", Q_ARG(QUrl, QUrl.fromLocalFile(str(path))))
        _later(player, "play")
        self.changed.emit()

    def play(self) -> None:
        player = self._ensure_player()
        if player is not None and self.source is not None:
            _later(player, "play")  # after the end: from the start again

    def pause(self) -> None:
        player = self._ensure_player()
        if player is not None and self.source is not None:
            _later(player, "pause")

    def toggle(self) -> None:
        """Pause a playing video; play a paused or ended one."""
        if self.is_playing:
            self.pause()
        else:
            self.play()

    def replay(self) -> None:
        """From the start."""
        player = self._ensure_player()
        if player is not None and self.source is not None:
            _later(player, "setPosition", Q_ARG("qint64", 0))
            _later(player, "play")

    def back(self, step_ms: int = BACK_STEP_MS) -> None:
        """Ten seconds back (to the start when nearer), playing on as it was."""
        player = self._ensure_player()
        if player is None or self.source is None:
            return
        if self.has_ended:
            _later(player, "setPosition", Q_ARG("qint64", max(0, self.duration_ms - step_ms)))
            _later(player, "play")
            return
        _later(player, "setPosition", Q_ARG("qint64", max(0, self.position_ms - step_ms)))

    def set_volume(self, step: str) -> None:
        """The visitor's volume step ("quiet", "normal", "loud"), as for speech."""
        self._volume = VOLUME_LEVELS.get(step, VOLUME_LEVELS["normal"])
        if self._audio is not None:
            self._audio.setVolume(self._volume)

    def release(self, output: QObject | None = None) -> None:
        """Stop and let go of the file (the player stays). With ``output``, the picture's
        output is let go of too, once stopped (its window is closing)."""
        player = self._player
        if player is None:
            return
        if self.source is not None:
            self.source = None
            _later(player, "stop")
            _later(player, "setSource", Q_ARG(QUrl, QUrl()))
            self.changed.emit()
        if output is not None and player.videoOutput() is output:
            QTimer.singleShot(0, self, lambda: self._detach(output))  # after the queued stop

    def _detach(self, output: QObject) -> None:
        player = self._player
        if player is not None and self.source is None and player.videoOutput() is output:
            player.setVideoOutput(None)  # type: ignore[arg-type]  # None detaches it

    # -- the player --------------------------------------------------------------------
    def _ensure_player(self) -> QMediaPlayer | None:
        if self._player is not None:
            return self._player
        problem = multimedia_problem()
        if problem:
            self.problem = problem
            log.warning("video cannot be played: %s", self.problem)
            return None
        from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer

        player = QMediaPlayer(self)
        audio = QAudioOutput(QMediaDevices.defaultAudioOutput(), self)
        audio.setVolume(self._volume)
        player.setAudioOutput(audio)
        player.playbackStateChanged.connect(lambda _state: self.changed.emit())
        player.mediaStatusChanged.connect(self._on_status)
        player.positionChanged.connect(lambda position: self.position_changed.emit(int(position)))
        player.errorOccurred.connect(self._on_error)
        self._player, self._audio = player, audio
        quiet_ffmpeg()
        return player

    def _on_status(self, _status: object) -> None:
        self.changed.emit()

    def _on_error(self, _error: object, message: str) -> None:
        if self.source is None:
            return  # a late report about a video already closed
        self.problem = message or "the video cannot be played"
        log.warning("video %s cannot be played: %s", self.source.name, self.problem)
        self.changed.emit()


def quiet_ffmpeg() -> None:
    """FFmpeg's own messages off stderr (a dump of every file opened, hardware decoders it
    did not find): the backend reports what matters through ``errorOccurred``, which is
    logged. Only the FFmpeg the backend already loaded is touched (RTLD_NOLOAD)."""
    import ctypes
    import os

    av_log_fatal = 8
    for name in ("libavutil.so.59", "libavutil.so.60", "libavutil.so.58"):
        try:
            library = ctypes.CDLL(name, mode=getattr(os, "RTLD_NOLOAD", 0) | getattr(os, "RTLD_LAZY", 0))
        except OSError:
            continue
        library.av_log_set_level(av_log_fatal)
        return


def _later(player: QObject, method: str, *arguments: object) -> None:
    """Call a slot of the player from Qt's event loop (see the module's note)."""
    QMetaObject.invokeMethod(player, method, Qt.ConnectionType.QueuedConnection, *arguments)  # type: ignore[call-overload]


def probe_with_qt(path: Path, timeout_ms: int = 15_000) -> VideoInfo | str:
    """``kiosk check`` without ffprobe: what Qt's player reads from ``path``.

    Returns a :class:`kiosk.content.sign_video.VideoInfo`, or a message saying why the
    file cannot be played."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtMultimedia import QMediaFormat, QMediaMetaData

    from kiosk.app import ensure_platform, make_application
    from kiosk.content.sign_video import VideoInfo  # noqa: F811 - at run time too

    ensure_platform(headless=True)
    make_application()
    player = VideoPlayback.shared()._ensure_player()
    if player is None:
        return multimedia_problem() or "Qt Multimedia cannot be loaded"
    from PySide6.QtMultimedia import QMediaPlayer

    loop = QEventLoop()
    errors: list[str] = []
    done = (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.InvalidMedia)

    def on_status(status: QMediaPlayer.MediaStatus) -> None:
        if status in done:
            loop.quit()

    def on_error(_error: object, message: str) -> None:
        errors.append(message or "unknown error")
        loop.quit()

    player.mediaStatusChanged.connect(on_status)
    player.errorOccurred.connect(on_error)
    QTimer.singleShot(timeout_ms, loop.quit)
    _later(player, "setSource", Q_ARG(QUrl, QUrl.fromLocalFile(str(path))))
    loop.exec()
    try:
        status = player.mediaStatus()
        if errors or status != QMediaPlayer.MediaStatus.LoadedMedia:
            reason = errors[0] if errors else "not a video the kiosk can play"
            return f"the video cannot be read ({reason})"
        meta = player.metaData()
        file_format = meta.value(QMediaMetaData.Key.FileFormat)
        video_codec = meta.value(QMediaMetaData.Key.VideoCodec)
        audio_codec = meta.value(QMediaMetaData.Key.AudioCodec)
        resolution = meta.value(QMediaMetaData.Key.Resolution)
        # Qt names a WebM file Matroska (WebM is a subset of it): the codecs tell them apart.
        containers = {QMediaFormat.FileFormat.MPEG4: "mp4", QMediaFormat.FileFormat.WebM: "webm",
                      QMediaFormat.FileFormat.Matroska: "webm"}
        videos = {QMediaFormat.VideoCodec.H264: "h264", QMediaFormat.VideoCodec.VP9: "vp9",
                  QMediaFormat.VideoCodec.VP8: "vp8", QMediaFormat.VideoCodec.H265: "hevc",
                  QMediaFormat.VideoCodec.AV1: "av1"}
        audios = {QMediaFormat.AudioCodec.AAC: "aac", QMediaFormat.AudioCodec.Opus: "opus",
                  QMediaFormat.AudioCodec.Vorbis: "vorbis", QMediaFormat.AudioCodec.MP3: "mp3"}
        return VideoInfo(
            containers.get(file_format, str(getattr(file_format, "name", ""))),
            videos.get(video_codec, "") if player.hasVideo() else "",
            audios.get(audio_codec, "") if player.hasAudio() else "",
            int(player.duration()),
            resolution.width() if resolution is not None else 0,
            resolution.height() if resolution is not None else 0,
        )
    finally:
        player.mediaStatusChanged.disconnect(on_status)
        player.errorOccurred.disconnect(on_error)
        _later(player, "setSource", Q_ARG(QUrl, QUrl()))
