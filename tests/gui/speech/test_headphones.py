"""Headphones on the test sound server: plugging them in starts speech mode and speech is
heard only in them; taking them out brings speech back to the loudspeaker and asks
whether to keep it on.

What is simulated: the server's null sinks have no ports, so a plug in the analog jack
(a port whose availability turns to "yes") cannot happen here. The headphones are a
second null sink that says it is headphones (``device.form_factor=headphone``), added
and removed as a USB or Bluetooth headset is; the kiosk's reading of jack ports is
tested on port data (``tests/unit/speech/test_jack.py``). What is real: the sound
server, its events, the watcher's thread and reconnection, and where the sound goes
(recorded from each sink's monitor).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.speech.headphones import HeadphonesLink
from kiosk.speech.jack import JackWatcher, Output
from kiosk.ui.main_window import KioskWindow
from tests.fakes import RecordingEngine
from tests.sound import HEADSET, SoundServer


@pytest.fixture
def link_to(qtbot: QtBot) -> Iterator[Callable[..., HeadphonesLink]]:
    links: list[HeadphonesLink] = []

    def make(window: KioskWindow, server: SoundServer) -> HeadphonesLink:
        link = HeadphonesLink(window.kiosk, server=server.address, retry_seconds=0.2)
        links.append(link)
        link.start()
        qtbot.waitUntil(lambda: link.watcher.is_connected, timeout=5000)
        return link

    yield make
    for link in links:
        link.stop()


def test_headphones_start_speech_mode_heard_only_in_them_and_unplugging_asks(
    qtbot: QtBot,
    kiosk_window: Callable[..., KioskWindow],
    sound_server: SoundServer,
    link_to: Callable[..., HeadphonesLink],
) -> None:
    engine = RecordingEngine(duration_ms=300, tone_hz=440)
    window = kiosk_window(speech_engine=engine)
    kiosk = window.kiosk
    player = kiosk.speech
    kiosk.end_visit()
    link_to(window, sound_server)
    try:
        # In: a visit starts in speech mode, from the attract screen, without a touch.
        sound_server.plug_headset()
        qtbot.waitUntil(lambda: kiosk.has_headphones, timeout=5000)
        assert kiosk.is_visiting and kiosk.session.is_speech_mode and not window.attract.isVisible()
        assert player.output == HEADSET
        qtbot.waitUntil(lambda: any("Słuchawki podłączone" in t for t in engine.texts()), timeout=3000)
        qtbot.waitUntil(lambda: player.state == "idle", timeout=8000)  # the hints, in every language
        # Private: heard in the headphones, not in the room.
        with sound_server.record(HEADSET) as private, sound_server.record() as room:
            with qtbot.waitSignal(player.state_changed, check_params_cb=lambda s: s == "idle", timeout=5000):
                player.announce("Godziny otwarcia", "pl")
        assert private.loud_seconds() >= 0.2
        assert room.loud_seconds() == 0
        # Out: the loudspeaker again, and the question, shown and spoken there.
        with sound_server.record() as room:
            sound_server.unplug_headset()
            qtbot.waitUntil(lambda: not kiosk.has_headphones, timeout=5000)
            assert player.output == ""
            assert window.headphones_question.isVisible()
            assert "Zachować mowę?" in window.headphones_question.question.text()
            qtbot.waitUntil(lambda: any("Zachować mowę?" in t for t in engine.texts()), timeout=3000)
            qtbot.waitUntil(lambda: player.state != "idle", timeout=3000)
            qtbot.waitUntil(lambda: player.state == "idle", timeout=5000)
        assert room.loud_seconds() >= 0.2
        assert kiosk.session.is_speech_mode  # until the visitor answers
        window.headphones_question.off_button.click()
        assert not kiosk.session.is_speech_mode and not window.headphones_question.isVisible()
    finally:
        sound_server.unplug_headset()


def test_headphones_during_a_visit_turn_speech_mode_on(
    qtbot: QtBot,
    kiosk_window: Callable[..., KioskWindow],
    sound_server: SoundServer,
    link_to: Callable[..., HeadphonesLink],
) -> None:
    engine = RecordingEngine(duration_ms=40, write_audio=False, timed=True)
    window = kiosk_window(speech_engine=engine)
    kiosk = window.kiosk
    kiosk.begin_visit()
    assert not kiosk.session.is_speech_mode
    link_to(window, sound_server)
    try:
        sound_server.plug_headset()
        qtbot.waitUntil(lambda: kiosk.session.is_speech_mode, timeout=5000)
        qtbot.waitUntil(lambda: any(t.startswith("Słuchawki podłączone") and "Tryb głosowy włączony" in t
                                    for t in engine.texts()), timeout=3000)
    finally:
        sound_server.unplug_headset()
    qtbot.waitUntil(lambda: window.headphones_question.isVisible(), timeout=5000)
    window.headphones_question.keep_button.click()
    assert kiosk.session.is_speech_mode


def test_the_watcher_survives_the_sound_server_going_away(tmp_path: Path) -> None:
    server = SoundServer(tmp_path)
    reason = server.start()
    if reason:
        pytest.skip(f"no sound server: {reason}")
    reported: list[Output | None] = []
    changed = threading.Event()

    def on_change(output: Output | None) -> None:
        reported.append(output)
        changed.set()

    watcher = JackWatcher(on_change, server=server.address, retry_seconds=0.2)
    watcher.start()
    try:
        server.plug_headset()
        assert changed.wait(5) and reported[-1] == Output(HEADSET)
        changed.clear()
        server.stop()  # the sound server goes away (a crash, a restart)
        assert changed.wait(5) and reported[-1] is None
        changed.clear()
        assert server.start() == ""  # back, with the headphones still in
        server.plug_headset()
        assert changed.wait(10) and reported[-1] == Output(HEADSET)
        assert watcher.is_connected
    finally:
        started = time.monotonic()
        watcher.stop()
        assert time.monotonic() - started < 3
        server.stop()


def test_a_sound_server_that_never_answers_does_not_hold_anyone_up(tmp_path: Path) -> None:
    """start() and stop() return at once: the watcher waits on its own thread."""
    path = tmp_path / "silent"
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.listen(1)
    watcher = JackWatcher(lambda _output: None, server=f"unix:{path}", retry_seconds=0.2)
    try:
        started = time.monotonic()
        watcher.start()
        assert time.monotonic() - started < 0.05
        time.sleep(0.3)  # real time passing is the point: the watcher is stuck connecting
        assert not watcher.is_connected
        started = time.monotonic()
        watcher.stop()
        assert time.monotonic() - started < 2.5
    finally:
        listener.close()
