"""Building blocks shared by the screens: tiles, flow layout, scroll buttons."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QBoxLayout,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import pgettext


def set_role(widget: QWidget, role: str) -> None:
    """Tag a widget for the style sheet (``[role="…"]`` selectors)."""
    widget.setProperty("role", role)


def make_kinetic(area: QAbstractScrollArea) -> None:
    """Drag-and-flick scrolling for a touchscreen (buttons remain the alternative)."""
    area.setMinimumHeight(80)  # scrolls rather than pushing the bars off screen
    viewport = area.viewport()
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(viewport)
    props = scroller.scrollerProperties()
    props.setScrollMetric(QScrollerProperties.ScrollMetric.OvershootDragResistanceFactor, 0.2)
    # A tap goes to the control at once. Qt holds a press back for 0.25 s on an area
    # that can scroll and hands it on later; on Qt 6 the held press never reached the
    # tile (a home screen that scrolls took every tap). A drag still scrolls: the
    # scroller releases the pressed control away from it, so nothing is activated.
    props.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0.0)
    props.setScrollMetric(
        QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy,
        QScrollerProperties.OvershootPolicy.OvershootAlwaysOff,
    )
    props.setScrollMetric(
        QScrollerProperties.ScrollMetric.VerticalOvershootPolicy,
        QScrollerProperties.OvershootPolicy.OvershootAlwaysOff,
    )
    scroller.setScrollerProperties(props)
    area.setProperty("kinetic", True)


def set_kinetic(root: QWidget, is_on: bool) -> None:
    """Drag-to-scroll on or off for every kinetic area under ``root``. Speech mode turns
    it off: there a sliding finger explores the screen instead of scrolling it."""
    for area in root.findChildren(QAbstractScrollArea):
        if not area.property("kinetic"):
            continue
        viewport = area.viewport()
        if is_on:
            QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        else:
            QScroller.ungrabGesture(viewport)


class FlowBox(QWidget):
    """Places its widgets left to right and wraps them, so bars reflow at large text.

    A widget rather than a QLayout subclass: QLayout.itemAt() must return None past
    the last item, and PySide (on Python 3.11) miscounts references to None there.
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 12) -> None:
        super().__init__(parent)
        self._widgets: list[QWidget] = []
        self._spacing = spacing
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def add_widget(self, widget: QWidget) -> None:
        widget.setParent(self)
        widget.installEventFilter(self)
        self._widgets.append(widget)
        self._changed()

    def remove_widget(self, widget: QWidget) -> None:
        if widget in self._widgets:
            widget.removeEventFilter(self)
            self._widgets.remove(widget)
            self._changed()

    def set_gap(self, spacing: int) -> None:
        self._spacing = spacing
        self._changed()

    def _changed(self) -> None:
        self.updateGeometry()
        self._arrange(self.width(), apply=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self._changed()
        return False

    def event(self, event: QEvent) -> bool:
        # A child whose size hint changed (new text, new font) asks its parent to lay out.
        if event.type() == QEvent.Type.LayoutRequest:
            self._changed()
        return super().event(event)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._arrange(width, apply=False)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        shown = [w.sizeHint() for w in self._widgets if not w.isHidden()]
        width = sum(h.width() for h in shown) + self._spacing * max(0, len(shown) - 1)
        return QSize(width, max((h.height() for h in shown), default=0))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        widest = max((w.minimumSizeHint().width() for w in self._widgets), default=0)
        return QSize(widest, self.heightForWidth(max(self.width(), widest)))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._arrange(event.size().width(), apply=True)

    def _arrange(self, width: int, apply: bool) -> int:
        x = y = line_height = 0
        for widget in self._widgets:
            if widget.isHidden():
                continue
            hint = widget.sizeHint().expandedTo(widget.minimumSize())
            item_width = min(hint.width(), max(width, 1))
            if x > 0 and x + item_width > width:
                x = 0
                y += line_height + self._spacing
                line_height = 0
            if apply:
                widget.setGeometry(QRect(QPoint(x, y), QSize(item_width, hint.height())))
            x += item_width + self._spacing
            line_height = max(line_height, hint.height())
        return y + line_height


class TileButton(QPushButton):
    """A large button with a wrapping title and an optional one-line detail."""

    def __init__(self, title: str = "", detail: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, "tile")
        self._title = QLabel()
        self._detail = self._new_detail_label()
        set_role(self._title, "tile-title")
        set_role(self._detail, "tile-detail")
        layout = self._layout = QVBoxLayout(self)
        for label in (self._title, self._detail):
            label.setWordWrap(True)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(label)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.set_texts(title, detail)

    def _new_detail_label(self) -> QLabel:
        """The label of the detail line (a kind of tile may show it differently)."""
        return QLabel()

    def set_rich_detail(self) -> None:
        """The detail line is (sanitised) rich text, e.g. a search snippet with <b>."""
        self._detail.setTextFormat(Qt.TextFormat.RichText)

    def set_texts(self, title: str, detail: str = "") -> None:
        self._title.setText(title)
        self._detail.setText(detail)
        self._detail.setVisible(bool(detail))
        self.setAccessibleName(title)
        self.setAccessibleDescription(detail)
        self.updateGeometry()

    def set_selected(self, is_selected: bool) -> None:
        """A tile that is one choice of several (a language): checked, its labels in the
        checked colours."""
        self.setCheckable(True)
        self.setChecked(is_selected)
        for label in (self._title, self._detail):
            if label.property("selected") != is_selected:
                label.setProperty("selected", is_selected)
                label.style().unpolish(label)
                label.style().polish(label)

    def title_width(self) -> int:
        """The width the title needs on one line, padding and border included."""
        self.ensurePolished()
        self._title.ensurePolished()
        margins = self._layout.contentsMargins()
        text = self._title.fontMetrics().horizontalAdvance(self._title.text())
        return text + margins.left() + margins.right() + self.width() - self.contentsRect().width()

    @property
    def title(self) -> str:
        return self._title.text()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return max(self._layout.totalHeightForWidth(width), self.minimumHeight())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self._layout.totalSizeHint().expandedTo(self.minimumSize())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self._layout.totalMinimumSize().expandedTo(self.minimumSize())


class ScrollButtons(QWidget):
    """Large page-up / page-down buttons for an area, for visitors who can't drag: each
    moves by a screenful minus one line, so the last line read is the first one shown.
    There are none when nothing scrolls."""

    scrolled = Signal()

    def __init__(self, area: QAbstractScrollArea, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._area = area
        self.up = QPushButton()
        self.down = QPushButton()
        self.up.setObjectName("scroll-up")
        self.down.setObjectName("scroll-down")
        layout = self._layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.up)
        layout.addWidget(self.down)
        for button in (self.up, self.down):
            button.setAutoRepeat(False)
        self._texts = ("", "")
        self._labels = ("", "")
        self.line_step = 0  # one line of the area's text; by default its font's
        # Right under the area (a portrait ScrollPane): hidden, they give it their height.
        self.is_under_area = False
        self._is_vertical = False
        self.set_vertical(False)
        self.up.clicked.connect(lambda: self.scroll_by_page(-1))
        self.down.clicked.connect(lambda: self.scroll_by_page(1))
        # Shown or hidden after the layout pass that changed the range: a widget shown
        # in the middle of a pass keeps its old place until the next one.
        self._show_later = QTimer(self)
        self._show_later.setSingleShot(True)
        self._show_later.setInterval(0)
        self._show_later.timeout.connect(self._show_if_needed)
        bar = area.verticalScrollBar()
        bar.rangeChanged.connect(self._update)
        bar.valueChanged.connect(self._update)
        self._update()
        self._show_later.start()  # once in place: none when there is nothing to scroll

    def set_texts(self, up: str, down: str, labels: tuple[str, str] | None = None) -> None:
        """Accessible names ``up``, ``down``; ``labels`` are the short visible words."""
        self._texts = (up, down)
        self._labels = labels or scroll_labels()
        short_up, short_down = (label or name for label, name in zip(self._labels, self._texts, strict=True))
        # Beside the view (landscape) the arrows alone keep the column narrow; the
        # names stay for speech and assistive technology.
        self.up.setText("▲" if self._is_vertical else f"▲  {short_up}")
        self.down.setText("▼" if self._is_vertical else f"▼  {short_down}")
        self.up.setAccessibleName(up)
        self.down.setAccessibleName(down)

    def set_gap(self, gap: int) -> None:
        self._layout.setSpacing(gap)

    def set_vertical(self, is_vertical: bool) -> None:
        """Side by side under the view (portrait), or stacked beside it (landscape)."""
        self._is_vertical = is_vertical
        self.set_texts(*self._texts)
        self._layout.setDirection(
            QBoxLayout.Direction.TopToBottom if is_vertical else QBoxLayout.Direction.LeftToRight
        )
        for button in (self.up, self.down):
            if is_vertical:
                button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
            else:
                button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def scroll_by_page(self, direction: int) -> None:
        bar = self._area.verticalScrollBar()
        line = self.line_step or self._area.fontMetrics().lineSpacing()
        step = max(1, self._area.viewport().height() - line)
        QScroller.scroller(self._area.viewport()).stop()
        bar.setValue(bar.value() + direction * step)
        self.scrolled.emit()

    def _update(self, *_: object) -> None:
        # Always in the same place while there is something to scroll (dimmed at either
        # end); none at all when everything is in view. Hiding them only gives the area
        # more room, so it never makes the area scroll again.
        bar = self._area.verticalScrollBar()
        self.up.setEnabled(bar.value() > bar.minimum())
        self.down.setEnabled(bar.value() < bar.maximum())
        if self.isHidden() == self._is_needed():
            self._show_later.start()

    def _is_needed(self) -> bool:
        """Whether there is something to scroll; with the buttons under the area, whether
        there would be without them (what they cover must not keep them shown: a room
        panel 2 px too tall with them, with room to spare without)."""
        bar = self._area.verticalScrollBar()
        overflow = bar.maximum() - bar.minimum()
        if overflow > 0 and self.is_under_area and not self.isHidden():
            parent = self.parentWidget()
            layout = parent.layout() if parent is not None else None
            return overflow > self.height() + (layout.spacing() if layout is not None else 0)
        return overflow > 0

    def _show_if_needed(self) -> None:
        if self.parentWidget() is not None:
            self.setVisible(self._is_needed())


class ScrollPane(QWidget):
    """A scrolling view with its scroll buttons: below it on a portrait screen, beside
    it on a landscape one (where height is scarce)."""

    def __init__(self, area: QAbstractScrollArea, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.area = area
        self.buttons = ScrollButtons(area)
        self._layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(area, 1)
        self._layout.addWidget(self.buttons)
        make_kinetic(area)

    def set_gap(self, gap: int) -> None:
        self._layout.setSpacing(gap)
        self.buttons.set_gap(gap)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._follow_window()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Polish:
            # Placed for the window before the first layout: a screen made as it opens
            # would otherwise be laid out once with the buttons on the wrong side (a page
            # scrolled from its start, a panel too tall by the difference).
            self._follow_window()
        return super().event(event)

    def _follow_window(self) -> None:
        window = self.window()
        is_landscape = window.width() > window.height()
        direction = QBoxLayout.Direction.LeftToRight if is_landscape else QBoxLayout.Direction.TopToBottom
        if self._layout.direction() != direction:
            self._layout.setDirection(direction)
            self.buttons.set_vertical(is_landscape)
        self.buttons.is_under_area = not is_landscape


def scroll_labels() -> tuple[str, str]:
    """The short words on the page-up / page-down buttons (their names say more)."""
    # Translators: the short label of the button that shows the previous screenful.
    up = pgettext("scroll", "Up")
    # Translators: the short label of the button that shows the next screenful.
    return up, pgettext("scroll", "Down")


def scroll_list(content: QWidget) -> QScrollArea:
    """A vertically scrolling area for a list or grid of tiles."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the tiles inside take focus, not the list
    return area


__all__ = [
    "ScrollPane",
    "scroll_list",
    "FlowBox",
    "ScrollButtons",
    "TileButton",
    "make_kinetic",
    "set_kinetic",
    "set_role",
]
