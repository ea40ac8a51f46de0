"""QR codes of a page's online address: the code from ``qrcode`` (python-qrcode, the most
used QR library for Python), drawn here as a Qt image.

Only the code's modules are asked of the library; the kiosk draws them itself, so no
image library is loaded. (segno, used before, loads ``xml.sax.saxutils`` for its SVG
writer, and with it ``urllib.request``, ``http.client``, ``email`` and OpenSSL: 9 MB and
20 ms for every page that shows its address.)
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QColor, QImage, QPainter

QUIET_ZONE = 4  # modules of white around the code, as the standard asks


@lru_cache(maxsize=64)
def code_modules(text: str) -> tuple[tuple[bool, ...], ...]:
    """The code of ``text``, dark modules True, without the quiet zone: the smallest
    version that holds it at error correction M, at the highest correction that version
    still holds (H, Q or M), so a short address survives glare on the screen and a worn
    printout better, at the same size."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_M, ERROR_CORRECT_Q
    from qrcode.exceptions import DataOverflowError

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(text)
    code.make(fit=True)
    for stronger in (ERROR_CORRECT_H, ERROR_CORRECT_Q):
        boosted = qrcode.QRCode(version=code.version, error_correction=stronger, border=0)
        boosted.add_data(text)
        try:
            boosted.make(fit=False)
        except DataOverflowError:
            continue
        code = boosted
        break
    return tuple(tuple(bool(module) for module in row) for row in code.get_matrix())


def qr_image(text: str, module_px: int, dark: str = "#000000", light: str = "#ffffff") -> QImage:
    """The QR code of ``text`` as an image, ``module_px`` pixels per module, with its
    quiet zone.

    Dark on light always (some phone readers cannot read an inverted code), which is
    also why the high-contrast themes keep it black on white inside a frame.
    """
    rows = code_modules(text)
    side = (len(rows) + 2 * QUIET_ZONE) * module_px
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor(light))
    painter = QPainter(image)  # no antialiasing: whole pixels, sharp edges
    ink = QColor(dark)
    for y, row in enumerate(rows):
        top = (y + QUIET_ZONE) * module_px
        x = 0
        while x < len(row):  # one rectangle per run of dark modules
            if not row[x]:
                x += 1
                continue
            start = x
            while x < len(row) and row[x]:
                x += 1
            painter.fillRect((start + QUIET_ZONE) * module_px, top, (x - start) * module_px, module_px, ink)
    painter.end()
    return image


def modules(text: str) -> int:
    """Modules per side (without the quiet zone), to size the code for reading distance."""
    return len(code_modules(text))
