"""Sound out through QAudioSink, listened to on the test sound server's null sink.

The clips are tones (``write_tone``), so what comes out can be measured: how long it
sounds, how loud, and that pause and stop really silence it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import wave
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtMultimedia import QAudioDevice
from pytestqt.qtbot import QtBot

from kiosk.speech.audio import AudioOut, Clip, ClipError, read_wav, silent_clip
from tests.fakes import write_tone
from tests.sound import SoundServer

AMPLITUDE = 16000

MakeAudio = Callable[..., AudioOut]


@pytest.fixture
def make_audio(qtbot: QtBot) -> Iterator[MakeAudio]:
    outputs: list[AudioOut] = []

    def make(**options: Any) -> AudioOut:
        audio = AudioOut(**options)
        outputs.append(audio)
        return audio

    yield make
    for audio in outputs:
        audio.close()
    qtbot.wait(20)


def tone(tmp_path: Path, milliseconds: int, hertz: float = 440) -> Clip:
    return read_wav(write_tone(tmp_path / f"tone-{milliseconds}-{hertz}.wav", milliseconds, hertz, AMPLITUDE))


def test_a_clip_is_heard_for_its_length(
    qtbot: QtBot, make_audio: MakeAudio, sound_server: SoundServer, tmp_path: Path
) -> None:
    audio = make_audio()
    clip = tone(tmp_path, 800)
    with sound_server.record() as heard:
        started = time.perf_counter()
        with qtbot.waitSignal(audio.ended, timeout=5000):
            audio.play(clip)
            assert audio.is_sounding
        took = time.perf_counter() - started
        qtbot.wait(150)  # the tail of the clip on its way through the monitor
    assert audio.problem == ""
    assert audio.device_name == "Null Output"
    assert 0.75 <= took < 1.5, f"ended after {took:.2f} s"
    assert not audio.is_sounding
    assert 0.7 <= heard.loud_seconds() <= 0.9, f"heard {heard.loud_seconds():.2f} s of tone"
    assert 0.95 * AMPLITUDE <= heard.peak() <= 1.05 * AMPLITUDE


def test_clips_follow_each_other_on_one_stream(
    qtbot: QtBot, make_audio: MakeAudio, sound_server: SoundServer, tmp_path: Path
) -> None:
    audio = make_audio()
    clips = [tone(tmp_path, 300, hertz) for hertz in (330, 440, 550)]
    ended: list[float] = []
    audio.ended.connect(lambda: ended.append(time.perf_counter()))

    def play_next() -> None:
        if len(ended) < len(clips):
            audio.play(clips[len(ended)])

    audio.ended.connect(play_next)
    with sound_server.record() as heard:
        started = time.perf_counter()
        audio.play(clips[0])
        qtbot.waitUntil(lambda: len(ended) == 3, timeout=5000)
        qtbot.wait(150)
    assert ended[-1] - started < 0.9 + 0.5  # no start-up delay between sentences
    assert 0.8 <= heard.loud_seconds() <= 1.0


def test_volume_scales_what_is_heard(
    qtbot: QtBot, make_audio: MakeAudio, sound_server: SoundServer, tmp_path: Path
) -> None:
    audio = make_audio()
    audio.set_volume(0.35)
    with sound_server.record() as quiet:
        with qtbot.waitSignal(audio.ended, timeout=5000):
            audio.play(tone(tmp_path, 400))
        qtbot.wait(150)
    assert 0.30 * AMPLITUDE <= quiet.peak() <= 0.40 * AMPLITUDE


def test_volume_change_applies_to_the_clip_playing(
    qtbot: QtBot, make_audio: MakeAudio, sound_server: SoundServer, tmp_path: Path
) -> None:
    audio = make_audio()
    audio.play(tone(tmp_path, 3000))
    qtbot.wait(300)
    audio.set_volume(0.35)
    qtbot.wait(100)
    with sound_server.record() as heard:
        qtbot.wait(400)
    assert audio.is_sounding
    assert 0.30 * AMPLITUDE <= heard.peak() <= 0.40 * AMPLITUDE


def test_pause_silences_and_resume_goes_on_from_there(
    qtbot: QtBot, make_audio: MakeAudio, sound_server: SoundServer, tmp_path: Path
) -> None:
    audio = make_audio()
    clip = tone(tmp_path, 1200)
    with sound_server.record() as everything:
        audio.play(clip)
        qtbot.wait(400)
        audio.pause()
        assert audio.is_paused and not audio.is_sounding
        qtbot.wait(50)
        with sound_server.record() as while_paused:
            with qtbot.assertNotEmitted(audio.ended, wait=600):
                pass
        with qtbot.waitSignal(audio.ended, timeout=5000):
            audio.resume()
            assert audio.is_sounding
        qtbot.wait(150)
    assert while_paused.seconds > 0.4 and while_paused.peak() == 0
    # Nothing skipped and nothing repeated: the whole clip was heard once.
    assert 1.1 <= everything.loud_seconds() <= 1.3, f"{everything.loud_seconds():.2f} s heard"


def test_stop_silences_at_once_and_nothing_ends(
    qtbot: QtBot, make_audio: MakeAudio, sound_server: SoundServer, tmp_path: Path
) -> None:
    audio = make_audio()
    audio.play(tone(tmp_path, 3000))
    qtbot.waitUntil(lambda: audio.position_ms > 200, timeout=3000)
    with sound_server.record() as before:
        qtbot.wait(200)
    begin = time.perf_counter()
    audio.stop()
    assert time.perf_counter() - begin < 0.05
    assert not audio.is_sounding
    qtbot.wait(30)
    with sound_server.record() as after, qtbot.assertNotEmitted(audio.ended, wait=500):
        pass
    assert before.peak() > 0.9 * AMPLITUDE
    assert after.seconds > 0.3 and after.peak() == 0


def test_a_new_clip_cuts_off_the_one_playing(
    qtbot: QtBot, make_audio: MakeAudio, sound_server: SoundServer, tmp_path: Path
) -> None:
    audio = make_audio()
    ended: list[int] = []
    audio.ended.connect(lambda: ended.append(1))
    audio.play(tone(tmp_path, 3000))
    qtbot.wait(300)
    with sound_server.record() as heard:
        with qtbot.waitSignal(audio.ended, timeout=5000):
            audio.play(tone(tmp_path, 300, hertz=880))
        qtbot.wait(300)
    assert ended == [1]  # only the second clip ended
    assert heard.loud_seconds() <= 0.45  # the rest of the first one was dropped


@pytest.mark.allow_log_warnings
def test_without_a_sound_device_clips_run_on_the_clock(qtbot: QtBot, make_audio: MakeAudio) -> None:
    audio = make_audio(device=QAudioDevice())
    started = time.perf_counter()
    with qtbot.waitSignal(audio.ended, timeout=3000):
        audio.play(silent_clip(400))
        assert audio.is_sounding
    assert 0.39 <= time.perf_counter() - started < 1.0
    assert "no sound output device" in audio.problem
    # Pause holds the clock.
    started = time.perf_counter()
    audio.play(silent_clip(300))
    qtbot.wait(100)
    audio.pause()
    with qtbot.assertNotEmitted(audio.ended, wait=400):
        pass
    with qtbot.waitSignal(audio.ended, timeout=3000):
        audio.resume()
    assert time.perf_counter() - started >= 0.6  # 300 ms of clip + about 400 ms paused


def test_a_sound_device_that_takes_nothing_is_given_up(
    qtbot: QtBot, make_audio: MakeAudio, sound_server: SoundServer, tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    audio = make_audio(stall_ms=500)
    sound_server.suspend(True)
    try:
        with qtbot.waitSignal(audio.ended, timeout=5000):
            audio.play(tone(tmp_path, 300))
    finally:
        sound_server.suspend(False)
    assert "took no samples" in audio.problem
    assert "speech is not heard" in caplog.text
    with qtbot.waitSignal(audio.ended, timeout=5000):  # the device works again: used again
        audio.play(tone(tmp_path, 200))
    assert audio.problem == ""


def test_wav_files_that_cannot_be_played_are_named(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.wav"
    garbage.write_bytes(b"not a wav file at all")
    with pytest.raises(ClipError, match="garbage.wav"):
        read_wav(garbage)
    with pytest.raises(ClipError, match="missing.wav"):
        read_wav(tmp_path / "missing.wav")
    wide = tmp_path / "wide.wav"
    with wave.open(str(wide), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(3)
        wav.setframerate(22050)
        wav.writeframes(b"\x00" * 300)
    with pytest.raises(ClipError, match="24-bit"):
        read_wav(wide)


def test_a_clip_knows_its_length(tmp_path: Path) -> None:
    clip = tone(tmp_path, 500)
    assert clip.shape == (22050, 1, 2)
    assert clip.duration_ms == 500
    assert silent_clip(250).duration_ms == 250


BLOCKED_MULTIMEDIA = """
import sys
sys.modules["PySide6.QtMultimedia"] = None  # what a missing libpulse0 or PySide6-Addons looks like
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from tests.fakes import RecordingEngine
from kiosk.speech.player import SpeechPlayer
player = SpeechPlayer(RecordingEngine(duration_ms=100))
started = []
player.utterance_started.connect(started.append)
player.finished.connect(app.quit)
QTimer.singleShot(0, lambda: player.speak(["Jeden.", "Dwa."], "pl"))
QTimer.singleShot(5000, lambda: app.exit(3))
status = app.exec()
print(started, player.audio_problem)
from kiosk.cli import main
sys.exit(status or main(["render", "iso-9001", "-o", sys.argv[1]]))
"""


def test_without_qt_multimedia_the_kiosk_reads_on_the_clock(tmp_path: Path) -> None:
    out = tmp_path / "page.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", BLOCKED_MULTIMEDIA, str(out)], capture_output=True,
                            text=True, timeout=120, check=False, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("[0, 1] Qt Multimedia cannot be loaded"), result.stdout
    assert out.stat().st_size > 20_000  # the page with its speech controls still renders
