"""Engines behind one interface: recording, silent, selection with a silent last resort."""

from __future__ import annotations

import ast
import logging
import sys
import types
import wave
from pathlib import Path
from typing import cast

import pytest

from kiosk import paths
from kiosk.speech.engine import (
    RATE_STEPS,
    EngineFactory,
    Pyttsx3Engine,
    SilentEngine,
    SpeechEngine,
    SpeechError,
    Voice,
    is_valid_wav,
    pick_voice,
    select_engine,
)
from tests.fakes import RecordingEngine, write_silence


def test_recording_engine_records_in_order_and_writes_short_silent_wavs(tmp_path: Path) -> None:
    engine = RecordingEngine(duration_ms=50)
    first = engine.synthesize("Dzień dobry.", "pl", "normal", tmp_path / "a.wav")
    second = engine.synthesize("Hello.", "en", "fast", tmp_path / "b.wav")
    assert [(s.text, s.lang, s.rate) for s in engine.spoken] == [
        ("Dzień dobry.", "pl", "normal"),
        ("Hello.", "en", "fast"),
    ]
    assert first is not None and second is not None
    with wave.open(str(first)) as wav:
        assert wav.getnchannels() == 1
        assert wav.getnframes() == wav.getframerate() * 50 // 1000


def test_recording_engine_without_audio_and_with_failures(tmp_path: Path) -> None:
    engine = RecordingEngine(write_audio=False, failing=["zepsute"])
    assert engine.synthesize("cisza", "pl", "slow", tmp_path / "a.wav") is None
    assert not (tmp_path / "a.wav").exists()
    with pytest.raises(SpeechError):
        engine.synthesize("zepsute", "pl", "slow", tmp_path / "b.wav")
    assert engine.texts() == ["cisza", "zepsute"]


def test_unknown_rate_is_refused(tmp_path: Path) -> None:
    assert RATE_STEPS == ("slow", "normal", "fast")
    for engine in (RecordingEngine(), SilentEngine()):
        with pytest.raises(ValueError, match="slow, normal, fast"):
            engine.synthesize("x", "pl", "turbo", tmp_path / "x.wav")


def test_silent_engine_says_nothing_and_why(tmp_path: Path) -> None:
    engine: SpeechEngine = SilentEngine("espeak-ng is missing")
    assert not engine.start()
    assert not engine.available
    assert engine.unavailable_reason == "espeak-ng is missing"
    assert engine.synthesize("Tekst.", "pl", "normal", tmp_path / "x.wav") is None


def test_wav_validation(tmp_path: Path) -> None:
    assert is_valid_wav(write_silence(tmp_path / "ok.wav", 10))
    with wave.open(str(tmp_path / "empty.wav"), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(22050)
    assert not is_valid_wav(tmp_path / "empty.wav")
    (tmp_path / "junk.wav").write_bytes(b"RIFF nonsense")
    assert not is_valid_wav(tmp_path / "junk.wav")
    assert not is_valid_wav(tmp_path / "missing.wav")


class _Broken:
    name = "broken"

    def __init__(self) -> None:
        raise OSError("libespeak-ng.so.1: cannot open shared object file")


class _Refusing(SilentEngine):
    name = "refusing"

    def __init__(self) -> None:
        super().__init__("no Polish voice")


def test_selection_takes_the_first_engine_that_starts(caplog: pytest.LogCaptureFixture) -> None:
    recording = RecordingEngine()
    factories = cast(
        "dict[str, EngineFactory]",
        {"broken": _Broken, "refusing": _Refusing, "recording": lambda: recording},
    )
    with caplog.at_level(logging.WARNING, logger="kiosk.speech.engine"):
        engine = select_engine(["broken", "refusing", "recording"], factories)
    assert engine is recording
    assert "speech engine broken is not available: OSError: libespeak-ng.so.1" in caplog.text
    assert "speech engine refusing is not available: no Polish voice" in caplog.text


def test_selection_falls_back_to_silence_with_the_reasons(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="kiosk.speech.engine"):
        engine = select_engine(
            ["broken", "nonexistent"], cast("dict[str, EngineFactory]", {"broken": _Broken})
        )
    assert isinstance(engine, SilentEngine)
    assert not engine.available
    assert "broken: OSError" in engine.unavailable_reason
    assert "nonexistent: unknown engine" in engine.unavailable_reason
    assert "speech is off" in caplog.text


@pytest.mark.allow_log_warnings
def test_pyttsx3_engine_without_espeak_is_unavailable_with_a_reason(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def init(driver: str | None = None) -> None:
        raise RuntimeError("This means you probably do not have eSpeak or eSpeak-ng installed!")

    monkeypatch.setitem(sys.modules, "pyttsx3", types.SimpleNamespace(init=init))
    engine = Pyttsx3Engine()
    assert not engine.start()
    assert not engine.available
    assert "eSpeak" in engine.unavailable_reason
    if sys.platform.startswith("linux"):
        assert "apt-get install espeak-ng" in engine.unavailable_reason
    with pytest.raises(SpeechError):
        engine.synthesize("Tekst.", "pl", "normal", tmp_path / "x.wav")
    selected = select_engine(["pyttsx3"])
    assert isinstance(selected, SilentEngine)
    assert "eSpeak" in selected.unavailable_reason


def test_voice_is_picked_by_language() -> None:
    espeak = [Voice("gmw/en-us", "English (America)", ("en-us",)), Voice("gmw/en", "English", ("en-gb",))]
    espeak.append(Voice("zlw/pl", "Polish", ("pl",)))
    assert pick_voice(espeak, "pl") == "zlw/pl"
    assert pick_voice(espeak, "en") == "gmw/en"
    assert pick_voice(espeak, "pl_PL") == "zlw/pl"
    sapi = [
        Voice("HKEY\\Voices\\Tokens\\TTS_MS_EN-US_ZIRA", "Microsoft Zira Desktop - English (United States)"),
        Voice("HKEY\\Voices\\Tokens\\TTS_MS_PL-PL_PAULINA", "Microsoft Paulina Desktop - Polish"),
    ]
    assert pick_voice(sapi, "pl") == sapi[1].id
    assert pick_voice(sapi, "en") == sapi[0].id
    assert pick_voice(sapi, "de") is None


def test_only_the_speech_package_imports_pyttsx3() -> None:
    package = paths.package_dir()
    offenders = []
    for path in package.rglob("*.py"):
        if path.is_relative_to(package / "speech"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            if any(name.split(".")[0] == "pyttsx3" for name in names):
                offenders.append(str(path.relative_to(package)))
    assert offenders == []


def test_importing_speech_loads_neither_qt_nor_pyttsx3() -> None:
    import subprocess

    code = (
        "import sys, kiosk.speech, kiosk.speech.engine, kiosk.speech.reading;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pyttsx3', 'PySide6')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_quiet_selection_logs_nothing_above_debug(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="kiosk.speech.engine"):
        engine = select_engine(["broken"], cast("dict[str, EngineFactory]", {"broken": _Broken}), quiet=True)
    assert not engine.available
    assert caplog.records == []
