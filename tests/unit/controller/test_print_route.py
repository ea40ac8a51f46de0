"""The controller prints the way to a room as it prints a page: on the kiosk's printer,
in the visitor's language, from where this kiosk stands, and tells the visitor."""

from __future__ import annotations

import pytest

from kiosk import paths
from kiosk.content.content import Content, load_content
from kiosk.controller import VisitSettings
from tests.unit.controller.test_controller import make


@pytest.mark.allow_log_warnings
def test_the_way_is_printed_from_this_kiosk_in_the_visitors_language(qapp: object) -> None:
    content = load_content(paths.bundled_content_dir())
    printed: list[tuple[str, str, bool, str, str]] = []

    def fake_print(
        content: Content,
        room: str,
        position: str,
        step_free: bool,
        lang: str,
        moment: object,
        printer_name: str,
    ) -> int:
        printed.append((room, position, step_free, lang, printer_name))
        return 1

    kiosk, view = make(content, settings=VisitSettings(printer="Office-HP", kiosk_position="hall"))
    try:
        kiosk._print_route = fake_print
        kiosk.print_route("14", True)
        assert printed == []  # the printer is not there: nothing is sent
        kiosk._printer_available = lambda _name: True
        kiosk.set_printer("Office-HP")
        kiosk.session.set_language("uk")
        kiosk.print_route("14", True)
        assert printed == [("14", "hall", True, "uk", "Office-HP")]
        assert view.print_result == "Друкую. Заберіть, будь ласка, роздруківку з принтера."

        def broken(*_args: object, **_kwargs: object) -> int:
            raise OSError("paper jam")

        kiosk._print_route = broken
        kiosk.print_route("14", False)
        assert view.print_result.startswith("Не вдалося")
    finally:
        kiosk.close()
