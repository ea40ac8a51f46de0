"""The bars on every screen: office and controls on top, Back and Home below."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import _
from kiosk.languages import language_name
from kiosk.session import FONT_SCALES, Session
from kiosk.ui.language_chooser import language_button_text, uses_chooser
from kiosk.ui.style import Metrics
from kiosk.ui.widgets import FlowBox, set_role
from kiosk.vocabulary import ThemeName


def widest_control(bar: QWidget, layout: QVBoxLayout) -> int:
    """Width the widest button needs, so the landscape column never cuts a label."""
    margins = layout.contentsMargins()
    widest = max((b.sizeHint().width() for b in bar.findChildren(QPushButton)), default=0)
    return widest + margins.left() + margins.right()


def _with_mark(label: str, is_selected: bool) -> str:
    """A selected choice carries a check mark, so colour is never the only cue."""
    return f"✓ {label}" if is_selected else label


class TopBar(QWidget):
    """Office name, the header line, and the visitor's controls."""

    def __init__(
        self,
        session: Session,
        languages: tuple[str, ...],
        parent: QWidget | None = None,
        default_language: str = "",
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._languages = languages
        self._default_language = default_language or (languages[0] if languages else "")
        self.setObjectName("top-bar")
        set_role(self, "bar")
        self.setProperty("edge", "top")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.office = QLabel()
        set_role(self.office, "office")
        self.office.setWordWrap(True)
        self.header_line = QLabel()
        set_role(self.header_line, "header-line")
        self.header_line.setWordWrap(True)
        self.header_line.hide()  # filled by the date and name-day line

        self.language_buttons: dict[str, QPushButton] = {}
        # More languages than fit as buttons: one button opens the language chooser.
        self.language = QPushButton()
        self.language.setObjectName("language")
        self.language.setVisible(uses_chooser(languages))
        for lang in languages if not uses_chooser(languages) else ():
            # Each language's name is written in that language, never translated.
            button = QPushButton(language_name(lang))
            button.setObjectName(f"lang-{lang}")
            button.setCheckable(True)
            button.clicked.connect(lambda _c=False, code=lang: session.set_language(code))
            self.language_buttons[lang] = button
        self.smaller = QPushButton("A−")
        self.smaller.setObjectName("text-smaller")
        self.normal = QPushButton("A")
        self.normal.setObjectName("text-normal")
        self.larger = QPushButton("A+")
        self.larger.setObjectName("text-larger")
        self.smaller.clicked.connect(session.smaller_text)
        self.larger.clicked.connect(session.larger_text)
        self.normal.clicked.connect(lambda: session.set_font_scale(FONT_SCALES[0]))
        self.contrast = QPushButton()
        self.contrast.setObjectName("contrast")
        self.contrast.setCheckable(True)
        self.contrast.clicked.connect(session.toggle_contrast)
        # One button cycles through the high-contrast schemes (shown only in high
        # contrast): three separate buttons would wrap the bar onto another row.
        self.scheme = QPushButton()
        self.scheme.setObjectName("theme-next")
        self.scheme.clicked.connect(session.next_high_contrast)

        self.search = QPushButton()
        self.search.setObjectName("search")
        self.plan = QPushButton()
        self.plan.setObjectName("plan")
        self.plan.hide()  # shown when the content has a building plan
        self.controls = FlowBox()
        for button in (
            self.search,
            self.plan,
            self.language,
            *self.language_buttons.values(),
            self.smaller,
            self.normal,
            self.larger,
            self.contrast,
            self.scheme,
        ):
            self.controls.add_widget(button)
        layout = self._layout = QVBoxLayout(self)
        layout.addWidget(self.office)
        layout.addWidget(self.header_line)
        layout.addWidget(self.controls)
        layout.addStretch(1)  # in the landscape column, the controls stay at the top
        session.theme_changed.connect(self._sync)
        session.font_scale_changed.connect(self._sync)
        session.language_changed.connect(self._sync)
        self._sync()

    def widest_control(self) -> int:
        return widest_control(self, self._layout)

    def set_side(self, is_side: bool) -> None:
        """As a column beside the screen (landscape) or a bar above it (portrait)."""
        self.setProperty("edge", "left" if is_side else "top")
        self.style().unpolish(self)
        self.style().polish(self)

    def _sync(self, *_: object) -> None:
        session = self._session
        for lang, button in self.language_buttons.items():
            button.setChecked(lang == session.language)
            button.setText(_with_mark(language_name(lang), button.isChecked()))
        is_high = session.is_high_contrast
        self.contrast.setChecked(is_high)
        self.scheme.setVisible(is_high)
        self.smaller.setEnabled(session.font_scale > FONT_SCALES[0])
        self.larger.setEnabled(session.font_scale < FONT_SCALES[-1])
        self.retranslate()

    def retranslate(self) -> None:
        for lang, button in self.language_buttons.items():
            # The accessible name stays in the button's own language too.
            button.setAccessibleName(language_name(lang))
        text = language_button_text(self._session.language, self._languages, self._default_language)
        self.language.setText(text)
        self.language.setAccessibleName(text)
        now = language_name(self._session.language)
        # Translators: names the language the kiosk is shown in now ("Teraz: Polski").
        self.language.setAccessibleDescription(_("Now: %(language)s") % {"language": now})
        # Translators: the button that opens the search screen ("Wyszukiwanie").
        self.search.setText(_("Search"))
        self.search.setAccessibleName(_("Search"))
        # Translators: opens the building plan ("Plan budynku").
        self.plan.setText(_("Building plan"))
        self.plan.setAccessibleName(_("Building plan"))
        self.smaller.setAccessibleName(_("Smaller text"))
        self.normal.setAccessibleName(_("Normal text size"))
        self.larger.setAccessibleName(_("Larger text"))
        scale = self._session.font_scale
        # Translators: accessible description of the text-size buttons; %(scale)d is a percentage.
        size_now = _("Text size: %(scale)d%%") % {"scale": scale}
        for button in (self.smaller, self.normal, self.larger):
            button.setAccessibleDescription(size_now)
        if not self._session.is_high_contrast:
            self.contrast.setText(_("High contrast"))
        else:
            # Translators: returns from high contrast to the normal look ("Wersja graficzna").
            self.contrast.setText(_("Graphic version"))
        self.contrast.setAccessibleName(self.contrast.text())
        names: dict[str, str] = {
            ThemeName.YELLOW_ON_BLACK: _("Yellow on black"),
            ThemeName.BLACK_ON_YELLOW: _("Black on yellow"),
            ThemeName.WHITE_ON_BLACK: _("White on black"),
        }
        current = names.get(self._session.theme, "")
        self.scheme.setText(f"◐ {current}")
        # Translators: accessible name of the button that switches between the
        # high-contrast colour schemes; %(scheme)s is the scheme shown now.
        self.scheme.setAccessibleName(_("Colours: %(scheme)s") % {"scheme": current})
        self.scheme.setAccessibleDescription(_("Tap for the next colour scheme"))

    def apply_metrics(self, metrics: Metrics) -> None:
        chrome = metrics.chrome
        self.controls.set_gap(chrome.gap)
        self._layout.setSpacing(chrome.px(6))
        self._layout.setContentsMargins(*(chrome.px(14),) * 4)


class BottomBar(QWidget):
    """Back and Home on every screen, and a line of status."""

    back_requested = Signal()
    home_requested = Signal()
    end_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bottom-bar")
        set_role(self, "bar")
        self.setProperty("edge", "bottom")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # Speech mode first: always the bottom-left corner of the screen, in portrait (the
        # bottom bar) and landscape (the bottom of the side column) alike.
        self.speech_mode = QPushButton()
        self.speech_mode.setObjectName("speech-mode")
        self.speech_mode.setCheckable(True)
        self.back = QPushButton()
        self.back.setObjectName("back")
        self.home = QPushButton()
        self.home.setObjectName("home")
        self.end_visit = QPushButton()
        self.end_visit.setObjectName("end-visit")
        self.back.clicked.connect(self.back_requested)
        self.home.clicked.connect(self.home_requested)
        self.end_visit.clicked.connect(self.end_requested)
        self.status = QLabel()
        set_role(self.status, "status")
        self.status.setWordWrap(True)
        self.status.hide()  # filled by the opening-status line
        self.buttons = FlowBox()
        self.buttons.add_widget(self.speech_mode)
        self.buttons.add_widget(self.back)
        self.buttons.add_widget(self.home)
        self.buttons.add_widget(self.end_visit)
        layout = self._layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def widest_control(self) -> int:
        return widest_control(self, self._layout)

    def set_side(self, is_side: bool) -> None:
        self.setProperty("edge", "left" if is_side else "bottom")
        self.style().unpolish(self)
        self.style().polish(self)

    def retranslate(self) -> None:
        # Translators: the switch for blind visitors ("Tryb głosowy").
        self.speech_mode.setText(("✓ " if self.speech_mode.isChecked() else "") + _("Speech mode"))
        self.speech_mode.setAccessibleName(_("Speech mode"))
        self.speech_mode.setAccessibleDescription(_("Or press the star key (*)."))
        self.back.setText("◀  " + _("Back"))
        self.back.setAccessibleName(_("Back"))
        self.home.setText("⌂  " + _("Home"))
        self.home.setAccessibleName(_("Home"))
        # Translators: ends the visit ("Zakończ"): the kiosk starts again for the next
        # visitor (after the satisfaction survey, when the office runs one).
        self.end_visit.setText(_("End visit"))
        self.end_visit.setAccessibleName(_("End visit"))

    def apply_metrics(self, metrics: Metrics) -> None:
        chrome = metrics.chrome
        for button in (self.back, self.home):
            button.setMinimumWidth(chrome.px(200))
        self.buttons.set_gap(chrome.gap)
        self._layout.setSpacing(chrome.px(6))
        self._layout.setContentsMargins(*(chrome.px(14),) * 4)
