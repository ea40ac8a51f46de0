"""The controller owns the visitor's easy-to-read choice and the fallback notice (no window)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.compose import build_kiosk
from kiosk.config import Config
from kiosk.content.content import Content, load_content
from kiosk.controller import Kiosk
from kiosk.session import Location
from kiosk.today import office_timezone
from kiosk.today.clock import FixedClock
from kiosk.vocabulary import Screen
from tests.fakes import FakeView, RecordingEngine

Factory = Callable[..., tuple[Kiosk, FakeView]]
MOMENT = dt.datetime(2026, 11, 24, 10, 30, tzinfo=office_timezone())


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content(paths.bundled_content_dir())


@pytest.fixture
def kiosk_and_view(qapp: object, bundled: Content) -> Iterator[Factory]:
    made: list[Kiosk] = []

    def factory(
        content: Content | None = None, engine: RecordingEngine | None = None
    ) -> tuple[Kiosk, FakeView]:
        kiosk = build_kiosk(
            Config.defaults(), content or bundled, clock=FixedClock(MOMENT), speech_engine=engine
        )
        view = FakeView()
        kiosk.attach(view)
        made.append(kiosk)
        return kiosk, view

    yield factory
    for kiosk in made:
        kiosk.close()


def test_the_easy_text_switch_shows_the_easy_version_again_and_stays_for_the_visit(
    kiosk_and_view: Factory,
) -> None:
    kiosk, view = kiosk_and_view()
    kiosk.begin_visit()
    kiosk.open(Location(Screen.PAGE, "id-card"))
    assert kiosk.has_easy_read("id-card")
    assert not kiosk.page_variant("id-card").is_easy_read
    view.calls.clear()
    kiosk.toggle_easy_read()
    assert kiosk.session.is_easy_read
    # The page is shown again, its reading stopped, now in easy text.
    assert view.names() == ["stop_reading", "show_location"]
    assert view.location == Location(Screen.PAGE, "id-card")
    variant = kiosk.page_variant("id-card")
    assert variant.is_easy_read and variant.title == "Jak dostać dowód osobisty"
    # The next page with an easy version opens in it; a page without one as it is.
    kiosk.open(Location(Screen.PAGE, "opening-hours"))
    assert kiosk.page_variant("opening-hours").is_easy_read
    assert not kiosk.has_easy_read("iso-9001")
    assert not kiosk.page_variant("iso-9001").is_easy_read
    kiosk.toggle_easy_read()
    assert not kiosk.page_variant("opening-hours").is_easy_read


def test_the_next_visitor_starts_without_easy_text(kiosk_and_view: Factory) -> None:
    kiosk, view = kiosk_and_view()
    kiosk.begin_visit()
    kiosk.open(Location(Screen.PAGE, "contact"))
    kiosk.toggle_easy_read()
    assert kiosk.page_variant("contact").is_easy_read
    kiosk.end_visit()
    assert not kiosk.session.is_easy_read
    assert not kiosk.page_variant("contact").is_easy_read


def test_the_list_of_easy_pages_chooses_easy_text(kiosk_and_view: Factory) -> None:
    kiosk, view = kiosk_and_view()
    kiosk.open(Location(Screen.EASY_READ))
    assert view.location == Location(Screen.EASY_READ)
    assert kiosk.session.is_easy_read
    kiosk.open(Location(Screen.PAGE, "getting-here"))
    assert kiosk.page_variant("getting-here").is_easy_read


def test_switching_in_speech_mode_says_so(kiosk_and_view: Factory, qtbot: object) -> None:
    engine = RecordingEngine()
    kiosk, view = kiosk_and_view(engine=engine)
    kiosk.session.set_speech(is_speech_mode=True)
    kiosk.open(Location(Screen.PAGE, "id-card"))
    qtbot.waitUntil(lambda: bool(engine.texts()))  # type: ignore[attr-defined]
    engine.clear()
    kiosk.toggle_easy_read()
    qtbot.waitUntil(lambda: "Tekst łatwy do czytania jest włączony." in engine.texts())  # type: ignore[attr-defined]


def test_the_fallback_notice_names_the_language_shown_in_the_visitors_language(
    kiosk_and_view: Factory, tmp_path: Path, bundled: Content
) -> None:
    import shutil

    root = tmp_path / "content"
    shutil.copytree(paths.bundled_content_dir(), root)
    site_toml = root / "site.toml"
    text = site_toml.read_text(encoding="utf-8")
    site_toml.write_text(
        text.replace("\n[office]", '\nfallback = { uk = ["en", "pl"] }\n\n[office]', 1),
        encoding="utf-8",
    )
    (root / "pages" / "contact" / "uk.md").unlink()
    content = load_content(root)
    assert content.error_count == 0
    kiosk, view = kiosk_and_view(content)
    kiosk.session.set_language("uk")
    assert kiosk.page_variant("contact").lang == "en"  # uk → en first, as site.toml says
    assert kiosk.page_notice("contact") == (
        "Ця сторінка недоступна вашою мовою. Мова цієї версії: англійська."
    )
    assert kiosk.page_notice("id-card") == ""


def test_print_prints_the_version_on_screen(kiosk_and_view: Factory) -> None:
    printed: list[tuple[str, str, bool]] = []

    def fake_print(content: Content, variant: object, lang: str, moment: object, printer_name: str) -> int:
        printed.append((variant.page_id, variant.title, variant.is_easy_read))  # type: ignore[attr-defined]
        return 1

    kiosk, view = kiosk_and_view()
    kiosk._printer_available = lambda _name: True
    kiosk._print_page = fake_print
    kiosk.set_printer("Office-HP")
    kiosk.open(Location(Screen.PAGE, "residence-registration"))
    kiosk.print_page("residence-registration")
    kiosk.toggle_easy_read()
    kiosk.print_page("residence-registration")
    assert printed == [
        ("residence-registration", "Zameldowanie", False),
        ("residence-registration", "Jak się zameldować", True),
    ]
