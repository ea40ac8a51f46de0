"""The speech player with the recording engine: order, transport, stop, announcements.

Audio really goes to a sound device (the test sound server's null sink, tests/sound.py),
so each recorded sentence lasts its WAV's length (``duration_ms``).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtMultimedia import QAudioDevice
from pytestqt.qtbot import QtBot

from kiosk.i18n import translate
from kiosk.speech.audio import AudioOut
from kiosk.speech.engine import SilentEngine
from kiosk.speech.player import VOLUME_STEPS, SpeechPlayer
from kiosk.speech.reading import page_utterances
from tests.fakes import RecordingEngine

PAGE = (
    "<p>Urząd jest otwarty. Kasa zamyka się wcześniej.</p>"
    '<p class="figure"><img alt="Plan parteru." src="kiosk-image:x/plan.png"><br>'
    '<span class="alt">Plan parteru.</span></p>'
    "<ul><li>Pokój 1<ul><li>parter</li></ul></li><li>Pokój 2</li></ul>"
    "<table><thead><tr><th>Dzień</th><th>Godziny</th></tr></thead>"
    "<tbody><tr><td>Poniedziałek</td><td>8:00–17:00</td></tr></tbody></table>"
)

Make = Callable[..., tuple[SpeechPlayer, RecordingEngine]]


class Heard:
    """Everything the player announced, in order."""

    def __init__(self, player: SpeechPlayer) -> None:
        self.started: list[int] = []
        self.states: list[str] = []
        self.finished = 0
        player.utterance_started.connect(self.started.append)
        player.state_changed.connect(self.states.append)
        player.finished.connect(self._on_finished)

    def _on_finished(self) -> None:
        self.finished += 1


@pytest.fixture
def make_player(qtbot: QtBot) -> Iterator[Make]:
    players: list[SpeechPlayer] = []

    def make(**engine_options: Any) -> tuple[SpeechPlayer, RecordingEngine]:
        engine = RecordingEngine(**{"duration_ms": 30, **engine_options})
        player = SpeechPlayer(engine)
        players.append(player)
        return player, engine

    yield make
    for player in players:
        player.close()
    qtbot.wait(20)  # the media objects are deleted from the event loop


def _is(state: str) -> Callable[[str], bool]:
    return lambda value: value == state


def test_page_is_spoken_in_reading_order(qtbot: QtBot, make_player: Make) -> None:
    player, engine = make_player()
    heard = Heard(player)
    utterances = page_utterances("Godziny", PAGE, "pl")
    with qtbot.waitSignal(player.finished, timeout=10_000):
        assert player.speak(utterances, "pl")
    assert heard.started == list(range(len(utterances)))
    assert engine.texts() == [u.text for u in utterances]
    assert engine.texts()[:4] == [
        "Godziny",
        "Urząd jest otwarty.",
        "Kasa zamyka się wcześniej.",
        f"{translate('pl', 'Image')}: Plan parteru.",
    ]
    assert engine.texts()[-1] == "Dzień: Poniedziałek. Godziny: od ósmej do siedemnastej."
    assert {s.lang for s in engine.spoken} == {"pl"}
    assert heard.states[0] in ("loading", "playing") and heard.states[-1] == "idle"
    assert heard.finished == 1
    assert player.state == "idle"


def test_stop_is_immediate_and_nothing_resumes(qtbot: QtBot, make_player: Make) -> None:
    player, _engine = make_player(duration_ms=3000)
    heard = Heard(player)
    with qtbot.waitSignal(player.utterance_started, timeout=5000):
        player.speak(["Pierwsze zdanie.", "Drugie zdanie."], "pl")
    qtbot.waitUntil(lambda: player.is_sounding, timeout=2000)
    start = time.perf_counter()
    player.stop()
    assert time.perf_counter() - start < 0.1
    assert player.state == "idle"
    qtbot.waitUntil(lambda: not player.is_sounding, timeout=100)
    with qtbot.assertNotEmitted(player.utterance_started, wait=500):
        player.resume()
        player.next()
        player.repeat()
    assert not player.is_sounding
    assert heard.started == [0] and heard.finished == 0


def test_a_late_synthesis_result_does_not_start_after_stop(qtbot: QtBot, make_player: Make) -> None:
    player, engine = make_player(delay_s=0.3)
    player.speak(["Wolno syntezowane zdanie."], "pl")
    assert player.state == "loading"
    qtbot.waitUntil(lambda: bool(engine.texts()), timeout=2000)  # synthesis under way
    player.stop()
    with qtbot.assertNotEmitted(player.utterance_started, wait=800):
        pass
    assert engine.texts() == ["Wolno syntezowane zdanie."]  # synthesized, never played
    assert player.state == "idle" and not player.is_sounding


def test_stop_while_paused_stays_stopped(qtbot: QtBot, make_player: Make) -> None:
    player, _engine = make_player(duration_ms=1000)
    with qtbot.waitSignal(player.utterance_started, timeout=5000):
        player.speak(["Jeden.", "Dwa."], "pl")
    player.pause()
    assert player.state == "paused"
    player.stop()
    with qtbot.assertNotEmitted(player.state_changed, wait=300):
        player.resume()
    assert player.state == "idle"


def test_next_previous_repeat(qtbot: QtBot, make_player: Make) -> None:
    player, engine = make_player(duration_ms=3000)
    heard = Heard(player)
    with qtbot.waitSignal(player.utterance_started, timeout=5000):
        player.speak(["A.", "B.", "C.", "D."], "en")
    for action in (player.next, player.next, player.previous, player.repeat):
        with qtbot.waitSignal(player.utterance_started, timeout=5000):
            action()
    assert heard.started == [0, 1, 2, 1, 1]
    assert player.index == 1
    assert engine.texts().count("B.") == 1  # repeated from the cache, not synthesized again


def test_next_after_the_last_sentence_ends_reading(qtbot: QtBot, make_player: Make) -> None:
    player, _engine = make_player(duration_ms=3000)
    with qtbot.waitSignal(player.utterance_started, timeout=5000):
        player.speak(["Jedyne zdanie."], "pl")
    with qtbot.waitSignal(player.finished, timeout=1000):
        player.next()
    assert player.state == "idle"
    qtbot.waitUntil(lambda: not player.is_sounding, timeout=100)
    with qtbot.waitSignal(player.utterance_started, timeout=5000):
        player.repeat()  # after the end, Repeat reads the last sentence again


def test_rapid_next_never_goes_back(qtbot: QtBot, make_player: Make) -> None:
    player, _engine = make_player(duration_ms=200)
    heard = Heard(player)
    with qtbot.waitSignal(player.utterance_started, timeout=5000):
        player.speak([f"Zdanie {n}." for n in range(6)], "pl")
    for _ in range(3):
        player.next()
    with qtbot.waitSignal(player.finished, timeout=10_000):
        pass
    assert heard.started == sorted(set(heard.started))
    assert heard.started[-1] == 5 and 3 in heard.started


def test_pause_and_resume(qtbot: QtBot, make_player: Make) -> None:
    player, _engine = make_player(duration_ms=400)
    heard = Heard(player)
    with qtbot.waitSignal(player.utterance_started, timeout=5000):
        player.speak(["Raz.", "Dwa."], "pl")
    player.pause()
    assert player.state == "paused"
    qtbot.waitUntil(lambda: not player.is_sounding, timeout=100)
    with qtbot.assertNotEmitted(player.utterance_started, wait=700):
        pass
    with qtbot.waitSignal(player.finished, timeout=5000):
        player.resume()
        assert player.state == "playing"
    assert heard.started == [0, 1]


def test_pause_while_loading_waits_for_resume(qtbot: QtBot, make_player: Make) -> None:
    player, _engine = make_player(delay_s=0.2)
    heard = Heard(player)
    player.speak(["Powoli."], "pl")
    player.pause()
    with qtbot.assertNotEmitted(player.utterance_started, wait=500):
        pass
    with qtbot.waitSignal(player.finished, timeout=5000):
        player.resume()
    assert heard.started == [0]


def test_announce_pauses_reading_and_never_piles_up(qtbot: QtBot, make_player: Make) -> None:
    player, engine = make_player(duration_ms=300)
    heard = Heard(player)
    with qtbot.waitSignal(player.utterance_started, timeout=5000):
        player.speak(["Długa strona.", "Druga.", "Trzecia."], "pl")
    player.announce("Strona: Kontakt", "pl")
    player.announce("Przycisk: Wstecz", "pl")
    assert player.is_announcing and player.reading_state == "paused"
    with qtbot.waitSignal(player.state_changed, timeout=5000, check_params_cb=_is("paused")):
        pass
    with qtbot.assertNotEmitted(player.state_changed, wait=500):
        pass
    assert heard.started == [0]  # announcements are not page sentences
    assert heard.finished == 0
    announced = [t for t in engine.texts() if t not in ("Długa strona.", "Druga.", "Trzecia.")]
    assert announced[-1] == "Przycisk: Wstecz"  # the newer announcement replaced the other
    # The reading waits at its sentence; Continue goes on from there.
    assert player.reading_state == "paused" and player.index == 0
    with qtbot.waitSignal(player.utterance_started, timeout=5000):
        player.resume()
    assert heard.started == [0, 0]


def test_rate_change_restarts_the_sentence_at_the_new_rate(qtbot: QtBot, make_player: Make) -> None:
    player, engine = make_player(duration_ms=2000)
    heard = Heard(player)
    with qtbot.waitSignal(player.utterance_started, timeout=5000):
        player.speak(["Zdanie.", "Następne."], "pl")
    with qtbot.waitSignal(player.utterance_started, timeout=5000):
        player.set_rate("fast")
    assert heard.started == [0, 0]
    assert ("Zdanie.", "fast") in [(s.text, s.rate) for s in engine.spoken]
    assert player.rate == "fast"
    with pytest.raises(ValueError):
        player.set_rate("warp")


def test_volume_has_three_steps(make_player: Make) -> None:
    player, _engine = make_player()
    assert len(VOLUME_STEPS) >= 3
    for step in VOLUME_STEPS:
        player.set_volume(step)
        assert player.volume == step
    with pytest.raises(ValueError):
        player.set_volume("deafening")


@pytest.mark.allow_log_warnings
def test_failed_sentence_is_skipped(qtbot: QtBot, make_player: Make) -> None:
    player, _engine = make_player(failing=["Zepsute."])
    heard = Heard(player)
    with qtbot.waitSignal(player.finished, timeout=5000):
        player.speak(["Dobre.", "Zepsute.", "Też dobre."], "pl")
    assert heard.started == [0, 2]


def test_engine_without_audio_still_moves_through_the_page(qtbot: QtBot, make_player: Make) -> None:
    player, _engine = make_player(write_audio=False)
    heard = Heard(player)
    with qtbot.waitSignal(player.finished, timeout=5000):
        player.speak(["Jeden.", "Dwa.", "Trzy."], "pl")
    assert heard.started == [0, 1, 2]


@pytest.mark.allow_log_warnings
def test_without_a_sound_device_the_page_is_read_on_the_clock(qtbot: QtBot) -> None:
    """Highlight and transport behave as with sound; the reason is there for staff."""
    engine = RecordingEngine(duration_ms=200)
    player = SpeechPlayer(engine, audio=AudioOut(device=QAudioDevice()))
    heard = Heard(player)
    try:
        started = time.perf_counter()
        with qtbot.waitSignal(player.finished, timeout=5000):
            player.speak(["Jeden.", "Dwa.", "Trzy."], "pl")
        assert time.perf_counter() - started >= 0.55  # each sentence lasted its length
        assert heard.started == [0, 1, 2]
        assert "no sound output device" in player.audio_problem and player.audio_device == ""
    finally:
        player.close()


def test_no_engine_means_silence_and_a_reason(qtbot: QtBot) -> None:
    player = SpeechPlayer(SilentEngine("espeak-ng is not installed"))
    try:
        assert not player.is_available
        assert player.unavailable_reason == "espeak-ng is not installed"
        with qtbot.assertNotEmitted(player.utterance_started, wait=200):
            assert not player.speak(["Tekst."], "pl")
            assert not player.announce("Przycisk", "pl")
        assert player.state == "idle"
    finally:
        player.close()
        qtbot.wait(20)


# --- the synthesized files are private and short-lived ---------------------------------


def test_speech_files_are_private_and_gone_after_stop(qtbot: QtBot, make_player: Make) -> None:
    import os
    import stat

    from kiosk.speech.player import speech_temp_root

    player, _engine = make_player(duration_ms=400)
    with qtbot.waitSignal(player.utterance_started, timeout=5000):
        player.speak(["Jeden.", "Dwa.", "Trzy."], "pl")
    qtbot.waitUntil(lambda: len(player.speech_files) >= 2, timeout=5000)
    root = speech_temp_root()
    assert f"kiosk-speech-{os.getpid()}-" in root.name
    if os.name == "posix":
        assert stat.S_IMODE(root.stat().st_mode) == 0o700
        for path in player.speech_files:
            assert path.is_relative_to(root)
            assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
    player.stop()
    qtbot.waitUntil(lambda: player.speech_files == [], timeout=3000)


def test_an_announcement_file_is_deleted_when_it_ends(qtbot: QtBot, make_player: Make) -> None:
    player, engine = make_player(duration_ms=100)
    player.announce("Pole tekstowe: Szukaj, 92010112345", "pl")
    qtbot.waitUntil(lambda: player.state == "playing", timeout=5000)
    with qtbot.waitSignal(player.state_changed, timeout=5000, check_params_cb=_is("idle")):
        pass
    qtbot.waitUntil(lambda: player.speech_files == [], timeout=3000)
    assert "Pole tekstowe: Szukaj, 92010112345" in engine.texts()


def test_a_sentence_written_after_stop_is_deleted_not_kept(qtbot: QtBot, make_player: Make) -> None:
    player, engine = make_player(duration_ms=100, delay_s=0.3)
    player.speak(["Wolno."], "pl")
    qtbot.waitUntil(lambda: engine.texts() == ["Wolno."], timeout=3000)  # being synthesized
    assert len(player.speech_files) == 1  # made private before the engine writes into it
    player.stop()
    assert len(player.speech_files) == 1  # still being written: the worker deletes it after
    qtbot.waitUntil(lambda: player.speech_files == [], timeout=3000)


def test_close_removes_the_players_folder(qtbot: QtBot) -> None:
    engine = RecordingEngine(duration_ms=50)
    player = SpeechPlayer(engine)
    with qtbot.waitSignal(player.finished, timeout=5000):
        player.speak(["Jedno."], "pl")
    folder = player._synth._folder  # noqa: SLF001 - where the files were
    assert folder is not None and folder.is_dir()
    player.close()
    assert not folder.exists()


def test_folders_left_by_a_dead_process_are_removed(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess
    import sys
    import tempfile

    from kiosk.speech import player as player_module

    command = [sys.executable, "-c", "import os; print(os.getpid())"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    dead_pid = int(done.stdout)
    stale = tmp_path / f"kiosk-speech-{dead_pid}-abcd"
    stale.mkdir()
    (stale / "player-x").mkdir()
    (stale / "player-x" / "000001.wav").write_bytes(b"RIFF")
    alive = tmp_path / f"kiosk-speech-{os.getppid()}-efgh"  # a running process: kept
    alive.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(player_module, "_root", None)
    root = player_module.speech_temp_root()
    assert root.parent == tmp_path
    assert not stale.exists()
    assert alive.exists()
