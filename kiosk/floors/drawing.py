"""Drawing a floor: the plan in given colours, the route, the chosen room, "You are here".

One painter for the screen (``kiosk.ui.plan_canvas``) and for paper
(``kiosk.floors.printout``), so that a printout shows the way exactly as the screen did.
The SVG is rendered by QtSvg and recoloured: its darkness becomes the alpha of the ink,
so outlines and labels follow every high-contrast scheme whatever colours staff drew
with. The route is a thick line over a casing in the paper colour, so it stays readable
where it crosses outlines of the same colour.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen
from PySide6.QtSvg import QSvgRenderer

from kiosk.floors.model import Floor, Floors
from kiosk.floors.routing import Route


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


@dataclass(frozen=True)
class Marks:
    """What is drawn over the plan."""

    route: Route | None = None
    selected_room: str = ""
    here: str = ""  # node id of "You are here"
    here_label: str = ""
    floor_labels: dict[str, str] = field(default_factory=dict)  # floor id → its name


def load_drawings(floors: Floors) -> dict[str, FloorDrawing]:
    """Each floor's drawing, with the bounds of the rooms' shapes."""
    drawings: dict[str, FloorDrawing] = {}
    for floor in floors.floors:
        renderer = QSvgRenderer(str(floor.plan))
        rects: dict[str, QRectF] = {}
        for room in floors.rooms.values():
            if room.floor == floor.id and room.shape and renderer.elementExists(room.shape):
                bounds = renderer.boundsOnElement(room.shape)
                rects[room.id] = renderer.transformForElement(room.shape).mapRect(bounds)
        drawings[floor.id] = FloorDrawing(floor, renderer, renderer.viewBoxF(), rects)
    return drawings


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
