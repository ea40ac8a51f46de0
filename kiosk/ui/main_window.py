"""The kiosk window: top bar, the current screen, bottom bar."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGridLayout,
    QLayout,
    QStackedWidget,
    QWidget,
)

from kiosk import i18n
from kiosk.content.content import Content
from kiosk.i18n import _
from kiosk.printing import print_page, printer_available
from kiosk.session import Location, Session
from kiosk.speech.engine import SilentEngine, SpeechEngine
from kiosk.speech.player import SpeechPlayer
from kiosk.today.clock import Clock, MinuteTicker, SystemClock
from kiosk.today.header import header_line
from kiosk.today.opening import opening_status
from kiosk.ui.bars import BottomBar, TopBar
from kiosk.ui.home_screen import HomeScreen
from kiosk.ui.page_screen import PageScreen
from kiosk.ui.screens import Screen
from kiosk.ui.search_screen import SearchScreen
from kiosk.ui.section_screen import SectionScreen
from kiosk.ui.speech_mode import SpeechMode
from kiosk.ui.style import Metrics, stylesheet
from kiosk.ui.themes import theme

log = logging.getLogger(__name__)
ANNOUNCE_DELAY_MS = 150


class KioskWindow(QWidget):
    def __init__(
        self,
        content: Content,
        session: Session,
        parent: QWidget | None = None,
        clock: Clock | None = None,
        speech_engine: SpeechEngine | None = None,
    ) -> None:
        super().__init__(parent)
        self.clock: Clock = clock or SystemClock()
        self.ticker = MinuteTicker(self.clock, self)
        self.ticker.tick.connect(lambda _minute: self.update_today())
        self.setObjectName("KioskWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        # Closed means gone: its timers and application-wide filters go with it.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.content = content
        self.session = session
        self.top_bar = TopBar(session, content.site.languages)
        self.bottom_bar = BottomBar()
        self.home_screen = HomeScreen(content, session)
        self.section_screen = SectionScreen(content, session)
        self.page_screen = PageScreen(content, session)
        self.search_screen = SearchScreen(content, session)
        self.home_screen.today = lambda: self.clock.now().date()
        self.printer_name = ""  # from the configuration; "" = no printer
        self.page_screen.print_requested.connect(self.print_current_page)
        # The player belongs to the application, not the window: it outlives a window
        # replaced by new content, and is closed at exit.
        self.speech = SpeechPlayer(speech_engine or SilentEngine(), QApplication.instance())
        self.page_screen.set_speech(self.speech)
        self._pending_announcement: tuple[str, str] | None = None
        self._announce_timer = QTimer(self)
        self._announce_timer.setSingleShot(True)
        self._announce_timer.setInterval(ANNOUNCE_DELAY_MS)
        self._announce_timer.timeout.connect(self._say_pending)
        self.speech_mode = SpeechMode(session, self.announce, self)
        self.bottom_bar.speech_mode.setVisible(self.speech.is_available)
        self.bottom_bar.speech_mode.clicked.connect(self.toggle_speech_mode)
        session.speech_changed.connect(self._sync_speech_mode)
        session.was_reset.connect(self.speech.stop)
        self.stack = QStackedWidget()
        self.screens: dict[str, Screen] = {
            "home": self.home_screen,
            "section": self.section_screen,
            "page": self.page_screen,
            "search": self.search_screen,
        }
        for screen in self.screens.values():
            self.stack.addWidget(screen)
            screen.navigate.connect(self.session.open)
        # Portrait: bars above and below the screen. Landscape: the bars form a column on
        # the left, so that large text keeps the full height for the page.
        layout = self._grid = QGridLayout(self)
        # The window is the screen: never let large text push it past the screen's edge.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self._is_landscape: bool | None = None
        self._arrange(is_landscape=False)

        self.bottom_bar.back_requested.connect(session.back)
        self.bottom_bar.home_requested.connect(session.home)
        self.top_bar.search.clicked.connect(lambda: session.open(Location("search")))
        session.location_changed.connect(self._show_location)
        session.language_changed.connect(self._on_language)
        session.font_scale_changed.connect(self.apply_style)
        session.theme_changed.connect(self.apply_style)

        self._pending_content: Content | None = None
        # The running kiosk (kiosk.runtime) locks this; a preview window or a test may close.
        self.allow_close = True
        # Whether no visitor is using the kiosk now; the idle timer replaces this.
        self.idle_check: Callable[[], bool] = lambda: True
        self.input_mode = InputModeTracker.for_application()

        # The opening status needs the holiday calendar (slow to import): fill the header
        # and status lines right after the first screen is painted, not before.
        self._is_starting = True
        i18n.set_language(session.language)
        self.apply_style()
        self.retranslate()
        self._show_location(session.location)
        self.ticker.start()
        QTimer.singleShot(0, self._finish_start)

    def _finish_start(self) -> None:
        self._is_starting = False
        self.update_today()

    def _arrange(self, is_landscape: bool) -> None:
        if is_landscape == self._is_landscape:
            return
        self._is_landscape = is_landscape
        grid = self._grid
        for widget in (self.top_bar, self.stack, self.bottom_bar):
            grid.removeWidget(widget)
        if is_landscape:
            grid.addWidget(self.top_bar, 0, 0)
            grid.addWidget(self.bottom_bar, 1, 0)
            grid.addWidget(self.stack, 0, 1, 2, 1)
            grid.setColumnStretch(0, 0)
            grid.setColumnStretch(1, 1)
            grid.setRowStretch(0, 1)
            grid.setRowStretch(1, 0)
            grid.setRowStretch(2, 0)
        else:
            grid.addWidget(self.top_bar, 0, 0)
            grid.addWidget(self.stack, 1, 0)
            grid.addWidget(self.bottom_bar, 2, 0)
            grid.setColumnStretch(0, 1)
            grid.setColumnStretch(1, 0)
            grid.setRowStretch(0, 0)
            grid.setRowStretch(1, 1)
            grid.setRowStretch(2, 0)
        self.top_bar.set_side(is_landscape)
        self.bottom_bar.set_side(is_landscape)
        self._fit_side_column()

    def _fit_side_column(self) -> None:
        """In landscape: the narrowest column (from 28% of the width) that shows every
        control without cutting a label or running past the bottom of the screen."""
        width = 16777215
        if self._is_landscape:
            needed = max(self.top_bar.widest_control(), self.bottom_bar.widest_control(), 360)
            for percent in (28, 34, 40, 46, 52):
                width = max(needed, self.width() * percent // 100)
                tall = self.top_bar.heightForWidth(width) + self.bottom_bar.heightForWidth(width)
                if tall <= self.height():
                    break
        self.top_bar.setMaximumWidth(width)
        self.bottom_bar.setMaximumWidth(width)
        if self._is_landscape:
            self.top_bar.setMinimumWidth(width)
            self.bottom_bar.setMinimumWidth(width)
        else:
            self.top_bar.setMinimumWidth(0)
            self.bottom_bar.setMinimumWidth(0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._arrange(is_landscape=event.size().width() > event.size().height())
        self._fit_side_column()
        super().resizeEvent(event)

    @property
    def current_screen(self) -> Screen:
        widget = self.stack.currentWidget()
        assert isinstance(widget, Screen)
        return widget

    # -- live content ------------------------------------------------------------
    def offer_content(self, content: Content) -> None:
        """New valid content: switched to at the next safe moment, never mid-visit."""
        self._pending_content = content
        if self.session.location.kind == "home" and self.idle_check():
            self.apply_pending_content()

    def apply_pending_content(self) -> bool:
        content, self._pending_content = self._pending_content, None
        if content is None:
            return False
        log.info("switching to content in %s", content.site.root)
        self.content = content
        for screen in self.screens.values():
            screen.set_content(content)
        self.session.default_language = content.site.default_language
        self.retranslate()
        self.apply_style()
        self._show_location(self.session.location)
        return True

    def _show_location(self, location: Location) -> None:
        if location.kind == "home" and self._pending_content is not None:
            self.apply_pending_content()
            return
        screen = self.screens.get(location.kind, self.home_screen)
        screen.open(location)
        screen.retranslate()
        self.stack.setCurrentWidget(screen)
        self.bottom_bar.back.setEnabled(self.session.can_go_back)
        self.bottom_bar.home.setEnabled(location.kind != "home")
        self._update_title()
        self._settle_focus(screen)
        if location.kind != "page":
            self.page_screen.stop_reading()  # leaving the page silences it at once
        self._announce_screen(location)
        log.debug("showing %s", location)

    def _settle_focus(self, screen: Screen) -> None:
        """Buttons take focus from Tab, not from a tap; after a screen change a keyboard
        user continues on the new screen, a touch user sees no stray focus ring."""
        for button in self.findChildren(QAbstractButton):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        if self.input_mode.is_keyboard:
            target = screen.first_focus()
            if target is not None:
                target.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_language(self, lang: str) -> None:
        self.page_screen.stop_reading()
        i18n.set_language(lang)
        self.retranslate()

    def retranslate(self) -> None:
        site = self.content.site
        self.top_bar.office.setText(site.office.name(self.session.language))
        self.top_bar.retranslate()
        self.bottom_bar.retranslate()
        self.update_today()
        for screen in self.screens.values():
            screen.retranslate()
        self._update_title()

    def header_text(self) -> str:
        """'Dziś jest wtorek, 24 listopada 2026 · 14:05 | imieniny: Emmy, Flory'."""
        namedays = self.content.namedays
        if namedays is None:
            return ""
        return header_line(self.clock.now(), self.session.language, namedays)

    def opening_text(self) -> str:
        site = self.content.site
        if not site.hours:
            return ""
        return opening_status(site, self.clock.now()).text(self.session.language)

    def update_today(self) -> None:
        """The date, name days and opening status; every minute and on a language change."""
        if self._is_starting:
            return
        for label, text in (
            (self.top_bar.header_line, self.header_text()),
            (self.bottom_bar.status, self.opening_text()),
        ):
            label.setText(text)
            label.setVisible(bool(text))
        self._fit_side_column()  # the lines can wrap: the landscape column may need widening

    def _update_title(self) -> None:
        title = self.current_screen.accessible_title()
        office = self.content.site.office.name(self.session.language)
        self.setWindowTitle(f"{title} — {office}" if title else office)

    def apply_style(self, *_: object) -> None:
        metrics = Metrics(self.session.font_scale)
        current = theme(self.session.theme)
        self.setStyleSheet(stylesheet(current, metrics.scale))
        self.top_bar.apply_metrics(metrics)
        self.bottom_bar.apply_metrics(metrics)
        for screen in self.screens.values():
            screen.apply_metrics(metrics)
        self.page_screen.apply_style(current, metrics)
        self._fit_side_column()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Only staff (the staff panel's Exit) may close the kiosk."""
        if self.allow_close:
            self.ticker.stop()
            self._announce_timer.stop()
            self.speech.close()  # media objects go from the event loop, not with the window
            event.accept()
        else:
            log.info("refused to close the kiosk window")
            event.ignore()

    def set_printer(self, name: str) -> None:
        self.printer_name = name if printer_available(name) else ""
        if name and not self.printer_name:
            log.warning("printer %r is not available; the Print button is hidden", name)
        self.page_screen.set_printing(bool(self.printer_name))

    def print_current_page(self) -> None:
        variant = self.page_screen.variant
        if variant is None or not self.printer_name:
            return
        lang = self.session.language
        try:
            print_page(self.content, variant, lang, self.clock.now(), printer_name=self.printer_name)
        except OSError as exc:
            log.error("printing failed: %s", exc)
            message = _("Printing did not work. Please ask at the information desk.")
        else:
            message = _("Printing. Please take the printout from the printer.")
        self.page_screen.confirm(message)
        self.announce(message)

    def announce(self, text: str, always: bool = False) -> None:
        """Say something to the visitor: in speech mode, or ``always`` (a warning that must
        reach every visitor through more than one sense). Replaces what was being said."""
        log.info("announce: %s", text)
        if (always or self.session.is_speech_mode) and self.speech.is_available:
            self.page_screen.stop_reading()
            # Quick touches in a row: only the last is said. Waiting a moment also spares
            # the media backend a burst of source changes, which it does not take well.
            self._pending_announcement = (text, self.session.language)
            self._announce_timer.start()

    def _say_pending(self) -> None:
        pending, self._pending_announcement = self._pending_announcement, None
        if pending is not None and self.speech.is_available:
            self.speech.announce(*pending)

    def toggle_speech_mode(self) -> None:
        self.session.set_speech(is_speech_mode=not self.session.is_speech_mode)

    def _sync_speech_mode(self) -> None:
        self.bottom_bar.speech_mode.setChecked(self.session.is_speech_mode)
        self.bottom_bar.retranslate()

    def _announce_screen(self, location: Location) -> None:
        """In speech mode every screen change is announced ("Strona: Godziny otwarcia")."""
        if not self.session.is_speech_mode:
            return
        title = self.current_screen.accessible_title()
        if location.kind == "page":
            text = _("Page: %(title)s") % {"title": title}
            if self.page_screen.notice.isVisible():
                text += ". " + self.page_screen.notice.text()
        elif location.kind == "section":
            text = _("Section: %(title)s") % {"title": title}
        else:
            text = title
        self.announce(text)

    def staff_warning(self, text: str) -> None:
        """Show (or with "" hide) a message meant for office staff."""
        self.bottom_bar.warning.setText(text)
        self.bottom_bar.warning.setVisible(bool(text))

    def recover(self) -> None:
        """After an unexpected error: close whatever is open and show the home screen."""
        for widget in QApplication.topLevelWidgets():
            if widget is not self and widget.isVisible() and widget.isWindow() and widget.isModal():
                widget.close()
        self.session.home()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        focused = QApplication.focusWidget()
        if key == Qt.Key.Key_Escape:
            self.session.back()
            return
        if key in (Qt.Key.Key_Asterisk, Qt.Key.Key_F2) and self.speech.is_available:
            self.toggle_speech_mode()  # the keypad's star key: found without sight
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(focused, QAbstractButton):
            focused.click()
            return
        step = ARROW_STEPS.get(Qt.Key(key))
        if step is not None and self._move_focus(focused, *step):
            return
        super().keyPressEvent(event)

    def _move_focus(self, focused: QWidget | None, across: int, down: int) -> bool:
        """Arrow keys move between the tiles of a grid or list."""
        targets = self.current_screen.focus_targets()
        if focused not in targets:
            return False
        columns = self.current_screen.grid_columns()
        index = targets.index(focused) + across + down * columns  # type: ignore[arg-type]
        if 0 <= index < len(targets):
            targets[index].setFocus(Qt.FocusReason.TabFocusReason)
        return True


ARROW_STEPS: dict[Qt.Key, tuple[int, int]] = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}


class InputModeTracker(QObject):
    """Remembers whether the visitor last used keys or touch (to place focus well)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.is_keyboard = False

    @classmethod
    def for_application(cls) -> InputModeTracker:
        """One tracker per application, shared by every window (one filter on every event)."""
        app = QApplication.instance()
        existing = app.findChild(cls) if app is not None else None
        if isinstance(existing, cls):
            return existing
        tracker = cls(app)
        if app is not None:
            app.installEventFilter(tracker)
        return tracker

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.KeyPress:
            self.is_keyboard = True
        elif kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            self.is_keyboard = False
        return False
