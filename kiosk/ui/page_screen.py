"""One information page: title, language notice, body, scroll buttons."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.content.content import Content
from kiosk.content.model import PageVariant
from kiosk.i18n import _
from kiosk.languages import other_language_notice
from kiosk.session import Location, Session
from kiosk.speech.player import SpeechPlayer
from kiosk.speech.reading import TITLE, Utterance, locate, variant_utterances
from kiosk.ui.helpful import HelpfulBlock
from kiosk.ui.page_view import QR_RESOURCE, PageView
from kiosk.ui.reading_place import Place
from kiosk.ui.screens import Screen
from kiosk.ui.speech_bar import SpeechBar
from kiosk.ui.style import MEASURE_CHARS, Metrics, page_css
from kiosk.ui.themes import DEFAULT, Theme, luminance
from kiosk.ui.widgets import FlowBox, ScrollPane, set_role
from kiosk.vocabulary import Screen as ScreenKind


def take_away_html(url: str) -> str:
    """The QR code of the page's online address, with the address written beside it."""
    # Translators: under the QR code of a page's online address.
    caption = html.escape(_("Scan to open on your phone"))
    return (
        f'<p class="qr"><img src="{QR_RESOURCE}" alt="{caption}"><br>'
        f'<span class="qr-caption">{caption}</span><br>'
        f'<span class="address">{html.escape(url)}</span></p>'
    )


class PageScreen(Screen):
    print_requested = Signal()
    easy_read_toggled = Signal()

    def __init__(self, content: Content, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page-screen")
        self._content = content
        self._session = session
        self._theme: Theme = DEFAULT
        self._metrics = Metrics(100)
        self.page_id = ""
        self.variant: PageVariant | None = None
        self._shown_as: tuple[object, ...] = ()  # what _show() showed last
        self._shown_for = ("", "")  # (page, language) last shown
        self._is_showing = False
        self._held_place: Place | None = None  # the reader's place noted before a style change

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
        # Easy-to-read text: shown on a page that has it; the choice is the visit's.
        self.easy_button = QPushButton()
        self.easy_button.setObjectName("easy-read")
        self.easy_button.setCheckable(True)
        self.easy_button.clicked.connect(self._toggle_easy_read)
        self.easy_button.hide()
        self.action_bar.add_widget(self.easy_button)
        self.print_button = QPushButton()
        self.print_button.setObjectName("print")
        self.print_button.clicked.connect(self.print_requested)
        self.print_button.hide()
        self.action_bar.add_widget(self.print_button)
        # The room of the "Where" line on the building plan, with the way there.
        self.plan_button = QPushButton()
        self.plan_button.setObjectName("show-on-plan")
        self.plan_button.clicked.connect(self._show_on_plan)
        self.plan_button.hide()
        self.action_bar.add_widget(self.plan_button)
        self.plan_room = ""
        # The page in Polish Sign Language, when it has a video (kiosk/ui/video_player.py).
        self.pjm_button = QPushButton()
        self.pjm_button.setObjectName("pjm")
        self.pjm_button.clicked.connect(
            lambda: self.navigate.emit(Location(ScreenKind.VIDEO, self.page_id))
        )
        self.pjm_button.hide()
        self.action_bar.add_widget(self.pjm_button)
        for button in (self.easy_button, self.print_button, self.plan_button, self.pjm_button):
            set_role(button, "page-action")  # compact: side by side where they fit
        self.helpful: HelpfulBlock | None = None
        self.action_bar.hide()
        self.speech_bar = SpeechBar(session)
        self.speech_bar.hide()  # shown when a speech engine is available
        self.speech: SpeechPlayer | None = None
        self.utterances: list[Utterance] = []
        self._spans: list[tuple[int, int] | None] = []
        self.reading_index = -1
        self.confirmation = QLabel()
        set_role(self.confirmation, "notice")
        self.confirmation.setWordWrap(True)
        self.confirmation.hide()
        self.body = PageView()
        self.body.page_requested.connect(lambda pid: self.navigate.emit(Location("page", pid)))
        self.body.room_requested.connect(lambda room: self.navigate.emit(Location("plan", room)))
        self.body.reloaded.connect(self._relocate)
        self.pane = ScrollPane(self.body)
        self.scroll_buttons = self.pane.buttons
        self.scroll_buttons.line_step = round(self._metrics.body * 1.5)
        self.scroll_buttons.scrolled.connect(self.body.release_place)

        column = QWidget()
        column.setObjectName("page-column")
        inner = self._inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        # Title, notices, the room and the page actions scroll with the text: at large
        # sizes the page owns the screen. The reading controls stay in view.
        self.header = QWidget()
        self.header.setObjectName("page-header")
        header = self._header_layout = QVBoxLayout(self.header)
        header.setContentsMargins(18, 12, 18, 0)
        # Listen is a page action while nothing is read (it scrolls away with the title);
        # while the page is read aloud its controls stay in view, one row above the text.
        for widget in (self.title, self.notice, self.info, self.speech_bar, self.action_bar):
            header.addWidget(widget)
        self.body.set_header(self.header)
        inner.addWidget(self.confirmation)
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
        self._shown_for = ("", "")

    def open(self, location: Location) -> None:
        self.stop_reading()
        self.page_id = location.target
        self.confirmation.hide()
        self._show(keep_place=False)

    # -- reading aloud -----------------------------------------------------------
    def set_speech(self, player: SpeechPlayer) -> None:
        self.speech = player
        self.speech_bar.setVisible(player.is_available)
        bar = self.speech_bar
        bar.listen.connect(self.listen)
        bar.pause.connect(player.pause)
        bar.resume.connect(player.resume)
        bar.stop.connect(player.stop)
        bar.previous.connect(player.previous)
        bar.next.connect(player.next)
        bar.previous_paragraph.connect(lambda: self.move_paragraph(-1))
        bar.next_paragraph.connect(lambda: self.move_paragraph(1))
        bar.repeat.connect(player.repeat)
        player.state_changed.connect(self._on_speech_state)
        player.utterance_started.connect(self._on_utterance)
        self._session.speech_changed.connect(self._follow_speech_settings)

    def listen(self) -> None:
        """Read the page aloud: title, the room line, then the body in document order."""
        variant = self.variant
        if self.speech is None or variant is None:
            return
        # Title, room line (its label in the screen's language), body; the staff lexicon.
        self.utterances = variant_utterances(self._content, variant, self._session.language)
        self._spans = locate(self.body.document(), self.utterances)
        self._follow_speech_settings()
        self.speech.speak(self.utterances, variant.lang)

    def _follow_speech_settings(self) -> None:
        if self.speech is not None:
            self.speech.set_rate(self._session.speech_rate)
            self.speech.set_volume(self._session.speech_volume)

    def _relocate(self) -> None:
        """The document was rebuilt (size, theme, images): find the reading place again."""
        if self.utterances:
            self._spans = locate(self.body.document(), self.utterances)
            self._show_highlight()

    def _on_utterance(self, index: int) -> None:
        self.reading_index = index
        self._show_highlight()

    def _show_highlight(self) -> None:
        index = self.reading_index
        span = self._spans[index] if 0 <= index < len(self._spans) else None
        self.body.highlight(span, self._theme.accent, self._theme.accent_text)
        # The title is read first but is not in the page body: highlight its label.
        is_title = 0 <= index < len(self.utterances) and self.utterances[index].kind == TITLE
        if bool(self.title.property("reading")) != is_title:
            self.title.setProperty("reading", is_title)
            self.title.style().unpolish(self.title)
            self.title.style().polish(self.title)

    def _on_speech_state(self, _state: str) -> None:
        # An announcement over the reading (speech mode) leaves it paused, not ended.
        state = self.speech.reading_state if self.speech is not None and self.utterances else "idle"
        self.speech_bar.set_state(state)
        self._place_speech_bar(is_reading=state != "idle")
        if state == "idle":
            self.reading_index = -1
            self.utterances = []
            self._show_highlight()

    def _place_speech_bar(self, is_reading: bool) -> None:
        bar = self.speech_bar
        is_in_header = bar.parentWidget() is self.header
        if is_reading and is_in_header:
            self._header_layout.removeWidget(bar)
            self._inner.insertWidget(0, bar)
        elif not is_reading and not is_in_header:
            self._inner.removeWidget(bar)
            self._header_layout.insertWidget(self._header_layout.indexOf(self.action_bar), bar)
        else:
            return
        bar.setVisible(self.speech is not None and self.speech.is_available)
        self.body.fit_header()

    def move_paragraph(self, step: int) -> bool:
        """While the page is read: on from the next (1) or previous (-1) paragraph, list
        item or table row. False when the page is not being read."""
        from kiosk.speech.navigation import paragraph_start

        player = self.speech
        if player is None or not self.utterances or not player.is_reading:
            return False
        target = paragraph_start(self.utterances, player.reading_index, step)
        if target is not None:
            player.go_to(target)
        return True

    def stop_reading(self) -> None:
        if self.speech is not None and self.utterances:
            self.speech.stop()
        self.utterances = []
        self.reading_index = -1
        self._show_highlight()

    def set_printing(self, is_available: bool) -> None:
        """The Print button is shown only when a printer is configured and present."""
        self.print_button.setVisible(is_available)
        self._update_actions()

    def set_helpful(self, visit: object) -> None:
        """'Was this information helpful?' under the page (shown when statistics are on)."""
        from kiosk.stats.visit import VisitStats

        assert isinstance(visit, VisitStats)
        self.helpful = HelpfulBlock(visit)
        self._inner.addWidget(self.helpful)
        self._session.was_reset.connect(self.helpful.refresh)

    def _find_plan_room(self, where: str) -> None:
        from kiosk.floors.rooms import room_for_where

        floors = self._content.floors
        room = room_for_where(floors, where) if floors is not None and floors.rooms and where else None
        self.plan_room = room.id if room is not None else ""
        # Translators: a page action: the room on the building plan, with the way there.
        self.plan_button.setText(_("Show on the plan"))
        self.plan_button.setAccessibleName(_("Show the way to the room on the plan"))
        self.plan_button.setVisible(bool(self.plan_room))
        self._update_actions()

    def _toggle_easy_read(self) -> None:
        self.easy_button.setChecked(self._session.is_easy_read)  # the controller decides
        self.easy_read_toggled.emit()

    def _show_easy_switch(self, variant: PageVariant | None) -> None:
        site, lang = self._content.site, self._session.language
        has_easy = variant is not None and site.has_easy_read(self.page_id, lang)
        is_easy = variant is not None and variant.is_easy_read
        self.easy_button.setChecked(is_easy)
        # Translators: the page action that shows the page in easy-to-read text
        # (tekst łatwy do czytania, ETR): "Łatwy tekst".
        label = _("Easy text")
        self.easy_button.setText(f"✓ {label}" if is_easy else label)
        self.easy_button.setAccessibleName(_("Easy-to-read text"))
        self.easy_button.setAccessibleDescription(
            _("Shows this page and the next ones in easy-to-read text. Tap again for the full text.")
        )
        self.easy_button.setVisible(has_easy)

    def _show_pjm(self) -> None:
        from kiosk.ui.video_player import pjm_label

        self.pjm_button.setText(pjm_label())
        # Translators: accessible name of the page action that opens its sign-language video.
        self.pjm_button.setAccessibleName(_("Watch this page in Polish Sign Language"))
        self.pjm_button.setVisible(self.page_id in self._content.sign_videos)
        self._update_actions()

    def _show_on_plan(self) -> None:
        if self.plan_room:
            self.navigate.emit(Location(ScreenKind.PLAN, self.plan_room))

    def _update_actions(self) -> None:
        self.action_bar.setVisible(any(not b.isHidden() for b in self.action_bar.findChildren(QPushButton)))
        if not self._is_showing:  # (a page being shown fits its header with its new text)
            self.body.fit_header()  # the header's height changed: at once, not after a repaint

    def confirm(self, text: str) -> None:
        self.confirmation.setText(text)
        self.confirmation.setVisible(bool(text))

    def retranslate(self) -> None:
        # The window asks right after open(): the page is already shown in this language
        # (laying a long page out twice doubled the time from a tap to the page).
        if self._shown_as != self._show_key():
            self._show(keep_place=False)

    def _show_key(self) -> tuple[object, ...]:
        return (self.page_id, self._session.language, self._content, self._theme, self._metrics.scale)

    def hold_place(self) -> None:
        """Note the reader's place before the window's style changes: a new style sheet
        lays the text out at once in the new font, before ``apply_style``. The page is
        built anew for the new look (at once on screen, else when next opened): its
        old document is set aside, not laid out again in the new font."""
        self._held_place = self._place_now()
        if self.page_id:
            self.body.set_aside()

    def _place_now(self) -> Place | None:
        return self.body.top_position() if self.page_id and self.isVisible() else None

    def apply_style(self, theme: Theme, metrics: Metrics) -> None:
        """Follow a theme or font-scale change, keeping the reader's place."""
        place, self._held_place = self._held_place or self._place_now(), None
        self._theme, self._metrics = theme, metrics
        if theme.is_high_contrast:  # the scheme's darker colour on its lighter one
            dark, light = sorted((theme.text, theme.background), key=luminance)
            self.body.qr_colours = (dark, light)
        else:
            self.body.qr_colours = ("#000000", "#ffffff")
        self._inner.setSpacing(metrics.gap)
        self._header_layout.setSpacing(metrics.gap)
        self.action_bar.set_gap(metrics.chrome.gap)
        self.speech_bar.apply_metrics(metrics)
        self.pane.set_gap(metrics.chrome.gap)
        self.scroll_buttons.line_step = round(metrics.body * 1.5)  # the page's line height
        self._limit_measure()
        if not self.isVisible():
            self._shown_as = ()  # shown anew in the new look when next opened or shown
            return
        # Lay the screen out at its new sizes first: the page chooses between a table
        # and cards at the width it will have, not at the width it had.
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self._show(keep_place=True, place=place)

    def _limit_measure(self) -> None:
        font = self.body.font()
        font.setPixelSize(self._metrics.body)
        average = QFontMetrics(font).averageCharWidth()
        self.body.set_measure(average * MEASURE_CHARS + 80)

    def _show(self, keep_place: bool, place: Place | None = None) -> None:
        if not self.page_id:
            return
        self._shown_as = self._show_key()
        self._is_showing = True
        try:
            self._show_page(keep_place, place)
        finally:
            self._is_showing = False

    def _show_page(self, keep_place: bool, place: Place | None = None) -> None:
        position = (place or self.body.top_position()) if keep_place else None
        lang = self._session.language
        self._shown_for = (self.page_id, lang)
        site = self._content.site
        variant = site.page_variant(self.page_id, lang, self._session.is_easy_read)
        self.variant = variant
        self._show_easy_switch(variant)
        css = page_css(self._theme, self._metrics.scale)
        self.scroll_buttons.set_texts(_("Scroll up"), _("Scroll down"))
        self.speech_bar.retranslate()
        # Translators: the button that prints the page on the kiosk's printer ("drukuj").
        self.print_button.setText(_("Print"))
        self.print_button.setAccessibleName(_("Print this page"))
        if variant is None:
            self.pjm_button.hide()
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
            self.notice.setText(other_language_notice(variant.lang, lang))
            self.notice.show()
        else:
            self.notice.hide()
        if variant.room:
            self.info.setText(_("Where: %(room)s") % {"room": variant.room})
            self.info.show()
        else:
            self.info.hide()
        self._find_plan_room(variant.room)
        self._show_pjm()
        if self.helpful is not None:
            self.helpful.set_page(variant.page_id)
        body_html = self._content.html(variant)
        self.body.qr_url = variant.url
        if variant.url:
            body_html += take_away_html(variant.url)
        self.body.show_html(body_html, css, site.root / "pages", self._theme.rule)
        if position is not None and not position.is_start:
            self.body.keep_place(position)
        else:
            self.body.verticalScrollBar().setValue(0)
        self._relocate()  # reading aloud across a size or theme change

    def accessible_title(self) -> str:
        return self.title.text()

    def first_focus(self) -> QWidget | None:
        return self.body
