"""QR codes of a page's online address, drawn with segno (a well-kept QR library)."""

from __future__ import annotations

import io

from PySide6.QtGui import QImage

QUIET_ZONE = 4  # modules of white around the code, as the standard asks


def qr_image(text: str, module_px: int, dark: str = "#000000", light: str = "#ffffff") -> QImage:
    """The QR code of ``text`` as an image, ``module_px`` pixels per module.

    Dark on light always (some phone readers cannot read an inverted code), which is
    also why the high-contrast themes keep it black on white inside a frame.
    """
    import segno

    code = segno.make(text, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=module_px, border=QUIET_ZONE, dark=dark, light=light)
    image = QImage()
    image.loadFromData(buffer.getvalue(), "PNG")
    return image


def modules(text: str) -> int:
    """Modules per side (without the quiet zone), to size the code for reading distance."""
    import segno

    return int(segno.make(text, error="m", micro=False).symbol_size(border=0)[0])
