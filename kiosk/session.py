"""Everything that belongs to one visitor, in one object with one ``reset()``.

Widgets read the session and follow its signals; the idle timeout calls ``reset()``
so that the next visitor never inherits the last one's choices.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

FONT_SCALES: tuple[int, ...] = (100, 125, 150, 175, 200, 250, 300)


@dataclass(frozen=True)
class Location:
    """A screen the visitor can be on: ``home``, ``section`` or ``page``."""

    kind: str
    target: str = ""

    @classmethod
    def home(cls) -> Location:
        return cls("home")


class Session(QObject):
    """Per-visitor state. Setters emit only when the value really changes."""

    language_changed = Signal(str)
    font_scale_changed = Signal(int)
    theme_changed = Signal(str)
    location_changed = Signal(object)
    was_reset = Signal()

    def __init__(self, default_language: str = "pl", default_theme: str = "default") -> None:
        super().__init__()
        self.default_language = default_language
        self.default_theme = default_theme
        self.language = default_language
        self.font_scale = FONT_SCALES[0]
        self.theme = default_theme
        self.history: list[Location] = [Location.home()]

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
            self.theme = name
            self.theme_changed.emit(name)

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
        if location.kind == "home":
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
        if self.history != [Location.home()]:
            self.history = [Location.home()]
            self.location_changed.emit(self.location)
        self.was_reset.emit()
