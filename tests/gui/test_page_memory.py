"""A page's pictures are decoded once for the size shown, not once per size ever shown."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kiosk.session import Location, Screen
from kiosk.ui.main_window import KioskWindow
from kiosk.vocabulary import FONT_SCALES, ThemeName


def test_pictures_are_kept_only_for_the_current_size_and_theme(
    qtbot: QtBot, bundled_window: KioskWindow
) -> None:
    window = bundled_window
    window.kiosk.open(Location(Screen.PAGE, "floor-plan"))
    view = window.page_screen.body
    qtbot.waitUntil(lambda: bool(view._image_cache), timeout=5000)
    counts = []
    for size in ((1080, 1920), (1920, 1080)):
        window.resize(*size)
        for scale in FONT_SCALES:
            for theme in (ThemeName.DEFAULT, ThemeName.YELLOW_ON_BLACK):
                window.kiosk.session.set_theme(theme)
                window.kiosk.session.set_font_scale(scale)
                qtbot.wait(1)
                view.grab()  # lays the document out: its pictures are asked for
                counts.append(len(view._image_cache))
    assert 1 <= max(counts) <= 1, counts  # the floor-plan page shows one picture


def test_the_floors_drawn_for_a_visitor_are_not_kept_for_the_next(
    qtbot: QtBot, bundled_window: KioskWindow
) -> None:
    """The building plan keeps its floors drawn at the visitor's sizes and theme while
    the visit lasts (several MB each); the end of the visit lets them go."""
    window = bundled_window
    window.kiosk.open(Location(Screen.PLAN))
    canvas = window.plan_screen.canvas
    for scale in FONT_SCALES[:3]:
        window.kiosk.session.set_font_scale(scale)
        canvas.grab()  # paints: the floor is drawn at this size
    assert canvas._cache  # kept while the visitor is here
    window.kiosk.end_visit()
    assert not canvas._cache
