"""Polish Sign Language (PJM): the list of pages with a PJM video, and the player.

``Location("video")`` lists every page with a video (the Home tile leads here);
``Location("video", page_id)`` plays that page's video (the page's "PJM" action). The
player stays inside the kiosk's screen, between the bars, so Back and Home are always
there: there is no full-screen mode to escape from. Leaving the screen (Back, Home, the
idle reset, new content) stops the video and lets go of it.

The picture is a ``QGraphicsVideoItem`` (painted with the rest of the window, so the
speech-mode outline, the idle warning and screenshots show over and with it, which a
``QVideoWidget``'s native window would not). Captions are drawn here, under the picture
so that they never cover the signer's hands, in the theme's colours and the visitor's
text size. The controls are ordinary buttons: speech mode speaks and uses them like any.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSizeF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsScene,
    QGraphicsView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.content import Content
from kiosk.content.sign_video import SignVideo, cue_at
from kiosk.i18n import _
from kiosk.session import Location, Session
from kiosk.ui.screens import Screen
from kiosk.ui.style import H3_PX, Metrics
from kiosk.ui.themes import DEFAULT, Theme
from kiosk.ui.widgets import FlowBox, ScrollPane, TileButton, scroll_list, set_role
from kiosk.vocabulary import Screen as ScreenKind

if TYPE_CHECKING:
    from PySide6.QtMultimediaWidgets import QGraphicsVideoItem

CAPTION_LINES = 2  # room kept for two lines, so the picture does not jump as cues change
MIN_PICTURE_PX = 160


def pjm_label() -> str:
    # Translators: the name of Polish Sign Language on buttons and titles; keep "PJM".
    return _("Sign language (PJM)")


def _clock(ms: int) -> str:
    seconds = max(0, ms) // 1000
    return f"{seconds // 60}:{seconds % 60:02d}"


class VideoView(QGraphicsView):
    """The picture, kept at its aspect ratio on black; it takes no touch of its own."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pjm-picture")
        self.scene_ = QGraphicsScene(self)
        self._item: QGraphicsVideoItem | None = None  # made for the first video
        self.setScene(self.scene_)
        self.setInteractive(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setBackgroundBrush(QColor("#000000"))
        self.setMinimumHeight(MIN_PICTURE_PX)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    @property
    def has_item(self) -> bool:
        return self._item is not None

    @property
    def item(self) -> QGraphicsVideoItem:
        """The video's picture: Qt Multimedia loads with the first video, not at start."""
        if self._item is None:
            from PySide6.QtMultimediaWidgets import QGraphicsVideoItem

            self._item = QGraphicsVideoItem()
            self._item.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
            self._item.setSize(QSizeF(self.viewport().size()))
            self.scene_.addItem(self._item)
        return self._item

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        size = self.viewport().size()
        if self._item is not None:
            self._item.setSize(QSizeF(size))
        self.scene_.setSceneRect(0, 0, size.width(), size.height())
        self.centerOn(size.width() / 2, size.height() / 2)


class VideoScreen(Screen):
    """The PJM list (no target) or the player of one page's video (``target`` = page id)."""

    def __init__(self, content: Content, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from kiosk.playback import VideoPlayback

        self.setObjectName("video-screen")
        self._content = content
        self._session = session
        self._theme: Theme = DEFAULT
        self._metrics = Metrics(100)
        self.page_id = ""
        self.video: SignVideo | None = None
        self.playback = VideoPlayback.shared()
        self.is_captions_on = True
        self._spoken_title = ""

        self.title = QLabel()
        set_role(self.title, "title")
        self.title.setWordWrap(True)
        # The list of pages with a video.
        self.lead = QLabel()
        set_role(self.lead, "lead")
        self.lead.setWordWrap(True)
        self.tiles: list[TileButton] = []
        self._list_host = QWidget()
        self._list = QVBoxLayout(self._list_host)
        self._list.setContentsMargins(0, 0, 0, 0)
        self._list.addStretch(1)
        self.list_pane = ScrollPane(scroll_list(self._list_host))
        # The player.
        self.picture = VideoView()
        self.caption = QLabel()
        self.caption.setObjectName("pjm-caption")
        set_role(self.caption, "caption")
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.time = QLabel()
        set_role(self.time, "hint")
        self.problem = QLabel()
        set_role(self.problem, "notice")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.play_button = QPushButton()
        self.play_button.setObjectName("pjm-play")
        self.play_button.clicked.connect(self.playback.toggle)
        self.replay_button = QPushButton()
        self.replay_button.setObjectName("pjm-replay")
        self.replay_button.clicked.connect(self.playback.replay)
        self.back_button = QPushButton()
        self.back_button.setObjectName("pjm-back-10")
        self.back_button.clicked.connect(lambda: self.playback.back())
        self.captions_button = QPushButton()
        self.captions_button.setObjectName("pjm-captions")
        self.captions_button.setCheckable(True)
        self.captions_button.setChecked(True)
        self.captions_button.toggled.connect(self._set_captions)
        self.controls = FlowBox()
        buttons = (self.play_button, self.back_button, self.replay_button, self.captions_button)
        for widget in (*buttons, self.time):
            self.controls.add_widget(widget)
        self.player = QWidget()
        self.player.setObjectName("pjm-player")
        player = self._player_layout = QVBoxLayout(self.player)
        player.setContentsMargins(0, 0, 0, 0)
        player.addWidget(self.picture, 1)
        player.addWidget(self.caption)
        player.addWidget(self.problem)
        player.addWidget(self.controls)

        layout = self._layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.lead)
        layout.addWidget(self.list_pane, 1)
        layout.addWidget(self.player, 1)
        self.player.hide()

        self.playback.changed.connect(self._show_state)
        self.playback.position_changed.connect(self._show_position)
        session.location_changed.connect(self._on_location)
        session.speech_changed.connect(self._follow_volume)

    # -- what the window and the controller ask -------------------------------------
    @property
    def is_playing(self) -> bool:
        """The visitor is watching: the idle timer waits (as for a page read aloud)."""
        return self.is_current and self.playback.is_playing

    @property
    def is_current(self) -> bool:
        """This screen's video is the one the shared player holds."""
        return self.video is not None and self.playback.source == self.video.path

    def release(self, is_closing: bool = False) -> None:
        """Stop the video and let go of it (Back, Home, the idle reset, new content);
        ``is_closing``: the window goes, and the picture's output with it."""
        if self.is_current:
            self.playback.release()
        if is_closing and self.picture.has_item:
            self.playback.release(self.picture.item)
        self.video = None

    def set_content(self, content: Content) -> None:
        self.release()
        super().set_content(content)
        self.page_id = ""

    def open(self, location: Location) -> None:
        self.release()
        self.page_id = location.target
        self.video = self._content.sign_videos.get(self.page_id) if self.page_id else None
        self.list_pane.setVisible(not self.page_id)
        self.lead.setVisible(not self.page_id)
        self.player.setVisible(bool(self.page_id))
        self.problem.hide()
        self.caption.clear()
        if self.page_id and self.video is None:
            self.problem.setText(_("This video is not available. Please ask at the information desk."))
            self.problem.show()
        self.captions_button.setVisible(self.video is not None and self.video.has_captions)
        self.caption.setVisible(self.video is not None and self.video.has_captions)
        self.retranslate()
        if self.video is not None:
            self._follow_volume()
            self.playback.open(self.video.path, self.picture.item)

    def show_still(self, at_ms: int = 1000, timeout_ms: int = 5000) -> None:
        """Play up to ``at_ms`` and pause there: a still for ``kiosk render``."""
        from PySide6.QtCore import QDeadlineTimer, QEventLoop, QTimer

        deadline = QDeadlineTimer(timeout_ms)
        while self.is_current and not deadline.hasExpired() and not self.playback.problem:
            if self.playback.position_ms >= at_ms or self.playback.has_ended:
                break
            loop = QEventLoop()
            QTimer.singleShot(20, loop.quit)
            loop.exec()
        self.playback.pause()

    def _on_location(self, location: Location) -> None:
        if location.kind != ScreenKind.VIDEO:
            self.release()

    def _follow_volume(self) -> None:
        self.playback.set_volume(self._session.speech_volume)

    # -- the controls -----------------------------------------------------------------
    def _set_captions(self, is_on: bool) -> None:
        self.is_captions_on = is_on
        self._retranslate_controls()
        self._show_position(self.playback.position_ms)

    def _show_state(self) -> None:
        if not self.isVisible() and not self.is_current:
            return
        if self.is_current and self.playback.problem:
            self.problem.setText(
                _("This video cannot be played right now. Please ask at the information desk.")
            )
            self.problem.show()
        self._retranslate_controls()
        self._show_position(self.playback.position_ms)

    def _show_position(self, position_ms: int) -> None:
        if not self.is_current or self.video is None:
            return
        text = cue_at(self.video.captions, position_ms) if self.is_captions_on else ""
        if text != self.caption.text():
            self.caption.setText(text)
        duration = self.playback.duration_ms
        self.time.setText(f"{_clock(position_ms)} / {_clock(duration)}" if duration else "")

    def _retranslate_controls(self) -> None:
        is_playing = self.is_current and self.playback.is_playing
        # Translators: the video player's buttons (sign-language video).
        self.play_button.setText(("❚❚  " + _("Pause")) if is_playing else ("▶  " + _("Play")))
        self.play_button.setAccessibleName(_("Pause the video") if is_playing else _("Play the video"))
        self.replay_button.setText("⟲  " + _("From the start"))
        self.replay_button.setAccessibleName(_("Play the video from the start"))
        # Translators: rewinds the video by ten seconds.
        self.back_button.setText("◀◀  " + _("10 s back"))
        self.back_button.setAccessibleName(_("Ten seconds back"))
        self.captions_button.setText(("✓ " if self.is_captions_on else "") + _("Captions"))
        self.captions_button.setAccessibleName(_("Captions"))
        for button in (self.play_button, self.replay_button, self.back_button):
            button.setEnabled(self.is_current)

    # -- texts, style ---------------------------------------------------------------------
    def retranslate(self) -> None:
        lang = self._session.language
        site = self._content.site
        # The player's title stays at the size of the bars' (up to 200%): at 300% the
        # picture and the captions keep the height of a landscape screen.
        set_role(self.title, "screen-title" if self.page_id else "title")
        self.title.style().unpolish(self.title)
        self.title.style().polish(self.title)
        if self.page_id:
            variant = site.page_variant(self.page_id, lang)
            name = variant.title if variant is not None else self.page_id
            self.title.setText(name)
            self.picture.setAccessibleName(_("Sign language video: %(title)s") % {"title": name})
            self._spoken_title = f"{pjm_label()}: {name}"
        else:
            self.title.setText(pjm_label())
            self._spoken_title = pjm_label()
            # Translators: under the title of the list of pages with a sign-language video.
            self.lead.setText(_("Pages with a video in Polish Sign Language. Tap one to watch it."))
        self._show_list(lang)
        self.list_pane.buttons.set_texts(_("Scroll up"), _("Scroll down"))
        self._retranslate_controls()

    def _show_list(self, lang: str) -> None:
        site = self._content.site
        variants = [v for v in (site.page_variant(pid, lang) for pid in self._content.sign_videos) if v]
        variants.sort(key=lambda v: v.title.casefold())
        while len(self.tiles) < len(variants):
            tile = TileButton()
            tile.clicked.connect(lambda _c=False, t=tile: self._open_tile(t))
            self._list.insertWidget(len(self.tiles), tile)
            self.tiles.append(tile)
        for index, tile in enumerate(self.tiles):
            if index < len(variants):
                variant = variants[index]
                tile.setProperty("page_id", variant.page_id)
                tile.setObjectName(f"pjm-{variant.page_id}")
                tile.set_texts(variant.title, variant.summary)
                tile.show()
            else:
                tile.hide()

    def _open_tile(self, tile: TileButton) -> None:
        self.navigate.emit(Location(ScreenKind.VIDEO, str(tile.property("page_id"))))

    def apply_metrics(self, metrics: Metrics) -> None:
        self._metrics = metrics
        self._layout.setSpacing(metrics.gap)
        self._player_layout.setSpacing(metrics.gap)
        self._list.setSpacing(metrics.gap)
        self.controls.set_gap(metrics.chrome.gap)
        self.list_pane.set_gap(metrics.chrome.gap)
        self._style_caption()

    def apply_style(self, theme: Theme, metrics: Metrics) -> None:
        """Captions in the theme's colours, growing with the text size."""
        self._theme = theme
        self.apply_metrics(metrics)

    def _style_caption(self) -> None:
        # Captions grow with the text size as the bars do, up to 200%: beyond that two
        # lines of captions would leave the picture no room on a landscape screen.
        t, m = self._theme, self._metrics.chrome
        size = m.px(H3_PX)
        self.caption.setStyleSheet(
            f"QLabel#pjm-caption {{ background: {t.surface}; color: {t.text}; font-size: {size}px; "
            f"font-weight: bold; border: {m.px(2)}px solid {t.rule}; padding: {m.px(6)}px; }}"
        )
        font = self.caption.font()
        font.setPixelSize(size)
        font.setBold(True)
        line = QFontMetrics(font).lineSpacing()
        self.caption.setMinimumHeight(line * CAPTION_LINES + 2 * m.px(6) + 2 * m.px(2))

    def accessible_title(self) -> str:
        return self._spoken_title

    def focus_targets(self) -> list[QWidget]:
        if self.page_id:
            return [b for b in (self.play_button, self.back_button, self.replay_button, self.captions_button)
                    if not b.isHidden()]
        return [t for t in self.tiles if not t.isHidden()]
