"""Shared base of the screens: translation and metrics hooks."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from kiosk.content.content import Content
from kiosk.session import Location
from kiosk.ui.style import Metrics


class Screen(QWidget):
    """A screen asks to navigate through ``navigate``; it never changes the session."""

    navigate = Signal(object)  # Location

    _content: Content

    def set_content(self, content: Content) -> None:
        """Switch to newly loaded content (the window then reopens the home screen)."""
        self._content = content

    def retranslate(self) -> None:
        """Set every visible and accessible text in the active language."""

    def apply_metrics(self, metrics: Metrics) -> None:
        """Follow a new font scale (spacing, columns)."""

    def accessible_title(self) -> str:
        return ""

    def open(self, location: Location) -> None:
        """Show what ``location`` points at."""

    def focus_targets(self) -> list[QWidget]:
        """The tiles that arrow keys move between, in reading order."""
        return []

    def grid_columns(self) -> int:
        return 1

    def first_focus(self) -> QWidget | None:
        """Where keyboard focus goes when the screen opens."""
        targets = self.focus_targets()
        return targets[0] if targets else None
