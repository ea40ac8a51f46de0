"""Easy-to-read text on screen, in speech and in search; the fallback notice; the language
chooser of a site with more than three languages."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk import i18n, paths
from kiosk.content.content import load_content
from kiosk.session import Location
from kiosk.ui.main_window import InputModeTracker, KioskWindow
from kiosk.vocabulary import Screen
from tests.conftest import open_kiosk_window
from tests.fakes import RecordingEngine


@pytest.fixture(autouse=True)
def _touch_input_after_each_test() -> Iterator[None]:
    """Keys typed here put the application's input tracker (one per application) in
    keyboard mode; the next test starts as a touch visitor again."""
    yield
    InputModeTracker.for_application().is_keyboard = False


def click(qtbot: QtBot, widget: object) -> None:
    """A visitor's tap: the finger rests a moment (real time) before it lifts."""
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    qtbot.wait(30)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def copy_sample(tmp_path: Path, languages: str, extra: str = "") -> Path:
    """The sample content with another ``languages`` line (and settings after it)."""
    root = tmp_path / "content"
    shutil.copytree(paths.bundled_content_dir(), root)
    site = root / "site.toml"
    text = site.read_text(encoding="utf-8").replace('languages = ["pl", "en", "uk"]', languages + extra)
    site.write_text(text, encoding="utf-8")
    return root


# -- the easy-to-read switch ---------------------------------------------------------------


def test_the_switch_shows_the_easy_text_and_a_reset_clears_the_choice(
    qtbot: QtBot, bundled_window: KioskWindow
) -> None:
    window = bundled_window
    kiosk = window.kiosk
    kiosk.begin_visit()
    kiosk.open(Location(Screen.PAGE, "id-card"))
    screen = window.page_screen
    switch = screen.easy_button
    assert switch.isVisible() and not switch.isChecked()
    assert switch.text() == "Łatwy tekst"
    assert screen.title.text() == "Dowód osobisty"
    click(qtbot, switch)
    assert kiosk.session.is_easy_read
    assert screen.title.text() == "Jak dostać dowód osobisty"
    assert switch.isChecked() and switch.text() == "✓ Łatwy tekst"
    assert "Dowód osobisty to dokument." in screen.body.toPlainText()
    # The choice stays for the visit: the next page with an easy version opens in it.
    kiosk.open(Location(Screen.PAGE, "contact"))
    assert screen.title.text() == "Jak skontaktować się z urzędem"
    # Sections list the easy versions' titles.
    kiosk.open(Location(Screen.SECTION, "errands"))
    titles = [t.title for t in window.section_screen.visible_tiles()]
    assert "Jak dostać dowód osobisty" in titles and "Dowód osobisty" not in titles
    # A page without an easy version has no switch.
    kiosk.open(Location(Screen.PAGE, "iso-9001"))
    assert not switch.isVisible()
    kiosk.end_visit()  # the next visitor
    kiosk.begin_visit()
    assert not kiosk.session.is_easy_read
    kiosk.open(Location(Screen.PAGE, "id-card"))
    assert screen.title.text() == "Dowód osobisty" and not switch.isChecked()


def test_home_lists_every_easy_page_and_they_open_easy(qtbot: QtBot, bundled_window: KioskWindow) -> None:
    window = bundled_window
    tile = window.home_screen.easy_tile
    assert tile.isVisible() and tile.title == "Tekst łatwy do czytania"
    assert tile in window.home_screen.focus_targets()
    click(qtbot, tile)
    assert window.stack.currentWidget() is window.easy_read_screen
    titles = [t.title for t in window.easy_read_screen.visible_tiles()]
    assert len(titles) == 6 and "Jak się zameldować" in titles
    click(qtbot, window.easy_read_screen.visible_tiles()[titles.index("Jak się zameldować")])
    assert window.page_screen.title.text() == "Jak się zameldować"
    assert window.page_screen.easy_button.isChecked()
    # In Ukrainian nothing is written in easy text: no tile.
    window.kiosk.home()
    window.kiosk.session.set_language("uk")
    assert not window.home_screen.easy_tile.isVisible()


def test_search_finds_the_easy_text_and_opens_the_easy_version_when_chosen(
    qtbot: QtBot, bundled_window: KioskWindow
) -> None:
    window = bundled_window
    kiosk = window.kiosk
    kiosk.open_search()
    screen = window.search_screen
    assert screen.wait_for_index()
    screen.field.setText("fotografa")  # only in the easy version of the ID card page
    qtbot.waitUntil(lambda: bool(screen.visible_hits()))
    assert [t.property("page_id") for t in screen.visible_hits()] == ["id-card"]
    # Chosen: the words of the easy text are shown, the result opens the easy version.
    kiosk.open(Location(Screen.PAGE, "id-card"))
    click(qtbot, window.page_screen.easy_button)
    kiosk.open_search()
    screen.field.setText("dowód")
    qtbot.waitUntil(lambda: bool(screen.visible_hits()))
    ids = [t.property("page_id") for t in screen.visible_hits()]
    assert ids.count("id-card") == 1  # one result per page, whichever text matched
    results = screen.results
    assert results is not None
    hit = next(h for h in results.hits if h.page_id == "id-card")
    assert hit.is_easy_read and hit.title == "Jak dostać dowód osobisty"
    click(qtbot, screen.visible_hits()[ids.index("id-card")])
    assert window.stack.currentWidget() is window.page_screen
    assert window.page_screen.title.text() == "Jak dostać dowód osobisty"


@pytest.fixture
def engine() -> RecordingEngine:
    return RecordingEngine(duration_ms=60, write_audio=False, timed=True)


@pytest.fixture
def speaking_window(qtbot: QtBot, engine: RecordingEngine, kiosk_fonts: None) -> Iterator[KioskWindow]:
    w = open_kiosk_window(speech_engine=engine)
    w.resize(1080, 1920)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.kiosk.speech.stop()
    qtbot.waitUntil(lambda: not w.kiosk.speech.is_sounding and w.kiosk.speech.state == "idle", timeout=3000)
    qtbot.wait(150)
    w.close()
    qtbot.wait(50)


def test_listen_reads_the_easy_text(
    qtbot: QtBot, speaking_window: KioskWindow, engine: RecordingEngine
) -> None:
    window = speaking_window
    window.kiosk.open(Location(Screen.PAGE, "opening-hours"))
    click(qtbot, window.page_screen.easy_button)
    click(qtbot, window.page_screen.speech_bar.play)
    utterances = [u.text for u in window.page_screen.utterances]
    assert utterances[0] == "Kiedy urząd jest otwarty"
    assert "Kasa to miejsce, gdzie płacisz pieniędzmi albo kartą." in utterances
    qtbot.waitUntil(lambda: "Urząd jest otwarty od poniedziałku do piątku." in engine.texts(), timeout=5000)
    assert "Kiedy urząd jest otwarty" in engine.texts()
    assert "Godziny otwarcia" not in engine.texts()  # not the regular page's title


# -- fallback ------------------------------------------------------------------------------


def test_the_fallback_notice_in_ukrainian_names_the_language_shown(
    qtbot: QtBot, kiosk_window: Callable[..., KioskWindow], tmp_path: Path
) -> None:
    root = copy_sample(tmp_path, 'languages = ["pl", "en", "uk"]', '\nfallback = { uk = ["en", "pl"] }')
    (root / "pages" / "contact" / "uk.md").unlink()
    window = kiosk_window(load_content(root), language="uk")
    window.kiosk.open(Location(Screen.PAGE, "contact"))
    screen = window.page_screen
    assert screen.title.text() == "Contact"  # English first, as site.toml says for uk
    assert screen.notice.isVisible()
    assert screen.notice.text() == "Ця сторінка недоступна вашою мовою. Мова цієї версії: англійська."


# -- the language chooser -----------------------------------------------------------------------


@pytest.fixture
def five_languages(tmp_path: Path) -> Path:
    # German and Czech have no pages nor catalog: pages fall back, the interface is English.
    return copy_sample(tmp_path, 'languages = ["pl", "en", "uk", "de", "cs"]', '\nfallback = { cs = ["pl"] }')


def test_up_to_three_languages_are_listed_by_the_bars_language_control(
    qtbot: QtBot, bundled_window: KioskWindow
) -> None:
    window = bundled_window
    bar = window.bottom_bar
    assert list(bar.language_buttons) == ["pl", "en", "uk"]
    assert bar.language.isVisible()
    click(qtbot, bar.language)
    assert bar.chooser.isVisible() and not window.language_chooser.isVisible()
    click(qtbot, bar.language_buttons["en"])
    assert window.kiosk.session.language == "en" and not bar.chooser.isVisible()


def test_more_than_three_languages_open_a_chooser(
    qtbot: QtBot,
    kiosk_window: Callable[..., KioskWindow],
    five_languages: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    window = kiosk_window(load_content(five_languages))
    bar = window.bottom_bar
    assert bar.language_buttons == {}  # the bar's own list offers nothing: one place to choose
    assert bar.language.isVisible()
    chooser = window.language_chooser
    assert not chooser.isVisible()
    click(qtbot, bar.language)
    assert chooser.isVisible() and not bar.chooser.isVisible()
    names = [tile.title for tile in chooser.tiles.values()]
    assert names == ["✓ Polski", "English", "Українська", "Deutsch", "Čeština"]
    assert window.focusWidget() not in chooser.tiles.values()  # opened by a tap: no focus ring
    click(qtbot, chooser.tiles["uk"])
    assert not chooser.isVisible()
    assert window.kiosk.session.language == "uk"
    assert bar.language.accessibleName() == "Мова"
    # A page missing in Czech falls back as site.toml says; the notice says so.
    click(qtbot, bar.language)
    click(qtbot, chooser.tiles["cs"])
    window.kiosk.open(Location(Screen.PAGE, "opening-hours"))
    assert window.page_screen.title.text() == "Godziny otwarcia"
    assert window.page_screen.notice.isVisible()
    assert "no translation catalog for 'cs'; showing English" in caplog.text  # said to staff


def test_the_chooser_works_from_the_keypad_and_closes_on_reset(
    qtbot: QtBot,
    kiosk_window: Callable[..., KioskWindow],
    five_languages: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each catalog is looked up once a process: forget German's, to hear it warned of again.
    monkeypatch.delitem(i18n._catalogs, "de", raising=False)
    window = kiosk_window(load_content(five_languages))
    chooser = window.language_chooser
    window.bottom_bar.language.setFocus()
    qtbot.keyClick(window.bottom_bar.language, Qt.Key.Key_Space)  # the bar's Language control
    assert chooser.isVisible() and not window.bottom_bar.chooser.isVisible()
    assert window.focusWidget() is chooser.tiles["pl"]
    tiles = list(chooser.tiles.values())
    assert chooser.columns == 3  # five short names, 100 %, portrait
    qtbot.keyClick(chooser.tiles["pl"], Qt.Key.Key_Down)  # a row down: Polski → Deutsch
    assert window.focusWidget() is chooser.tiles["de"]
    qtbot.keyClick(chooser.tiles["de"], Qt.Key.Key_Right)
    assert window.focusWidget() is chooser.tiles["cs"]
    qtbot.keyClick(chooser.tiles["cs"], Qt.Key.Key_Left)
    assert window.focusWidget() is chooser.tiles["de"]
    qtbot.keyClick(chooser.tiles["de"], Qt.Key.Key_Down)  # past the last row: Close
    assert window.focusWidget() is chooser.close_button
    tiles[3].setFocus()
    qtbot.keyClick(chooser.tiles["de"], Qt.Key.Key_Return)
    assert window.kiosk.session.language == "de" and not chooser.isVisible()
    assert "no translation catalog for 'de'" in caplog.text
    chooser.open()
    qtbot.keyClick(chooser.tiles["de"], Qt.Key.Key_Escape)
    assert not chooser.isVisible()
    chooser.open()
    window.kiosk.end_visit()
    assert not chooser.isVisible()
    assert window.kiosk.session.language == "pl"


def test_at_300_percent_long_names_take_a_row_each(
    kiosk_window: Callable[..., KioskWindow], five_languages: Path
) -> None:
    window = kiosk_window(load_content(five_languages))
    window.kiosk.session.set_font_scale(300)
    chooser = window.language_chooser
    chooser.open()
    assert chooser.columns == 1
    for tile in chooser.tiles.values():  # no name is cut or wrapped
        assert tile.width() >= tile.title_width() + window.kiosk.session.font_scale // 100 * 16
    assert chooser.panel.geometry().bottom() <= window.height()


def test_the_chooser_in_speech_mode_reads_alone_and_each_language_in_its_own_name(
    qtbot: QtBot, kiosk_window: Callable[..., KioskWindow], five_languages: Path
) -> None:
    window = kiosk_window(load_content(five_languages))
    window.language_chooser.open()
    order = window.speech_mode.reading_order()
    spoken = [window.speech_mode.text_of(item) for item in order]
    assert spoken[0] == "Wybierz język"
    assert [s for s in spoken if s.startswith("Przycisk: ")][:5] == [
        "Przycisk: Polski, wybrany",
        "Przycisk: English, niewybrany",
        "Przycisk: Українська, niewybrany",
        "Przycisk: Deutsch, niewybrany",
        "Przycisk: Čeština, niewybrany",
    ]


def test_the_chooser_is_used_in_speech_mode_by_swipes_and_a_double_tap(
    qtbot: QtBot,
    kiosk_window: Callable[..., KioskWindow],
    five_languages: Path,
) -> None:
    engine = RecordingEngine()
    window = kiosk_window(load_content(five_languages), speech_engine=engine)
    window.kiosk.session.set_speech(is_speech_mode=True)
    speech = window.speech_mode

    def go_to(widget: object) -> None:
        for _ in range(60):  # swipe right until the item is spoken
            if speech.current is not None and speech.current.widget is widget:
                return
            speech.move(1)
        raise AssertionError(f"{widget} is never reached")

    go_to(window.bottom_bar.language)
    speech.activate()  # double tap
    assert window.language_chooser.isVisible()
    # The chooser says it is open, and which language is chosen now.
    qtbot.waitUntil(lambda: "Wybierz język. Przycisk: Polski, wybrany" in engine.texts())
    speech.forget()
    go_to(window.language_chooser.tiles["en"])
    speech.activate()
    assert window.kiosk.session.language == "en"
    assert not window.language_chooser.isVisible()
