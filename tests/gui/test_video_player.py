"""The Polish Sign Language (PJM) player with generated videos: offered where a page has a
video, plays, pauses, rewinds, shows captions, is heard on the sound output, is spoken
in speech mode, fits at 100 % and 300 %, and is stopped and let go by Back, Home and
the end of a visit."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk import paths
from kiosk.playback import VideoPlayback
from kiosk.session import Location
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.speech_mode import Item
from kiosk.ui.video_player import MIN_PICTURE_PX
from tests.fakes import RecordingEngine
from tests.sound import SoundServer
from tests.videos import CUE_TEXTS, TestVideos, add_video

PAGE = "opening-hours"  # mp4 with captions
OTHER = "contact"  # webm, no captions


def make_video_content(folder: Path, videos: TestVideos) -> Path:
    """The bundled sample content with PJM videos on two pages."""
    shutil.copytree(paths.bundled_content_dir(), folder)
    add_video(folder / "pages" / PAGE, videos.mp4, videos.captions)
    add_video(folder / "pages" / OTHER, videos.webm)
    return folder


@pytest.fixture
def content_dir(tmp_path: Path, test_videos: TestVideos) -> Path:
    return make_video_content(tmp_path / "content", test_videos)


@pytest.fixture
def window(kiosk_window: Callable[..., KioskWindow], content_dir: Path) -> Iterator[KioskWindow]:
    w = kiosk_window(content_dir)
    yield w
    w.video_screen.release()


def open_player(qtbot: QtBot, window: KioskWindow, page: str = PAGE) -> None:
    """The visitor's way: the page, then its PJM action; waits until it plays."""
    window.kiosk.open(Location("page", page))
    button = window.page_screen.pjm_button
    assert button.isVisible()
    # The page's actions scroll with its text: QTest's instant press and release there is
    # taken by the drag scroller at most sizes (so for "Show on the plan" too).
    button.click()
    assert window.stack.currentWidget() is window.video_screen
    qtbot.waitUntil(lambda: window.video_screen.is_playing and window.video_screen.playback.position_ms > 0,
                    timeout=5000)


def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_pjm_is_offered_only_where_there_is_a_video(
    qtbot: QtBot, window: KioskWindow, kiosk_window: Callable[..., KioskWindow]
) -> None:
    home = window.home_screen
    assert home.pjm_tile.isVisible()
    assert home.pjm_tile.title == "Język migowy (PJM)"
    assert home.pjm_tile.accessibleDescription() == "2 strony"
    click(home.pjm_tile)
    screen = window.video_screen
    assert window.kiosk.session.location == Location("video")
    shown = [t.title for t in screen.tiles if t.isVisible()]
    assert shown == sorted([window.kiosk.page_variant(PAGE).title, window.kiosk.page_variant(OTHER).title],
                           key=str.casefold)
    assert not screen.player.isVisible()
    window.kiosk.open(Location("page", "id-card"))
    assert not window.page_screen.pjm_button.isVisible()
    window.kiosk.open(Location("page", PAGE))
    assert window.page_screen.pjm_button.isVisible()
    assert window.page_screen.pjm_button.text() == "Język migowy (PJM)"
    plain = kiosk_window()  # the bundled sample: no videos, no tile
    assert not plain.home_screen.pjm_tile.isVisible()
    assert plain.home_screen.pjm_tile not in plain.home_screen.focus_targets()


def test_a_tile_of_the_list_plays_that_video(qtbot: QtBot, window: KioskWindow) -> None:
    window.kiosk.open(Location("video"))
    screen = window.video_screen
    tile = next(t for t in screen.tiles if t.property("page_id") == OTHER)
    click(tile)
    assert window.kiosk.session.location == Location("video", OTHER)
    qtbot.waitUntil(lambda: screen.is_playing, timeout=5000)
    assert screen.playback.source is not None and screen.playback.source.name == "pjm.webm"
    assert not screen.captions_button.isVisible()  # no pjm.vtt for this one


def test_it_plays_pauses_rewinds_and_shows_the_captions(qtbot: QtBot, window: KioskWindow) -> None:
    open_player(qtbot, window)
    screen = window.video_screen
    playback = screen.playback
    assert screen.title.text() == "Godziny otwarcia"
    assert window.screen_title() == "Język migowy (PJM): Godziny otwarcia"
    qtbot.waitUntil(lambda: screen.caption.text() == CUE_TEXTS[0], timeout=3000)
    qtbot.waitUntil(lambda: playback.position_ms > 1100, timeout=4000)
    qtbot.waitUntil(lambda: screen.caption.text() == CUE_TEXTS[1], timeout=3000)
    assert screen.play_button.accessibleName() == "Zatrzymaj nagranie"
    click(screen.play_button)  # pause
    qtbot.waitUntil(lambda: not playback.is_playing, timeout=3000)
    assert screen.play_button.accessibleName() == "Odtwórz nagranie"
    paused_at = playback.position_ms
    qtbot.wait(400)  # real time passing is the point: a paused video stays where it is
    assert abs(playback.position_ms - paused_at) < 100
    assert not window.kiosk.policy.is_busy()  # paused: the idle timer runs again
    click(screen.captions_button)  # captions off
    assert not screen.captions_button.isChecked() and screen.caption.text() == ""
    assert screen.captions_button.text() == "Napisy"
    click(screen.captions_button)
    assert screen.caption.text() == CUE_TEXTS[1] and screen.captions_button.text() == "✓ Napisy"
    click(screen.back_button)  # −10 s from 1.x s: the start
    qtbot.waitUntil(lambda: playback.position_ms < 200, timeout=3000)
    qtbot.waitUntil(lambda: screen.caption.text() == CUE_TEXTS[0], timeout=3000)
    assert not playback.is_playing  # −10 s keeps a paused video paused
    click(screen.play_button)
    qtbot.waitUntil(lambda: playback.is_playing, timeout=3000)
    assert window.kiosk.policy.is_busy()  # watching counts as using the kiosk
    qtbot.waitUntil(lambda: playback.has_ended, timeout=6000)
    assert not window.kiosk.policy.is_busy()
    assert screen.time.text() == "0:03 / 0:03"
    click(screen.replay_button)
    qtbot.waitUntil(lambda: playback.is_playing and 0 < playback.position_ms < 2000, timeout=3000)


@pytest.mark.parametrize("leave", ["back", "home", "end of visit"])
def test_back_home_and_the_end_of_a_visit_stop_and_release_the_video(
    qtbot: QtBot, window: KioskWindow, leave: str
) -> None:
    open_player(qtbot, window)
    playback = window.video_screen.playback
    assert playback is VideoPlayback.shared()
    if leave == "back":
        click(window.bottom_bar.back)
        assert window.kiosk.session.location == Location("page", PAGE)
    elif leave == "home":
        click(window.bottom_bar.home)
        assert window.kiosk.session.location == Location.home()
    else:
        window.kiosk.end_visit()  # what the idle timer calls
        assert window.attract.isVisible()
    assert playback.source is None and not window.video_screen.is_playing
    assert window.video_screen.video is None and not window.kiosk.policy.is_busy()
    player = playback._player
    assert player is not None
    qtbot.waitUntil(lambda: player.source().isEmpty() and not playback.is_playing, timeout=3000)
    qtbot.wait(300)
    assert not playback.is_playing  # nothing starts again behind the visitor's back


def test_the_videos_sound_goes_to_the_sound_output(
    qtbot: QtBot, window: KioskWindow, sound_server: SoundServer
) -> None:
    with sound_server.record() as heard:
        open_player(qtbot, window)
        qtbot.waitUntil(lambda: window.video_screen.playback.position_ms > 2200, timeout=5000)
    assert heard.loud_seconds() > 1.0, f"heard {heard.loud_seconds():.2f} s of the video's tone"


@pytest.mark.allow_log_warnings
def test_a_video_that_cannot_be_played_says_so(
    qtbot: QtBot, kiosk_window: Callable[..., KioskWindow], content_dir: Path
) -> None:
    (content_dir / "pages" / OTHER / "pjm.webm").write_bytes(b"not a video" * 200)
    window = kiosk_window(content_dir)
    window.kiosk.open(Location("video", OTHER))
    screen = window.video_screen
    qtbot.waitUntil(lambda: screen.problem.isVisible(), timeout=5000)
    assert screen.problem.text().startswith("Tego nagrania nie można teraz odtworzyć")
    assert not screen.is_playing
    click(window.bottom_bar.back)
    assert screen.playback.source is None


@pytest.fixture
def engine() -> RecordingEngine:
    return RecordingEngine(duration_ms=80, write_audio=False, timed=True)


def test_speech_mode_speaks_and_uses_the_players_controls(
    qtbot: QtBot, kiosk_window: Callable[..., KioskWindow], content_dir: Path, engine: RecordingEngine
) -> None:
    window = kiosk_window(content_dir, speech_engine=engine)
    window.kiosk.session.set_speech(is_speech_mode=True)
    window.kiosk.open(Location("video", PAGE))
    qtbot.waitUntil(lambda: any("Strona" in t or "PJM" in t for t in engine.texts()), timeout=3000)
    assert any("Język migowy (PJM): Godziny otwarcia" in t for t in engine.texts())
    screen = window.video_screen
    qtbot.waitUntil(lambda: screen.is_playing, timeout=5000)
    mode = window.speech_mode
    spoken = [mode.text_of(item) for item in mode.reading_order()]
    for name in ("Przycisk: Zatrzymaj nagranie", "Przycisk: Cofnij o 10 sekund",
                 "Przycisk: Odtwórz nagranie od początku", "Przycisk: Napisy, wybrany"):
        assert name in spoken, spoken
    mode.current = Item(screen.play_button)
    QTest.keyClick(window, Qt.Key.Key_Return)  # the keypad's Enter uses the item
    qtbot.waitUntil(lambda: not screen.playback.is_playing, timeout=3000)
    mode.current = Item(screen.play_button)  # (using an item forgets it, as on phones)
    mode.move(1)  # a swipe right: the next control
    qtbot.waitUntil(lambda: any("Cofnij o 10 sekund" in t for t in engine.texts()), timeout=3000)
    window.video_screen.release()


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)])
@pytest.mark.parametrize("scale", [100, 300])
def test_the_player_fits_the_screen(
    qtbot: QtBot, window: KioskWindow, size: tuple[int, int], scale: int
) -> None:
    window.resize(*size)
    window.kiosk.session.set_font_scale(scale)
    window.kiosk.session.set_language("uk")
    open_player(qtbot, window)
    screen = window.video_screen
    qtbot.waitUntil(lambda: bool(screen.caption.text()), timeout=3000)
    qtbot.wait(50)
    area = QRect(screen.mapTo(window, QPoint(0, 0)), screen.size())
    assert screen.picture.height() >= MIN_PICTURE_PX
    for widget in (screen.title, screen.picture, screen.caption, screen.play_button, screen.back_button,
                   screen.replay_button, screen.captions_button, screen.time):
        place = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        assert area.contains(place), f"{widget.objectName() or widget.text()} is cut off at {scale}%"
    caption = screen.caption
    assert caption.height() >= caption.heightForWidth(caption.width()), "the captions are cut off"
    assert screen.play_button.text().endswith("Пауза") or "Призупинити" in screen.play_button.accessibleName()


def test_the_idle_reset_waits_for_a_playing_video_and_then_closes_it(
    qtbot: QtBot, kiosk_window: Callable[..., KioskWindow], content_dir: Path
) -> None:
    from kiosk.controller import VisitSettings

    window = kiosk_window(content_dir, visit=VisitSettings(idle_seconds=0.6, warning_seconds=1))
    window.kiosk.begin_visit()
    open_player(qtbot, window)
    playback = window.video_screen.playback
    qtbot.wait(1200)  # real time passing is the point: longer than the idle time, no touch
    assert window.kiosk.session.location == Location("video", PAGE)
    assert not window.idle_warning.isVisible()  # watching is using the kiosk
    qtbot.waitUntil(lambda: playback.has_ended, timeout=5000)
    qtbot.waitUntil(lambda: window.attract.isVisible(), timeout=8000)  # then idle, warning, reset
    assert window.kiosk.session.location == Location.home()
    assert playback.source is None
