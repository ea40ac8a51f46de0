"""Everything that belongs to one visitor, in one object with one ``reset()``.

Widgets read the session and follow its signals; the idle timeout calls ``reset()``
so that the next visitor never inherits the last one's choices.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from kiosk.vocabulary import FONT_SCALES, HIGH_CONTRAST, Screen, SpeechRate, ThemeName, Volume

__all__ = ["FONT_SCALES", "Location", "Screen", "Session"]


@dataclass(frozen=True)
class Location:
    """A screen the visitor can be on (a :class:`Screen` kind) and what it shows."""

    kind: str
    target: str = ""

    @classmethod
    def home(cls) -> Location:
        return cls(Screen.HOME)


class Session(QObject):
    """Per-visitor state. Setters emit only when the value really changes."""

    SPEECH_RATES: tuple[str, ...] = tuple(SpeechRate)
    SPEECH_VOLUMES: tuple[str, ...] = tuple(Volume)

    language_changed = Signal(str)
    font_scale_changed = Signal(int)
    theme_changed = Signal(str)
    location_changed = Signal(object)
    speech_changed = Signal()
    search_changed = Signal()
    easy_read_changed = Signal(bool)
    was_reset = Signal()

    def __init__(self, default_language: str, default_theme: str = ThemeName.DEFAULT) -> None:
        super().__init__()
        self.default_language = default_language
        self.default_theme = default_theme
        self.language = default_language
        self.font_scale = FONT_SCALES[0]
        self.theme = default_theme
        # The high-contrast scheme the contrast switch returns to: the visitor's own
        # choice, forgotten with the visit.
        self.last_high_contrast: str = self._first_high_contrast()
        self.history: list[Location] = [Location.home()]
        self.speech_rate: str = SpeechRate.NORMAL
        self.speech_volume: str = Volume.NORMAL
        self.is_speech_mode = False
        self.search_text = ""
        # Easy-to-read text chosen: pages that have an easy-to-read version show it.
        self.is_easy_read = False

    # -- language, size, theme -------------------------------------------------
    def set_language(self, lang: str) -> None:
        if lang != self.language:
            self.language = lang
            self.language_changed.emit(lang)

    def set_font_scale(self, percent: int) -> None:
        percent = min(FONT_SCALES, key=lambda s: abs(s - percent))
        if percent != self.font_scale:
            self.font_scale = percent
            self.font_scale_changed.emit(percent)

    def larger_text(self) -> None:
        index = FONT_SCALES.index(self.font_scale)
        self.set_font_scale(FONT_SCALES[min(index + 1, len(FONT_SCALES) - 1)])

    def smaller_text(self) -> None:
        index = FONT_SCALES.index(self.font_scale)
        self.set_font_scale(FONT_SCALES[max(index - 1, 0)])

    def set_theme(self, name: str) -> None:
        if name != self.theme:
            if name in HIGH_CONTRAST:
                self.last_high_contrast = name
            self.theme = name
            self.theme_changed.emit(name)

    @property
    def is_high_contrast(self) -> bool:
        return self.theme != ThemeName.DEFAULT

    def toggle_contrast(self) -> None:
        """High contrast on (the scheme chosen last in this visit) or off."""
        self.set_theme(ThemeName.DEFAULT if self.is_high_contrast else self.last_high_contrast)

    def next_high_contrast(self) -> None:
        """The next high-contrast scheme (from the default theme: the first one)."""
        order = HIGH_CONTRAST
        following = order[(order.index(self.theme) + 1) % len(order)] if self.theme in order else order[0]  # type: ignore[arg-type]
        self.set_theme(following)

    def _first_high_contrast(self) -> str:
        return self.default_theme if self.default_theme in HIGH_CONTRAST else HIGH_CONTRAST[0]

    # -- speech and search -----------------------------------------------------
    def set_speech(
        self, rate: str | None = None, volume: str | None = None, is_speech_mode: bool | None = None
    ) -> None:
        changed = False
        if rate is not None and rate in self.SPEECH_RATES and rate != self.speech_rate:
            self.speech_rate, changed = rate, True
        if volume is not None and volume in self.SPEECH_VOLUMES and volume != self.speech_volume:
            self.speech_volume, changed = volume, True
        if is_speech_mode is not None and is_speech_mode != self.is_speech_mode:
            self.is_speech_mode, changed = is_speech_mode, True
        if changed:
            self.speech_changed.emit()

    def set_easy_read(self, is_easy_read: bool) -> None:
        if is_easy_read != self.is_easy_read:
            self.is_easy_read = is_easy_read
            self.easy_read_changed.emit(is_easy_read)

    def set_search_text(self, text: str) -> None:
        if text != self.search_text:
            self.search_text = text
            self.search_changed.emit()

    # -- navigation ------------------------------------------------------------
    @property
    def location(self) -> Location:
        return self.history[-1]

    @property
    def can_go_back(self) -> bool:
        return len(self.history) > 1

    def open(self, location: Location) -> None:
        if location == self.location:
            return
        if location.kind == Screen.HOME:
            self.history = [location]
        else:
            self.history.append(location)
        self.location_changed.emit(location)

    def back(self) -> None:
        if self.can_go_back:
            self.history.pop()
            self.location_changed.emit(self.location)

    def home(self) -> None:
        self.open(Location.home())

    # -- a new visitor ---------------------------------------------------------
    def reset(self) -> None:
        """Back to defaults: the next visitor starts fresh."""
        self.set_language(self.default_language)
        self.set_font_scale(FONT_SCALES[0])
        self.set_theme(self.default_theme)
        self.last_high_contrast = self._first_high_contrast()
        self.set_speech(rate=SpeechRate.NORMAL, volume=Volume.NORMAL, is_speech_mode=False)
        self.set_search_text("")
        self.set_easy_read(False)
        if self.history != [Location.home()]:
            self.history = [Location.home()]
            self.location_changed.emit(self.location)
        self.was_reset.emit()
