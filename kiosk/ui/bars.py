"""The chrome on every screen: a slim identity strip on top, one control bar in reach.

Stable chrome, fluid content: the control bar keeps one row (a column in landscape) of
equal slots whose places depend only on the window's size and which controls exist —
never on the text size or language — so a finger tapping A+ twice taps A+ twice. At the
largest text size the bar switches once to its large variant (icons alone, still one
row); the identity strip elides rather than wraps.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import _, pgettext
from kiosk.languages import language_name, uses_chooser
from kiosk.session import FONT_SCALES, Session
from kiosk.ui.chooser import LanguageChooser
from kiosk.ui.drawn_icons import icon
from kiosk.ui.style import GLYPH_PX, Metrics, bar_border_px, bar_label_px
from kiosk.ui.themes import DEFAULT, Theme
from kiosk.ui.widgets import set_role
from kiosk.vocabulary import ThemeName

LARGE_VARIANT_SCALE = FONT_SCALES[-1]  # the bar shows icons alone from this size on
ICON_PX = 30  # an icon at 100% (the chrome's scale applies)
LARGE_ICON_PX = 30


class BarButton(QToolButton):
    """A control of the bar: its icon over a short label, or a glyph ("A+") alone."""

    def __init__(self, name: str, icon_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        set_role(self, "bar-button")
        self.icon_name = icon_name
        self.setProperty("glyph", not icon_name)
        self.setToolButtonStyle(
            Qt.ToolButtonStyle.ToolButtonTextUnderIcon if icon_name else Qt.ToolButtonStyle.ToolButtonTextOnly
        )
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

        self._frame = (2, 6, 4)  # outline, focus ring, vertical padding (px)

    def set_look(
        self, theme: Theme, icon_px: int, is_large: bool, frame: tuple[int, int, int] = (2, 6, 4)
    ) -> None:
        self._frame = frame
        self.updateGeometry()
        if not self.icon_name:
            return
        self.setIcon(icon(self.icon_name, icon_px, theme))
        self.setIconSize(QSize(icon_px, icon_px))
        self.setToolButtonStyle(
            Qt.ToolButtonStyle.ToolButtonIconOnly if is_large else Qt.ToolButtonStyle.ToolButtonTextUnderIcon
        )

    def shows_text(self) -> bool:
        return self.toolButtonStyle() != Qt.ToolButtonStyle.ToolButtonIconOnly

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """What the content needs: the icon, the label under it, the focus ring around."""
        _border, ring, padding = self._frame
        metrics = self.fontMetrics()
        icon = self.iconSize() if self.icon_name else QSize(0, 0)
        text = (
            QSize(metrics.horizontalAdvance(self.text()), metrics.height()) if self.shows_text() else QSize()
        )
        width = max(icon.width(), text.width())
        height = icon.height() + text.height() + (4 if icon.height() and text.height() else 0)
        return QSize(width + 2 * ring, height + 2 * (ring + padding))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.sizeHint()


class ControlRow(QWidget):
    """Equal slots along one axis (the text-size glyphs take a slightly narrower one,
    the same at every size). A control that is hidden gives up its slot; nothing else
    (text size, language, contrast) ever moves the others."""

    GLYPH_WEIGHT = 0.85

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: list[BarButton] = []
        self.is_vertical = False
        self.gap = 8

    def add(self, button: BarButton) -> None:
        button.setParent(self)
        button.installEventFilter(self)
        self.buttons.append(button)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.ShowToParent, QEvent.Type.HideToParent):
            self.arrange()
        return False

    def shown(self) -> list[BarButton]:
        return [b for b in self.buttons if not b.isHidden()]

    def arrange(self) -> None:
        shown = self.shown()
        if self.is_vertical:
            shown = shown[::-1]  # landscape: the first control (speech) at the bottom-left
        weights = [self.GLYPH_WEIGHT if not b.icon_name else 1.0 for b in shown]
        length = self.height() if self.is_vertical else self.width()
        free = length - self.gap * max(0, len(shown) - 1)
        unit = free / max(1.0, sum(weights))
        position = 0.0
        for button, weight in zip(shown, weights, strict=True):
            start = round(position)
            end = round(position + weight * unit)
            if self.is_vertical:
                button.setGeometry(QRect(0, start, self.width(), end - start))
            else:
                button.setGeometry(QRect(start, 0, end - start, self.height()))
            position += weight * unit + self.gap

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.arrange()


class ElidedLabel(QLabel):
    """One line that never wraps and never widens its bar: what does not fit ends in
    "…" (the whole text stays its accessible name, and speech reads it whole)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setText(text)
        self.setAccessibleName(text)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.fontMetrics().averageCharWidth() * 4, self.fontMetrics().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.sizeHint()

    def full_width(self) -> int:
        return self.fontMetrics().horizontalAdvance(self.text())

    def is_elided(self) -> bool:
        return self.full_width() > self.contentsRect().width()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        rect = self.contentsRect()
        shown = QFontMetrics(self.font()).elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        alignment = int(self.alignment())
        palette, role = self.palette(), self.foregroundRole()
        self.style().drawItemText(painter, rect, alignment, palette, self.isEnabled(), shown, role)


class BottomBar(QWidget):
    """The control bar: in the reach zone at the bottom of a portrait screen, the left
    column of a landscape one. (Named for its first place; the window keeps the name.)"""

    back_requested = Signal()
    home_requested = Signal()
    end_requested = Signal()  # "Zakończ": the visit ends (after the survey, when one runs)

    def __init__(
        self, session: Session, languages: tuple[str, ...], window: QWidget, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._theme: Theme = DEFAULT
        self._metrics = Metrics(100)
        self.setObjectName("bottom-bar")
        set_role(self, "bar")
        self.setProperty("edge", "bottom")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.row = ControlRow(self)
        # Speech mode first: a corner of the screen (bottom-left in both orientations),
        # found by touch; its place is said in the spoken help (speech_control_place).
        self.speech_mode = self._add("speech-mode", "speech", checkable=True)
        self.back = self._add("back", "back")
        self.home = self._add("home", "home")
        self.search = self._add("search", "search")
        self.plan = self._add("plan", "plan")
        self.plan.hide()  # shown when the content has a building plan
        self.language = self._add("language", "language")
        self.language.setVisible(len(languages) > 1)
        self.smaller = self._add("text-smaller", "")
        self.larger = self._add("text-larger", "")
        self.contrast = self._add("contrast", "contrast", checkable=True)
        self.end_visit = self._add("end-visit", "stop")
        self.smaller.setText("A−")
        self.larger.setText("A+")
        # Up to three languages: this control opens the bar's short list. More: the list
        # stays empty and the window connects the control to the chooser's grid of tiles
        # (kiosk.ui.language_chooser) instead, so there is one place to choose, never two.
        listed = () if uses_chooser(languages) else languages
        self.chooser = LanguageChooser(window, session, listed)
        self.language_buttons: dict[str, QPushButton] = self.chooser.buttons
        self.language.clicked.connect(self.chooser.open)
        self.back.clicked.connect(self.back_requested)
        self.home.clicked.connect(self.home_requested)
        self.end_visit.clicked.connect(self.end_requested)
        self.smaller.clicked.connect(session.smaller_text)
        self.larger.clicked.connect(session.larger_text)
        self.contrast.clicked.connect(session.toggle_contrast)
        self.status = QLabel()  # the opening status: shown by the identity strip
        for signal in (session.theme_changed, session.font_scale_changed, session.language_changed):
            signal.connect(self._sync)
        self._sync()

    def _add(self, name: str, icon_name: str, checkable: bool = False) -> BarButton:
        button = BarButton(name, icon_name)
        button.setCheckable(checkable)
        self.row.add(button)
        return button

    def _sync(self, *_: object) -> None:
        session = self._session
        self.contrast.setChecked(session.is_high_contrast)
        self.smaller.setEnabled(session.font_scale > FONT_SCALES[0])
        self.larger.setEnabled(session.font_scale < FONT_SCALES[-1])
        self.retranslate()

    def widest_control(self) -> int:
        return self.thickness()

    def set_side(self, is_side: bool) -> None:
        """As a column beside the screen (landscape) or a bar below it (portrait)."""
        self.setProperty("edge", "left" if is_side else "bottom")
        self.row.is_vertical = is_side
        self.style().unpolish(self)
        self.style().polish(self)
        self._fit()

    def is_large(self) -> bool:
        return self._metrics.scale >= LARGE_VARIANT_SCALE

    def icon_px(self) -> int:
        chrome = self._metrics.chrome
        return chrome.px(LARGE_ICON_PX if self.is_large() else ICON_PX)

    def thickness(self) -> int:
        """The bar's height (portrait) or the column's width (landscape): from the text
        size and the labels' widths only, never from how many controls there are."""
        chrome = self._metrics.chrome
        pad = chrome.px(4) + bar_border_px(self._metrics.scale)[1]
        margin = self.margin()
        label_font = self.font()
        label_font.setPixelSize(bar_label_px(self._metrics.scale))
        label = QFontMetrics(label_font)
        glyph_font = self.font()
        glyph_font.setPixelSize(chrome.px(GLYPH_PX))
        glyph_font.setBold(True)
        glyph = QFontMetrics(glyph_font)
        if self.row.is_vertical:
            widths = [self.icon_px() + 2 * pad, glyph.horizontalAdvance("A+") + 2 * pad]
            widths += [b.sizeHint().width() for b in self.row.buttons]
            return max(widths) + 2 * margin
        inner = self.icon_px()
        if not self.is_large():
            inner += chrome.px(4) + label.height()
        return max(inner, glyph.height()) + 2 * pad + 2 * margin

    def margin(self) -> int:
        return 4

    def _fit(self) -> None:
        size = self.thickness()
        margin = self.margin()
        if self.row.is_vertical:
            self.setMinimumHeight(0)
            self.setMaximumHeight(16777215)
            self.setFixedWidth(size)
        else:
            self.setMinimumWidth(0)
            self.setMaximumWidth(16777215)
            self.setFixedHeight(size)
        self.row.gap = 8  # targets ≥ 8 px apart
        self.row.setGeometry(self.rect().adjusted(margin, margin, -margin, -margin))
        self.row.arrange()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        margin = self.margin()
        self.row.setGeometry(self.rect().adjusted(margin, margin, -margin, -margin))

    def arrange(self) -> None:
        """A control was shown or hidden: share the slots again."""
        self.row.arrange()

    def retranslate(self) -> None:
        for button, label, name in (
            # Translators: a short label under an icon of the control bar (about 8 letters at most).
            (self.speech_mode, pgettext("control bar", "Speech"), _("Speech mode")),
            (self.back, pgettext("control bar", "Back"), _("Back")),
            (self.home, pgettext("control bar", "Home"), _("Home")),
            (self.search, pgettext("control bar", "Search"), _("Search")),
            (self.plan, pgettext("control bar", "Map"), _("Building plan")),
            (self.language, pgettext("control bar", "Language"), _("Language")),
            (self.contrast, pgettext("control bar", "Contrast"), _("High contrast")),
            # Translators: the control that ends the visit ("Zakończ"); the kiosk starts
            # again for the next visitor (after the satisfaction survey, when one runs).
            (self.end_visit, pgettext("control bar", "End"), _("End visit")),
        ):
            button.setText(label)
            button.setAccessibleName(name)
        self.speech_mode.setAccessibleDescription(_("Or press the star key (*)."))
        self.language.setAccessibleDescription(language_name(self._session.language))
        self.smaller.setAccessibleName(_("Smaller text"))
        self.larger.setAccessibleName(_("Larger text"))
        # Translators: accessible description of the text-size buttons; %(scale)d is a percentage.
        size_now = _("Text size: %(scale)d%%") % {"scale": self._session.font_scale}
        for button in (self.smaller, self.larger):
            button.setAccessibleDescription(size_now)
        self.chooser.retranslate()
        if not self.row.is_vertical or not self.is_large():
            self._fit()  # a label's width sets the landscape column's width

    def apply_metrics(self, metrics: Metrics, theme: Theme | None = None) -> None:
        self._metrics = metrics
        if theme is not None:
            self._theme = theme
        is_large = self.is_large()
        border, ring = bar_border_px(metrics.scale)
        frame = (border, ring, metrics.chrome.px(4))
        for button in self.row.buttons:
            button.set_look(self._theme, self.icon_px(), is_large, frame)
        self.chooser.apply_metrics(metrics)
        self._fit()


class TopBar(QWidget):
    """The identity strip: the office's logo and name, the date and name-day line, the
    clock (and the opening status where it fits); the high-contrast scheme switch."""

    def __init__(self, session: Session, controls: BottomBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.controls = controls
        self.setObjectName("top-bar")
        set_role(self, "bar")
        self.setProperty("edge", "top")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # The office's logo (site.toml) goes here; hidden while there is none.
        self.logo = QLabel()
        self.logo.setObjectName("logo")
        self.logo.hide()
        self.office = ElidedLabel()
        set_role(self.office, "office")
        self.header_line = ElidedLabel()
        set_role(self.header_line, "header-line")
        self.status = controls.status  # the opening status, where it fits
        set_role(self.status, "status")
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.clock = QLabel()
        self.clock.setObjectName("clock")
        set_role(self.clock, "office")
        # One button cycles through the high-contrast schemes (shown only in high
        # contrast): here, so that the control bar's slots never change.
        self.scheme = BarButton("theme-next", "scheme")
        self.scheme.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.scheme.clicked.connect(session.next_high_contrast)
        text = QVBoxLayout()
        text.setContentsMargins(0, 0, 0, 0)
        text.setSpacing(0)
        text.addWidget(self.office)
        text.addWidget(self.header_line)
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(0)
        side.addWidget(self.clock, 0, Qt.AlignmentFlag.AlignRight)
        side.addWidget(self.status, 0, Qt.AlignmentFlag.AlignRight)
        layout = self._layout = QHBoxLayout(self)
        layout.addWidget(self.logo)
        layout.addLayout(text, 1)
        layout.addWidget(self.scheme)
        layout.addLayout(side)
        self._status_text = ""
        session.theme_changed.connect(self._sync)
        session.language_changed.connect(self._sync)
        self._sync()

    # The controls live in the control bar; these names stay for callers.
    @property
    def search(self) -> BarButton:
        return self.controls.search

    @property
    def plan(self) -> BarButton:
        return self.controls.plan

    @property
    def language_buttons(self) -> dict[str, QPushButton]:
        return self.controls.language_buttons

    @property
    def smaller(self) -> BarButton:
        return self.controls.smaller

    @property
    def larger(self) -> BarButton:
        return self.controls.larger

    @property
    def contrast(self) -> BarButton:
        return self.controls.contrast

    def widest_control(self) -> int:
        return 0

    def set_side(self, is_side: bool) -> None:
        self.setProperty("edge", "top")
        self.style().unpolish(self)
        self.style().polish(self)

    def _sync(self, *_: object) -> None:
        self.scheme.setVisible(self._session.is_high_contrast)
        self.retranslate()

    def show_today(self, header: str, clock: str, status: str) -> None:
        """The date and name-day line (its time shown by the clock) and the status."""
        if clock:
            header = header.replace(f" · {clock}", "")
        self.header_line.setText(header)
        self.header_line.setVisible(bool(header))
        self.clock.setText(clock)
        self.clock.setVisible(bool(clock))
        self._status_text = status
        self.status.setText(status)
        self._fit_status()

    def _fit_status(self) -> None:
        """The status is shown beside the clock only where the office's name still fits."""
        status = self._status_text
        if not status:
            self.status.hide()
            return
        room = self.width() - self.office.full_width() - self.clock.sizeHint().width() - 80
        if self.scheme.isVisible():
            room -= self.scheme.sizeHint().width()
        self.status.setVisible(QFontMetrics(self.status.font()).horizontalAdvance(status) <= room)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_status()

    def retranslate(self) -> None:
        names: dict[str, str] = {
            ThemeName.YELLOW_ON_BLACK: _("Yellow on black"),
            ThemeName.BLACK_ON_YELLOW: _("Black on yellow"),
            ThemeName.WHITE_ON_BLACK: _("White on black"),
        }
        current = names.get(self._session.theme, "")
        self.scheme.setText(current)
        # Translators: accessible name of the button that switches between the
        # high-contrast colour schemes; %(scheme)s is the scheme shown now.
        self.scheme.setAccessibleName(_("Colours: %(scheme)s") % {"scheme": current})
        self.scheme.setAccessibleDescription(_("Tap for the next colour scheme"))

    def apply_metrics(self, metrics: Metrics, theme: Theme | None = None) -> None:
        chrome = metrics.chrome
        side = chrome.px(ICON_PX) + 2 * (chrome.px(6) + metrics.focus)
        self.scheme.setFixedSize(side, side)
        # The strip is as tall with the scheme switch as without it: nothing moves.
        self.setMinimumHeight(side + 2 * chrome.px(6))
        if theme is not None:
            self.scheme.set_look(theme, chrome.px(ICON_PX), is_large=True)
        self._layout.setSpacing(chrome.px(12))
        self._layout.setContentsMargins(chrome.px(14), chrome.px(6), chrome.px(14), chrome.px(6))
        self._fit_status()


__all__ = ["BarButton", "BottomBar", "ControlRow", "ElidedLabel", "TopBar"]
