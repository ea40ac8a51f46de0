"""The kiosk window: top bar, the current screen, bottom bar."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk import i18n
from kiosk.session import Location, Session
from kiosk.site.content import Content
from kiosk.ui.bars import BottomBar, TopBar
from kiosk.ui.home_screen import HomeScreen
from kiosk.ui.page_screen import PageScreen
from kiosk.ui.screens import Screen
from kiosk.ui.section_screen import SectionScreen
from kiosk.ui.style import Metrics, stylesheet
from kiosk.ui.themes import theme

log = logging.getLogger(__name__)


class KioskWindow(QWidget):
    def __init__(self, content: Content, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KioskWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.content = content
        self.session = session
        self.top_bar = TopBar(session, content.site.languages)
        self.bottom_bar = BottomBar()
        self.home_screen = HomeScreen(content, session)
        self.section_screen = SectionScreen(content, session)
        self.page_screen = PageScreen(content, session)
        self.stack = QStackedWidget()
        self.screens: dict[str, Screen] = {
            "home": self.home_screen,
            "section": self.section_screen,
            "page": self.page_screen,
        }
        for screen in self.screens.values():
            self.stack.addWidget(screen)
            screen.navigate.connect(self.session.open)
        layout = QVBoxLayout(self)
        # The window is the screen: never let large text push it past the screen's edge.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.top_bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.bottom_bar)

        self.bottom_bar.back_requested.connect(session.back)
        self.bottom_bar.home_requested.connect(session.home)
        session.location_changed.connect(self._show_location)
        session.language_changed.connect(self._on_language)
        session.font_scale_changed.connect(self.apply_style)
        session.theme_changed.connect(self.apply_style)

        i18n.set_language(session.language)
        self.apply_style()
        self.retranslate()
        self._show_location(session.location)

    @property
    def current_screen(self) -> Screen:
        widget = self.stack.currentWidget()
        assert isinstance(widget, Screen)
        return widget

    def _show_location(self, location: Location) -> None:
        screen = self.screens.get(location.kind, self.home_screen)
        screen.open(location)
        screen.retranslate()
        self.stack.setCurrentWidget(screen)
        self.bottom_bar.back.setEnabled(self.session.can_go_back)
        self.bottom_bar.home.setEnabled(location.kind != "home")
        self._update_title()
        log.debug("showing %s", location)

    def _on_language(self, lang: str) -> None:
        i18n.set_language(lang)
        self.retranslate()

    def retranslate(self) -> None:
        site = self.content.site
        self.top_bar.office.setText(site.office.name(self.session.language))
        self.top_bar.retranslate()
        self.bottom_bar.retranslate()
        for screen in self.screens.values():
            screen.retranslate()
        self._update_title()

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

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.session.back()
            return
        super().keyPressEvent(event)


class ContextMenuBlocker(QObject):
    """Application-wide filter: no context menu can ever open."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        return event.type() == QEvent.Type.ContextMenu


def install_blockers(app: QApplication) -> QObject:
    blocker = ContextMenuBlocker(app)
    app.installEventFilter(blocker)
    return blocker
