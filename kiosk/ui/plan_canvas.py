"""The drawn building plan on screen: one floor in the theme's colours (outlines and
labels in the text colour, the route in the accent; see ``kiosk.floors.drawing``), panned
by drag, zoomed by pinch, wheel, keys and buttons; a tap chooses a room."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QGestureEvent, QPinchGesture, QWidget

from kiosk.floors.drawing import (
    Colours,
    FloorDrawing,
    Marks,
    load_drawings,
    paint_marks,
    render_plan,
    route_runs,
)
from kiosk.floors.model import Floors
from kiosk.floors.routing import Route
from kiosk.ui.themes import DEFAULT, Theme

MIN_ZOOM, MAX_ZOOM = 0.5, 8.0
ZOOM_STEP = 1.4
DOOR_TAP_UNITS = 30.0  # a room without a shape is tapped near its door
MAX_CACHED_PIXELS = 4096 * 4096  # a whole floor is drawn once up to this size
MAX_CACHED_IMAGES = 8


class PlanCanvas(QWidget):
    """One floor of the plan; tap a room to emit ``room_tapped(room_id)``."""

    room_tapped = Signal(str)
    room_chosen = Signal(str)  # a room used in speech mode (double tap): its way, spoken
    view_changed = Signal()

    def __init__(self, floors: Floors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plan-canvas")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(QSize(200, 200))
        self.grabGesture(Qt.GestureType.PinchGesture)
        self.theme: Theme = DEFAULT
        self.text_scale = 100
        self.here_label = ""
        self.floor_labels: dict[str, str] = {}  # floor id → its name, for "↑ 1st floor"
        self.room_words: dict[str, str] = {}  # room id → "Room 14, Finance, 1st floor"
        self.room_names: dict[str, str] = {}  # room id → "Finance", written in its shape
        self.here = ""  # node id of "you are here"
        self.route: Route | None = None
        self.selected_room = ""
        self.zoom = 1.0  # times the scale that fits the whole floor
        self._centre = QPointF()  # plan point shown in the middle
        self._plans: dict[str, FloorDrawing] = {}
        self._floors = floors
        self.floor_id = ""
        # (floor, scale, pixel ratio, theme, view or None) → (image, its top-left in plan units)
        self._cache: dict[tuple[object, ...], tuple[QImage, QPointF]] = {}
        self._press: QPointF | None = None
        self._press_centre = QPointF()
        self._is_dragging = False
        self._corner: list[QWidget] = []
        self.set_floors(floors)

    # -- data -----------------------------------------------------------------
    def set_floors(self, floors: Floors) -> None:
        self._floors = floors
        self._plans.clear()
        self._cache.clear()
        self._plans.update(load_drawings(floors))
        self.floor_id = floors.floors[0].id if floors.floors else ""
        self._invalidate()

    def drop_drawn_images(self) -> None:
        """Forget the floors drawn for this visitor (up to MAX_CACHED_IMAGES, several MB
        each at a large text size or zoom): the next visitor's sizes and theme differ,
        and what stays between visitors should not depend on the last one."""
        self._cache.clear()

    def set_floor(self, floor_id: str) -> None:
        if floor_id in self._plans and floor_id != self.floor_id:
            self.floor_id = floor_id
            self._invalidate()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._invalidate()

    def set_text_scale(self, percent: int) -> None:
        """Labels follow the text size: the plan starts zoomed in as far as the text is."""
        self.text_scale = percent
        self.zoom = max(1.0, percent / 100)
        self._invalidate()

    def set_route(self, route: Route | None) -> None:
        self.route = route
        self.update()

    def set_selected(self, room_id: str) -> None:
        self.selected_room = room_id
        self.update()

    def centre_on(self, node_id: str) -> None:
        """Bring a node into the middle, as far as the floor allows: a floor that fits is
        shown whole and centred, a larger one fills the view (no empty margin beside it)."""
        node = self._floors.nodes.get(node_id)
        plan = self._plan()
        if node is None:
            return
        self._centre = QPointF(node.x, node.y)
        if plan is not None and self.width() > 0 and self.height() > 0:
            box, s = plan.view_box, self.scale()
            half_w, half_h = self.width() / 2 / s, self.height() / 2 / s

            def placed(at: float, low: float, high: float, half: float) -> float:
                if high - low <= 2 * half:
                    return (low + high) / 2
                return min(max(at, low + half), high - half)

            self._centre = QPointF(
                placed(node.x, box.left(), box.right(), half_w),
                placed(node.y, box.top(), box.bottom(), half_h),
            )
        self._clamp()
        self._invalidate()

    # -- geometry -------------------------------------------------------------
    def _plan(self) -> FloorDrawing | None:
        return self._plans.get(self.floor_id)

    def scale(self) -> float:
        """Pixels per plan unit."""
        plan = self._plan()
        if plan is None or plan.view_box.isEmpty():
            return 1.0
        box = plan.view_box
        fit = min(self.width() / box.width(), self.height() / box.height()) * 0.96
        return fit * self.zoom

    def to_widget(self, point: QPointF) -> QPointF:
        s = self.scale()
        return QPointF(
            self.width() / 2 + (point.x() - self._centre.x()) * s,
            self.height() / 2 + (point.y() - self._centre.y()) * s,
        )

    def to_plan(self, point: QPointF) -> QPointF:
        s = self.scale()
        return QPointF(
            self._centre.x() + (point.x() - self.width() / 2) / s,
            self._centre.y() + (point.y() - self.height() / 2) / s,
        )

    def _clamp(self) -> None:
        plan = self._plan()
        if plan is None:
            return
        box = plan.view_box
        x = min(max(self._centre.x(), box.left()), box.right())
        y = min(max(self._centre.y(), box.top()), box.bottom())
        self._centre = QPointF(x, y)

    def fit(self) -> None:
        plan = self._plan()
        if plan is not None:
            self._centre = plan.view_box.center()
        self.zoom = 1.0
        self._invalidate()

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom keeping ``anchor`` (widget pixels; default the middle) in place."""
        anchor = anchor if anchor is not None else QPointF(self.width() / 2, self.height() / 2)
        before = self.to_plan(anchor)
        self.zoom = min(MAX_ZOOM, max(MIN_ZOOM, self.zoom * factor))
        after = self.to_plan(anchor)
        self._centre += before - after
        self._clamp()
        self._invalidate()

    def room_at(self, point: QPointF) -> str:
        """The room under a widget point on this floor, or ""."""
        plan = self._plan()
        if plan is None:
            return ""
        at = self.to_plan(point)
        for room_id, rect in plan.room_rects.items():
            if rect.contains(at):
                return room_id
        for room in self._floors.rooms.values():
            node = self._floors.nodes[room.node]
            if room.floor == self.floor_id and room.id not in plan.room_rects:
                if (QPointF(node.x, node.y) - at).manhattanLength() < DOOR_TAP_UNITS:
                    return room.id
        return ""

    def room_rect(self, room_id: str) -> QRectF | None:
        plan = self._plan()
        return plan.room_rects.get(room_id) if plan else None

    def route_points(self, floor_id: str) -> list[list[QPointF]]:
        """The route's runs on ``floor_id`` in plan units (one list per stretch)."""
        return [points for points, _next in self._route_runs(floor_id)]

    def _route_runs(self, floor_id: str) -> list[tuple[list[QPointF], str]]:
        return route_runs(self._floors, self.route, floor_id)

    # -- painting -------------------------------------------------------------
    def _invalidate(self) -> None:
        self.update()
        self.view_changed.emit()

    def _plan_image(self, plan: FloorDrawing) -> tuple[QImage, QPointF]:
        """The floor drawn at the current scale in the theme's colours, and where it goes.

        The whole floor is drawn once per floor, scale and theme, so panning and
        switching floors only blit; when zoomed in so far that the whole floor would be
        too large an image, only the visible part is drawn.
        """
        s = self.scale()
        ratio = self.devicePixelRatioF()
        box = plan.view_box
        whole = QSize(round(box.width() * s * ratio) + 1, round(box.height() * s * ratio) + 1)
        is_whole = whole.width() * whole.height() <= MAX_CACHED_PIXELS
        view = (None, None) if is_whole else (self.size(), self._centre)
        key = (plan.floor.id, round(s, 6), ratio, self.theme.name, *view)
        if key not in self._cache:
            if is_whole:
                target, origin = whole, box.topLeft()
            else:
                target, origin = self.size() * ratio, self.to_plan(QPointF(0, 0))
            image = render_plan(plan, target, origin, s * ratio, self.colours())
            image.setDevicePixelRatio(ratio)
            if len(self._cache) >= MAX_CACHED_IMAGES:
                self._cache.pop(next(iter(self._cache)))  # the oldest
            self._cache[key] = (image, origin)
        image, origin = self._cache[key]
        return image, self.to_widget(origin)

    def colours(self) -> Colours:
        t = self.theme
        return Colours(ink=t.text, paper=t.surface, route=t.accent, here=t.focus)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(self.theme.surface))
        plan = self._plan()
        if plan is not None:
            image, at = self._plan_image(plan)
            painter.drawImage(at, image)
            marks = Marks(
                self.route, self.selected_room, self.here, self.here_label, self.floor_labels, self.room_names
            )
            unit = max(2.0, self.text_scale / 100 * 3)
            font = self.label_font()
            paint_marks(painter, self._floors, plan, self.to_widget, self.colours(), marks, unit, font)
        painter.end()

    def label_font(self) -> QFont:
        """The labels on the plan: bold, growing with the text size."""
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(max(12, round(18 * self.text_scale / 100)))
        return font

    # -- touch ----------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
            self._press_centre = QPointF(self._centre)
            self._is_dragging = False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._press is None:
            return
        moved = event.position() - self._press
        if not self._is_dragging and moved.manhattanLength() < QApplication.startDragDistance():
            return
        self._is_dragging = True
        self._centre = self._press_centre - moved / self.scale()
        self._clamp()
        self._invalidate()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._press is not None and not self._is_dragging:
            room = self.room_at(event.position())
            if room:
                self.room_tapped.emit(room)
        self._press = None
        self._is_dragging = False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Arrows move the plan, + and − zoom (the kiosk's keyboard and keypad)."""
        step = min(self.width(), self.height()) / 5 / self.scale()
        moves = {
            Qt.Key.Key_Left: QPointF(-step, 0),
            Qt.Key.Key_Right: QPointF(step, 0),
            Qt.Key.Key_Up: QPointF(0, -step),
            Qt.Key.Key_Down: QPointF(0, step),
        }
        key = Qt.Key(event.key())
        if key in moves:
            self._centre += moves[key]
            self._clamp()
            self._invalidate()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(1 / ZOOM_STEP)
        else:
            super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP**steps, event.position())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Gesture and isinstance(event, QGestureEvent):
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if isinstance(pinch, QPinchGesture):
                anchor = self.mapFromGlobal(pinch.centerPoint().toPoint())
                self.zoom_by(pinch.scaleFactor(), QPointF(anchor))
                event.accept()
                return True
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._invalidate()
        self.place_corner_widgets()
        super().resizeEvent(event)

    def set_corner_widgets(self, widgets: list[QWidget]) -> None:
        """Controls kept in the top right corner over the plan (the zoom buttons)."""
        self._corner = widgets
        for widget in widgets:
            widget.setParent(self)
            widget.installEventFilter(self)
        self.place_corner_widgets()

    def place_corner_widgets(self) -> None:
        margin = 8
        right = self.width() - margin
        for widget in reversed(self._corner):
            size = widget.sizeHint()
            widget.setGeometry(right - size.width(), margin, size.width(), size.height())
            right -= size.width() + margin

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched in self._corner and event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self.place_corner_widgets()  # a new text size: new button sizes
        return False

    # -- speech mode: each room is an item (kiosk.ui.speech_mode.HasSpokenParts) ---------
    def room_widget_rect(self, room_id: str) -> QRect:
        """Where a room of this floor is on the widget: its shape, else a square at its
        door (the size a tap finds it in)."""
        rect = self.room_rect(room_id)
        if rect is None:
            room = self._floors.rooms.get(room_id)
            if room is None or room.floor != self.floor_id:
                return QRect()
            node = self._floors.nodes[room.node]
            d = DOOR_TAP_UNITS
            rect = QRectF(node.x - d, node.y - d, 2 * d, 2 * d)
        return QRectF(self.to_widget(rect.topLeft()), self.to_widget(rect.bottomRight())).toRect()

    def spoken_parts(self) -> list[str]:
        """The rooms of this floor in view, top to bottom, left to right."""
        shown = []
        for room in self._floors.rooms.values():
            if room.floor == self.floor_id:
                rect = self.room_widget_rect(room.id)
                if rect.intersects(self.rect()):
                    shown.append((rect.top() // 10, rect.left(), room.id))
        return [room_id for _top, _left, room_id in sorted(shown)]

    def spoken_part_at(self, point: QPoint) -> str:
        return self.room_at(QPointF(point))

    def spoken_part_text(self, key: str) -> str:
        return self.room_words.get(key, key)

    def spoken_part_rect(self, key: str) -> QRect:
        return self.room_widget_rect(key)

    def use_spoken_part(self, key: str) -> None:
        self.room_chosen.emit(key)

    def tap_point(self, room_id: str) -> QPoint | None:
        """Where to tap to choose ``room_id`` on this floor (for tests and benchmarks)."""
        rect = self.room_rect(room_id)
        if rect is None:
            return None
        return self.to_widget(rect.center()).toPoint()
