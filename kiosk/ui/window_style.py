"""The window's style sheet, given part by part: a change of text size or colours
restyles what is on screen at once, and each hidden part when it is next shown.

Qt repolishes every descendant of a widget whose style sheet changes: with one sheet on
the window, each tap on A+, A− or Contrast repolished all ~440 widgets of the kiosk
(every screen, overlay and keyboard key), though ~30 are on screen. Here the same sheet
is set on each *part* instead — each direct child of the window and each screen of its
stack — so that a change costs what is on screen. The window and the stack keep no
sheet; the window's palette is the one the sheet gave it (every part inherits from it),
and the window fills the background behind the screens with it, as the stack's rule did.

A part follows a change (its preparers, its sheet, then its followers: metrics, the
page's document) at once when it is on screen; a hidden part is marked and follows when the window is about
to show it (:meth:`WindowStyle.ready`) or, at the latest, when it is shown. A part made
later (the staff panel) takes the sheet when it opens or is first polished.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QStackedWidget, QWidget

if TYPE_CHECKING:
    from kiosk.ui.style import Metrics
    from kiosk.ui.themes import Theme

Follower = Callable[["Theme", "Metrics"], None]


def bring_up_to_date(part: QWidget) -> None:
    """``part`` (an overlay of the kiosk window) is about to measure itself and show:
    on the current style sheet first. Nothing for a widget of another window."""
    window = part.parentWidget()
    if window is None:
        return
    style = window.findChild(WindowStyle, "", Qt.FindChildOption.FindDirectChildrenOnly)
    if style is not None:
        style.ready(part)


class WindowStyle(QObject):
    """Keeps each part of ``window`` on the current style sheet (see the module's note)."""

    def __init__(self, window: QWidget, stack: QStackedWidget) -> None:
        super().__init__(window)
        self._window = window
        self._stack = stack
        self.sheet = ""
        self._look: tuple[Theme, Metrics] | None = None
        self._palettes: dict[Theme, QPalette] = {}  # the window's palette in each theme
        self._stale: list[QWidget] = []  # hidden parts still on an older sheet
        self._watched: list[QWidget] = []
        self._followers: list[tuple[QWidget, Follower]] = []
        self._preparers: list[tuple[QWidget, Callable[[], None]]] = []
        self.sheets_set = 0  # style sheets set on parts since the start (tests count them)
        # The stack's own rule painted the page background behind the screens; now the
        # window's palette does (a window fills its background; a stack filling its own
        # made Qt paint the page twice on every screen change).
        window.installEventFilter(self)
        stack.installEventFilter(self)

    def follow(self, part: QWidget, follower: Follower) -> None:
        """Call ``follower`` after ``part`` takes a new sheet (in the order given)."""
        self._followers.append((part, follower))

    def before(self, part: QWidget, preparer: Callable[[], None]) -> None:
        """Call ``preparer`` before ``part`` takes a new sheet (the page notes its place)."""
        self._preparers.append((part, preparer))

    def follow_metrics(self, part: QWidget, follower: Callable[[Metrics], None]) -> None:
        """Call ``follower`` with the new metrics after ``part`` takes a new sheet."""

        def follow(_theme: Theme, metrics: Metrics) -> None:
            follower(metrics)

        self.follow(part, follow)

    def parts(self) -> list[QWidget]:
        window, stack = self._window, self._stack
        parts = [c for c in window.children() if isinstance(c, QWidget) and c is not stack]
        for index in range(stack.count()):
            page = stack.widget(index)
            if page is not None:
                parts.append(page)
        return parts

    def restyle(self, sheet: str, theme: Theme, metrics: Metrics) -> None:
        """A new sheet (text size, colours): parts on screen now, hidden ones later."""
        self.sheet = sheet
        self._look = (theme, metrics)
        self._take_palette(sheet, theme)
        now: list[QWidget] = []
        stale: list[QWidget] = []
        for part in self.parts():
            self._watch(part)
            # A part never shown is not polished yet: its sheet costs nothing now.
            if part.isVisible() or not part.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
                now.append(part)
            else:
                stale.append(part)
        self._stale = stale
        self._run_preparers(now)  # all before any sheet: a sheet can move the others
        for part in now:
            self._set_sheet(part)
        self._run_followers(now)

    def ready(self, part: QWidget) -> None:
        """``part`` is about to be shown: bring it up to the current sheet first."""
        is_new = bool(self.sheet) and part.styleSheet() != self.sheet and self._is_part(part)
        if part in self._stale or is_new:
            if part in self._stale:
                self._stale.remove(part)
            self._watch(part)
            self._run_preparers([part])
            self._set_sheet(part)
            self._run_followers([part])

    def _is_part(self, widget: QWidget) -> bool:
        parent = widget.parentWidget()
        return widget is not self._stack and (parent is self._window or parent is self._stack)

    def is_current(self, part: QWidget) -> bool:
        return part not in self._stale and part.styleSheet() == self.sheet

    def _set_sheet(self, part: QWidget) -> None:
        if part.styleSheet() != self.sheet:
            part.setStyleSheet(self.sheet)
            self.sheets_set += 1

    def _run_preparers(self, parts: list[QWidget]) -> None:
        for part, preparer in self._preparers:
            if part in parts:
                preparer()

    def _run_followers(self, parts: list[QWidget]) -> None:
        if self._look is None:
            return
        for part, follower in self._followers:
            if part in parts:
                follower(*self._look)

    def _take_palette(self, sheet: str, theme: Theme) -> None:
        """The window's palette as its own rules in ``sheet`` set it (background, text):
        every part inherits the colours it does not set itself from the window. The
        colours depend on the theme alone: read once per theme."""
        palette = self._palettes.get(theme)
        if palette is None:
            probe = QWidget()
            probe.setObjectName(self._window.objectName())
            probe.setStyleSheet(sheet)
            probe.ensurePolished()
            palette = self._palettes[theme] = QPalette(probe.palette())
            probe.deleteLater()
        if palette != self._window.palette():
            self._window.setPalette(palette)

    def _watch(self, part: QWidget) -> None:
        if part not in self._watched:
            self._watched.append(part)
            part.installEventFilter(self)
            part.destroyed.connect(lambda _obj=None, p=part: self._forget(p))

    def _forget(self, part: QWidget) -> None:
        for group in (self._watched, self._stale):
            if part in group:
                group.remove(part)
        self._followers = [(p, f) for p, f in self._followers if p is not part]
        self._preparers = [(p, f) for p, f in self._preparers if p is not part]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.Show and watched in self._stale:
            assert isinstance(watched, QWidget)
            self.ready(watched)  # shown some other way than through the window: at the latest now
        elif kind == QEvent.Type.ChildPolished and watched in (self._window, self._stack):
            # A part made later (a staff panel), polished as it is first shown: on the
            # current sheet too. (Not at ChildAdded: the child is still being made then.)
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QWidget) and not child.isWindow() and child not in self._watched:
                self.ready(child)  # (a known part hidden at a change follows when shown)
        return False
