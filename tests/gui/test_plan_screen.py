"""The "Plan budynku" screen on the sample plan: tap a room, see the way, in every theme."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from kiosk import paths
from kiosk.content.content import Content, load_content
from kiosk.session import Location, Session
from kiosk.ui.plan_screen import PlanScreen
from kiosk.ui.style import Metrics, stylesheet
from kiosk.ui.themes import THEMES, theme


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(paths.bundled_content_dir())


@pytest.fixture
def make_screen(qtbot: QtBot, kiosk_fonts: None, content: Content) -> Iterator[object]:
    def make(theme_name: str = "default", scale: int = 100, lang: str = "pl") -> PlanScreen:
        session = Session(lang, theme_name)
        screen = PlanScreen(content, session, "hall")
        screen.setStyleSheet(stylesheet(theme(theme_name), scale))
        screen.resize(1080, 1920)
        screen.apply_metrics(Metrics(scale))
        qtbot.addWidget(screen)
        screen.show()
        qtbot.waitExposed(screen)
        return screen

    yield make


def route_pixel(screen: PlanScreen) -> QColor:
    """The colour on screen 20 plan units along the route's first stretch on this floor."""
    canvas = screen.canvas
    run = canvas.route_points(canvas.floor_id)[0]
    a, b = run[0], run[1]
    length = ((b.x() - a.x()) ** 2 + (b.y() - a.y()) ** 2) ** 0.5
    along = min(20.0, length / 2) / length
    point = canvas.to_widget(QPointF(a.x() + (b.x() - a.x()) * along, a.y() + (b.y() - a.y()) * along))
    return canvas.grab().toImage().pixelColor(point.toPoint())


def tap_room(qtbot: QtBot, screen: PlanScreen, room_id: str) -> None:
    point = screen.canvas.tap_point(room_id)
    assert point is not None and screen.canvas.rect().contains(point), room_id
    qtbot.mouseClick(screen.canvas, Qt.MouseButton.LeftButton, pos=point)


@pytest.mark.parametrize("scale", [100, 300])
@pytest.mark.parametrize("theme_name", list(THEMES))
def test_tap_a_room_then_show_the_way_draws_the_route_in_the_accent(
    qtbot: QtBot, make_screen: object, theme_name: str, scale: int
) -> None:
    screen = make_screen(theme_name, scale)  # type: ignore[operator]
    accent = QColor(theme(theme_name).accent)
    tap_room(qtbot, screen, "3")
    assert screen.room_id == "3"
    assert screen.room_title.text() == "Pokój 3 · Parter"
    assert screen.canvas.route is None
    assert screen.show_route_button.isVisible()
    qtbot.mouseClick(screen.show_route_button, Qt.MouseButton.LeftButton)
    assert screen.canvas.route is not None
    assert route_pixel(screen) == accent
    assert screen.steps_label.text().split("<br>")[-1].startswith("Razem około")
    # Nothing sticks out of the screen at this text size.
    for widget in [*screen.tabs.values(), screen.zoom_in, screen.zoom_out, screen.show_route_button]:
        assert widget.geometry().right() <= screen.width()


def test_before_the_way_is_shown_the_corridor_is_not_accent(qtbot: QtBot, make_screen: object) -> None:
    screen = make_screen("yellow-on-black")  # type: ignore[operator]
    accent = QColor(theme("yellow-on-black").accent)
    screen.open(Location("plan", "14"))
    assert route_pixel(screen) == accent
    point = screen.canvas.to_widget(screen.canvas.route_points("parter")[0][0] + QPointF(20, 0))
    screen.select_room("14")  # choosing the room again clears the way until it is asked for
    assert screen.canvas.route is None
    assert screen.canvas.grab().toImage().pixelColor(point.toPoint()) != accent


def test_the_route_continues_on_the_other_floor(qtbot: QtBot, make_screen: object) -> None:
    screen = make_screen()  # type: ignore[operator]
    qtbot.mouseClick(screen.tabs["pietro-1"], Qt.MouseButton.LeftButton)
    assert screen.canvas.floor_id == "pietro-1"
    tap_room(qtbot, screen, "14")
    qtbot.mouseClick(screen.show_route_button, Qt.MouseButton.LeftButton)
    assert screen.canvas.floor_id == "parter"  # the way starts where the kiosk is
    assert screen.tabs["parter"].isChecked()
    qtbot.mouseClick(screen.tabs["pietro-1"], Qt.MouseButton.LeftButton)
    assert route_pixel(screen) == QColor(theme("default").accent)
    assert "Wejdź schodami na I piętro." in screen.steps_label.text()


def test_no_stairs_gives_the_lift(qtbot: QtBot, make_screen: object) -> None:
    screen = make_screen()  # type: ignore[operator]
    screen.open(Location("plan", "14"))
    assert screen.route is not None and screen.route.has_stairs
    qtbot.mouseClick(screen.step_free_button, Qt.MouseButton.LeftButton)
    assert screen.route is not None and not screen.route.has_stairs
    assert "Wjedź windą na I piętro." in screen.steps_label.text()
    assert screen.spoken_steps()[-2:] == ["Pokój 14 jest pierwszy po prawej.", "Razem około 25 metrów."]


def test_a_page_of_the_room_is_opened_through_navigate(qtbot: QtBot, make_screen: object) -> None:
    screen = make_screen()  # type: ignore[operator]
    tap_room(qtbot, screen, "2")
    titles = [b.text() for b in screen.page_buttons]
    assert titles == ["Dowód osobisty", "Zameldowanie"]
    with qtbot.waitSignal(screen.navigate) as signal:
        qtbot.mouseClick(screen.page_buttons[0], Qt.MouseButton.LeftButton)
    assert signal.args == [Location("page", "id-card")]


def test_zoom_buttons_and_drag(qtbot: QtBot, make_screen: object) -> None:
    screen = make_screen()  # type: ignore[operator]
    canvas = screen.canvas
    zoom = canvas.zoom
    qtbot.mouseClick(screen.zoom_in, Qt.MouseButton.LeftButton)
    assert canvas.zoom == pytest.approx(zoom * 1.4)
    qtbot.mouseClick(screen.zoom_out, Qt.MouseButton.LeftButton)
    assert canvas.zoom == pytest.approx(zoom)
    before = canvas.to_plan(QPointF(500, 300))
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPointF(500, 300).toPoint())
    qtbot.mouseMove(canvas, QPointF(400, 300).toPoint())
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPointF(400, 300).toPoint())
    assert canvas.to_plan(QPointF(400, 300)).x() == pytest.approx(before.x(), abs=0.5)
    assert screen.room_id == ""  # a drag is not a tap


def test_a_room_link_in_a_page_asks_for_the_plan(qtbot: QtBot, kiosk_fonts: None) -> None:
    from PySide6.QtCore import QUrl

    from kiosk.ui.page_view import PageView

    view = PageView()
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.room_requested) as signal:
        view.anchorClicked.emit(QUrl("room:14"))
    assert signal.args == ["14"]


def test_listen_reads_the_way_step_by_step(qtbot: QtBot, make_screen: object) -> None:
    from kiosk.speech.player import SpeechPlayer
    from tests.fakes import RecordingEngine

    engine = RecordingEngine(duration_ms=40, write_audio=False, timed=True)
    player = SpeechPlayer(engine)
    screen = make_screen()  # type: ignore[operator]
    screen.set_speech(player)
    try:
        assert screen.speech_bar.isHidden()  # nothing to read before a way is shown
        screen.open(Location("plan", "14"))
        assert screen.speech_bar.isVisible()
        highlighted: list[str] = []

        def marked(_index: int) -> None:  # the step shown in the accent while it is read
            text = screen.steps_label.text()
            highlighted.append(text.split("<span")[1][:60] if "<span" in text else "")

        player.utterance_started.connect(marked)
        with qtbot.waitSignal(player.finished, timeout=10000):
            qtbot.mouseClick(screen.speech_bar.play, Qt.MouseButton.LeftButton)
        spoken = screen.spoken_steps()
        assert len(highlighted) == len(spoken)  # every utterance was played, in order
        # Said in words ("I piętro" → "pierwsze piętro"); a repeated step is synthesised once.
        assert set(engine.texts()) == {text.replace("I piętro", "pierwsze piętro") for text in spoken}
        assert "Wejdź schodami na pierwsze piętro." in engine.texts()
        assert engine.texts()[0] == "Pokój 14, pierwsze piętro"  # the room title, in words
        assert engine.texts()[1] == "Idź korytarzem około 10 metrów."
        assert {s.lang for s in engine.spoken} == {"pl"}
        assert highlighted[0] == ""  # the room's name is not a step
        assert all(h for h in highlighted[1:])  # every step is marked while it is read
    finally:
        player.close()
        qtbot.wait(20)


def test_the_keyboard_moves_and_zooms_the_plan(qtbot: QtBot, make_screen: object) -> None:
    screen = make_screen()  # type: ignore[operator]
    canvas = screen.canvas
    middle = QPointF(canvas.width() / 2, canvas.height() / 2)
    before = canvas.to_plan(middle)
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert canvas.to_plan(middle).x() > before.x()
    zoom = canvas.zoom
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert canvas.zoom > zoom


def test_a_blind_visitors_way_search_then_plan_then_spoken_steps(
    qtbot: QtBot, make_screen: object, content: Content
) -> None:
    """Pan Marek: searches "dowod", opens the room's plan, asks for no stairs, hears the way
    (what the window will do once the plan is wired in, without the window)."""
    from kiosk.floors.rooms import find_rooms
    from kiosk.speech.player import SpeechPlayer
    from tests.fakes import RecordingEngine

    assert content.floors is not None
    (room,) = find_rooms(content.floors, "dowod", "pl")
    engine = RecordingEngine(duration_ms=20, write_audio=False, timed=True)
    player = SpeechPlayer(engine)
    screen = make_screen(theme_name="yellow-on-black", scale=300)  # type: ignore[operator]
    screen.set_speech(player)
    try:
        screen.open(Location("plan", room.id))
        qtbot.mouseClick(screen.step_free_button, Qt.MouseButton.LeftButton)
        with qtbot.waitSignal(player.finished, timeout=10000):
            qtbot.mouseClick(screen.speech_bar.play, Qt.MouseButton.LeftButton)
        assert engine.texts()[-2:] == ["Pokój 2 jest pierwszy po prawej.", "Razem około 6 metrów."]
        assert not any("schod" in text for text in engine.texts())
    finally:
        player.close()
        qtbot.wait(20)


def test_switching_language_rewrites_the_steps(qtbot: QtBot, make_screen: object) -> None:
    screen = make_screen()  # type: ignore[operator]
    screen.open(Location("plan", "14"))
    assert screen.steps[0].text == "Idź korytarzem około 10 metrów."
    screen._session.set_language("en")
    screen.retranslate()  # what the window does for every screen on a language change
    assert screen.steps[0].text == "Go along the corridor for about 10 metres."
    assert screen.tabs["pietro-1"].text() == "1st floor"
    assert screen.room_detail.text() == "Finance"


@pytest.mark.parametrize(
    ("size", "scale", "is_beside"),
    [((1380, 1000), 100, True), ((1380, 1000), 300, False), ((1080, 1500), 100, False)],
)
def test_the_steps_go_beside_the_plan_only_where_they_fit(
    qtbot: QtBot, make_screen: object, size: tuple[int, int], scale: int, is_beside: bool
) -> None:
    from PySide6.QtWidgets import QBoxLayout

    screen = make_screen(scale=scale, lang="uk")  # type: ignore[operator]
    screen.resize(*size)
    qtbot.waitUntil(lambda: screen.canvas.width() > 0 and screen.canvas.height() > 0)
    beside = screen.body.direction() == QBoxLayout.Direction.LeftToRight
    assert beside == is_beside
    # The floors' tabs wrap rather than cut their names ("Другий поверх (I piętro)").
    for tab in screen.tabs.values():
        assert tab.width() >= tab.sizeHint().width() and tab.geometry().right() <= screen.width()


def test_the_rooms_are_named_on_the_plan_in_the_visitors_language(
    qtbot: QtBot, make_screen: object, content: Content
) -> None:
    from kiosk.floors.drawing import _without_room_texts, load_drawings

    assert content.floors is not None
    drawings = load_drawings(content.floors)
    assert drawings["parter"].relabelled == {"1", "2", "3", "4", "5", "6"}
    svg = (content.floors.root / "parter.svg").read_bytes()
    stripped, rooms = _without_room_texts(svg, drawings["parter"].room_rects)
    assert rooms == {"1", "2", "3", "4", "5", "6"}
    text = stripped.decode("utf-8")
    assert "Kasa<" not in text and "Biuro Obsługi Klienta" not in text  # written by the kiosk
    assert "Winda" in text and "Podjazd" in text and ">WC<" in text  # not rooms: kept as drawn
    # The same floor in Polish and in English: the names inside the rooms differ, the
    # rest of the drawing not.
    images = {}
    for lang in ("pl", "en"):
        screen = make_screen(lang=lang)  # type: ignore[operator]
        screen.retranslate()
        images[lang] = screen.canvas.grab().toImage()
        canvas = screen.canvas
    room = canvas.room_widget_rect("4")
    xs, ys = range(room.left(), room.right(), 3), range(room.top(), room.bottom(), 2)
    inside = [(x, y) for x in xs for y in ys]
    assert any(images["pl"].pixelColor(x, y) != images["en"].pixelColor(x, y) for x, y in inside)
    wc = canvas.to_widget(QPointF(490, 280)).toPoint()  # the WC's own label
    area = [(wc.x() + dx, wc.y() + dy) for dx in range(-30, 30, 2) for dy in range(-15, 15, 2)]
    assert all(images["pl"].pixelColor(x, y) == images["en"].pixelColor(x, y) for x, y in area)


def test_the_room_panel_s_scroll_buttons_speak_the_visitor_s_language(
    qtbot: QtBot, make_screen: object
) -> None:
    """Up and Down beside the room's steps follow the language (visible words and the
    names a screen reader and speech mode say), as every other screen's do."""
    from kiosk import i18n

    screen = make_screen()  # type: ignore[operator]
    buttons = screen.pane.buttons
    assert buttons.up.accessibleName() == i18n._("Scroll up")  # named, in Polish
    try:
        i18n.set_language("uk")
        screen.retranslate()
        assert buttons.up.accessibleName() == "Прокрутити вгору"
        assert i18n.pgettext("scroll", "Up") in buttons.up.text()
    finally:
        i18n.set_language("pl")
    screen.retranslate()
    assert buttons.up.accessibleName() == i18n._("Scroll up") != "Прокрутити вгору"
