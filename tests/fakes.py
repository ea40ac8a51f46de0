"""Test doubles shared by the tests (they never ship in ``kiosk/``).

- :class:`FakeView` — a view for the controller (``kiosk.controller.KioskView``) that
  records what it was told, so the controller is tested without a window (Mu's way).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.content.content import Content
from kiosk.session import Location


@dataclass
class FakeView:
    """Records every call of the controller, in order, and what is shown now."""

    calls: list[tuple[str, tuple[object, ...]]] = field(default_factory=list)
    location: Location | None = None
    header: str = ""
    status: str = ""
    printing: bool = False
    print_result: str = ""
    warning_seconds: int | None = None
    is_attract_shown: bool = False
    content: Content | None = None
    title: str = "Title"

    def _record(self, name: str, *args: object) -> None:
        self.calls.append((name, args))

    def names(self) -> list[str]:
        return [name for name, _args in self.calls]

    def show_location(self, location: Location) -> None:
        self._record("show_location", location)
        self.location = location

    def show_content(self, content: Content) -> None:
        self._record("show_content", content)
        self.content = content

    def show_style(self) -> None:
        self._record("show_style")

    def retranslate(self) -> None:
        self._record("retranslate")

    def show_today(self, header: str, status: str) -> None:
        self._record("show_today", header, status)
        self.header, self.status = header, status

    def show_printing(self, is_available: bool) -> None:
        self._record("show_printing", is_available)
        self.printing = is_available

    def show_print_result(self, message: str) -> None:
        self._record("show_print_result", message)
        self.print_result = message

    def stop_reading(self) -> None:
        self._record("stop_reading")

    def screen_title(self) -> str:
        return self.title

    def show_attract(self) -> None:
        self._record("show_attract")
        self.is_attract_shown = True

    def show_idle_warning(self, seconds_left: int) -> None:
        self._record("show_idle_warning", seconds_left)
        self.warning_seconds = seconds_left

    def close_idle_warning(self) -> None:
        self._record("close_idle_warning")
        self.warning_seconds = None

    def close_overlays(self) -> None:
        self._record("close_overlays")
        self.warning_seconds = None
