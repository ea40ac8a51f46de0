"""The controls' icons, drawn as strokes in the theme's colours (no image files: they
stay sharp at every size and take any scheme's colours, high contrast included).

Each icon is drawn on a 24×24 grid; ``icon()`` gives a QIcon with the colours of the
normal, selected (checked) and disabled states.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from kiosk.ui.themes import Theme

Draw = Callable[[QPainter], None]


def _home(p: QPainter) -> None:
    path = QPainterPath(QPointF(3, 11))
    path.lineTo(12, 3)
    path.lineTo(21, 11)
    p.drawPath(path)
    body = QPainterPath(QPointF(5.5, 9.5))
    corners: tuple[tuple[float, float], ...] = (
        (5.5, 21),
        (10, 21),
        (10, 15),
        (14, 15),
        (14, 21),
        (18.5, 21),
        (18.5, 9.5),
    )
    for x, y in corners:
        body.lineTo(x, y)
    p.drawPath(body)


def _back(p: QPainter) -> None:
    p.drawLine(QPointF(4, 12), QPointF(20, 12))
    path = QPainterPath(QPointF(11, 5))
    path.lineTo(4, 12)
    path.lineTo(11, 19)
    p.drawPath(path)


def _search(p: QPainter) -> None:
    p.drawEllipse(QPointF(10, 10), 6.5, 6.5)
    p.drawLine(QPointF(15, 15), QPointF(21, 21))


def _language(p: QPainter) -> None:
    p.drawEllipse(QPointF(12, 12), 9, 9)
    p.drawEllipse(QPointF(12, 12), 4, 9)
    p.drawLine(QPointF(3, 12), QPointF(21, 12))
    p.drawLine(QPointF(4.5, 7.5), QPointF(19.5, 7.5))
    p.drawLine(QPointF(4.5, 16.5), QPointF(19.5, 16.5))


def _contrast(p: QPainter) -> None:
    p.drawEllipse(QPointF(12, 12), 9, 9)
    half = QPainterPath(QPointF(12, 3))
    half.arcTo(QRectF(3, 3, 18, 18), 90, 180)
    half.closeSubpath()
    p.fillPath(half, p.pen().color())


def _scheme(p: QPainter) -> None:
    """Two swatches, one filled: the next pair of colours."""
    p.fillRect(QRectF(3, 3, 11, 11), p.pen().color())
    p.drawRect(QRectF(10, 10, 11, 11))


def _speaker(p: QPainter) -> None:
    path = QPainterPath(QPointF(3, 9))
    for x, y in ((7, 9), (12, 5), (12, 19), (7, 15), (3, 15)):
        path.lineTo(x, y)
    path.closeSubpath()
    p.drawPath(path)


def _speech(p: QPainter) -> None:
    _speaker(p)
    p.drawArc(QRectF(11, 8, 8, 8), -50 * 16, 100 * 16)
    p.drawArc(QRectF(9, 4.5, 14, 15), -50 * 16, 100 * 16)


def _plan(p: QPainter) -> None:
    p.drawRect(QRectF(3, 4, 18, 16))
    p.drawLine(QPointF(11, 4), QPointF(11, 13))
    p.drawLine(QPointF(3, 13), QPointF(8, 13))
    p.drawLine(QPointF(14, 13), QPointF(21, 13))


def _chevron(up: bool) -> Draw:
    def draw(p: QPainter) -> None:
        path = QPainterPath(QPointF(4, 15 if up else 9))
        path.lineTo(12, 7 if up else 17)
        path.lineTo(20, 15 if up else 9)
        p.drawPath(path)

    return draw


def _play(p: QPainter) -> None:
    path = QPainterPath(QPointF(7, 4))
    path.lineTo(19, 12)
    path.lineTo(7, 20)
    path.closeSubpath()
    p.fillPath(path, p.pen().color())


def _pause(p: QPainter) -> None:
    for x in (6, 14):
        p.fillRect(QRectF(x, 5, 4, 14), p.pen().color())


def _stop(p: QPainter) -> None:
    p.fillRect(QRectF(6, 6, 12, 12), p.pen().color())


def _skip(forward: bool) -> Draw:
    def draw(p: QPainter) -> None:
        sign = 1 if forward else -1
        tip = 12 + sign * 6
        path = QPainterPath(QPointF(12 - sign * 6, 5))
        path.lineTo(tip, 12)
        path.lineTo(12 - sign * 6, 19)
        path.closeSubpath()
        p.fillPath(path, p.pen().color())
        p.fillRect(QRectF(tip - (2 if forward else 0), 5, 2.5, 14), p.pen().color())

    return draw


def _repeat(p: QPainter) -> None:
    p.drawArc(QRectF(4, 4, 16, 16), 30 * 16, 300 * 16)
    end = QPointF(12 + 8 * math.cos(math.radians(30)), 12 - 8 * math.sin(math.radians(30)))
    p.drawLine(end, end + QPointF(0, -5))
    p.drawLine(end, end + QPointF(-5, 0))


def _rate(p: QPainter) -> None:
    p.drawArc(QRectF(3, 5, 18, 18), 0, 180 * 16)
    p.drawLine(QPointF(12, 14), QPointF(17, 8))


def _volume(p: QPainter) -> None:
    _speaker(p)
    p.drawLine(QPointF(15, 9), QPointF(15, 15))
    p.drawLine(QPointF(18, 7), QPointF(18, 17))


ICONS: dict[str, Draw] = {
    "home": _home,
    "back": _back,
    "search": _search,
    "language": _language,
    "contrast": _contrast,
    "scheme": _scheme,
    "speech": _speech,
    "plan": _plan,
    "page-up": _chevron(up=True),
    "page-down": _chevron(up=False),
    "play": _play,
    "pause": _pause,
    "stop": _stop,
    "previous": _skip(forward=False),
    "next": _skip(forward=True),
    "repeat": _repeat,
    "rate": _rate,
    "volume": _volume,
}


def pixmap(name: str, size: int, colour: str) -> QPixmap:
    """``name`` drawn ``size`` px square in ``colour`` on a transparent ground."""
    image = QPixmap(size, size)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 24, size / 24)
    pen = QPen(QColor(colour))
    pen.setWidthF(2.2)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(QBrush(Qt.BrushStyle.NoBrush))
    ICONS[name](painter)
    painter.end()
    return image


@functools.lru_cache(maxsize=512)
def icon(name: str, size: int, theme: Theme) -> QIcon:
    """The icon in the button's colours: normal, selected (checked) and disabled (drawn
    once per size and theme: a text-size switch repaints icons, not redraws them)."""
    result = QIcon()
    normal = pixmap(name, size, theme.button_text)
    result.addPixmap(normal, QIcon.Mode.Normal, QIcon.State.Off)
    result.addPixmap(normal, QIcon.Mode.Active, QIcon.State.Off)
    checked = pixmap(name, size, theme.accent_text)
    for mode in (QIcon.Mode.Normal, QIcon.Mode.Active, QIcon.Mode.Selected):
        result.addPixmap(checked, mode, QIcon.State.On)
    disabled = pixmap(name, size, theme.disabled_text)
    result.addPixmap(disabled, QIcon.Mode.Disabled, QIcon.State.Off)
    result.addPixmap(disabled, QIcon.Mode.Disabled, QIcon.State.On)
    return result
