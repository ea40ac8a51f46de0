"""The kiosk window: layout and screens. It shows what the controller says and sends the
visitor's intents to it (``kiosk.controller.Kiosk``); it holds no state of its own."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QInputEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGridLayout,
    QLayout,
    QLineEdit,
    QStackedWidget,
    QWidget,
)

from kiosk.content.content import Content
from kiosk.content.survey import Survey
from kiosk.identity import themed
from kiosk.keypad import Keypad
from kiosk.languages import uses_chooser
from kiosk.session import Location, Screen
from kiosk.ui.attract_screen import AttractScreen
from kiosk.ui.bars import BottomBar, TopBar
from kiosk.ui.focus import FocusKeeper
from kiosk.ui.focus_walk import FocusWalk
from kiosk.ui.headphones_question import HeadphonesQuestion
from kiosk.ui.idle_warning import IdleWarning
from kiosk.ui.keypad_filter import KeypadFilter
from kiosk.ui.keypad_use import KeypadUse
from kiosk.ui.launch_tiles import home_stylesheet
from kiosk.ui.overlay import Overlay
from kiosk.ui.screens import Screen as ScreenWidget
from kiosk.ui.speech_mode import SpeechMode
from kiosk.ui.style import Metrics, stylesheet
from kiosk.ui.survey_dialog import SurveyDialog
from kiosk.ui.themes import theme
from kiosk.ui.volume_item import VolumeItem
from kiosk.ui.window_style import WindowStyle

if TYPE_CHECKING:
    from kiosk.controller import Kiosk
    from kiosk.ui.easy_read_screen import EasyReadScreen
    from kiosk.ui.home_screen import HomeScreen
    from kiosk.ui.language_chooser import LanguageChooser
    from kiosk.ui.page_screen import PageScreen
    from kiosk.ui.plan_screen import PlanScreen
    from kiosk.ui.search_screen import SearchScreen
    from kiosk.ui.section_screen import SectionScreen
    from kiosk.ui.video_player import VideoScreen

_ScreenT = TypeVar("_ScreenT", bound=ScreenWidget)

# Every screen, in the order they are made after the first paint (the first shown first).
SCREEN_KINDS = (
    Screen.HOME,
    Screen.SECTION,
    Screen.PAGE,
    Screen.SEARCH,
    Screen.PLAN,
    Screen.EASY_READ,
    Screen.VIDEO,
)

log = logging.getLogger(__name__)


class KioskWindow(QWidget):
    """Top bar, the current screen, bottom bar; the attract screen and the idle warning
    over them. Implements :class:`kiosk.controller.KioskView`."""

    def __init__(self, kiosk: Kiosk, parent: QWidget | None = None, takes_input: bool = True) -> None:
        """``takes_input=False``: a window that is only drawn (``kiosk render``) and never
        on a screen. Its input filters are not installed: no touch or key reaches it, and
        a Python filter on every event of the application makes PySide create the Python
        type of every object an event comes to (about 190 types with their enums, 28 ms
        when the page text is first made)."""
        super().__init__(parent)
        self.kiosk = kiosk
        session = kiosk.session
        content = kiosk.content
        self.setObjectName("KioskWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        # Closed means gone: its timers and application-wide filters go with it.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        # The control bar (every control) and the identity strip over the screen.
        self.bottom_bar = BottomBar(session, content.site.languages, self)
        self.top_bar = TopBar(session, self.bottom_bar)
        # The screens are made on first use (``screen_for``): start-up makes the one shown
        # first, the rest are made right after the first paint (kiosk.startup).
        self.screens: dict[str, ScreenWidget] = {}
        self._is_printing = False
        self.speech_mode = SpeechMode(
            session,
            kiosk.respond,
            self,
            toggle_pause=kiosk.toggle_reading,
            where=self.screen_title,
            cancel_announcement=kiosk.cancel_announcement,
            move_paragraph=lambda step: self.page_screen.move_paragraph(step),
            listen=takes_input,
        )
        # The tactile keypad's keys (kiosk.toml), seen before the speech mode's filter.
        self.keypad = KeypadFilter(Keypad(dict(kiosk.settings.keypad)), self, listen=takes_input)
        # No trap in text or plan.
        self.focus_walk = FocusWalk(self, lambda: session.is_speech_mode, listen=takes_input)
        self.bottom_bar.speech_mode.setVisible(kiosk.speech.is_available)
        self.bottom_bar.speech_mode.clicked.connect(kiosk.toggle_speech_mode)
        # In speech mode, volume is an item of every screen (kiosk/ui/volume_item.py).
        self.volume_item = VolumeItem(session, kiosk.change_volume)
        self.bottom_bar.row.add(self.volume_item)
        session.speech_changed.connect(self._sync_speech_mode)
        self.stack = QStackedWidget()
        # Portrait: bars above and below the screen. Landscape: the bars form a column on
        # the left, so that large text keeps the full height for the page.
        layout = self._grid = QGridLayout(self)
        # The window is the screen: never let large text push it past the screen's edge.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self._is_landscape: bool | None = None
        self._arrange(is_landscape=False)
        self.bottom_bar.back_requested.connect(kiosk.back)
        self.bottom_bar.home_requested.connect(kiosk.home)
        self.top_bar.search.clicked.connect(kiosk.open_search)
        self.top_bar.plan.clicked.connect(lambda: kiosk.open(Location(Screen.PLAN)))

        # Between visitors: the attract screen; when nobody answers: the idle warning.
        self.attract = AttractScreen(
            self, content, lambda: session.language, lambda: kiosk.clock.now().date(), kiosk.header_text
        )
        self.attract.started.connect(lambda: kiosk.begin_visit())
        self.attract.started_with_speech.connect(lambda: kiosk.begin_visit(with_speech=True))
        self.attract.announcement_opened.connect(lambda page: kiosk.open(Location(Screen.PAGE, page)))
        self._language_chooser: LanguageChooser | None = None  # made when first opened
        if uses_chooser(content.site.languages):
            # Up to three languages fit the bar's short list at every text size; more
            # get the chooser's grid of tiles instead (columns by the longest name).
            self.bottom_bar.language.clicked.disconnect()
            self.bottom_bar.language.clicked.connect(lambda: self.language_chooser.open())
        self.idle_warning = IdleWarning(self)
        self.idle_warning.continue_button.clicked.connect(kiosk.continue_visit)
        # "End visit" and the office's survey (offered by the controller); keypad use.
        self.bottom_bar.end_requested.connect(kiosk.finish_visit)
        # Focus on the first answer for a key user; never in speech mode, where Enter
        # must use only what was heard.
        self.survey_dialog = SurveyDialog(
            self, kiosk.visit_stats, lambda: self.input_mode.is_keyboard and not session.is_speech_mode
        )
        self.survey_dialog.answered.connect(self._on_survey_answer)
        self.survey_dialog.finished.connect(lambda _outcome: kiosk.survey_closed())
        self.keypad_use = KeypadUse(kiosk.keypad_used, self, listen=takes_input)
        self.headphones_question = HeadphonesQuestion(self)
        self.headphones_question.answered.connect(kiosk.keep_speech)
        # The running kiosk (kiosk.runtime) locks this; a preview window or a test may close.
        self.allow_close = True
        self.input_mode = InputModeTracker.for_application() if takes_input else InputModeTracker(self)
        # A new window, and each next visitor, start as touch users: the last visitor's
        # keys say nothing of how the next one will use the kiosk.
        self.input_mode.is_keyboard = False
        kiosk.reset_hooks.append(self.input_mode.forget)
        self.focus_keeper = FocusKeeper.for_application()  # focus is never off screen
        # The style sheet, part by part: a change restyles what is on screen at once.
        self.window_style = style = WindowStyle(self, self.stack)
        style.follow(self.top_bar, lambda theme, metrics: self.top_bar.apply_metrics(metrics, theme))
        style.follow(self.bottom_bar, lambda theme, metrics: self.bottom_bar.apply_metrics(metrics, theme))
        self._show_plan_entry(content)
        # The opening status needs the holiday calendar (slow to import): the controller
        # fills the header and status lines right after the first screen is painted.
        from kiosk.startup import after_first_paint

        after_first_paint(self, kiosk.finish_start)

    # -- the screens, made on first use ------------------------------------------------
    def screen_for(self, kind: str) -> ScreenWidget:
        """The screen for ``kind`` (a :class:`kiosk.session.Screen`), made if it is not yet."""
        if kind not in SCREEN_KINDS:
            kind = Screen.HOME
        made = self.screens.get(kind)
        if made is None:
            made = self.screens[kind] = self._make_screen(kind)
        return made

    def screen_steps(self) -> list[Callable[[], None]]:
        """One step per screen not made yet, each making it (the running kiosk does them
        right after its first paint, so that the first tap finds its screen made)."""

        def step(kind: str) -> Callable[[], None]:
            def make() -> None:
                self.screen_for(kind)  # nothing if it was made meanwhile

            return make

        return [step(kind) for kind in SCREEN_KINDS if kind not in self.screens]

    def _make_screen(self, kind: str) -> ScreenWidget:
        kiosk, session, content = self.kiosk, self.kiosk.session, self.kiosk.content
        style = self.window_style
        screen: ScreenWidget
        if kind == Screen.SECTION:
            from kiosk.ui.section_screen import SectionScreen

            screen = SectionScreen(content, session)
        elif kind == Screen.PAGE:
            from kiosk.ui.page_screen import PageScreen

            page = screen = PageScreen(content, session)
            page.set_helpful(kiosk.visit_stats)
            page.print_requested.connect(lambda: kiosk.print_page(page.page_id))
            page.set_speech(kiosk.speech)
            page.easy_read_toggled.connect(kiosk.toggle_easy_read)
            page.set_printing(self._is_printing)
            style.before(page, page.hold_place)  # before a new sheet
            style.follow(page, page.apply_style)
        elif kind == Screen.SEARCH:
            from kiosk.ui.search_screen import SearchScreen

            search = screen = SearchScreen(content, session, kiosk.search)
            search.typed.connect(kiosk.announce)  # in speech mode
            search.results_shown.connect(
                lambda query, count: kiosk.visit_stats.search_changed(query, count, session.language)
            )
            search.keyboard.set_layout(session.language)  # the visitor's alphabet
        elif kind == Screen.PLAN:
            from kiosk.ui.plan_screen import PlanScreen

            plan = screen = PlanScreen(content, session, kiosk.settings.kiosk_position)
            plan.set_speech(kiosk.speech)
            plan.print_requested.connect(lambda: kiosk.print_route(plan.room_id, plan.is_step_free))
            plan.set_printing(self._is_printing)
            kiosk.reset_hooks.append(plan.canvas.drop_drawn_images)
        elif kind == Screen.EASY_READ:
            from kiosk.ui.easy_read_screen import EasyReadScreen

            screen = EasyReadScreen(content, session)
        elif kind == Screen.VIDEO:
            from kiosk.ui.video_player import VideoScreen

            # Sign-language video: stopped and let go at the end of a visit, and while it
            # plays the visitor is watching (the idle timer waits).
            video = screen = VideoScreen(content, session)
            kiosk.reset_hooks.append(video.release)
            kiosk.busy_checks.append(lambda: video.is_playing)
            style.follow(video, video.apply_style)
        else:
            from kiosk.ui.home_screen import HomeScreen

            home = screen = HomeScreen(content, session)
            home.today = lambda: kiosk.clock.now().date()
            home.status = kiosk.status_card
        screen.navigate.connect(kiosk.open)
        style.follow_metrics(screen, screen.apply_metrics)
        self.stack.addWidget(screen)
        # At the stack's size at once, as a screen made at the start is: one laid out
        # first at a made-up size and then at the stack's would keep traces of the first
        # (a page's place, a panel's height).
        screen.setGeometry(self.stack.contentsRect())
        screen.retranslate()
        return screen

    def _made(self, kind: str, cls: type[_ScreenT]) -> _ScreenT:
        screen = self.screen_for(kind)
        assert isinstance(screen, cls)
        return screen

    @property
    def home_screen(self) -> HomeScreen:
        from kiosk.ui.home_screen import HomeScreen

        return self._made(Screen.HOME, HomeScreen)

    @property
    def section_screen(self) -> SectionScreen:
        from kiosk.ui.section_screen import SectionScreen

        return self._made(Screen.SECTION, SectionScreen)

    @property
    def page_screen(self) -> PageScreen:
        from kiosk.ui.page_screen import PageScreen

        return self._made(Screen.PAGE, PageScreen)

    @property
    def search_screen(self) -> SearchScreen:
        from kiosk.ui.search_screen import SearchScreen

        return self._made(Screen.SEARCH, SearchScreen)

    @property
    def plan_screen(self) -> PlanScreen:
        from kiosk.ui.plan_screen import PlanScreen

        return self._made(Screen.PLAN, PlanScreen)

    @property
    def easy_read_screen(self) -> EasyReadScreen:
        from kiosk.ui.easy_read_screen import EasyReadScreen

        return self._made(Screen.EASY_READ, EasyReadScreen)

    @property
    def video_screen(self) -> VideoScreen:
        from kiosk.ui.video_player import VideoScreen

        return self._made(Screen.VIDEO, VideoScreen)

    @property
    def language_chooser(self) -> LanguageChooser:
        """The grid of languages (more than three), made when first wanted."""
        if self._language_chooser is None:
            from kiosk.ui.language_chooser import LanguageChooser

            kiosk = self.kiosk
            chooser = LanguageChooser(
                self,
                kiosk.session,
                kiosk.content.site.languages,
                kiosk.announce,
                focus_first=lambda: self.input_mode.is_keyboard,  # no focus ring after a touch
            )
            self.window_style.follow_metrics(chooser, chooser.apply_metrics)
            self._language_chooser = chooser
        return self._language_chooser

    # -- the view protocol ----------------------------------------------------------
    def show_location(self, location: Location) -> None:
        screen = self.screen_for(location.kind)
        self.window_style.ready(screen)  # on the current style sheet before it lays out
        screen.open(location)
        screen.retranslate()
        self.stack.setCurrentWidget(screen)
        self.bottom_bar.back.setEnabled(self.kiosk.session.can_go_back)
        self.bottom_bar.home.setEnabled(location.kind != Screen.HOME)
        self._update_title()
        self._settle_focus(screen)

    def show_content(self, content: Content) -> None:
        for screen in self.screens.values():  # one made later starts on the new content
            screen.set_content(content)
        self.attract.set_content(content)
        self._show_plan_entry(content)
        self._show_logo()

    def _show_plan_entry(self, content: Content) -> None:
        self.top_bar.plan.setVisible(content.floors is not None and bool(content.floors.rooms))

    def show_style(self) -> None:
        session = self.kiosk.session
        metrics = Metrics(session.font_scale)
        current = themed(theme(session.theme), self.kiosk.content.site.accent)
        sheet = stylesheet(current, metrics.scale) + home_stylesheet(current, metrics.scale)
        self.window_style.restyle(sheet, current, metrics)  # bars, then screens (followers)
        self._show_logo()
        self._fit_side_column()

    def _show_logo(self) -> None:
        """The office's logo (site.toml ``logo``) in the identity strip, beside the office
        name, and large on the attract screen; nothing where there is none."""
        from kiosk.ui.icons import logo_pixmap

        logo = self.kiosk.content.site.logo
        office = self.top_bar.office
        office.ensurePolished()  # its size in the current sheet's font (not yet shown: kiosk render)
        for label, height in ((self.top_bar.logo, office.sizeHint().height() * 2), (self.attract.logo, 220)):
            pixmap = logo_pixmap(logo, max(24, height))
            label.setPixmap(pixmap)
            label.setVisible(not pixmap.isNull())

    def retranslate(self) -> None:
        site = self.kiosk.content.site
        self.top_bar.office.setText(site.office.name(self.kiosk.session.language))
        self.top_bar.retranslate()
        self.bottom_bar.retranslate()
        for screen in self.screens.values():  # one made later is translated as it is made
            screen.retranslate()
        self.idle_warning.retranslate()
        self.survey_dialog.set_language(self.kiosk.session.language)
        if Screen.SEARCH in self.screens:  # one made later takes the layout as it is made
            self.search_screen.keyboard.set_layout(self.kiosk.session.language)  # the visitor's alphabet
        self._update_title()

    def show_today(self, header: str, status: str) -> None:
        from kiosk.today import office_timezone
        from kiosk.today.header import clock_text

        clock = clock_text(self.kiosk.clock.now().astimezone(office_timezone())) if header else ""
        self.top_bar.show_today(header, clock, status)
        if Screen.HOME in self.screens:  # one made later shows it as it is made (retranslate)
            self.home_screen.show_status()

    def show_printing(self, is_available: bool) -> None:
        self._is_printing = is_available  # for the page and the plan made later
        if Screen.PAGE in self.screens:
            self.page_screen.set_printing(is_available)
        if Screen.PLAN in self.screens:
            self.plan_screen.set_printing(is_available)

    def show_print_result(self, message: str) -> None:
        is_plan = self.current_screen is self.screens.get(Screen.PLAN)
        (self.plan_screen if is_plan else self.page_screen).confirm(message)

    def stop_reading(self) -> None:
        if Screen.PAGE in self.screens:
            self.page_screen.stop_reading()
        if Screen.PLAN in self.screens:
            self.plan_screen.stop_reading()

    def screen_title(self) -> str:
        return self.current_screen.accessible_title()

    def show_attract(self) -> None:
        self.attract.open()

    def speech_control_place(self) -> str:
        button = self.bottom_bar.speech_mode
        centre = button.mapTo(self, button.rect().center())
        row = ("top", "middle", "bottom")[min(2, max(0, centre.y() * 3 // max(1, self.height())))]
        column = ("left", "centre", "right")[min(2, max(0, centre.x() * 3 // max(1, self.width())))]
        return f"{row}-{column}"

    def close_attract(self) -> None:
        self.attract.close_screen()

    def ask_keep_speech(self, question: str) -> None:
        self.speech_mode.forget()
        self.headphones_question.ask(question)

    def show_idle_warning(self, seconds_left: int) -> None:
        if self.survey_dialog.isVisible():  # the survey shows the countdown itself
            if self.survey_dialog.seconds_left <= 0:
                QApplication.beep()
            self.survey_dialog.show_countdown(seconds_left)
            return
        if not self.idle_warning.isVisible():
            QApplication.beep()  # shown, spoken (by the controller) and a sound
        self.idle_warning.show_countdown(seconds_left)

    def close_idle_warning(self) -> None:
        self.idle_warning.close_overlay()
        self.survey_dialog.show_countdown(0)

    def show_survey(self, survey: Survey) -> str:
        self.idle_warning.close_overlay()  # one panel: the survey with the countdown in it
        self.survey_dialog.ask(survey, self.kiosk.session.language, self.kiosk.content.site.default_language)
        self.speech_mode.forget()  # Up/Down start at the survey's first item
        return self.survey_dialog.spoken_text()

    def close_survey(self) -> None:
        self.survey_dialog.abandon()

    def _on_survey_answer(self) -> None:
        self.kiosk.survey_answered()
        self.speech_mode.forget()
        self.kiosk.announce(self.survey_dialog.spoken_text())  # the next question

    def close_overlays(self) -> None:
        for overlay in self.findChildren(Overlay):
            overlay.close_overlay()
        for widget in QApplication.topLevelWidgets():
            if widget is not self and widget.isVisible() and widget.isWindow() and widget.isModal():
                widget.close()

    # -- layout ----------------------------------------------------------------------
    def _arrange(self, is_landscape: bool) -> None:
        if is_landscape == self._is_landscape:
            return
        self._is_landscape = is_landscape
        grid = self._grid
        for widget in (self.top_bar, self.stack, self.bottom_bar):
            grid.removeWidget(widget)
        if is_landscape:
            grid.addWidget(self.bottom_bar, 0, 0, 2, 1)
            grid.addWidget(self.top_bar, 0, 1)
            grid.addWidget(self.stack, 1, 1)
            grid.setColumnStretch(0, 0)
            grid.setColumnStretch(1, 1)
            grid.setRowStretch(0, 0)
            grid.setRowStretch(1, 1)
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
        """The control bar sizes itself (a bounded row or column); the strip follows."""
        self.bottom_bar.arrange()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._arrange(is_landscape=event.size().width() > event.size().height())
        self._fit_side_column()
        super().resizeEvent(event)

    @property
    def current_screen(self) -> ScreenWidget:
        widget = self.stack.currentWidget()
        if widget is None:  # none shown yet: the one the session is about to show
            return self.screen_for(self.kiosk.session.location.kind)
        assert isinstance(widget, ScreenWidget)
        return widget

    def _settle_focus(self, screen: ScreenWidget) -> None:
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

    def _update_title(self) -> None:
        title = self.current_screen.accessible_title()
        office = self.kiosk.content.site.office.name(self.kiosk.session.language)
        self.setWindowTitle(f"{title} — {office}" if title else office)

    def _sync_speech_mode(self) -> None:
        self.bottom_bar.speech_mode.setChecked(self.kiosk.session.is_speech_mode)
        self.bottom_bar.retranslate()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Only staff (the staff panel's Exit) may close the kiosk."""
        if self.allow_close:
            if Screen.VIDEO in self.screens:
                self.video_screen.release(is_closing=True)
            self.kiosk.close()  # media objects go from the event loop, not with the window
            event.accept()
        else:
            log.info("refused to close the kiosk window")
            event.ignore()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        focused = QApplication.focusWidget()
        if key == Qt.Key.Key_Escape:
            self.kiosk.back()
            return
        if key in (Qt.Key.Key_Asterisk, Qt.Key.Key_F2) and self.kiosk.speech.is_available:
            self.kiosk.toggle_speech_mode()  # the keypad's star key: found without sight
            return
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_VolumeUp, Qt.Key.Key_Minus, Qt.Key.Key_VolumeDown):
            if self.kiosk.speech.is_available and not isinstance(focused, QLineEdit):
                self.kiosk.change_volume(1 if key in (Qt.Key.Key_Plus, Qt.Key.Key_VolumeUp) else -1)
                return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(focused, QAbstractButton):
            focused.click()
            return
        if key in (Qt.Key.Key_F1, Qt.Key.Key_Help):
            self.kiosk.announce(self.speech_mode.help_text(), always=True)  # asked for: always said
            return
        if key == Qt.Key.Key_Home:
            self.kiosk.home()
            return
        step = ARROW_STEPS.get(Qt.Key(key))
        if step is not None and self._move_focus(focused, *step):
            return
        super().keyPressEvent(event)

    def _move_focus(self, focused: QWidget | None, across: int, down: int) -> bool:
        """Arrow keys move between the tiles of a grid or list; elsewhere Up and Down go to
        the previous or next control, so that no field or text traps a keypad's focus."""
        targets = self.current_screen.focus_targets()
        if focused not in targets:
            if down:
                return self.focusNextPrevChild(down > 0)
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

    def forget(self) -> None:
        self.is_keyboard = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if not isinstance(event, QInputEvent):
            return False  # cheaply: a type() per event makes a Python enum
        kind = event.type()
        if kind == QEvent.Type.KeyPress:
            self.is_keyboard = True
        elif kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            self.is_keyboard = False
        return False
