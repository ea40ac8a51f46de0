"""One information page: title, language notice, body, scroll buttons."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import _
from kiosk.session import Location, Session
from kiosk.site.content import Content
from kiosk.site.model import PageVariant
from kiosk.ui.page_view import QR_RESOURCE, PageView
from kiosk.ui.screens import Screen
from kiosk.ui.style import MEASURE_CHARS, Metrics, page_css
from kiosk.ui.themes import DEFAULT, Theme
from kiosk.ui.widgets import FlowBox, ScrollPane, set_role


def take_away_html(url: str) -> str:
    """The QR code of the page's online address, with the address written beside it."""
    # Translators: under the QR code of a page's online address.
    caption = html.escape(_("Scan to open on your phone"))
    return (
        f'<p class="qr"><img src="{QR_RESOURCE}" alt="{caption}"><br>'
        f'<span class="qr-caption">{caption}</span><br>'
        f'<span class="address">{html.escape(url)}</span></p>'
    )


def _only_in(lang: str) -> str:
    """The notice shown when a page exists only in ``lang``."""
    if lang == "pl":
        return _("This page is available in Polish only.")
    if lang == "en":
        return _("This page is available in English only.")
    return _("This page is not available in your language.")


class PageScreen(Screen):
    print_requested = Signal()

    def __init__(self, content: Content, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page-screen")
        self._content = content
        self._session = session
        self._theme: Theme = DEFAULT
        self._metrics = Metrics(100)
        self.page_id = ""
        self.variant: PageVariant | None = None

        self.title = QLabel()
        set_role(self.title, "title")
        self.title.setWordWrap(True)
        self.notice = QLabel()
        set_role(self.notice, "notice")
        self.notice.setWordWrap(True)
        self.info = QLabel()
        set_role(self.info, "lead")
        self.info.setWordWrap(True)
        # Page actions: Listen (speech) and Print; each shown only when it can work.
        self.action_bar = FlowBox()
        self.print_button = QPushButton()
        self.print_button.setObjectName("print")
        self.print_button.clicked.connect(self.print_requested)
        self.print_button.hide()
        self.action_bar.add_widget(self.print_button)
        self.action_bar.hide()
        self.confirmation = QLabel()
        set_role(self.confirmation, "notice")
        self.confirmation.setWordWrap(True)
        self.confirmation.hide()
        self.body = PageView()
        self.body.page_requested.connect(lambda pid: self.navigate.emit(Location("page", pid)))
        self.pane = ScrollPane(self.body)
        self.scroll_buttons = self.pane.buttons
        self.scroll_buttons.scrolled.connect(self.body.release_place)

        column = QWidget()
        column.setObjectName("page-column")
        inner = self._inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.notice, self.info, self.action_bar, self.confirmation):
            inner.addWidget(widget)
        inner.addWidget(self.pane, 1)
        self._column = column
        centre = QHBoxLayout(self)
        centre.addStretch(1)
        centre.addWidget(column, 100)
        centre.addStretch(1)

    # -- showing a page --------------------------------------------------------
    def set_content(self, content: Content) -> None:
        super().set_content(content)
        self.page_id = ""

    def open(self, location: Location) -> None:
        self.page_id = location.target
        self.confirmation.hide()
        self._show(keep_place=False)

    def set_printing(self, is_available: bool) -> None:
        """The Print button is shown only when a printer is configured and present."""
        self.print_button.setVisible(is_available)
        self._update_actions()

    def _update_actions(self) -> None:
        self.action_bar.setVisible(any(not b.isHidden() for b in self.action_bar.findChildren(QPushButton)))

    def confirm(self, text: str) -> None:
        self.confirmation.setText(text)
        self.confirmation.setVisible(bool(text))

    def retranslate(self) -> None:
        self._show(keep_place=False)

    def apply_style(self, theme: Theme, metrics: Metrics) -> None:
        """Follow a theme or font-scale change, keeping the reader's place."""
        self._theme, self._metrics = theme, metrics
        self._inner.setSpacing(metrics.gap)
        self.action_bar.set_gap(metrics.chrome.gap)
        self.pane.set_gap(metrics.chrome.gap)
        self._limit_measure()
        self._show(keep_place=True)

    def _limit_measure(self) -> None:
        font = self.body.font()
        font.setPixelSize(self._metrics.body)
        average = QFontMetrics(font).averageCharWidth()
        self._column.setMaximumWidth(average * MEASURE_CHARS + 80)

    def _show(self, keep_place: bool) -> None:
        if not self.page_id:
            return
        position = self.body.top_position() if keep_place else 0
        lang = self._session.language
        site = self._content.site
        variant = site.page_variant(self.page_id, lang)
        self.variant = variant
        css = page_css(self._theme, self._metrics.scale)
        self.scroll_buttons.set_texts(_("Scroll up"), _("Scroll down"))
        # Translators: the button that prints the page on the kiosk's printer ("drukuj").
        self.print_button.setText(_("Print"))
        self.print_button.setAccessibleName(_("Print this page"))
        if variant is None:
            self.title.setText(_("Page unavailable"))
            self.notice.setText(_("This page cannot be shown right now. Please ask at the information desk."))
            self.notice.show()
            self.info.hide()
            self.body.show_html("", css, None, self._theme.rule)
            return
        self.title.setText(variant.title)
        self.body.setAccessibleName(variant.title)
        self.body.setAccessibleDescription(_("Page text"))
        if variant.lang != lang:
            self.notice.setText(_only_in(variant.lang))
            self.notice.show()
        else:
            self.notice.hide()
        if variant.room:
            self.info.setText(_("Where: %(room)s") % {"room": variant.room})
            self.info.show()
        else:
            self.info.hide()
        body_html = self._content.html(variant)
        self.body.qr_url = variant.url
        if variant.url:
            body_html += take_away_html(variant.url)
        self.body.show_html(body_html, css, site.root / "pages", self._theme.rule)
        if keep_place and position:
            self.body.keep_place(position)
        else:
            self.body.verticalScrollBar().setValue(0)

    def accessible_title(self) -> str:
        return self.title.text()

    def first_focus(self) -> QWidget | None:
        return self.body
