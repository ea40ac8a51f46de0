"""``kiosk speak PAGE -o FILE.wav`` as staff use it (with the recording engine)."""

from __future__ import annotations

import argparse
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli import UsageError, _Parser
from kiosk.commands import speak
from kiosk.speech import engine as speech
from kiosk.speech.engine import SilentEngine
from tests.conftest import ContentBuilder
from tests.fakes import RecordingEngine

Make = Callable[[str], ContentBuilder]


@pytest.fixture
def content(make_content: Make) -> Path:
    c = make_content("speak")
    c.simple(
        "hours",
        "Godziny",
        "Hours",
        body_pl="Urząd jest otwarty. Kasa też.\n\n- Poniedziałek",
        body_en="The office is open.",
    )
    c.page("only-pl", "pl", "---\ntitle: Tylko po polsku\nsection: office\n---\nTreść.\n")
    return c.root


@pytest.fixture
def recording(monkeypatch: pytest.MonkeyPatch) -> RecordingEngine:
    engine = RecordingEngine(duration_ms=100)
    monkeypatch.setattr(speech, "select_engine", lambda *a, **k: engine)
    return engine


def _args(**values: Any) -> argparse.Namespace:
    return argparse.Namespace(**{"lang": None, "rate": "normal", **values})


def test_writes_the_whole_page_as_one_wav(
    content: Path, recording: RecordingEngine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out" / "hours.wav"
    assert speak.run(_args(page="hours", output=out, content=content, rate="fast")) == 0
    assert recording.texts() == ["Godziny", "Urząd jest otwarty.", "Kasa też.", "Poniedziałek"]
    assert {s.rate for s in recording.spoken} == {"fast"} and {s.lang for s in recording.spoken} == {"pl"}
    with wave.open(str(out)) as wav:
        seconds = wav.getnframes() / wav.getframerate()
        assert wav.getnchannels() == 1
    # four 100 ms pieces; a short pause inside the paragraph, longer ones between blocks
    pauses = speak.SENTENCE_PAUSE_MS + 2 * speak.BLOCK_PAUSE_MS
    assert seconds == pytest.approx(0.4 + pauses / 1000, abs=0.002)
    assert f"4 sentences, {seconds:.1f} s" in capsys.readouterr().out


def test_english_and_fallback_language(
    content: Path, recording: RecordingEngine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert speak.run(_args(page="hours", output=tmp_path / "en.wav", content=content, lang="en")) == 0
    assert recording.texts() == ["Hours", "The office is open."]
    recording.clear()
    assert speak.run(_args(page="only-pl", output=tmp_path / "pl.wav", content=content, lang="en")) == 0
    assert {s.lang for s in recording.spoken} == {"pl"}  # the Polish page in the Polish voice
    assert "has no en version" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"page": "nowhere"}, "unknown page 'nowhere'"),
        ({"page": "hours", "lang": "de"}, "--lang must be one of pl, en"),
        ({"page": "hours", "output": Path("x.mp3")}, "must end in .wav"),
        ({"page": "hours", "content": Path("/no/such/folder")}, "no such folder"),
    ],
)
def test_bad_input_is_a_usage_error(
    content: Path, recording: RecordingEngine, tmp_path: Path, values: dict[str, Any], message: str
) -> None:
    args = _args(**{"output": tmp_path / "x.wav", "content": content, **values})
    with pytest.raises(UsageError, match=message):
        speak.run(args)
    assert recording.spoken == []


def test_no_engine_is_one_line_and_exit_1(
    content: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(speech, "select_engine", lambda *a, **k: SilentEngine("pyttsx3: espeak-ng missing"))
    assert speak.run(_args(page="hours", output=tmp_path / "x.wav", content=content)) == 1
    err = capsys.readouterr().err
    assert err == "kiosk: error: no speech engine: pyttsx3: espeak-ng missing\n"
    assert not (tmp_path / "x.wav").exists()


def test_failing_sentence_is_one_line_and_exit_1(
    content: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = RecordingEngine(failing=["Kasa też."])
    monkeypatch.setattr(speech, "select_engine", lambda *a, **k: engine)
    assert speak.run(_args(page="hours", output=tmp_path / "x.wav", content=content)) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_text_prints_what_the_engine_gets_one_utterance_per_line(
    bundled_content_dir: Path,
    recording: RecordingEngine,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The sample civil-registry page: title, room line, then the body after all rules."""
    assert speak.run(_args(page="civil-registry", text=True, content=bundled_content_dir)) == 0
    lines = capsys.readouterr().out.splitlines()
    assert recording.spoken == []  # nothing is synthesised
    assert lines[:4] == [
        "Urząd Stanu Cywilnego",
        "Gdzie: pokój 3, parter",
        "Urząd Stanu Cywilnego (u es ce) jest w pokoju 3 na parterze.",  # pronunciation.toml
        "Telefon: 46 857 03 03.",
    ]
    assert "Dokument: Odpis skrócony aktu. Opłata: dwadzieścia dwa złote." in lines
    # exactly the text the engine is given when the page is read into a WAV
    wav = tmp_path / "x.wav"
    assert speak.run(_args(page="civil-registry", output=wav, content=bundled_content_dir)) == 0
    assert recording.texts() == lines


def test_text_in_english_and_with_a_limit(
    bundled_content_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = _args(page="civil-registry", text=True, content=bundled_content_dir, lang="en", limit=4)
    assert speak.run(args) == 0
    assert capsys.readouterr().out == (
        "Civil Registry Office\n"
        "Where: room 3, ground floor\n"
        "The Civil Registry Office (Urząd Stanu Cywilnego, U S C) is in room 3 on the ground floor.\n"
        "Phone: +48 46 857 03 03.\n"
    )


def test_text_of_a_page_with_dates_and_floors(
    bundled_content_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert speak.run(_args(page="sesje-rady", text=True, content=bundled_content_dir)) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["Sesje Rady Miejskiej", "Gdzie: sala konferencyjna – pokój 22, drugie piętro"]
    assert (
        "Sesja: trzydziesta druga sesja. Data: czwartek, siedemnastego grudnia dwa tysiące"
        " dwudziestego szóstego roku. Godzina: szesnasta."
        " Główny temat: budżet gminy na dwa tysiące dwudziesty siódmy rok."
    ) in lines
    assert "Na drugie piętro dojedziesz windą." in lines


def test_parser() -> None:
    parser = _Parser(prog="kiosk")
    parser.add_argument("--content", type=Path, default=None)
    speak.register(parser.add_subparsers(parser_class=_Parser))
    args = parser.parse_args(["--content", "/c", "speak", "hours", "-o", "h.wav", "--rate", "slow"])
    assert (args.page, args.output, args.rate) == ("hours", Path("h.wav"), "slow")
    assert getattr(args, "lang", None) is None  # not given: kiosk.toml's or the site's
    assert args.content == Path("/c")  # the top-level option still counts
    args = parser.parse_args(["speak", "hours", "-o", "h.wav", "--content", "/d", "--lang", "en"])
    assert (args.content, args.lang, args.rate, args.func) == (Path("/d"), "en", "normal", speak.run)
    with pytest.raises(UsageError):
        parser.parse_args(["speak", "hours", "-o", "h.wav", "--rate", "turbo"])
    with pytest.raises(UsageError):
        parser.parse_args(["speak", "hours"])
    args = parser.parse_args(["speak", "hours", "--text", "--lang", "en"])
    assert (args.text, args.output, args.play, args.lang) == (True, None, False, "en")
    with pytest.raises(UsageError):
        parser.parse_args(["speak", "hours", "--text", "-o", "h.wav"])
