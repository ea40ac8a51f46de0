"""The controller without a window: a fake view records what it is told (Mu's way)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from kiosk import paths
from kiosk.compose import build_kiosk
from kiosk.config import Config
from kiosk.content.content import Content, load_content
from kiosk.controller import Kiosk, VisitSettings
from kiosk.session import Location
from kiosk.today import office_timezone
from kiosk.today.clock import FixedClock
from tests.conftest import ContentBuilder
from tests.fakes import FakeView, RecordingEngine

MOMENT = dt.datetime(2026, 11, 24, 10, 30, tzinfo=office_timezone())  # a Tuesday, open


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content(paths.bundled_content_dir())


def make(
    content: Content,
    *,
    settings: VisitSettings | None = None,
    engine: RecordingEngine | None = None,
    config: Config | None = None,
    **kwargs: object,
) -> tuple[Kiosk, FakeView]:
    kiosk = build_kiosk(
        config or Config.defaults(),
        content,
        clock=FixedClock(MOMENT),
        speech_engine=engine,
        visit=settings,
        **kwargs,  # type: ignore[arg-type]
    )
    view = FakeView()
    kiosk.attach(view)
    return kiosk, view


@pytest.fixture
def kiosk_and_view(qapp: object, bundled: Content) -> Callable[..., tuple[Kiosk, FakeView]]:
    made: list[Kiosk] = []

    def factory(content: Content | None = None, **kwargs: object) -> tuple[Kiosk, FakeView]:
        kiosk, view = make(content or bundled, **kwargs)  # type: ignore[arg-type]
        made.append(kiosk)
        return kiosk, view

    yield factory  # type: ignore[misc]
    for kiosk in made:
        kiosk.close()


def test_attaching_brings_the_view_up_to_date(kiosk_and_view: Callable[..., tuple[Kiosk, FakeView]]) -> None:
    kiosk, view = kiosk_and_view()
    assert view.names()[:4] == ["show_printing", "show_style", "retranslate", "show_location"]
    assert view.location == Location.home()
    assert view.header == ""  # the slow lines wait for the first paint
    kiosk.finish_start()
    assert view.header.startswith("Dziś jest wtorek, 24 listopada 2026 · 10:30 | imieniny:")
    assert view.status.startswith("Czynne dziś")


def test_navigation_goes_through_the_session_and_leaving_a_page_stops_reading(
    kiosk_and_view: Callable[..., tuple[Kiosk, FakeView]],
) -> None:
    kiosk, view = kiosk_and_view()
    kiosk.open(Location("section", "errands"))
    kiosk.open(Location("page", "local-taxes"))
    assert view.location == Location("page", "local-taxes")
    view.calls.clear()
    kiosk.back()
    assert view.names() == ["stop_reading", "show_location"]
    assert view.location == Location("section", "errands")
    kiosk.home()
    assert view.location == Location.home() and not kiosk.session.can_go_back


def test_a_page_in_another_language_says_which(
    kiosk_and_view: Callable[..., tuple[Kiosk, FakeView]],
) -> None:
    kiosk, _view = kiosk_and_view()
    kiosk.session.set_language("en")
    assert kiosk.page_notice("sesje-rady") == (
        "This page is not available in your language. It is shown in: Polish."
    )
    assert kiosk.page_notice("id-card") == ""


def test_new_content_waits_for_the_next_visitor_and_keeps_the_configured_language(
    kiosk_and_view: Callable[..., tuple[Kiosk, FakeView]], make_content: Callable[[str], ContentBuilder]
) -> None:
    kiosk, view = kiosk_and_view(settings=VisitSettings(default_language="en"))
    assert kiosk.session.language == "en"
    kiosk.begin_visit()
    newer = make_content("newer")
    newer.simple("hours", "Godziny pracy", "Opening hours")
    kiosk.offer_content(load_content(newer.root))
    assert view.content is None  # a visitor is here
    kiosk.end_visit()
    assert view.content is not None and view.content.site.root == newer.root
    # The site's default is Polish; kiosk.toml's English survives the update.
    assert kiosk.session.default_language == "en" and kiosk.session.language == "en"
    assert view.is_attract_shown


@pytest.mark.allow_log_warnings
def test_printing_uses_the_kiosks_printer_and_tells_the_visitor(
    kiosk_and_view: Callable[..., tuple[Kiosk, FakeView]],
) -> None:
    printed: list[tuple[str, str, str]] = []

    def fake_print(content: Content, variant: object, lang: str, moment: object, printer_name: str) -> int:
        printed.append((variant.page_id, lang, printer_name))  # type: ignore[attr-defined]
        return 1

    kiosk, view = kiosk_and_view(settings=VisitSettings(printer="Office-HP"))
    assert not view.printing  # no such printer here: the action stays hidden
    kiosk._printer_available = lambda _name: True
    kiosk._print_page = fake_print
    kiosk.set_printer("Office-HP")
    assert view.printing
    kiosk.print_page("id-card")
    assert printed == [("id-card", "pl", "Office-HP")]
    assert view.print_result == "Drukuję. Odbierz wydruk z drukarki."

    def broken(*_args: object, **_kwargs: object) -> int:
        raise OSError("paper jam")

    kiosk._print_page = broken
    kiosk.print_page("id-card")
    assert view.print_result.startswith("Drukowanie nie powiodło się")


def test_the_idle_warning_then_the_reset(
    qtbot: QtBot, kiosk_and_view: Callable[..., tuple[Kiosk, FakeView]]
) -> None:
    kiosk, view = kiosk_and_view(settings=VisitSettings(idle_seconds=0.05, warning_seconds=1))
    kiosk.begin_visit()
    session = kiosk.session
    session.set_font_scale(200)
    session.set_theme("white-on-black")
    kiosk.open(Location("page", "id-card"))
    with qtbot.waitSignal(kiosk.policy.warning, timeout=2000):
        pass
    assert view.warning_seconds == 1
    with qtbot.waitSignal(kiosk.visit_ended, timeout=3000):
        pass
    assert "close_overlays" in view.names() and view.is_attract_shown
    assert (session.font_scale, session.theme, session.location) == (100, "default", Location.home())
    assert not kiosk.is_visiting


def test_announcements_are_spoken_in_speech_mode_and_never_logged(
    qtbot: QtBot, kiosk_and_view: Callable[..., tuple[Kiosk, FakeView]], caplog: pytest.LogCaptureFixture
) -> None:
    engine = RecordingEngine(write_audio=False)
    kiosk, _view = kiosk_and_view(engine=engine)
    caplog.set_level(logging.DEBUG)
    kiosk.announce("Pole tekstowe: 85010112345 Jan Kowalski")  # speech mode off: nothing
    kiosk.session.set_speech(is_speech_mode=True)
    kiosk.announce("Pole tekstowe: 85010112345 Jan Kowalski")
    qtbot.waitUntil(lambda: "Pole tekstowe: 85010112345 Jan Kowalski" in engine.texts(), timeout=3000)
    # Said at once after "speech mode is on": the newer announcement replaced that one.
    assert engine.texts() == ["Pole tekstowe: 85010112345 Jan Kowalski"]
    assert "85010112345" not in caplog.text


def test_recovery_closes_what_is_open_and_goes_home(
    kiosk_and_view: Callable[..., tuple[Kiosk, FakeView]],
) -> None:
    kiosk, view = kiosk_and_view()
    kiosk.open(Location("page", "contact"))
    kiosk.recover()
    assert "close_overlays" in view.names() and view.location == Location.home()


def test_a_configured_language_the_content_lacks_falls_back_to_the_sites(
    kiosk_and_view: Callable[..., tuple[Kiosk, FakeView]], caplog: pytest.LogCaptureFixture
) -> None:
    config = Config.defaults()
    config = type(config)(**{**config.values(), "default_language": "de"})  # type: ignore[arg-type]
    kiosk, _view = kiosk_and_view(config=config)
    assert kiosk.session.language == "pl"
    assert "default_language 'de' is not one of the content's languages" in caplog.text




def test_a_headset_connected_gives_the_visitor_more_time_like_speech_mode(
    qtbot: QtBot, kiosk_and_view: Callable[..., tuple[Kiosk, FakeView]]
) -> None:
    """Headphones plugged in and the visitor then turns speech mode off: the headset
    alone still triples the idle time."""
    engine = RecordingEngine(write_audio=False)
    kiosk, view = kiosk_and_view(engine=engine, settings=VisitSettings(idle_seconds=0.1, warning_seconds=1))
    kiosk.end_visit()
    kiosk.headphones_changed(True)
    assert "close_attract" in view.names() and kiosk.is_visiting and kiosk.session.is_speech_mode
    kiosk.session.set_speech(is_speech_mode=False)
    kiosk.policy.start()
    with qtbot.waitSignal(kiosk.policy.warning, timeout=2000):
        pass
    assert kiosk.policy._waited_ms >= 3 * 100  # three idle periods, not one
    kiosk.policy.stop()
    # Taken out, speech mode off: no question (there is nothing to keep).
    kiosk.headphones_changed(False)
    assert "ask_keep_speech" not in view.names()
    kiosk.session.set_speech(is_speech_mode=True)
    kiosk.headphones_changed(True)
    kiosk.headphones_changed(False)
    assert view.calls[-1][0] == "ask_keep_speech"
    kiosk.keep_speech(False)
    assert not kiosk.session.is_speech_mode


def test_respond_says_a_touch_at_once_and_only_the_last_of_a_sliding_finger(
    qtbot: QtBot, kiosk_and_view: Callable[..., tuple[Kiosk, FakeView]]
) -> None:
    engine = RecordingEngine(write_audio=False)
    kiosk, _view = kiosk_and_view(engine=engine)
    kiosk.session.set_speech(is_speech_mode=True)
    qtbot.waitUntil(lambda: bool(engine.texts()), timeout=3000)  # "speech mode is on"
    qtbot.wait(200)  # real time passing is the point: the next touch is not part of a burst
    engine.clear()
    kiosk.respond("Przycisk: Szukaj")
    assert kiosk.speech.is_announcing  # at once, not after the announcement delay
    for name in ("Przycisk: Polski", "Przycisk: English", "Przycisk: Українська"):
        kiosk.respond(name)  # a finger sliding across the top bar
    qtbot.waitUntil(lambda: "Przycisk: Українська" in engine.texts(), timeout=3000)
    assert engine.texts() == ["Przycisk: Szukaj", "Przycisk: Українська"]


def test_a_volume_raised_for_the_headphones_is_normal_again_on_the_loudspeaker(
    qtbot: QtBot, kiosk_and_view: Callable[..., tuple[Kiosk, FakeView]]
) -> None:
    engine = RecordingEngine(write_audio=False)
    kiosk, _view = kiosk_and_view(engine=engine)
    kiosk.headphones_changed(True)
    kiosk.change_volume(1)
    assert kiosk.session.speech_volume == "loud" and kiosk.speech.volume == "loud"
    kiosk.headphones_changed(False)
    assert kiosk.session.speech_volume == "normal" and kiosk.speech.volume == "normal"


def test_nothing_of_a_visit_is_said_after_it_ends(
    qtbot: QtBot, kiosk_and_view: Callable[..., tuple[Kiosk, FakeView]]
) -> None:
    engine = RecordingEngine(write_audio=False, duration_ms=500, timed=True)
    kiosk, _view = kiosk_and_view(engine=engine)
    kiosk.session.set_speech(is_speech_mode=True)
    kiosk.speech.speak(["Pierwsze zdanie.", "Drugie zdanie."], "pl")
    kiosk.announce("Przycisk: Dowód osobisty")  # waiting to be said when the visit ends
    states: list[str] = []
    kiosk.end_visit()
    kiosk.speech.state_changed.connect(states.append)
    qtbot.wait(400)
    # Nothing plays after the end (a sentence the synthesis worker had already taken is
    # thrown away), and the name waiting is never even synthesized.
    assert kiosk.speech.state == "idle" and states == []
    assert not any("Dowód" in text for text in engine.texts())


def test_the_welcome_in_every_language_names_the_keypad_and_the_headphones(
    kiosk_and_view: Callable[..., tuple[Kiosk, FakeView]]
) -> None:
    kiosk, _view = kiosk_and_view(engine=RecordingEngine(write_audio=False))
    kiosk.has_headphones = True
    kiosk.session.set_speech(is_speech_mode=True)
    hints = dict((lang, text) for text, lang in kiosk.start_hints())
    assert hints["pl"].startswith("Słuchawki podłączone") and "Na klawiaturze: strzałki" in hints["pl"]
    assert hints["en"].startswith("Headphones connected") and "On the keypad: Up and Down" in hints["en"]
    assert hints["uk"].startswith("Навушники") and "На клавіатурі" in hints["uk"]
