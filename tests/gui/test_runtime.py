"""The running kiosk as staff meet it: configuration, staff panel behind a PIN, logs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from kiosk import paths, runtime
from kiosk.runtime import KioskRuntime
from kiosk.speech.player import SpeechPlayer
from kiosk.staff import pin
from kiosk.staff.pin import hash_pin

# The runtime logs what staff must see (configuration and content problems).
pytestmark = pytest.mark.allow_log_warnings
PIN_LINE = f'staff_pin_hash = "{hash_pin("2468", iterations=1000)}"\n'


@pytest.fixture
def make_runtime(qtbot: QtBot, tmp_path: Path, kiosk_fonts: None, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(runtime, "snapshots_dir", lambda: tmp_path / "snapshots")
    monkeypatch.setattr(pin, "default_state_file", lambda: tmp_path / "state" / "pin-lockout.json")
    content = tmp_path / "content"
    shutil.copytree(paths.bundled_content_dir(), content)
    made: list[KioskRuntime] = []

    def make(config_text: str) -> KioskRuntime:
        config = tmp_path / "kiosk.toml"
        config.write_text(config_text, encoding="utf-8")
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        kiosk = KioskRuntime(app, config, content, log_dir=tmp_path / "logs")
        kiosk.window.resize(1080, 1920)
        kiosk.window.show()
        # The staff panel is made right after the first paint (kiosk.startup).
        qtbot.waitUntil(lambda: kiosk.is_started, timeout=5000)
        kiosk.long_press._timer.setInterval(50)  # the real hold is 5 s  # noqa: SLF001
        made.append(kiosk)
        return kiosk

    yield make
    for kiosk in made:
        kiosk.headphones.stop()
        kiosk.recovery.uninstall()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(kiosk.guard)
        if shiboken6.isValid(kiosk.window):  # the Exit test closed (and so deleted) it already
            kiosk.window.allow_close = True
            kiosk.window.close()


def hold_office_name(qtbot: QtBot, kiosk: KioskRuntime) -> None:
    office = kiosk.window.top_bar.office
    QTest.mousePress(office, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    qtbot.waitUntil(kiosk.pin_pad.isVisible, timeout=2000)
    QTest.mouseRelease(office, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))


def enter(qtbot: QtBot, kiosk: KioskRuntime, pin: str) -> None:
    for digit in pin:
        qtbot.mouseClick(kiosk.pin_pad.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(kiosk.pin_pad.ok, Qt.MouseButton.LeftButton)


def test_a_short_touch_on_the_office_name_does_nothing(qtbot: QtBot, make_runtime) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_runtime("")
    qtbot.mouseClick(kiosk.window.top_bar.office, Qt.MouseButton.LeftButton)
    qtbot.wait(150)
    assert not kiosk.pin_pad.isVisible()


def test_staff_panel_behind_the_pin_shows_status_and_reloads(qtbot: QtBot, make_runtime) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_runtime(f'staff_pin_hash = "{hash_pin("2468")}"\nidle_timeout = 5\n')
    assert kiosk.config_problems  # idle_timeout below its bound
    assert kiosk.config.idle_timeout == 90  # … so the default is used
    hold_office_name(qtbot, kiosk)
    enter(qtbot, kiosk, "1111")
    assert "Błędny PIN" in kiosk.pin_pad.message.text()
    enter(qtbot, kiosk, "2468")
    assert not kiosk.pin_pad.isVisible()
    panel = kiosk.staff_panel
    assert panel.isVisible()
    status = panel.status.text()
    assert "Folder z treścią" in status and "Pamięć" in status and "Mowa" in status
    assert "idle_timeout" in panel.problems.toPlainText()
    qtbot.mouseClick(panel.reload, Qt.MouseButton.LeftButton)
    assert panel.result.text()
    qtbot.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
    assert not panel.isVisible()


def test_staff_see_when_speech_is_not_heard(make_runtime, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_runtime("")
    if not kiosk.window.kiosk.speech.is_available:
        pytest.skip("no speech engine")
    assert kiosk.speech_status() == "dostępna"
    monkeypatch.setattr(SpeechPlayer, "audio_problem", property(lambda self: "no sound output device"))
    assert kiosk.speech_status() == "nie słychać (no sound output device)"


def test_five_wrong_pins_lock_the_pad(qtbot: QtBot, make_runtime) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_runtime(f'staff_pin_hash = "{hash_pin("2468")}"\n')
    hold_office_name(qtbot, kiosk)
    for _ in range(5):
        enter(qtbot, kiosk, "0000")
    enter(qtbot, kiosk, "2468")  # even the right PIN is refused now
    assert "zablokowana" in kiosk.pin_pad.message.text()
    assert not kiosk.staff_panel.isVisible()


def hold_and_release(qtbot: QtBot, kiosk: KioskRuntime, caplog: pytest.LogCaptureFixture) -> None:
    """Hold the office name past the hold time when the pad is not expected to open."""
    office = kiosk.window.top_bar.office
    QTest.mousePress(office, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    qtbot.waitUntil(lambda: "staff panel:" in caplog.text, timeout=2000)
    QTest.mouseRelease(office, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))


def test_without_a_pin_the_gesture_opens_nothing_and_visitors_see_no_staff_text(
    qtbot: QtBot, make_runtime, caplog: pytest.LogCaptureFixture  # type: ignore[no-untyped-def]
) -> None:
    kiosk = make_runtime("")
    shown = [w.text() for w in kiosk.window.findChildren(QLabel) if w.isVisibleTo(kiosk.window)]
    assert not any("PIN" in text for text in shown)  # no staff notice on a visitor's screen
    with caplog.at_level("WARNING"):
        hold_and_release(qtbot, kiosk, caplog)
    assert "staff panel: no PIN configured" in caplog.text
    assert not kiosk.pin_pad.isVisible() and not kiosk.staff_panel.isVisible()
    for digit in "1234":  # the once published default does nothing either
        assert not kiosk.pin_pad.keys[digit].isVisible()


@pytest.mark.parametrize(
    ("config_text", "reason"),
    [
        ('staff_pin_hash = "1234"\n', "staff_pin_hash is not a PIN hash"),
        (PIN_LINE + "idle_timeout = = 3\n", "cannot be read (malformed TOML)"),
    ],
)
def test_a_bad_hash_or_an_unreadable_config_keeps_the_panel_closed(
    qtbot: QtBot, make_runtime, caplog: pytest.LogCaptureFixture, config_text: str, reason: str  # type: ignore[no-untyped-def]
) -> None:
    kiosk = make_runtime(config_text)
    with caplog.at_level("WARNING"):
        hold_and_release(qtbot, kiosk, caplog)
    assert reason in caplog.text
    assert not kiosk.pin_pad.isVisible()


def test_the_lockout_survives_a_restart_of_the_kiosk(qtbot: QtBot, make_runtime) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_runtime(PIN_LINE)
    hold_office_name(qtbot, kiosk)
    for _ in range(5):
        enter(qtbot, kiosk, "0000")
    assert kiosk.pin_gate.is_locked
    restarted = make_runtime(PIN_LINE)
    assert restarted.pin_gate.is_locked
    hold_office_name(qtbot, restarted)
    enter(qtbot, restarted, "2468")
    assert "zablokowana" in restarted.pin_pad.message.text()
    assert not restarted.staff_panel.isVisible()


def test_exit_closes_the_window_for_maintenance(qtbot: QtBot, make_runtime) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_runtime(PIN_LINE)
    codes: list[int] = []

    class ExitRecorder:
        """Stands in for the application: a real exit() would end every later event loop."""

        def exit(self, code: int) -> None:
            codes.append(code)

    kiosk.app = ExitRecorder()
    assert kiosk.window.close() is False  # locked: no visitor can close it
    assert kiosk.window.isVisible()
    hold_office_name(qtbot, kiosk)
    enter(qtbot, kiosk, "2468")
    qtbot.mouseClick(kiosk.staff_panel.exit, Qt.MouseButton.LeftButton)
    assert not kiosk.window.isVisible()
    assert codes == [75]  # maintenance: the service manager does not restart it


def test_log_file_receives_problems(make_runtime, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_runtime("log_level = 'LOUD'\n")
    text = (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "log_level" in text
