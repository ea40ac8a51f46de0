"""The home screen as a task launcher, measured on the real window: the grid fills the
screen below the bars in both orientations at 100 % and 300 %, scroll buttons only when
something scrolls, the opening status is the largest text, every tile has an icon and a
chevron, announcements carry their dates, a tip is shown during the visit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.today import office_timezone
from kiosk.today.clock import FixedClock
from kiosk.ui.launch_tiles import InfoCard, LaunchTile
from kiosk.ui.main_window import KioskWindow

PORTRAIT, LANDSCAPE = (1080, 1920), (1920, 1080)
# Tuesday 1 December 2026, 10:00: open, the cash desk too; two announcements are active.
MORNING = dt.datetime(2026, 12, 1, 10, 0, tzinfo=office_timezone())


@pytest.fixture
def home(kiosk_window: Callable[..., KioskWindow], qtbot: QtBot) -> Callable[..., KioskWindow]:
    def make(
        size: tuple[int, int], scale: int = 100, lang: str = "pl", theme: str = "default"
    ) -> KioskWindow:
        window = kiosk_window(language=lang, size=size, clock=FixedClock(MORNING))
        session = window.kiosk.session
        session.set_font_scale(scale)
        session.set_theme(theme)
        qtbot.waitUntil(lambda: window.home_screen.status_card.isVisible())
        settle()
        return window

    return make


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def on_stack(window: KioskWindow, widget: QWidget) -> QRect:
    """Where ``widget`` is drawn within the screen area below the bars (clipped to it)."""
    top_left = widget.mapTo(window.stack, widget.rect().topLeft())
    return QRect(top_left, widget.size()).intersected(window.stack.rect())


def filled_share(window: KioskWindow) -> float:
    """Share of the area between the bars that the home screen's content covers."""
    home = window.home_screen
    parts: list[QWidget] = [home.status_card, *home.task_tiles, *home.tiles, home.easy_tile, home.pjm_tile]
    parts.extend(home.announcement_widgets)
    parts.append(home.tip_card)
    shown = [on_stack(window, w) for w in parts if w.isVisibleTo(window)]
    union = QRect()
    for rect in shown:
        union = union.united(rect)
    area = window.stack.width() * window.stack.height()
    return union.width() * union.height() / area


@pytest.mark.parametrize("size", [PORTRAIT, LANDSCAPE], ids=["portrait", "landscape"])
@pytest.mark.parametrize("scale", [100, 300])
def test_the_grid_fills_the_screen_below_the_bars(
    home: Callable[..., KioskWindow], size: tuple[int, int], scale: int
) -> None:
    window = home(size, scale)
    share = filled_share(window)
    assert share >= 0.8, f"{size} at {scale}%: the home screen's content covers {share:.0%}"
    tiles = window.home_screen.task_tiles + window.home_screen.tiles
    assert len(window.home_screen.task_tiles) == 6
    for tile in tiles:  # no tile squeezed below what its words need
        assert tile.height() >= tile.heightForWidth(tile.width()) - 1, tile.title


@pytest.mark.parametrize("size", [PORTRAIT, LANDSCAPE], ids=["portrait", "landscape"])
def test_scroll_buttons_only_when_something_scrolls(
    home: Callable[..., KioskWindow], qtbot: QtBot, size: tuple[int, int]
) -> None:
    window = home(size, 100)
    buttons = window.home_screen.scroll_buttons
    bar = window.home_screen.scroll_area.verticalScrollBar()
    assert bar.maximum() == 0, "everything fits at 100 %"
    assert not buttons.isVisibleTo(window)
    window.kiosk.session.set_font_scale(300)
    qtbot.waitUntil(lambda: buttons.isVisibleTo(window))
    assert bar.maximum() > 0
    # Back to 100 %: the buttons shown while it scrolled do not stay, though the content
    # fits only in the room they leave.
    window.kiosk.session.set_font_scale(100)
    qtbot.waitUntil(lambda: not buttons.isVisibleTo(window) and bar.maximum() == 0)


@pytest.mark.parametrize("scale", [100, 200, 300])
def test_the_opening_status_is_the_largest_text(home: Callable[..., KioskWindow], scale: int) -> None:
    window = home(PORTRAIT, scale)
    card = window.home_screen.status_card
    assert card.headline.text() == "Otwarte dziś do 15:30"
    assert card.detail.text() == "Kasa do 15:00"
    headline = card.headline.fontInfo().pixelSize()
    others = [
        label
        for label in window.home_screen.findChildren(QLabel)
        if label is not card.headline and label.isVisibleTo(window) and label.text()
    ]
    largest = max(others, key=lambda label: label.fontInfo().pixelSize())
    assert headline > largest.fontInfo().pixelSize(), f"{largest.text()!r} is as large"
    # And larger than anything on the bars, too.
    bars = [w for bar in (window.top_bar, window.bottom_bar) for w in bar.findChildren(QWidget)]
    assert all(w.fontInfo().pixelSize() < headline for w in bars if w.isVisibleTo(window))


def test_the_status_follows_the_clock(home: Callable[..., KioskWindow]) -> None:
    window = home(PORTRAIT)
    clock = window.kiosk.clock
    assert isinstance(clock, FixedClock)
    clock.set(dt.datetime(2026, 12, 5, 11, 0, tzinfo=office_timezone()))  # Saturday
    window.kiosk.update_today()
    card = window.home_screen.status_card
    assert (card.headline.text(), card.detail.text()) == ("Dziś zamknięte", "Otwarcie w poniedziałek o 8:00")


def test_every_tile_has_an_icon_and_a_chevron_in_every_theme(home: Callable[..., KioskWindow]) -> None:
    from kiosk.ui.themes import THEMES

    for name in THEMES:
        window = home(PORTRAIT, 100, theme=name)
        tiles = [*window.home_screen.task_tiles, *window.home_screen.tiles]
        tiles += [w for w in window.home_screen.announcement_widgets if isinstance(w, LaunchTile)]
        for tile in tiles:
            assert not tile.icon_pixmap.isNull() and not tile.chevron_pixmap.isNull(), (name, tile.title)
            # Both lie inside the tile, clear of its words.
            words = tile._title.geometry()
            if tile._detail.isVisibleTo(tile):
                words = words.united(tile._detail.geometry())
            for place in (tile.icon_rect(), tile.chevron_rect()):
                assert tile.rect().contains(place) and not place.intersects(words), (name, tile.title)
            image = tile.grab().toImage()
            chevron = tile.chevron_rect().center()
            theme = THEMES[name]
            inked = {
                image.pixelColor(x, y).name()
                for x in range(tile.chevron_rect().left(), tile.chevron_rect().right())
                for y in (chevron.y(),)
            }
            assert theme.button_text in inked, (name, tile.title)


def test_announcements_are_cards_with_dates_and_a_tip_is_shown(home: Callable[..., KioskWindow]) -> None:
    window = home(PORTRAIT, 100, lang="en")
    home_screen = window.home_screen
    texts = []
    for widget in home_screen.announcement_widgets:
        assert isinstance(widget, (LaunchTile, InfoCard))
        texts.append(widget.accessibleName())
    assert any("waste collection" in t for t in texts)
    waste = next(w for w in home_screen.announcement_widgets if "waste" in w.accessibleName())
    assert isinstance(waste, LaunchTile)
    assert waste.accessibleDescription().startswith("Nov 16, 2026")  # valid_from – valid_until
    assert waste.accessibleDescription().endswith("Jan 31, 2027")
    assert waste.property("role") == "tile"  # a tile like the others, not a warning notice
    assert home_screen.tip_card.isVisibleTo(window)
    assert home_screen.tip_card.heading.text() == "Quick tip"
    first_tip = home_screen.tip_card.text.text()
    assert first_tip
    window.kiosk.open(window.kiosk.session.location.__class__("section", "office"))
    window.kiosk.home()
    assert home_screen.tip_card.text.text() not in ("", first_tip)  # the next tip on return


def test_featured_tiles_open_their_pages(home: Callable[..., KioskWindow], qtbot: QtBot) -> None:
    window = home(PORTRAIT)
    tile = window.home_screen.task_tiles[0]
    assert tile.title == "Dowód osobisty"
    tile.click()
    assert window.stack.currentWidget() is window.page_screen
    assert window.page_screen.page_id == "id-card"


def test_the_sample_logo_is_drawn_at_any_height(kiosk_fonts: None) -> None:
    from kiosk import paths
    from kiosk.ui.icons import logo_pixmap

    logo = paths.bundled_content_dir() / "logo.svg"
    for height in (64, 160):
        pixmap = logo_pixmap(logo, height)
        ratio = pixmap.devicePixelRatio()
        assert round(pixmap.height() / ratio) == height
        assert round(pixmap.width() / ratio) == round(height * 200 / 240)  # the drawing's aspect
        image = pixmap.toImage()
        assert image.pixelColor(pixmap.width() // 2, pixmap.height() // 2).alpha() == 255  # drawn
        assert image.pixelColor(0, pixmap.height() - 1).alpha() == 0  # outside the shield: clear
    assert logo_pixmap(None, 64).isNull()
