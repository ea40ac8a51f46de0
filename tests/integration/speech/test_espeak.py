"""The real engine (pyttsx3 + espeak-ng): WAVs a listener would accept.

Needs espeak-ng (``apt-get install espeak-ng``); deselect with ``-m "not engine"``.
"""

from __future__ import annotations

import argparse
import array
import math
import sys
import wave
from pathlib import Path
from typing import Any

import pytest

from kiosk.commands import speak
from kiosk.speech.engine import Pyttsx3Engine, is_valid_wav
from kiosk.speech.player import SpeechPlayer
from tests.sound import SoundServer

pytestmark = pytest.mark.engine

POLISH = "Urząd Miejski w Mszczonowie jest otwarty od poniedziałku do piątku."
ENGLISH = "The town hall in Mszczonów is open from Monday to Friday."
TONGUE_TWISTER = "Chrząszcz brzmi w trzcinie w Szczebrzeszynie."
RMS_FLOOR = 300  # 16-bit samples; espeak speech measures about 2000–3500, silence 0


@pytest.fixture(scope="module")
def engine() -> Pyttsx3Engine:
    engine = Pyttsx3Engine()
    assert engine.start(), f"the real speech engine is needed: {engine.unavailable_reason}"
    return engine


def _measure(path: Path) -> tuple[int, int, float, float]:
    """(channels, sample width, seconds, RMS)."""
    with wave.open(str(path)) as wav:
        channels, width, rate = wav.getnchannels(), wav.getsampwidth(), wav.getframerate()
        samples = array.array("h", wav.readframes(wav.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    rms = math.sqrt(sum(s * s for s in samples) / max(1, len(samples)))
    return channels, width, len(samples) / channels / rate, rms


@pytest.mark.parametrize(("lang", "text"), [("pl", POLISH), ("en", ENGLISH)])
def test_sentence_is_mono_audible_and_of_plausible_length(
    engine: Pyttsx3Engine, tmp_path: Path, lang: str, text: str
) -> None:
    path = engine.synthesize(text, lang, "normal", tmp_path / f"{lang}.wav")
    assert path is not None
    channels, width, seconds, rms = _measure(path)
    assert channels == 1 and width == 2
    assert rms > RMS_FLOOR
    # ~10 words at 150–200 words per minute, plus pauses: measured 3.6 s (pl) and 2.8 s (en)
    assert 1.5 < seconds < 8.0


def test_each_language_has_its_own_voice(engine: Pyttsx3Engine, tmp_path: Path) -> None:
    if sys.platform.startswith("linux"):
        assert engine.voice_for("pl") == "zlw/pl"
        assert engine.voice_for("en") == "gmw/en"
    polish = engine.synthesize(TONGUE_TWISTER, "pl", "normal", tmp_path / "pl.wav")
    english = engine.synthesize(TONGUE_TWISTER, "en", "normal", tmp_path / "en.wav")
    assert polish is not None and english is not None
    # A Polish voice reads "szcz", "rz", "ą" as single sounds; an English one stumbles
    # through them letter by letter (measured: 2.3 s against 3.9 s).
    assert _measure(english)[2] > 1.3 * _measure(polish)[2]


def test_rate_steps(engine: Pyttsx3Engine, tmp_path: Path) -> None:
    seconds = {}
    for rate in ("slow", "normal", "fast"):
        path = engine.synthesize(POLISH, "pl", rate, tmp_path / f"{rate}.wav")
        assert path is not None
        seconds[rate] = _measure(path)[2]
    assert seconds["slow"] > 1.15 * seconds["normal"]
    assert 1.5 <= seconds["normal"] / seconds["fast"] <= 2.1  # fast ≈ 1.6–2× normal


def test_many_sentences_in_a_row_all_have_audio(engine: Pyttsx3Engine, tmp_path: Path) -> None:
    # espeak occasionally writes an empty WAV; the engine checks and retries
    for n in range(30):
        lang = "pl" if n % 2 else "en"
        path = engine.synthesize(
            f"{POLISH if lang == 'pl' else ENGLISH} {n}.", lang, "normal", tmp_path / f"{n}.wav"
        )
        assert path is not None and is_valid_wav(path)


def test_kiosk_speak_writes_a_bundled_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for lang in ("pl", "en"):
        out = tmp_path / f"opening-hours-{lang}.wav"
        args = argparse.Namespace(page="opening-hours", output=out, lang=lang, rate="normal")
        assert speak.run(args) == 0
        channels, _width, seconds, rms = _measure(out)
        assert channels == 1 and rms > RMS_FLOOR
        assert 20 < seconds < 180
    printed = capsys.readouterr().out
    assert "'opening-hours' (pl)" in printed and "'opening-hours' (en)" in printed


def test_a_page_read_aloud_is_heard_from_the_sound_device(
    qtbot: Any, engine: Pyttsx3Engine, sound_server: SoundServer
) -> None:
    """Real speech, through the kiosk's player and Qt, recorded where the speakers would be."""
    player = SpeechPlayer(engine)
    try:
        with sound_server.record() as heard:
            with qtbot.waitSignal(player.finished, timeout=20_000):
                player.speak([POLISH, ENGLISH], "pl")
            qtbot.wait(150)
        assert player.audio_device == "Null Output"
    finally:
        player.close()
    # Two sentences of about 4 s each; speech has short pauses between words.
    assert heard.loud_seconds() > 4.0, f"heard {heard.loud_seconds():.1f} s"
    assert heard.peak() > 3000


@pytest.mark.parametrize(
    ("lang", "text", "ruled"),
    [
        (
            "pl",
            "Sesja 16 czerwca 2008 r. o godz. 16:00 na II piętrze, opłata 32,50 zł.",
            "Sesja szesnastego czerwca dwa tysiące ósmego roku o godzinie szesnastej na drugim piętrze,"
            " opłata trzydzieści dwa złote pięćdziesiąt groszy.",
        ),
        (
            "en",
            "The fee of 32,50 zł is paid in pok. 4, ul. Piłsudskiego 1.",
            "The fee of 32 zlotys 50 groszy is paid in room 4, street Piłsudskiego 1.",
        ),
    ],
)
def test_a_ruled_sentence_synthesises_to_audible_speech(
    engine: Pyttsx3Engine, tmp_path: Path, lang: str, text: str, ruled: str
) -> None:
    from kiosk.speech.rules import speakable

    assert speakable(text, lang) == ruled
    path = engine.synthesize(ruled, lang, "normal", tmp_path / f"ruled-{lang}.wav")
    assert path is not None and is_valid_wav(path)
    channels, _, seconds, rms = _measure(path)
    assert channels == 1 and rms > RMS_FLOOR
    # every number is spoken in words: 20 words in Polish, 14 in English
    assert seconds > (3.0 if lang == "pl" else 2.0)
def test_the_engine_writes_into_the_private_file_it_is_given(engine: Pyttsx3Engine, tmp_path: Path) -> None:
    """The player makes each WAV 0600 before synthesis; espeak must keep that mode."""
    import os
    import stat

    if os.name != "posix":
        pytest.skip("POSIX file modes")
    from kiosk.speech.player import _private_file

    path = tmp_path / "private.wav"
    _private_file(path)
    assert engine.synthesize("Dziewięćdziesiąt dwa.", "pl", "normal", path) == path
    assert is_valid_wav(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
