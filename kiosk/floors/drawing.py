"""Drawing a floor: the plan in given colours, the route, the chosen room, "You are here".

One painter for the screen (``kiosk.ui.plan_canvas``) and for paper
(``kiosk.floors.printout``), so that a printout shows the way exactly as the screen did.
The SVG is rendered by QtSvg and recoloured: its darkness becomes the alpha of the ink,
so outlines and labels follow every high-contrast scheme whatever colours staff drew
with. The route is a thick line over a casing in the paper colour, so it stays readable
where it crosses outlines of the same colour.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.parsers import expat

from PySide6.QtCore import QByteArray, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen
from PySide6.QtSvg import QSvgRenderer

from kiosk.floors.model import Floor, Floors
from kiosk.floors.routing import Route

# Sizes of a room's number and name, in plan units, as staff draw them (the sample's
# plans: 28 and 13 units on rooms of 160 × 130).
ROOM_NUMBER_UNITS = 28.0
ROOM_NAME_UNITS = 13.0


@dataclass(frozen=True)
class Colours:
    """What a floor is drawn with (on screen: from the theme; on paper: black on white)."""

    ink: str  # outlines and labels
    paper: str  # the background
    route: str  # the way and the chosen room
    here: str  # the "You are here" dot


@dataclass
class FloorDrawing:
    """One floor's SVG, loaded once, and where its rooms are (in plan units)."""

    floor: Floor
    renderer: QSvgRenderer
    view_box: QRectF
    room_rects: dict[str, QRectF] = field(default_factory=dict)
    # Rooms whose number and name in the drawing were taken out, to be written in the
    # visitor's language (``paint_room_labels``).
    relabelled: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Marks:
    """What is drawn over the plan."""

    route: Route | None = None
    selected_room: str = ""
    here: str = ""  # node id of "You are here"
    here_label: str = ""
    floor_labels: dict[str, str] = field(default_factory=dict)  # floor id → its name
    room_names: dict[str, str] = field(default_factory=dict)  # room id → its name, to write in it


def load_drawings(floors: Floors) -> dict[str, FloorDrawing]:
    """Each floor's drawing, with the bounds of the rooms' shapes; the texts drawn inside
    the rooms are left out (the kiosk writes each room's number and name itself, in the
    visitor's language)."""
    drawings: dict[str, FloorDrawing] = {}
    for floor in floors.floors:
        renderer = QSvgRenderer(str(floor.plan))
        rects: dict[str, QRectF] = {}
        for room in floors.rooms.values():
            if room.floor == floor.id and room.shape and renderer.elementExists(room.shape):
                bounds = renderer.boundsOnElement(room.shape)
                rects[room.id] = renderer.transformForElement(room.shape).mapRect(bounds)
        relabelled: frozenset[str] = frozenset()
        try:
            data = floor.plan.read_bytes()
        except OSError:
            data = b""
        stripped, found = _without_room_texts(data, rects)
        if found and QSvgRenderer(QByteArray(stripped)).isValid():
            renderer = QSvgRenderer(QByteArray(stripped))
            relabelled = frozenset(found)
        drawings[floor.id] = FloorDrawing(floor, renderer, renderer.viewBoxF(), rects, relabelled)
    return drawings


NUMBER_RE = re.compile(r"[-+]?\d*\.?\d+")


def _without_room_texts(data: bytes, rects: dict[str, QRectF]) -> tuple[bytes, set[str]]:
    """The SVG without the ``<text>`` elements that stand inside a room's shape, and the
    rooms they stood in. Only plain texts are taken (placed by x and y, no transform on
    them or around them); a drawing with pictures (which it finds beside itself) is kept
    whole, as it is loaded from its file."""
    if not rects or b"<image" in data:
        return data, set()
    cuts: list[tuple[int, int]] = []
    found: set[str] = set()
    transforms: list[bool] = []
    start: list[int] = []
    parser = expat.ParserCreate()

    def begin(tag: str, attrs: dict[str, str]) -> None:
        transforms.append("transform" in attrs or (bool(transforms) and transforms[-1]))
        if tag.rsplit(":", 1)[-1] == "text" and not start:
            x, y = NUMBER_RE.match(attrs.get("x", "")), NUMBER_RE.match(attrs.get("y", ""))
            if x and y and not transforms[-1]:
                point = QPointF(float(x.group()), float(y.group()))
                room = next((r for r, rect in rects.items() if rect.contains(point)), "")
                if room:
                    found.add(room)
                    start.append(parser.CurrentByteIndex)

    def end(tag: str) -> None:
        transforms.pop()
        if tag.rsplit(":", 1)[-1] == "text" and start:
            close = data.find(b">", parser.CurrentByteIndex)
            cuts.append((start.pop(), close + 1))

    parser.StartElementHandler = begin
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except expat.ExpatError:
        return data, set()
    kept, at = [], 0
    for a, b in cuts:
        kept.append(data[at:a])
        at = b
    kept.append(data[at:])
    return b"".join(kept), found


def paint_room_labels(
    painter: QPainter,
    drawing: FloorDrawing,
    to_px: Callable[[QPointF], QPointF],
    colours: Colours,
    marks: Marks,
    scale: float,
    font: QFont,
) -> None:
    """Each relabelled room's number (large) and name (wrapped, made smaller until it
    fits) inside its shape, as the drawing had them, in the ink; ``scale`` is pixels per
    plan unit."""
    painter.setPen(QColor(colours.ink))
    for room_id in drawing.relabelled:
        rect = drawing.room_rects.get(room_id)
        if rect is None:
            continue
        box = QRectF(to_px(rect.topLeft()), to_px(rect.bottomRight()))
        pad = min(box.width(), box.height()) * 0.08
        box = box.adjusted(pad, pad, -pad, -pad)
        if box.width() < 8 or box.height() < 8:
            continue
        number = QFont(font)
        number.setBold(True)
        number.setPixelSize(max(1, round(min(ROOM_NUMBER_UNITS * scale, box.height() * 0.45))))
        number_height = QFontMetricsF(number).height()
        name = marks.room_names.get(room_id, "")
        name_font = QFont(font)
        name_font.setBold(False)
        flags = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        room_for_name = QRectF(box.left(), box.top(), box.width(), box.height() - number_height)
        size = ROOM_NAME_UNITS * scale
        needed = QRectF()
        while name and size >= 6:
            name_font.setPixelSize(max(1, round(size)))
            needed = QFontMetricsF(name_font).boundingRect(room_for_name, flags, name)
            if needed.height() <= room_for_name.height() and needed.width() <= room_for_name.width() + 1:
                break
            size *= 0.85
        if not name or size < 6:
            needed = QRectF()
        block = number_height + needed.height()
        top = box.top() + max(0.0, (box.height() - block) / 2)
        painter.setFont(number)
        line = QRectF(box.left(), top, box.width(), number_height)
        painter.drawText(line, int(Qt.AlignmentFlag.AlignCenter), room_id)
        if needed.height():
            painter.setFont(name_font)
            line = QRectF(box.left(), top + number_height, box.width(), needed.height())
            painter.drawText(line, flags, name)


def render_plan(
    drawing: FloorDrawing, size: QSize, origin: QPointF, scale: float, colours: Colours
) -> QImage:
    """The SVG's darkness as the ink over the paper, opaque; ``origin`` (plan units) at
    the image's top left, ``scale`` pixels per plan unit."""
    drawn = QImage(size, QImage.Format.Format_RGB32)
    drawn.fill(QColor("#ffffff"))
    painter = QPainter(drawn)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    box = drawing.view_box
    drawing.renderer.render(
        painter,
        QRectF(
            (box.left() - origin.x()) * scale,
            (box.top() - origin.y()) * scale,
            box.width() * scale,
            box.height() * scale,
        ),
    )
    painter.end()
    ink = drawn.convertToFormat(QImage.Format.Format_Grayscale8)
    ink.invertPixels()  # dark lines → opaque
    coloured = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    coloured.fill(QColor(colours.ink))
    coloured.setAlphaChannel(ink)
    result = QImage(size, QImage.Format.Format_RGB32)
    result.fill(QColor(colours.paper))
    painter = QPainter(result)
    painter.drawImage(0, 0, coloured)
    painter.end()
    return result


def route_runs(floors: Floors, route: Route | None, floor_id: str) -> list[tuple[list[QPointF], str]]:
    """(points in plan units, floor the route goes on to or "") for each stretch on ``floor_id``."""
    if route is None:
        return []
    runs: list[tuple[list[QPointF], str]] = []
    current: list[QPointF] = []
    floors_on = [floors.nodes[n].floor for n in route.nodes]
    for index, node_id in enumerate(route.nodes):
        node = floors.nodes[node_id]
        if node.floor == floor_id:
            current.append(QPointF(node.x, node.y))
        elif current:
            # The floor where the walk goes on: past every flight taken in one go.
            later = index
            while later + 1 < len(floors_on) and floors_on[later + 1] != floors_on[later]:
                later += 1
            runs.append((current, floors_on[later]))
            current = []
    if current:
        runs.append((current, ""))
    return runs


def paint_marks(
    painter: QPainter,
    floors: Floors,
    drawing: FloorDrawing,
    to_px: Callable[[QPointF], QPointF],
    colours: Colours,
    marks: Marks,
    unit: float,
    font: QFont,
) -> None:
    """The chosen room, the route with "↑ 1st floor" where it changes floor, and "You are
    here", in pixels through ``to_px``; ``unit`` is the line thickness step, ``font`` the
    labels' font."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scale = to_px(QPointF(1, 0)).x() - to_px(QPointF(0, 0)).x()
    paint_room_labels(painter, drawing, to_px, colours, marks, scale, font)
    if marks.selected_room:
        rect = drawing.room_rects.get(marks.selected_room)
        if rect is not None:
            painter.setPen(QPen(QColor(colours.route), unit * 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(to_px(rect.topLeft()), to_px(rect.bottomRight())))
    for run, next_floor in route_runs(floors, marks.route, drawing.floor.id):
        path = QPainterPath(to_px(run[0]))
        for point in run[1:]:
            path.lineTo(to_px(point))
        width = max(6.0, unit * 3)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        casing = QPen(QColor(colours.paper), width + unit * 2)
        casing.setCapStyle(Qt.PenCapStyle.RoundCap)
        casing.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(casing)
        painter.drawPath(path)
        line = QPen(QColor(colours.route), width)
        line.setCapStyle(Qt.PenCapStyle.RoundCap)
        line.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(line)
        painter.drawPath(path)
        end = to_px(run[-1])
        painter.setBrush(QColor(colours.route))
        painter.drawEllipse(end, width * 0.9, width * 0.9)
        if next_floor:
            label = _floor_change_label(floors, drawing.floor.id, next_floor, marks.floor_labels)
            paint_label(painter, end, label, colours, unit, width, font)
    node = floors.nodes.get(marks.here)
    if node is not None and node.floor == drawing.floor.id:
        centre = to_px(QPointF(node.x, node.y))
        radius = max(10.0, unit * 5)
        painter.setPen(QPen(QColor(colours.paper), unit))
        painter.setBrush(QColor(colours.here))
        painter.drawEllipse(centre, radius, radius)
        if marks.here_label:
            paint_label(painter, centre, marks.here_label, colours, unit, radius, font)


def _floor_change_label(floors: Floors, floor_id: str, next_floor: str, names: dict[str, str]) -> str:
    here, there = floors.floor(floor_id), floors.floor(next_floor)
    arrow = "↑" if here is not None and there is not None and there.level > here.level else "↓"
    return f"{arrow} {names.get(next_floor, next_floor)}"


def paint_label(
    painter: QPainter, at: QPointF, text: str, colours: Colours, unit: float, gap: float, font: QFont
) -> None:
    """A boxed label in the ink on the paper just above ``at``."""
    painter.setFont(font)
    box = QFontMetricsF(font).boundingRect(text).adjusted(-unit * 2, -unit, unit * 2, unit)
    box.moveCenter(at + QPointF(0, -(gap + box.height() / 2 + unit)))
    painter.setPen(QPen(QColor(colours.ink), unit / 2))
    painter.setBrush(QColor(colours.paper))
    painter.drawRect(box)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def drawn_box(drawing: FloorDrawing, floors: Floors) -> QRectF:
    """The part of the drawing that has anything on it or a node of the floor, with a
    margin: the empty paper staff left around a plan is not printed."""
    box = drawing.view_box
    probe_width = 240
    scale = probe_width / box.width()
    size = QSize(probe_width, max(1, round(box.height() * scale)))
    image = render_plan(drawing, size, box.topLeft(), scale, Colours("#000000", "#ffffff", "", ""))
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(image.constBits())
    line = image.bytesPerLine()
    rows = [y for y in range(size.height()) if min(data[y * line : y * line + size.width()]) < 250]
    columns = [
        x for x in range(size.width()) if any(data[y * line + x] < 250 for y in range(size.height()))
    ]
    found = QRectF()
    if rows and columns:
        found = QRectF(
            box.left() + columns[0] / scale,
            box.top() + rows[0] / scale,
            (columns[-1] - columns[0] + 1) / scale,
            (rows[-1] - rows[0] + 1) / scale,
        )
    for node in floors.nodes.values():
        if node.floor == drawing.floor.id:
            found = found.united(QRectF(node.x, node.y, 0.01, 0.01))
    if found.isEmpty():
        return box
    margin = max(box.width(), box.height()) * 0.03
    return found.adjusted(-margin, -margin, margin, margin).intersected(box)


def draw_floor(
    floors: Floors, drawing: FloorDrawing, width_px: int, colours: Colours, marks: Marks, font: QFont
) -> QImage:
    """The floor's drawn part ``width_px`` wide with its marks (for paper)."""
    box = drawn_box(drawing, floors)
    scale = width_px / box.width()
    size = QSize(width_px, max(1, round(box.height() * scale)))
    image = render_plan(drawing, size, box.topLeft(), scale, colours)
    painter = QPainter(image)
    unit = max(2.0, width_px / 400)

    def to_px(point: QPointF) -> QPointF:
        return (point - box.topLeft()) * scale

    paint_marks(painter, floors, drawing, to_px, colours, marks, unit, font)
    painter.end()
    return image
