"""Icons from qtawesome (Material Design Icons 6 and Phosphor, as fonts), drawn in the
theme's colours at the visitor's text size, and the office's logo.

qtawesome was chosen because it is maintained, ships Material Design and Phosphor for
PySide6 as icon fonts (one file per set, no hundreds of image files to bundle), and draws
any icon in any colour, so a high-contrast theme gets yellow or white icons for free.
"""

from __future__ import annotations

import logging
import os
from functools import cache, lru_cache
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from kiosk.content.identity import is_known_icon

log = logging.getLogger(__name__)

DEFAULT_ICON = "mdi6.folder-outline"  # a section or page whose icon is unknown or unset
CHEVRON = "mdi6.chevron-right"


@cache
def _qtawesome() -> object:
    # qtawesome reaches Qt through QtPy: name the binding, so it never probes PyQt.
    os.environ.setdefault("QT_API", "pyside6")
    import qtawesome

    return qtawesome


def icon(name: str, colour: str) -> QIcon:
    """The icon ``name`` in ``colour``; the default icon for an unknown name."""
    if not is_known_icon(name):
        name = DEFAULT_ICON
    qta = _qtawesome()
    return qta.icon(name, color=colour)  # type: ignore[attr-defined, no-any-return]


@lru_cache(maxsize=1024)
def pixmap(name: str, colour: str, size: int) -> QPixmap:
    """The icon as a square pixmap of ``size`` px (sharp on the screen's pixel ratio);
    kept, so a change of text size or theme back and forth draws no icon twice."""
    ratio = _device_ratio()
    return icon(name, colour).pixmap(QSize(size, size), ratio)


def logo_pixmap(path: Path | None, height: int) -> QPixmap:
    """The office's logo scaled to ``height`` px (an empty pixmap when there is none)."""
    if path is None:
        return QPixmap()
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
