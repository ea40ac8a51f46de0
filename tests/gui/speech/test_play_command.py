"""``kiosk speak PAGE --play``: a page through the kiosk's player to the sound device."""

from __future__ import annotations

import argparse
import functools
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtMultimedia import QAudioDevice

from kiosk.commands import speak
from kiosk.speech import audio, player
from kiosk.speech import engine as speech
from tests.conftest import ContentBuilder
from tests.fakes import RecordingEngine
from tests.sound import SoundServer


@pytest.fixture
def content(make_content: Any) -> Path:
    c: ContentBuilder = make_content("play")
    c.simple("hours", "Godziny", "Hours", body_pl="Urząd jest otwarty. Kasa też.\n\nPoniedziałek.")
    return c.root


@pytest.fixture
def tones(monkeypatch: pytest.MonkeyPatch) -> RecordingEngine:
    engine = RecordingEngine(duration_ms=300, tone_hz=440)
    monkeypatch.setattr(speech, "select_engine", lambda *a, **k: engine)
    return engine


def _args(**values: Any) -> argparse.Namespace:
    return argparse.Namespace(**{"lang": None, "rate": "normal", "output": None, "play": True, "limit": 0,
                                 **values})


def test_play_reads_the_page_through_the_speakers(
    qapp: Any, content: Path, tones: RecordingEngine, sound_server: SoundServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with sound_server.record() as heard:
        assert speak.run(_args(page="hours", content=content, limit=3)) == 0
    assert tones.texts() == ["Godziny", "Urząd jest otwarty.", "Kasa też."]
    out = capsys.readouterr().out
    assert "played 'hours' (pl), 3 sentences" in out and out.rstrip().endswith("on Null Output")
    assert 0.8 <= heard.loud_seconds() <= 1.0  # three 300 ms tones, one after the other


@pytest.mark.allow_log_warnings
def test_play_fails_when_nothing_is_heard(
    qapp: Any, content: Path, tones: RecordingEngine, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(player, "AudioOut", functools.partial(audio.AudioOut, device=QAudioDevice()))
    assert speak.run(_args(page="hours", content=content, limit=1)) == 1
    err = capsys.readouterr().err
    assert "speech was not heard: no sound output device" in err
