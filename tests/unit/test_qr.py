"""QR codes of page addresses (kiosk.qr): they decode to the address, with the strongest
error correction the smallest size allows, dark on light in the colours given."""

from __future__ import annotations

import pytest
import zxingcpp
from PySide6.QtGui import QColor

from kiosk.qr import QUIET_ZONE, code_modules, qr_image

SAMPLE = "https://www.mszczonow.pl/sprawy/dowod-osobisty"


@pytest.mark.parametrize(
    ("address", "level"),
    [
        ("a.pl/xy", "H"),  # 7 bytes: version 1 holds them at H
        ("http://a.pl", "Q"),  # 11 bytes: version 1 at Q, not H
        ("https://mszczonow.pl", "Q"),
        ("https://mszczonow.pl/a", "M"),  # 22 bytes: version 2 holds 20 at Q
        (SAMPLE, "Q"),
        ("https://www.mszczonow.pl/" + "bardzo-dluga-nazwa/" * 12, "M"),
    ],
)
def test_the_code_decodes_at_the_strongest_correction_of_its_size(
    qapp: object, address: str, level: str
) -> None:
    found = zxingcpp.read_barcodes(qr_image(address, 4))
    assert [(code.text, code.ec_level) for code in found] == [(address, level)]


def test_the_code_is_drawn_module_by_module_with_its_quiet_zone(qapp: object) -> None:
    rows = code_modules(SAMPLE)
    image = qr_image(SAMPLE, 5, dark="#101010", light="#ffff00")
    assert image.width() == image.height() == (len(rows) + 2 * QUIET_ZONE) * 5
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            centre = image.pixelColor((x + QUIET_ZONE) * 5 + 2, (y + QUIET_ZONE) * 5 + 2)
            assert centre == QColor("#101010" if dark else "#ffff00"), (x, y)
    assert image.pixelColor(QUIET_ZONE * 5 - 1, QUIET_ZONE * 5 - 1) == QColor("#ffff00")
    assert rows[0][:7] == (True,) * 7  # the finder pattern's top edge, top left
