"""The home screen's pieces: a tile with an icon and a chevron, the opening-status card,
announcement and tip cards, and the home screen's own style rules.

The style rules here touch labels and frames only: buttons keep the window's rules
(borders, focus, pressed), so the focus ring looks the same everywhere.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui import icons
from kiosk.ui.style import Metrics
from kiosk.ui.themes import Theme
from kiosk.ui.widgets import TileButton, set_role

# Pixel sizes at 100 %: the status headline is the largest text on the home screen.
STATUS_PX = 44
STATUS_DETAIL_PX = 30
HEADING_PX = 30
LAUNCH_TITLE_PX = 30
DATE_PX = 22
ICON_PX = 56
STATUS_ICON_PX = 72
COMPACT_SCALE = 250  # from this text size a tile's icon and chevron go above its title
FRAME_PX = 8  # a tile's border and focus ring, at most


def _icon_label() -> QLabel:
    label = QLabel()
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return label


def _text_card_policy() -> QSizePolicy:
    """As tall as its wrapped words need at its width. Not Fixed or Maximum: a box
    layout caps those at the size hint, which is measured on one line, and cuts words."""
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    return policy


class LaunchTile(TileButton):
    """A tile that opens something: icon, title (and a detail line), a chevron.

    The icon and the chevron are painted, not child widgets: a screen of tiles then
    has half as many widgets to restyle when the text size changes. The tile's margins
    leave them room. Compact (very large text): the icon and the chevron go above the
    title, so that the title keeps the whole width and no word has to be cut.
    """

    def __init__(self, icon_name: str | None = "", parent: QWidget | None = None) -> None:
        """``icon_name`` "" draws the default icon, None no icon (only the chevron)."""
        super().__init__(parent=parent)
        self.icon_name = icon_name
        self.icon_pixmap = QPixmap()
        self.chevron_pixmap = QPixmap()
        self.is_compact = False
        self._pad = 16
        self._pad_y = 16  # above and below the words
        self._gap = 16
        self._title.setProperty("role", "launch-title")
        self._layout.setSpacing(4)
        self._layout.insertStretch(0, 1)
        self._layout.addStretch(1)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_roles(self, title: str, detail: str) -> None:
        """The style roles of the two lines (an announcement: a small date, then its text)."""
        set_role(self._title, title)
        set_role(self._detail, detail)

    def set_compact(self, is_compact: bool) -> None:
        if is_compact != self.is_compact:
            self.is_compact = is_compact
            self._set_margins()

    def apply_look(self, theme: Theme, accent: str, metrics: Metrics, pad_y: int = 16) -> None:
        """``pad_y``: px at 100 % above and below the words (home's tiles take less)."""
        chrome = metrics.chrome  # icons and spacing stop growing with the bars
        if self.icon_name is not None:
            self.icon_pixmap = icons.pixmap(self.icon_name, accent, chrome.px(ICON_PX))
        self.chevron_pixmap = icons.pixmap(icons.CHEVRON, theme.button_text, chrome.px(40))
        self._pad = chrome.px(16)
        self._pad_y = chrome.px(pad_y)
        self._gap = chrome.px(16)
        self._set_margins()
        self.update()

    def fits_beside(self, width: int) -> bool:
        """Whether the longest word of the title fits between the icon and the chevron
        in a tile ``width`` px wide (else the tile should be compact)."""
        icon, chevron = self._sizes()
        words = max(self._title.minimumSizeHint().width(), self._detail.minimumSizeHint().width())
        beside = (icon + self._gap if icon else 0) + chevron + self._gap + 2 * self._pad
        return words + beside + 2 * FRAME_PX <= width

    def _sizes(self) -> tuple[int, int]:
        ratio = self.icon_pixmap.devicePixelRatio() or 1.0
        icon = round(self.icon_pixmap.width() / ratio)
        chevron = round(self.chevron_pixmap.width() / (self.chevron_pixmap.devicePixelRatio() or 1.0))
        return icon, chevron

    def _set_margins(self) -> None:
        icon, chevron = self._sizes()
        pad, pad_y, gap = self._pad, self._pad_y, self._gap
        before = icon + gap if icon else 0
        if self.is_compact:
            self._layout.setContentsMargins(pad, pad_y + max(icon, chevron) + gap // 2, pad, pad_y)
        else:
            self._layout.setContentsMargins(pad + before, pad_y, pad + chevron + gap, pad_y)
        self.updateGeometry()

    def icon_rect(self) -> QRect:
        icon, _chevron = self._sizes()
        y = self._pad_y if self.is_compact else (self.height() - icon) // 2
        return QRect(self._pad, y, icon, icon)

    def chevron_rect(self) -> QRect:
        icon, chevron = self._sizes()
        row = max(icon, chevron)
        y = self._pad_y + (row - chevron) // 2 if self.is_compact else (self.height() - chevron) // 2
        return QRect(self.width() - self._pad - chevron, y, chevron, chevron)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        painter = QPainter(self)
        if not self.icon_pixmap.isNull():
            painter.drawPixmap(self.icon_rect(), self.icon_pixmap)
        if not self.chevron_pixmap.isNull():
            painter.drawPixmap(self.chevron_rect(), self.chevron_pixmap)
        painter.end()


class StatusCard(QFrame):
    """Is the office open now, until when, and the cash desk: the home screen's top."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("status-card")
        set_role(self, "status-card")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.state = ""
        self.icon_label = _icon_label()
        self.headline = QLabel()
        set_role(self.headline, "status-headline")
        self.detail = QLabel()
        set_role(self.detail, "status-detail")
        for label in (self.headline, self.detail):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.headline)
        column.addWidget(self.detail)
        # The office's colour is a band down the left edge (the style sheet's border).
        self._row = QHBoxLayout(self)
        self._row.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignVCenter)
        self._row.addLayout(column, 1)
        self.setSizePolicy(_text_card_policy())
        self._look: tuple[Theme, str, Metrics] | None = None

    def set_status(self, state: str, headline: str, detail: str) -> None:
        self.state = state
        self.headline.setText(headline)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.setAccessibleName(f"{headline}. {detail}" if detail else headline)
        self._draw_icon()

    def apply_look(self, theme: Theme, accent: str, metrics: Metrics) -> None:
        self._look = (theme, accent, metrics)
        chrome = metrics.chrome
        pad = chrome.px(20)
        self._row.setContentsMargins(pad, pad, pad, pad)
        self._row.setSpacing(chrome.px(20))
        # At the largest sizes the icon would take the width the words need.
        self.icon_label.setVisible(metrics.scale < 250)
        self._draw_icon()

    def _draw_icon(self) -> None:
        if self._look is None:
            return
        _theme, accent, metrics = self._look
        name = {
            "open": "mdi6.clock-check-outline",
            "later": "mdi6.clock-outline",
        }.get(self.state, "mdi6.door-closed-lock")
        size = metrics.chrome.px(STATUS_ICON_PX)
        self.icon_label.setFixedSize(size, size)
        self.icon_label.setPixmap(icons.pixmap(name, accent, size))


class InfoCard(QFrame):
    """A card with an icon, a small heading line and a text: the tip ("Mikroporada")."""

    def __init__(self, icon_name: str, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, role)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.icon_name = icon_name
        self.icon_label = _icon_label()
        self.heading = QLabel()
        set_role(self.heading, "card-heading")
        self.text = QLabel()
        set_role(self.text, "card-text")
        for label in (self.heading, self.text):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.text)
        self._row = QHBoxLayout(self)
        self._row.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        self._row.addLayout(column, 1)
        self.setSizePolicy(_text_card_policy())

    def set_texts(self, heading: str, text: str) -> None:
        self.heading.setText(heading)
        self.text.setText(text)
        self.setAccessibleName(f"{heading}: {text}")

    def apply_look(self, theme: Theme, accent: str, metrics: Metrics) -> None:
        chrome = metrics.chrome
        pad = chrome.px(18)
        self._row.setContentsMargins(pad, pad, pad, pad)
        self._row.setSpacing(chrome.px(16))
        size = chrome.px(44)
        self.icon_label.setFixedSize(size, size)
        self.icon_label.setPixmap(icons.pixmap(self.icon_name, accent, size))


def status_px(metrics: Metrics) -> int:
    """The status headline: 44 px at 100 %, always larger than any tile's title, and
    growing a little slower than the rest so that its words still fit at 300 %."""
    title = metrics.px(LAUNCH_TITLE_PX)
    factor = STATUS_PX / LAUNCH_TITLE_PX - 0.175 * (metrics.scale - 100) / 100
    return round(title * factor)


def home_stylesheet(theme: Theme, scale: int) -> str:
    """The home screen's rules (labels and frames only; see the module's note), added to
    the window's style sheet: one sheet is polished once when the text size changes."""
    m = Metrics(scale)
    t = theme
    accent = theme.accent
    radius = m.chrome.px(12)
    return f"""
QFrame[role="status-card"] {{
    background: {t.surface}; border: {m.chrome.px(2)}px solid {t.button_border};
    border-left: {m.chrome.px(14)}px solid {accent};
}}
QLabel[role="status-headline"] {{ font-size: {status_px(m)}px; font-weight: bold; color: {t.text}; }}
QLabel[role="status-detail"] {{ font-size: {m.px(STATUS_DETAIL_PX)}px; color: {t.text}; }}
QLabel[role="home-heading"] {{
    font-size: {m.chrome.px(HEADING_PX)}px; font-weight: bold; color: {t.text};
    padding-top: {m.chrome.px(8)}px;
}}
QLabel[role="launch-title"] {{
    font-size: {m.px(LAUNCH_TITLE_PX)}px; font-weight: bold; color: {t.button_text};
}}
QLabel[role="tile-detail"] {{ color: {t.muted if not t.is_high_contrast else t.button_text}; }}
QLabel[role="announcement-date"] {{ font-size: {m.px(DATE_PX)}px; font-weight: bold; color: {t.muted}; }}
QFrame[role="tip-card"] {{
    background: {t.bar}; border: {m.px(2)}px solid {t.button_border}; border-radius: {radius}px;
}}
QFrame[role="tip-card"] QLabel {{ color: {t.bar_text}; }}
QLabel[role="card-heading"] {{ font-size: {m.px(DATE_PX)}px; font-weight: bold; }}
QLabel[role="card-text"] {{ font-size: {m.body}px; }}
"""
