"""Icons from qtawesome's icon fonts (Material Design Icons 6 and Phosphor), drawn in
the theme's colours at the visitor's text size, and the office's logo.

qtawesome was chosen because it is maintained and ships Material Design and Phosphor as
icon fonts with their charmaps (one file per set, no hundreds of image files to bundle),
so any icon comes in any colour and a high-contrast theme gets yellow or white icons for
free. The kiosk reads those fonts and charmaps as data and draws the glyph itself:
importing qtawesome brings QtPy, whose import and qtawesome's loading of all twelve sets
it ships cost about 0.2 s of CPU before the first icon.
"""

from __future__ import annotations

import logging
from functools import cache, lru_cache
from pathlib import Path

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from kiosk import paths
from kiosk.content.identity import ICON_FONTS, charmap, is_known_icon

log = logging.getLogger(__name__)

DEFAULT_ICON = "mdi6.folder-outline"  # a section or page whose icon is unknown or unset
CHEVRON = "mdi6.chevron-right"
GLYPH_SHARE = 0.875


@cache
def _family(prefix: str) -> str:
    """The font family of an icon set, loaded into the application once ("" if absent)."""
    fonts = paths.icon_fonts_dir()
    files = sorted(fonts.glob(ICON_FONTS[prefix])) if fonts is not None else []
    if not files:
        log.warning("the icon font %r is not installed; icons are not drawn", prefix)
        return ""
    font_id = QFontDatabase.addApplicationFont(str(files[0]))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("the icon font %s cannot be loaded", files[0])
        return ""
    return families[0]


def _glyph(name: str) -> tuple[str, str]:
    """(font family, character) of an icon; the default icon for an unknown name."""
    if not is_known_icon(name):
        name = DEFAULT_ICON
    prefix, _, icon = name.partition(".")
    return _family(prefix), chr(charmap(prefix)[icon])


@lru_cache(maxsize=1024)
def pixmap(name: str, colour: str, size: int) -> QPixmap:
    """The icon as a square pixmap of ``size`` px in ``colour`` (sharp on the screen's
    pixel ratio); kept, so a change of text size or theme back and forth draws no icon
    twice. The glyph fills 7/8 of the square, as qtawesome draws it."""
    ratio = _device_ratio()
    side = max(1, round(size * ratio))
    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    family, char = _glyph(name)
    if family:
        font = QFont(family)
        font.setPixelSize(max(1, round(side * GLYPH_SHARE)))
        font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setFont(font)
        painter.setPen(QColor(colour))
        painter.drawText(QRect(0, 0, side, side), Qt.AlignmentFlag.AlignCenter, char)
        painter.end()
    result = QPixmap.fromImage(image)
    result.setDevicePixelRatio(ratio)
    return result


_logos: dict[tuple[Path, int, float], QPixmap] = {}
LOGOS_KEPT = 6  # the identity strip's logo at a few text sizes, and the attract screen's


def logo_pixmap(path: Path | None, height: int) -> QPixmap:
    """The office's logo scaled to ``height`` px (an empty pixmap when there is none);
    kept, so that A+ and A− back and forth draw it once per size."""
    if path is None:
        return QPixmap()
    key = (path, height, _device_ratio())
    pixmap = _logos.pop(key, None)
    if pixmap is None:
        pixmap = _draw_logo(path, height)
    _logos[key] = pixmap
    while len(_logos) > LOGOS_KEPT:
        del _logos[next(iter(_logos))]
    return pixmap


def _draw_logo(path: Path, height: int) -> QPixmap:
    ratio = _device_ratio()
    if path.suffix.lower() == ".svg":
        renderer = QSvgRenderer(str(path))
        if not renderer.isValid():
            log.warning("the logo %s cannot be drawn", path)
            return QPixmap()
        size = renderer.defaultSize()
        width = max(1, round(height * size.width() / max(1, size.height())))
        image = QImage(round(width * ratio), round(height * ratio), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
        painter.end()
        result = QPixmap.fromImage(image)
    else:
        loaded = QPixmap(str(path))
        if loaded.isNull():
            log.warning("the logo %s cannot be read", path)
            return QPixmap()
        result = loaded.scaledToHeight(round(height * ratio), Qt.TransformationMode.SmoothTransformation)
    result.setDevicePixelRatio(ratio)
    return result


def _device_ratio() -> float:
    app = QApplication.instance()
    screen = app.primaryScreen() if isinstance(app, QApplication) else None
    return screen.devicePixelRatio() if screen is not None else 1.0
