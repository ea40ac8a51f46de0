"""Building blocks shared by the screens: tiles, flow layout, scroll buttons."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QScroller,
    QScrollerProperties,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


def set_role(widget: QWidget, role: str) -> None:
    """Tag a widget for the style sheet (``[role="…"]`` selectors)."""
    widget.setProperty("role", role)


def make_kinetic(area: QAbstractScrollArea) -> None:
    """Drag-and-flick scrolling for a touchscreen (buttons remain the alternative)."""
    viewport = area.viewport()
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(viewport)
    props = scroller.scrollerProperties()
    props.setScrollMetric(
        QScrollerProperties.ScrollMetric.OvershootDragResistanceFactor, 0.2
    )
    props.setScrollMetric(
        QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy,
        QScrollerProperties.OvershootPolicy.OvershootAlwaysOff,
    )
    props.setScrollMetric(
        QScrollerProperties.ScrollMetric.VerticalOvershootPolicy,
        QScrollerProperties.OvershootPolicy.OvershootAlwaysOff,
    )
    scroller.setScrollerProperties(props)


class FlowLayout(QLayout):
    """Lays items left to right and wraps them, so bars reflow at large text."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 12) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def set_gap(self, spacing: int) -> None:
        self._spacing = spacing
        self.invalidate()

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, apply: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line_height = area.x(), area.y(), 0
        for item in self._items:
            widget = item.widget()
            if widget is not None and not widget.isVisibleTo(widget.parentWidget()):
                continue
            hint = item.sizeHint()
            width = min(hint.width(), area.width())
            if x > area.x() and x + width > area.right() + 1:
                x = area.x()
                y += line_height + self._spacing
                line_height = 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())))
            x += width + self._spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + margins.bottom()


class TileButton(QPushButton):
    """A large button with a wrapping title and an optional one-line detail."""

    def __init__(self, title: str = "", detail: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, "tile")
        self._title = QLabel()
        self._detail = QLabel()
        set_role(self._title, "tile-title")
        set_role(self._detail, "tile-detail")
        layout = QVBoxLayout(self)
        for label in (self._title, self._detail):
            label.setWordWrap(True)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(label)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.set_texts(title, detail)

    def set_texts(self, title: str, detail: str = "") -> None:
        self._title.setText(title)
        self._detail.setText(detail)
        self._detail.setVisible(bool(detail))
        self.setAccessibleName(title)
        self.setAccessibleDescription(detail)
        self.updateGeometry()

    @property
    def title(self) -> str:
        return self._title.text()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return max(self.layout().totalHeightForWidth(width), self.minimumHeight())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.layout().totalSizeHint().expandedTo(self.minimumSize())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.layout().totalMinimumSize().expandedTo(self.minimumSize())


class ScrollButtons(QWidget):
    """Large "scroll up / scroll down" buttons for an area, for visitors who can't drag.

    Shown only when the area has something to scroll.
    """

    scrolled = Signal()

    def __init__(self, area: QAbstractScrollArea, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._area = area
        self.up = QPushButton()
        self.down = QPushButton()
        self.up.setObjectName("scroll-up")
        self.down.setObjectName("scroll-down")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.up)
        layout.addWidget(self.down)
        for button in (self.up, self.down):
            button.setAutoRepeat(False)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.up.clicked.connect(lambda: self.scroll_by_page(-1))
        self.down.clicked.connect(lambda: self.scroll_by_page(1))
        bar = area.verticalScrollBar()
        bar.rangeChanged.connect(self._update)
        bar.valueChanged.connect(self._update)
        self._update()

    def set_texts(self, up: str, down: str) -> None:
        self.up.setText(f"▲  {up}")
        self.down.setText(f"▼  {down}")
        self.up.setAccessibleName(up)
        self.down.setAccessibleName(down)

    def set_gap(self, gap: int) -> None:
        self.layout().setSpacing(gap)

    def scroll_by_page(self, direction: int) -> None:
        bar = self._area.verticalScrollBar()
        step = max(1, int(self._area.viewport().height() * 0.8))
        QScroller.scroller(self._area.viewport()).stop()
        bar.setValue(bar.value() + direction * step)
        self.scrolled.emit()

    def _update(self, *_: object) -> None:
        bar = self._area.verticalScrollBar()
        can_scroll = bar.maximum() > bar.minimum()
        self.setVisible(can_scroll)
        self.up.setEnabled(bar.value() > bar.minimum())
        self.down.setEnabled(bar.value() < bar.maximum())


__all__ = [
    "FlowLayout",
    "ScrollButtons",
    "TileButton",
    "make_kinetic",
    "set_role",
]
