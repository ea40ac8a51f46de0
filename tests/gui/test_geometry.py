"""Geometry of the visitor screens, measured on the real widgets (issue 15): the page owns
the screen, the chrome is stable, text is large enough, focus shows and stays in view,
the attract screen and the idle warning work at every size."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk import paths
from kiosk.content.content import Content, load_content
from kiosk.identity import themed
from kiosk.session import FONT_SCALES, Location
from kiosk.ui.bars import BarButton
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.page_view import PageView
from kiosk.ui.style import CAP_HEIGHT_AT_LARGEST, Metrics
from kiosk.ui.themes import THEMES, contrast
from tests.conftest import ContentBuilder, open_kiosk_window
from tests.fakes import RecordingEngine

PORTRAIT, LANDSCAPE = (1080, 1920), (1920, 1080)
SIZES = [PORTRAIT, LANDSCAPE]
LARGEST = FONT_SCALES[-1]
LONG_PAGE = "id-card"


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(paths.bundled_content_dir())


def make_window(
    qtbot: QtBot,
    content: Content,
    size: tuple[int, int],
    scale: int = 100,
    lang: str = "pl",
    theme: str = "default",
    speech_engine: object = None,
) -> KioskWindow:
    window = open_kiosk_window(content, lang, size=size, speech_engine=speech_engine)
    assert isinstance(window, KioskWindow)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.kiosk.session.set_font_scale(scale)
    window.kiosk.session.set_theme(theme)
    settle()
    return window


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()
        QTest.qWait(5)


def touch_at(window: QWidget, point: QPoint) -> None:
    """A finger at ``point`` (window coordinates): whatever lies there gets the tap."""
    target = window.childAt(point) or window
    local = target.mapFrom(window, point)
    QTest.mousePress(target, Qt.MouseButton.LeftButton, pos=local)
    QTest.mouseRelease(target, Qt.MouseButton.LeftButton, pos=local)
    settle()


def centre(window: QWidget, widget: QWidget) -> QPoint:
    return widget.mapTo(window, widget.rect().center())


def rect_in(window: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def open_page(window: KioskWindow, page: str = LONG_PAGE) -> PageView:
    window.kiosk.open(Location("page", page))
    settle()
    return window.page_screen.body


def visible_lines(view: PageView) -> int:
    """Lines of page text wholly in view now (empty lines not counted)."""
    document = view.document()
    layout = document.documentLayout()
    top = view.verticalScrollBar().value()
    bottom = top + view.viewport().height()
    count = 0
    block = document.begin()
    while block.isValid():
        bounds = layout.blockBoundingRect(block)
        lines = block.layout()
        for i in range(lines.lineCount() if block.text().strip() else 0):
            line = lines.lineAt(i)
            y = bounds.top() + line.y()
            if y >= top and y + line.height() <= bottom:
                count += 1
        block = block.next()
    return count


# -- the page owns the screen ---------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=["portrait", "landscape"])
@pytest.mark.parametrize("scale", [100, 200, LARGEST])
def test_the_page_body_gets_most_of_the_screen(
    qtbot: QtBot, content: Content, size: tuple[int, int], scale: int, kiosk_fonts: None
) -> None:
    window = make_window(qtbot, content, size, scale)
    body = open_page(window)
    viewport = body.viewport()
    width, height = size
    if size == PORTRAIT:
        share = viewport.height() / height
    else:
        share = viewport.width() * viewport.height() / (width * height)
    assert share >= 0.60, f"{scale}% {size}: the page body gets {share:.1%}"
    if size == PORTRAIT and scale == LARGEST:
        bar = body.verticalScrollBar()
        bar.setValue(bar.maximum() // 2)  # in the middle of the text, past the page's header
        settle()
        lines = visible_lines(body)
        assert lines >= 10, f"only {lines} lines of text in view at {scale}%"


def test_the_reading_controls_cost_at_most_one_bar(qtbot: QtBot, content: Content, kiosk_fonts: None) -> None:
    engine = RecordingEngine(duration_ms=400, write_audio=False, timed=True)
    window = make_window(qtbot, content, PORTRAIT, LARGEST, speech_engine=engine)
    body = open_page(window)
    before = body.viewport().height()
    speech_bar = window.page_screen.speech_bar
    speech_bar.play.click()
    qtbot.waitUntil(lambda: speech_bar.stop_button.isVisible(), timeout=3000)
    settle()
    shown = [b for b in speech_bar.findChildren(QToolButton) if b.isVisible()]
    assert len(shown) == 7 and len({b.y() for b in shown}) == 1  # one row
    assert speech_bar.height() <= window.bottom_bar.height()
    assert before - body.viewport().height() <= window.bottom_bar.height() + Metrics(LARGEST).gap
    assert body.viewport().height() / PORTRAIT[1] >= 0.60
    speech_bar.stop_button.click()


def test_page_buttons_move_a_screenful_minus_a_line_and_vanish_when_nothing_scrolls(
    qtbot: QtBot, content: Content, make_content: Callable[[str], ContentBuilder], kiosk_fonts: None
) -> None:
    window = make_window(qtbot, content, PORTRAIT, LARGEST)
    body = open_page(window)
    buttons = window.page_screen.scroll_buttons
    assert buttons.isVisible()
    bar = body.verticalScrollBar()
    line = buttons.line_step
    assert line == round(Metrics(LARGEST).body * 1.5)  # the page's line height
    buttons.down.click()
    # The last line of one screenful is the first of the next.
    assert bar.value() == body.viewport().height() - line
    short = make_content("short")
    short.simple("short", "Krótka", "Short", body_pl="Jedno zdanie.")
    window = make_window(qtbot, load_content(short.root), PORTRAIT)
    body = open_page(window, "short")
    assert body.verticalScrollBar().maximum() == 0
    assert not window.page_screen.scroll_buttons.isVisible()


# -- stable chrome --------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=["portrait", "landscape"])
def test_text_size_controls_stay_under_the_finger(
    qtbot: QtBot, content: Content, size: tuple[int, int], kiosk_fonts: None
) -> None:
    window = make_window(qtbot, content, size)
    session = window.kiosk.session
    bar = window.bottom_bar
    finger = centre(window, bar.larger)
    seen = [session.font_scale]
    for _ in range(len(FONT_SCALES) - 1):
        touch_at(window, finger)  # the same point, tap after tap
        seen.append(session.font_scale)
    assert seen == list(FONT_SCALES)
    finger = centre(window, bar.smaller)
    for _ in range(len(FONT_SCALES) - 1):
        touch_at(window, finger)
    assert session.font_scale == FONT_SCALES[0]


@pytest.mark.parametrize("size", SIZES, ids=["portrait", "landscape"])
@pytest.mark.parametrize("lang", ["pl", "en", "uk"])
def test_the_control_bar_keeps_one_row_and_whole_labels(
    qtbot: QtBot, content: Content, size: tuple[int, int], lang: str, kiosk_fonts: None
) -> None:
    window = make_window(qtbot, content, size, lang=lang)
    bar = window.bottom_bar
    thickness = []
    for scale in FONT_SCALES:
        window.kiosk.session.set_font_scale(scale)
        settle()
        shown = [b for b in bar.findChildren(BarButton) if b.isVisible()]
        assert len(shown) >= 8
        across = {b.y() for b in shown} if size == PORTRAIT else {b.x() for b in shown}
        assert len(across) == 1, f"{scale}%: the bar wrapped"
        for button in shown:
            assert rect_in(window, button).intersected(window.rect()) == rect_in(window, button)
            if button.shows_text():
                need = QFontMetrics(button.font()).horizontalAdvance(button.text())
                assert need <= button.contentsRect().width(), f"{scale}% {lang}: {button.text()!r} cut"
        thickness.append(bar.height() if size == PORTRAIT else bar.width())
    # Bounded: the bar never takes more than an eighth of the screen, and it never more
    # than doubles, so the centre of a control at one size lies inside it at every size.
    assert max(thickness) < 2 * min(thickness)
    assert max(thickness) <= (size[1] if size == PORTRAIT else size[0]) / 8


def test_contrast_neither_renames_nor_moves_a_control(
    qtbot: QtBot, content: Content, kiosk_fonts: None
) -> None:
    for size in SIZES:
        window = make_window(qtbot, content, size, 200)
        before = {
            b.objectName(): (rect_in(window, b), b.text()) for b in window.bottom_bar.findChildren(BarButton)
        }
        strip = window.top_bar.height()
        window.bottom_bar.contrast.click()
        settle()
        assert window.kiosk.session.is_high_contrast
        after = {
            b.objectName(): (rect_in(window, b), b.text()) for b in window.bottom_bar.findChildren(BarButton)
        }
        assert after == before
        assert window.top_bar.height() == strip


@pytest.mark.parametrize("size", SIZES, ids=["portrait", "landscape"])
def test_the_spoken_hint_names_the_speech_controls_true_place(
    qtbot: QtBot, content: Content, size: tuple[int, int], kiosk_fonts: None
) -> None:
    engine = RecordingEngine(duration_ms=10, write_audio=False)
    window = make_window(qtbot, content, size, speech_engine=engine)
    button = window.bottom_bar.speech_mode
    assert button.isVisible()
    spot = rect_in(window, button)
    row, column = window.speech_control_place().split("-")
    assert row == "bottom" and column == "left"
    assert spot.bottom() > window.height() * 2 // 3 and spot.left() < window.width() // 3


# -- cap height -----------------------------------------------------------------------


def shown_texts(window: KioskWindow) -> Iterator[tuple[str, QFont]]:
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or not window.isVisible():
            continue
        if isinstance(widget, QLabel) and widget.text():
            yield widget.text(), widget.font()
        elif isinstance(widget, QToolButton):
            if widget.toolButtonStyle() != Qt.ToolButtonStyle.ToolButtonIconOnly and widget.text():
                yield widget.text(), widget.font()
        elif isinstance(widget, QAbstractButton) and widget.text():
            yield widget.text(), widget.font()
        elif isinstance(widget, QLineEdit):
            yield widget.placeholderText() or widget.text() or "field", widget.font()
        elif isinstance(widget, PageView):
            block = widget.document().begin()
            while block.isValid():
                it = block.begin()
                while not it.atEnd():
                    fragment = it.fragment()
                    if fragment.isValid() and fragment.text().strip():
                        yield fragment.text()[:30], fragment.charFormat().font()
                    it += 1
                block = block.next()


@pytest.mark.parametrize("lang", ["pl", "uk"])
def test_every_text_has_large_capitals_at_the_largest_size(
    qtbot: QtBot, content: Content, lang: str, kiosk_fonts: None
) -> None:
    engine = RecordingEngine(duration_ms=10, write_audio=False)
    window = make_window(qtbot, content, PORTRAIT, LARGEST, lang=lang, speech_engine=engine)
    window.kiosk.finish_start()
    small: list[str] = []

    def check(where: str) -> None:
        settle()
        for text, font in shown_texts(window):
            cap = QFontMetrics(font).capHeight()
            if cap < CAP_HEIGHT_AT_LARGEST:
                small.append(f"{where}: {text!r} cap {cap:.1f} px")

    check("home")
    open_page(window, "waste")
    check("page waste")
    open_page(window)
    check("page id-card")
    window.kiosk.open_search()
    window.search_screen.wait_for_index()
    window.kiosk.session.set_search_text("dowód")
    check("search")
    window.kiosk.open(Location("plan"))
    check("plan")
    window.bottom_bar.language.click()
    check("language list")
    window.bottom_bar.chooser.close_overlay()
    window.show_idle_warning(20)
    check("idle warning")
    window.close_idle_warning()
    assert not small, small


# -- focus ----------------------------------------------------------------------------


def edge_run(image: QImage, colour: str, y: int) -> int:
    """How many pixels from the left edge, at row ``y``, are ``colour``."""
    run = 0
    while run < image.width() and image.pixelColor(run, y).name() == colour:
        run += 1
    return run


@pytest.mark.parametrize("theme_name", list(THEMES))
def test_focus_differs_by_three_to_one_and_is_thicker(
    qtbot: QtBot, content: Content, theme_name: str, kiosk_fonts: None
) -> None:
    theme = THEMES[theme_name]
    window = make_window(qtbot, content, PORTRAIT, theme=theme_name)
    for widget in (window.bottom_bar.search, window.home_screen.tiles[0]):
        widget.clearFocus()
        settle()
        before = widget.grab().toImage()
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        settle()
        after = widget.grab().toImage()
        y = after.height() // 2
        outline = before.pixelColor(0, y).name()
        assert outline == theme.button_border
        assert after.pixelColor(0, y).name() == theme.focus
        assert contrast(theme.focus, outline) >= 3.0, f"{theme_name}: {contrast(theme.focus, outline):.2f}"
        assert edge_run(after, theme.focus, y) >= 2 * edge_run(before, outline, y) + 2


@pytest.mark.parametrize("size", SIZES, ids=["portrait", "landscape"])
def test_tab_never_lands_off_screen(
    qtbot: QtBot, content: Content, size: tuple[int, int], kiosk_fonts: None
) -> None:
    window = make_window(qtbot, content, size, 200)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    def tab_through(where: str, presses: int) -> None:
        window.setFocus()
        for _ in range(presses):
            qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
            settle()
            widget = QApplication.focusWidget()
            assert widget is not None
            seen = widget.visibleRegion().boundingRect()
            assert not seen.isEmpty(), f"{where}: focus on {widget.objectName()!r} is off screen"
            if widget.height() < window.height() // 2:
                assert seen.height() == widget.height(), f"{where}: {widget.objectName()!r} cut"

    tab_through("home", 30)
    open_page(window)
    window.page_screen.body.verticalScrollBar().setValue(10_000)  # the reader is at the end
    tab_through("page", 14)


# -- attract screen and idle warning ---------------------------------------------------


def test_a_tap_anywhere_or_any_key_starts_a_visit(qtbot: QtBot, content: Content, kiosk_fonts: None) -> None:
    window = make_window(qtbot, content, PORTRAIT)
    kiosk = window.kiosk
    for x in (40, window.width() // 2, window.width() - 40):
        for y in range(60, window.height(), window.height() // 9):
            kiosk.end_visit()
            settle()
            assert window.attract.isVisible()
            touch_at(window, QPoint(x, y))
            assert kiosk.is_visiting, f"a tap at {x},{y} did not start a visit"
            assert window.stack.currentWidget() is window.home_screen, f"a tap at {x},{y} went through"
    kiosk.end_visit()
    settle()
    qtbot.keyClick(window.attract, Qt.Key.Key_A)
    assert kiosk.is_visiting
    assert not window.attract.findChildren(QAbstractButton)  # nothing there can take the tap


@pytest.mark.parametrize("lang", ["pl", "en", "uk"])
@pytest.mark.parametrize("size", SIZES, ids=["portrait", "landscape"])
def test_the_idle_warning_fits_at_every_size(
    qtbot: QtBot, content: Content, lang: str, size: tuple[int, int], kiosk_fonts: None
) -> None:
    window = make_window(qtbot, content, size, lang=lang)
    warning = window.idle_warning
    for scale in FONT_SCALES:
        window.kiosk.session.set_font_scale(scale)
        window.show_idle_warning(58)
        settle()
        panel = rect_in(window, warning.panel)
        assert window.rect().contains(panel), f"{scale}%: the warning runs off the screen"
        for label in (warning.title, warning.countdown):
            assert label.height() >= label.heightForWidth(label.width()), f"{scale}% {lang}: {label.text()!r}"
            assert panel.contains(rect_in(window, label))
        button = warning.continue_button
        assert panel.contains(rect_in(window, button)), f"{scale}% {lang}: Continue is cut"
        assert button.width() >= button.sizeHint().width() and button.height() >= button.sizeHint().height()
        window.close_idle_warning()


@pytest.mark.parametrize("theme_name", list(THEMES))
def test_enabled_selected_and_disabled_look_solid_and_different(
    qtbot: QtBot, content: Content, theme_name: str, kiosk_fonts: None
) -> None:
    # Selected controls are filled with the office's accent (site.toml) where it reads well.
    theme = themed(THEMES[theme_name], content.site.accent)
    window = make_window(qtbot, content, PORTRAIT, theme=theme_name)
    bar = window.bottom_bar
    assert not bar.smaller.isEnabled() and bar.larger.isEnabled()  # at 100%: A− can do nothing
    disabled, enabled = bar.smaller.grab().toImage(), bar.larger.grab().toImage()
    y = enabled.height() // 2
    # Solid outlines all round (a dashed one has gaps of another colour along its edge).
    for image, outline in ((enabled, theme.button_border), (disabled, theme.disabled_border)):
        edge = {
            image.pixelColor(0, row).name() for row in range(image.height() // 4, image.height() * 3 // 4)
        }
        assert edge == {outline}, f"{theme_name}: outline {edge}"
    assert theme.disabled_border != theme.button_border and theme.disabled_text != theme.button_text
    bar.language.click()
    settle()
    chosen = bar.language_buttons["pl"].grab().toImage()
    other = bar.language_buttons["en"].grab().toImage()
    middle = (chosen.width() // 5, y)
    assert chosen.pixelColor(*middle).name() == theme.accent  # selected: filled
    assert theme.accent != theme.button and contrast(theme.accent, theme.accent_text) >= 4.5
    assert other.pixelColor(*middle).name() == theme.button
    assert bar.language_buttons["pl"].text().startswith("✓")  # and marked, not by colour alone
