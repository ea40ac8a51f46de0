"""``kiosk render`` takes the image the window painted for itself (its backing store), as
a screen would show it, instead of drawing the window a second time into a new image:
one full-window image less (8 MB at 1080×1920) and no second drawing. The pixels are the
same in the default theme; in yellow on black, text edges differ by up to 24/255 (the
window's own painting blends text as on a screen)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QImage

from kiosk import paths
from kiosk.commands.render import grab
from kiosk.compose import build_kiosk, open_window
from kiosk.config import Config
from kiosk.content.content import load_content
from kiosk.session import Location, Screen


def drawn_anew(window: Any) -> QImage:
    """The window drawn into a new image, as ``QWidget.grab`` draws it."""
    image = QImage(window.size(), QImage.Format.Format_RGB32)
    image.fill(window.palette().window().color())
    window.render(image)
    return image


def largest_difference(a: QImage, b: QImage) -> int:
    """The largest difference of one colour channel between two images of one size."""
    assert a.size() == b.size()
    a, b = a.convertToFormat(QImage.Format.Format_RGB32), b.convertToFormat(QImage.Format.Format_RGB32)
    line = a.bytesPerLine()
    first, second = bytes(a.constBits()), bytes(b.constBits())
    largest = 0
    for start in range(0, len(first), line):
        row, other = first[start : start + line], second[start : start + line]
        if row != other:
            largest = max(largest, max(abs(x - y) for x, y in zip(row, other, strict=True)))
    return largest


def test_render_takes_what_the_window_painted(qapp: object, kiosk_fonts: None) -> None:
    kiosk = build_kiosk(Config.defaults(), load_content(paths.bundled_content_dir()), "pl")
    kiosk.open(Location(Screen.SECTION, "documents"))
    kiosk.open(Location(Screen.PAGE, "id-card"))
    window = open_window(kiosk, 1080, 1920, on_screen=False)
    try:
        image = grab(window)
        store = window.backingStore().paintDevice()
        assert isinstance(store, QImage)
        assert image.cacheKey() == store.cacheKey()  # the window's own image, not a copy
        assert image.size() == window.size()
        assert image == drawn_anew(window)
        # What changes after the first picture is painted before the next one.
        before = QImage(image)
        assert window.page_screen.body.scroll_to_text("Zgubiony lub skradziony")
        scrolled = grab(window)
        assert scrolled != before
        assert scrolled == drawn_anew(window)
        kiosk.session.set_theme("yellow-on-black")
        dark = grab(window)
        corner = dark.pixelColor(window.width() // 2, window.height() - 3)
        assert corner != scrolled.pixelColor(window.width() // 2, window.height() - 3)
        assert dark.size() == window.size()
        assert largest_difference(dark, drawn_anew(window)) <= 32  # text edges only, no stale part
    finally:
        window.close()


def test_a_window_that_is_only_drawn_takes_no_input(qapp: object, kiosk_fonts: None) -> None:
    """``kiosk render``'s window installs none of the application-wide input filters (keys,
    touches, speech mode's exploration): nothing can reach it, and a Python filter on every
    event makes PySide create a type for every object an event comes to. The kiosk's own
    window keeps them: the same keypad key counts as keypad use there."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    used: list[bool] = []
    for on_screen in (True, False):
        kiosk = build_kiosk(Config.defaults(), load_content(paths.bundled_content_dir()), "pl")
        kiosk.keypad_used = lambda on_screen=on_screen: used.append(on_screen)  # type: ignore[method-assign]
        window = open_window(kiosk, 1080, 1920, on_screen=on_screen)
        try:
            QTest.keyClick(window.bottom_bar.home, Qt.Key.Key_Down)
        finally:
            window.close()
    assert used and set(used) == {True}  # (once per widget the key is offered to)
