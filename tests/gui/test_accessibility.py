"""Every screen readable and operable: target sizes, names, reflow, keyboard, contrast."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAccessible, QImage, QTextBlockFormat
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QLabel, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk import paths
from kiosk.content.content import Content, load_content
from kiosk.session import FONT_SCALES, Location
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.style import BODY_PX, SMALL_PX
from kiosk.ui.themes import PAIRS, THEMES, contrast, required_ratio
from kiosk.ui.widgets import TileButton
from tests.conftest import open_kiosk_window

SIZES = [(1080, 1920), (1920, 1080)]
LARGEST = FONT_SCALES[-1]


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(paths.bundled_content_dir())


def widest_table_page(content: Content) -> str:
    """The page whose table has the most columns (the hardest to reflow)."""

    def columns(html: str) -> int:
        rows = html.split("<tr>")[1:]
        return max((row.count("<td") + row.count("<th") for row in rows), default=0)

    return max(
        (v for p in content.site.pages.values() for v in p.variants.values()),
        key=lambda v: columns(content.html(v)),
    ).page_id


def locations(content: Content) -> Iterator[Location]:
    yield Location.home()
    yield Location("section", content.site.sections[1].id)
    for page_id in ("iso-9001", "floor-plan", widest_table_page(content), "sesje-rady"):
        yield Location("page", page_id)
    yield Location("search")


def make_window(
    qtbot: QtBot,
    content: Content,
    size: tuple[int, int],
    scale: int,
    lang: str = "pl",
    theme: str = "default",
) -> KioskWindow:
    window = open_kiosk_window(content, lang, size=size)
    session = window.kiosk.session
    session.set_font_scale(scale)
    session.set_theme(theme)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def settle() -> None:
    """Let layouts finish: height-for-width passes can take a few rounds of events."""
    for _ in range(4):
        QApplication.processEvents()
        QTest.qWait(5)


def visible(window: QWidget, kind: type) -> list:  # type: ignore[type-arg]
    return [w for w in window.findChildren(kind) if w.isVisibleTo(window)]


def scroll_parent(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


def on_screen(window: QWidget, widget: QWidget) -> QRect:
    """The part of ``widget`` a visitor can see (clipped by a scrolling view)."""
    rect = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
    area = scroll_parent(widget)
    if area is not None:
        viewport = area.viewport()
        rect = rect.intersected(QRect(viewport.mapTo(window, viewport.rect().topLeft()), viewport.size()))
    return rect


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Name)


def check_screen(window: KioskWindow, where: str) -> None:
    settle()
    window_rect = window.rect()
    buttons = visible(window, QAbstractButton)
    assert buttons, where
    for button in buttons:
        name = accessible_name(button)
        assert name.strip(), f"{where}: button {button.objectName()!r} has no accessible name"
        assert button.width() >= 44 and button.height() >= 44, f"{where}: {name!r} {button.size()}"
        # A tile's labels wrap (checked with the labels below); other buttons must fit their text.
        hint = button.minimumSizeHint() if isinstance(button, TileButton) else button.sizeHint()
        assert button.width() >= hint.width() - 1, f"{where}: label of {name!r} is cut off"
        assert (
            button.height() >= button.heightForWidth(button.width()) - 1
            if isinstance(button, TileButton)
            else True
        ), f"{where}: tile {name!r} too short for its text"
        if scroll_parent(button) is None:  # not inside a scrolling list: must be fully on screen
            assert window_rect.contains(on_screen(window, button)), (
                f"{where}: {name!r} off screen {on_screen(window, button)}"
            )
    shown = [(b, on_screen(window, b)) for b in buttons]
    shown = [(b, r) for b, r in shown if not r.isEmpty()]
    for (a, ra), (b, rb) in itertools.combinations(shown, 2):
        if ra.intersects(rb):
            raise AssertionError(f"{where}: {accessible_name(a)!r} overlaps {accessible_name(b)!r}")
        gap = max(
            rb.left() - ra.right() - 1,
            ra.left() - rb.right() - 1,
            rb.top() - ra.bottom() - 1,
            ra.top() - rb.bottom() - 1,
        )
        assert gap >= 8, f"{where}: {accessible_name(a)!r} and {accessible_name(b)!r} {gap}px apart"
    for label in visible(window, QLabel):
        if label.text() and label.wordWrap():
            assert label.height() >= label.heightForWidth(label.width()) - 1, (
                f"{where}: {label.text()!r} clipped"
            )
        elif label.text():
            assert label.width() >= label.sizeHint().width() - 1, f"{where}: {label.text()!r} clipped"
    for area in visible(window, QAbstractScrollArea):
        bar = area.horizontalScrollBar()
        assert bar.maximum() == 0, f"{where}: horizontal scrolling in {area.objectName()!r}"
        document = getattr(area, "document", None)
        if document is not None:
            assert document().size().width() <= area.viewport().width() + 1, f"{where}: text wider than view"


@pytest.mark.parametrize("size", SIZES, ids=["portrait", "landscape"])
@pytest.mark.parametrize("scale", [100, LARGEST])
@pytest.mark.parametrize("lang", ["pl", "en"])
def test_every_screen_reflows_with_named_large_targets(
    qtbot: QtBot, content: Content, size: tuple[int, int], scale: int, lang: str, kiosk_fonts: None
) -> None:
    window = make_window(qtbot, content, size, scale, lang)
    for location in locations(content):
        window.kiosk.session.open(location)
        if location.kind == "search":
            window.search_screen.wait_for_index()
            window.kiosk.session.set_search_text("podatek")
        check_screen(window, f"{location} at {scale}% {size} {lang}")
    window.kiosk.session.set_theme("yellow-on-black")  # shows three more buttons in the top bar
    check_screen(window, f"high contrast at {scale}% {size} {lang}")


def test_text_sizes_meet_the_minimums(qtbot: QtBot, content: Content, kiosk_fonts: None) -> None:
    window = make_window(qtbot, content, SIZES[0], 100)
    window.kiosk.session.open(Location("page", "opening-hours"))
    settle()
    for label in visible(window, QLabel):
        assert label.font().pixelSize() >= 18 or label.font().pointSize() * 4 / 3 >= 18, label.text()
    body_css = window.page_screen.body.document().defaultStyleSheet()
    assert f"font-size: {BODY_PX}px" in body_css and BODY_PX >= 22 and SMALL_PX >= 18
    window.kiosk.session.set_font_scale(LARGEST)
    settle()
    # EN 301 549 5.1.4: a capital letter ≥ 0.7° at 700 mm ≈ 31 px on a 24" full-HD screen.
    for button in visible(window, QAbstractButton):
        style = button.toolButtonStyle() if isinstance(button, QToolButton) else None
        if style == Qt.ToolButtonStyle.ToolButtonIconOnly:
            continue  # an icon alone (the control bar's large variant): no letters to measure
        metrics = button.fontMetrics()
        assert metrics.capHeight() >= 31 or metrics.ascent() * 0.72 >= 31, accessible_name(button)
    body = window.page_screen.body
    font = body.document().firstBlock().charFormat().font()
    assert body.document().defaultStyleSheet().count(f"font-size: {BODY_PX * LARGEST // 100}px") >= 1
    del font


def test_page_text_line_length_and_spacing(qtbot: QtBot, content: Content, kiosk_fonts: None) -> None:
    for size in SIZES:
        window = make_window(qtbot, content, size, 100)
        window.kiosk.session.open(Location("page", "iso-9001"))
        settle()
        document = window.page_screen.body.document()
        block = document.begin()
        longest = 0
        proportional = 0
        while block.isValid():
            layout = block.layout()
            for i in range(layout.lineCount()):
                longest = max(longest, layout.lineAt(i).textLength())
            fmt = block.blockFormat()
            if (
                block.text().strip()
                and fmt.lineHeightType() == QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
            ):
                assert fmt.lineHeight() >= 150
                proportional += 1
            assert fmt.alignment() != Qt.AlignmentFlag.AlignJustify
            block = block.next()
        assert 20 < longest <= 80, f"{size}: {longest} characters on a line"
        assert proportional > 5


def test_keyboard_only_home_to_page_and_back(qtbot: QtBot, content: Content, kiosk_fonts: None) -> None:
    window = make_window(qtbot, content, SIZES[0], 100)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.setFocus()
    focused_names = []
    for _ in range(80):  # Tab round the screen and the control bar, back to the first tile
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        assert widget is not None and widget.isVisible()
        focused_names.append(accessible_name(widget))
        if widget is window.home_screen.tiles[0] and "Większy tekst" in focused_names:
            break
    else:
        raise AssertionError(f"Tab never reached the tiles: {focused_names}")
    assert "Język" in focused_names and "Większy tekst" in focused_names  # the control bar
    assert all(focused_names), focused_names  # every stop has a name
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    assert QApplication.focusWidget() is window.home_screen.tiles[1]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left)
    assert QApplication.focusWidget() is window.home_screen.tiles[0]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.section_screen
    first = QApplication.focusWidget()
    assert first is window.section_screen.visible_tiles()[0]  # focus follows to the new screen
    qtbot.keyClick(first, Qt.Key.Key_Down)
    second = QApplication.focusWidget()
    assert second is window.section_screen.visible_tiles()[1]
    qtbot.keyClick(second, Qt.Key.Key_Space)
    assert window.stack.currentWidget() is window.page_screen
    assert QApplication.focusWidget() is window.page_screen.body
    qtbot.keyClick(window.page_screen.body, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.section_screen
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.home_screen


def test_focus_ring_is_drawn(qtbot: QtBot, content: Content, kiosk_fonts: None) -> None:
    for theme_name, theme in THEMES.items():
        window = make_window(qtbot, content, SIZES[0], 100, theme=theme_name)
        tile = window.home_screen.tiles[0]
        before = tile.grab().toImage()
        tile.setFocus(Qt.FocusReason.TabFocusReason)
        settle()
        after = tile.grab().toImage()
        focus = after.pixelColor(1, after.height() // 2).name()
        assert focus == theme.focus, f"{theme_name}: edge is {focus}"
        assert after.pixelColor(3, after.height() // 2).name() == theme.focus  # ≥ 4 px wide
        assert before.pixelColor(3, before.height() // 2).name() != theme.focus


def test_theme_tokens_meet_contrast_for_every_pair() -> None:
    failures = []
    for theme in THEMES.values():
        for fg, bg, minimum in PAIRS:
            need = required_ratio(theme, minimum)
            ratio = contrast(getattr(theme, fg), getattr(theme, bg))
            if ratio < need:
                failures.append(f"{theme.name}: {fg} on {bg} = {ratio:.2f} < {need}")
    assert not failures, failures
    assert {"default", "yellow-on-black", "black-on-yellow", "white-on-black"} <= set(THEMES)


def test_contrast_formula_matches_wcag() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#ffff00", "#000000") == pytest.approx(19.56, abs=0.01)


@pytest.mark.parametrize("theme_name", ["yellow-on-black", "black-on-yellow", "white-on-black"])
def test_rendered_high_contrast_screens_use_only_the_scheme(
    qtbot: QtBot, content: Content, theme_name: str, kiosk_fonts: None
) -> None:
    theme = THEMES[theme_name]
    window = make_window(qtbot, content, SIZES[0], 100, theme=theme_name)
    window.kiosk.session.open(Location("page", "opening-hours"))
    settle()
    image: QImage = window.grab().toImage()
    counts: dict[str, int] = {}
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            name = image.pixelColor(x, y).name()
            counts[name] = counts.get(name, 0) + 1
    total = sum(counts.values())

    # Every pixel is the scheme's background, text or focus colour, or an anti-aliased
    # blend of the text (or focus) colour with the background.
    def rgb(colour: str) -> tuple[int, int, int]:
        return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)

    def on_blend(colour: str, a: str, b: str) -> bool:
        c, p, q = rgb(colour), rgb(a), rgb(b)
        d = [q[i] - p[i] for i in range(3)]
        length = sum(x * x for x in d) or 1
        t = max(0.0, min(1.0, sum((c[i] - p[i]) * d[i] for i in range(3)) / length))
        return sum((c[i] - p[i] - t * d[i]) ** 2 for i in range(3)) ** 0.5 < 16

    stray = {
        colour: n
        for colour, n in counts.items()
        if not (
            on_blend(colour, theme.background, theme.text) or on_blend(colour, theme.background, theme.focus)
        )
    }
    assert sum(stray.values()) / total < 0.002, sorted(stray.items(), key=lambda kv: -kv[1])[:6]
    assert counts.get(theme.background, 0) / total > 0.5
    assert counts.get(theme.text, 0) / total > 0.02  # there is text in the scheme's colour
    default = THEMES["default"]
    for colour in (default.bar, default.background, default.button_border):
        assert counts.get(colour, 0) == 0


def test_font_size_change_keeps_the_readers_place(qtbot: QtBot, content: Content, kiosk_fonts: None) -> None:
    window = make_window(qtbot, content, SIZES[0], 100)
    window.kiosk.session.open(Location("page", "waste-collection"))
    settle()
    body = window.page_screen.body
    bar = body.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    settle()
    before = body.cursorForPosition(body.viewport().rect().topLeft()).block().text()
    assert before
    for scale in (200, 300, 125):
        window.kiosk.session.set_font_scale(scale)
        settle()
        top = body.cursorForPosition(body.viewport().rect().topLeft()).block()
        shown = [top.text(), top.next().text(), top.previous().text()]
        assert before in shown, f"{scale}%: {before!r} not at the top; {shown}"
        assert bar.value() > 0


def test_session_reset_restores_size_and_contrast(qtbot: QtBot, content: Content, kiosk_fonts: None) -> None:
    window = make_window(qtbot, content, SIZES[0], 250, lang="en", theme="white-on-black")
    window.kiosk.session.open(Location("page", "iso-9001"))
    window.kiosk.session.reset()
    settle()
    assert (window.kiosk.session.font_scale, window.kiosk.session.theme, window.kiosk.session.language) == (
        100,
        "default",
        "pl",
    )
    assert window.stack.currentWidget() is window.home_screen
    # The home screen and the bars on screen are on the default theme's sheet, and so is
    # every hidden part once it is shown (kiosk/ui/window_style.py).
    for part in (window.home_screen, window.top_bar, window.bottom_bar):
        assert THEMES["default"].bar in part.styleSheet()
    assert window.window_style.sheet == part.styleSheet()
    assert window.top_bar.grab().toImage().pixelColor(2, 2).name() == THEMES["default"].bar
    assert not window.top_bar.contrast.isChecked()
