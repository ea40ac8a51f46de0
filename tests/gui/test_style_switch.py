"""A change of text size or colours restyles what is on screen, lays the page out once,
and leaves every screen as it would be in a kiosk started at that size and theme
(issue 20: A+, A− and Contrast within a frame or two; kiosk/ui/window_style.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk import paths
from kiosk.content.content import Content, load_content
from kiosk.session import Location
from kiosk.ui.main_window import KioskWindow
from kiosk.ui.style import BUTTON_PX, Metrics

LONGEST = "waste-collection"


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(paths.bundled_content_dir())


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()
        QTest.qWait(5)


class StyleChanges(QObject):
    """Counts the widgets Qt restyles (a StyleChange event each)."""

    def __init__(self) -> None:
        super().__init__()
        self.widgets: set[int] = set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.StyleChange and isinstance(watched, QWidget):
            self.widgets.add(id(watched))
        return False


def on_page(
    kiosk_window: Callable[..., KioskWindow],
    content: Content,
    size: tuple[int, int],
    every_screen: bool = True,
) -> KioskWindow:
    """The longest page open; ``every_screen``: every screen made first, as the running
    kiosk makes them right after its first paint (else each is made on first use)."""
    window = kiosk_window(content, "pl", size=size)
    if every_screen:
        for step in window.screen_steps():
            step()
    window.kiosk.begin_visit()
    window.kiosk.session.open(Location("page", LONGEST))
    settle()
    return window


def tap(button: QWidget) -> None:
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    settle()


@pytest.mark.parametrize("control", ["larger", "contrast"])
def test_a_switch_restyles_what_is_on_screen_only(
    kiosk_window: Callable[..., KioskWindow], content: Content, control: str
) -> None:
    window = on_page(kiosk_window, content, (1080, 1920))
    parts_on_screen = (window.top_bar, window.bottom_bar, window.page_screen)
    on_screen = sum(1 + len(part.findChildren(QWidget)) for part in parts_on_screen)
    everything = window.findChildren(QWidget)
    assert len(everything) > 4 * on_screen  # (what the count below tells apart)
    spy = StyleChanges()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(spy)
    try:
        tap(getattr(window.top_bar, control))
    finally:
        app.removeEventFilter(spy)
    # The bars and the page (with their hidden buttons); never the hidden screens,
    # overlays and keyboard keys, which follow when they are shown.
    # (and one widget without a parent, which reads the window's colours from the sheet)
    assert 0 < len(spy.widgets) <= on_screen + 1, (len(spy.widgets), on_screen, len(everything))
    assert window.styleSheet() == ""  # no sheet on the whole window
    style = window.window_style
    for part in (window.top_bar, window.bottom_bar, window.page_screen):
        assert style.is_current(part)
    assert not style.is_current(window.search_screen)
    window.kiosk.open_search()
    settle()
    assert style.is_current(window.search_screen)


def test_a_switch_lays_the_page_out_once(kiosk_window: Callable[..., KioskWindow], content: Content) -> None:
    window = on_page(kiosk_window, content, (1920, 1080))
    body = window.page_screen.body
    for control in (window.top_bar.larger, window.top_bar.contrast, window.top_bar.smaller):
        old = body.document()
        relayouts: list[object] = []
        old.documentLayout().documentSizeChanged.connect(relayouts.append)
        built = body.documents_built
        tap(control)
        assert body.documents_built == built + 1  # one new document for the new look
        assert relayouts == []  # the old one is not laid out again for the new font
        assert body.document().toPlainText().strip()


def test_a_page_opened_again_keeps_its_document(
    kiosk_window: Callable[..., KioskWindow], content: Content
) -> None:
    window = on_page(kiosk_window, content, (1080, 1920))
    window.kiosk.home()
    window.kiosk.open(Location("page", LONGEST))  # as from a tile: laid out while hidden
    settle()
    body = window.page_screen.body
    document = body.document()
    built = body.documents_built
    window.kiosk.home()
    window.kiosk.open(Location("page", LONGEST))
    settle()
    assert body.document() is document
    assert body.documents_built == built
    assert body.verticalScrollBar().value() == 0  # from its start, as a new page
    window.kiosk.open(Location("page", "id-card"))
    settle()
    assert body.document() is not document  # another page: built for it
    assert "dow" in body.document().toPlainText().lower()


def test_a_page_opened_after_a_switch_is_built_once(
    kiosk_window: Callable[..., KioskWindow], content: Content
) -> None:
    """A switch on another screen: the page (hidden then) is built once, for the page
    opened next, in the new look; the page it showed before is not built again first."""
    window = on_page(kiosk_window, content, (1080, 1920))
    body = window.page_screen.body
    window.kiosk.home()
    settle()
    tap(window.top_bar.larger)
    built = body.documents_built
    window.kiosk.open(Location("page", "id-card"))
    settle()
    assert body.documents_built == built + 1
    assert body.document().defaultFont().pixelSize() == window.page_screen.body.font().pixelSize()
    assert window.page_screen.body.font().pixelSize() == Metrics(window.kiosk.session.font_scale).body


def look(window: KioskWindow, root: QWidget) -> list[tuple[object, ...]]:
    """What a visitor sees of ``root``: each widget on screen, its place, font and colours."""
    shown = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        palette = widget.palette()
        font = widget.font()
        shown.append(
            (
                type(widget).__name__,
                widget.objectName(),
                widget.mapTo(window, widget.rect().topLeft()).toTuple(),
                widget.size().toTuple(),
                font.pixelSize(),
                font.bold(),
                palette.color(QPalette.ColorRole.WindowText).name(),
                palette.color(QPalette.ColorRole.Window).name(),
                palette.color(QPalette.ColorRole.Base).name(),
                palette.color(QPalette.ColorRole.ButtonText).name(),
            )
        )
    return shown


def switch(window: KioskWindow) -> None:
    """Two sizes larger and high contrast, as A+, A+ and Contrast do."""
    session = window.kiosk.session
    session.larger_text()
    session.larger_text()
    session.toggle_contrast()
    settle()


def test_what_was_hidden_at_a_switch_looks_as_if_on_screen(
    kiosk_window: Callable[..., KioskWindow], content: Content
) -> None:
    """Hidden screens take the new look when shown: each looks exactly as when it was on
    screen at the switch. (Portrait: in landscape the control column's width depends on
    the screen shown at a switch, as it did with one sheet on the whole window.)"""
    size = (1080, 1920)
    hidden = on_page(kiosk_window, content, size)
    switch(hidden)  # on the page: home and a section hidden
    hidden.kiosk.home()
    settle()
    shown = on_page(kiosk_window, content, size)
    shown.kiosk.home()
    settle()
    switch(shown)  # on the home screen
    assert look(hidden, hidden.home_screen) == look(shown, shown.home_screen)
    assert look(hidden, hidden.top_bar) == look(shown, shown.top_bar)
    assert look(hidden, hidden.bottom_bar) == look(shown, shown.bottom_bar)
    section = Location("section", content.site.sections[0].id)
    hidden.kiosk.open(section)
    settle()
    shown.kiosk.open(section)
    settle()
    assert look(hidden, hidden.section_screen) == look(shown, shown.section_screen)


def test_a_screen_made_after_a_switch_looks_as_one_made_before_it(
    kiosk_window: Callable[..., KioskWindow], content: Content
) -> None:
    """Screens are made on first use: one first opened after A+ and Contrast looks
    exactly as one that was there, hidden, at the switch."""
    size = (1080, 1920)
    made_before = on_page(kiosk_window, content, size)
    made_after = on_page(kiosk_window, content, size, every_screen=False)
    assert "search" not in made_after.screens and "plan" not in made_after.screens
    for window in (made_before, made_after):
        switch(window)
    section = Location("section", content.site.sections[0].id)
    for location, screen in ((Location("search"), "search_screen"), (Location("plan"), "plan_screen"),
                             (section, "section_screen")):
        for window in (made_before, made_after):
            window.kiosk.open(location)
            settle()
        after, before = getattr(made_after, screen), getattr(made_before, screen)
        assert look(made_after, after) == look(made_before, before), screen
    assert made_after.plan_screen.canvas.text_scale == made_before.plan_screen.canvas.text_scale == 150


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)])
def test_an_overlay_hidden_at_a_switch_measures_itself_in_the_new_look(
    kiosk_window: Callable[..., KioskWindow],
    content: Content,
    size: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The idle warning opened after a switch fits its panel to its text in the new
    fonts: each time it measures itself, it is on the current sheet."""
    window = on_page(kiosk_window, content, size)
    warning = window.idle_warning
    window.show_idle_warning(20)
    window.close_idle_warning()
    settle()
    switch(window)
    assert not window.window_style.is_current(warning)  # hidden at the switch
    measured_on_current: list[bool] = []
    fit = type(warning)._fit

    def spy_fit(self: object) -> None:
        measured_on_current.append(window.window_style.is_current(warning))
        fit(warning)

    monkeypatch.setattr(type(warning), "_fit", spy_fit)
    window.show_idle_warning(20)
    settle()
    assert measured_on_current and all(measured_on_current)
    assert warning.continue_button.font().pixelSize() == Metrics(150).chrome.px(BUTTON_PX)


def test_an_overlay_made_later_takes_the_current_look(
    kiosk_window: Callable[..., KioskWindow], content: Content
) -> None:
    """A panel made after the start (as the staff PIN pad is) is styled as the rest."""
    from kiosk.ui.overlay import Overlay

    window = on_page(kiosk_window, content, (1080, 1920))
    tap(window.top_bar.larger)
    panel = Overlay(window)
    panel.open()
    settle()
    assert panel.styleSheet() == window.window_style.sheet
    assert panel.font().pixelSize() == Metrics(window.kiosk.session.font_scale).body


def test_the_logo_is_sized_for_the_text_whether_the_size_was_chosen_before_the_window_or_after(
    qtbot: object, kiosk_fonts: None, content: Content
) -> None:
    """``kiosk render --scale 250`` chooses the size before the window is made; a visitor
    after. The identity strip's logo is twice the office name's height either way (it
    was measured from the name's default font when chosen before)."""
    from kiosk.compose import build_kiosk, open_window
    from kiosk.config import Config
    from kiosk.startup import finish_start

    sizes = []
    for is_before in (True, False):
        kiosk = build_kiosk(Config.defaults(), content, "pl")
        if is_before:
            kiosk.session.set_font_scale(250)
        window = open_window(kiosk, 1080, 1920, on_screen=False)
        qtbot.addWidget(window)  # type: ignore[attr-defined]
        finish_start(window)
        if not is_before:
            kiosk.session.set_font_scale(250)
        settle()
        sizes.append(window.top_bar.logo.pixmap().size().toTuple())
    assert sizes[0] == sizes[1]
    assert sizes[0][1] > 80  # (at 100 % it is about 40 px high)
