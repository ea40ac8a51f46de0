"""The staff panel: a hidden gesture, a PIN pad, then status and maintenance actions.

Staff hold a finger on the office name for five seconds (a visitor will not do that by
chance), enter the PIN on a large pad, and see the content, speech and log status with
buttons to reload content, test speech and exit the kiosk, and the last 30 days of the
anonymous statistics at a glance (read from the database on a worker thread). The panel
closes itself after a minute without a touch.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import _
from kiosk.latest import LatestWins
from kiosk.staff.pin import PinGate
from kiosk.stats.report import Report
from kiosk.ui.overlay import Overlay
from kiosk.ui.stats_glance import StatsGlance
from kiosk.ui.widgets import FlowBox, set_role

log = logging.getLogger(__name__)
HOLD_MS = 5000
PANEL_IDLE_MS = 60_000


class LongPress(QObject):
    """Emits ``triggered`` when a widget is held down for ``hold_ms`` without moving off."""

    triggered = Signal()

    def __init__(self, target: QWidget, hold_ms: int = HOLD_MS) -> None:
        super().__init__(target)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(hold_ms)
        self._timer.timeout.connect(self.triggered)
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress:
            self._timer.start()
        elif kind in (QEvent.Type.MouseButtonRelease, QEvent.Type.Leave, QEvent.Type.Hide):
            self._timer.stop()
        return False


@dataclass
class StaffActions:
    """What the panel shows and does; filled in by the application."""

    status: Callable[[], list[tuple[str, str]]] = lambda: []  # (label, value) rows
    problems: Callable[[], list[str]] = lambda: []
    log_tail: Callable[[], list[str]] = lambda: []
    reload_content: Callable[[], str] = lambda: ""
    test_speech: Callable[[], str] = lambda: ""
    exit_kiosk: Callable[[], None] = lambda: None
    extra: dict[str, str] = field(default_factory=dict)
    # The last 30 days of statistics (None: none kept). Called on a worker thread: it
    # reads the database; only what it returns reaches the UI thread.
    statistics: Callable[[], Report | None] | None = None


class PinPad(Overlay):
    """A large PIN pad; ``accepted`` when the PIN is right. It does not open at all
    while ``gate`` has no usable PIN (:attr:`PinGate.problem`): fail closed."""

    accepted = Signal()

    def __init__(self, parent: QWidget, gate: PinGate) -> None:
        super().__init__(parent)
        self.setObjectName("pin-pad")
        self._gate = gate
        self._digits = ""
        self.title = QLabel()
        set_role(self.title, "dialog-title")
        self.display = QLabel()
        set_role(self.display, "pin")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel()
        self.message.setWordWrap(True)
        grid = QGridLayout()
        self.keys: dict[str, QPushButton] = {}
        for index, digit in enumerate("123456789"):
            self._add_key(grid, digit, index // 3, index % 3)
        self.backspace = self._add_key(grid, "⌫", 3, 0)
        self._add_key(grid, "0", 3, 1)
        self.ok = self._add_key(grid, "OK", 3, 2)
        self.cancel = QPushButton()
        self.cancel.setObjectName("pin-cancel")
        self.cancel.clicked.connect(self.close_overlay)
        layout = QVBoxLayout(self.panel)
        layout.addWidget(self.title)
        layout.addWidget(self.display)
        layout.addWidget(self.message)
        layout.addLayout(grid)
        layout.addWidget(self.cancel)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(PANEL_IDLE_MS)
        self._idle.timeout.connect(self.close_overlay)
        self.retranslate()

    def _add_key(self, grid: QGridLayout, label: str, row: int, column: int) -> QPushButton:
        button = QPushButton(label)
        button.setObjectName(f"pin-{label}")
        button.clicked.connect(lambda _c=False, key=label: self.press(key))
        grid.addWidget(button, row, column)
        self.keys[label] = button
        return button

    def retranslate(self) -> None:
        self.title.setText(_("Staff PIN"))
        self.cancel.setText(_("Cancel"))
        self.cancel.setAccessibleName(_("Cancel"))
        self.backspace.setAccessibleName(_("Delete the last digit"))
        self.ok.setAccessibleName(_("Confirm the PIN"))
        for digit in "0123456789":
            self.keys[digit].setAccessibleName(digit)
        self._show_digits()

    def open(self) -> None:
        """Show the pad, unless there is no usable PIN: then nothing is shown (a
        visitor who held the office name learns nothing) and the log says why."""
        problem = self._gate.problem
        if problem is not None:
            log.warning("staff panel: %s", problem)
            return
        self._digits = ""
        self.message.setText("")
        self._show_digits()
        self._idle.start()
        super().open()

    def press(self, key: str) -> None:
        self._idle.start()
        if key == "⌫":
            self._digits = self._digits[:-1]
        elif key == "OK":
            self._submit()
            return
        elif len(self._digits) < 8:
            self._digits += key
        self._show_digits()

    def _show_digits(self) -> None:
        self.display.setText("●" * len(self._digits) or "–")
        self.display.setAccessibleName(_("%(count)d digits entered") % {"count": len(self._digits)})

    def _submit(self) -> None:
        result = self._gate.try_pin(self._digits)
        self._digits = ""
        self._show_digits()
        if result == "ok":
            log.info("staff panel opened")
            self.close_overlay()
            self.accepted.emit()
        elif result == "closed":  # the PIN went away under the pad: never open
            self.close_overlay()
        elif result == "locked":
            minutes = max(1, round(self._gate.locked_for() / 60))
            self.message.setText(
                _("Too many wrong PINs. The pad is locked for %(minutes)d min.") % {"minutes": minutes}
            )
        else:
            self.message.setText(_("Wrong PIN. Attempts left: %(left)d") % {"left": self._gate.attempts_left})


class StaffPanel(Overlay):
    """Status and maintenance for staff, behind the PIN."""

    def __init__(self, parent: QWidget, actions: StaffActions) -> None:
        super().__init__(parent)
        self.setObjectName("staff-panel")
        self._actions = actions
        self.title = QLabel()
        set_role(self.title, "dialog-title")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        for view in (self.problems, self.log):
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
            view.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.reload = QPushButton()
        self.reload.setObjectName("staff-reload")
        self.test_speech = QPushButton()
        self.test_speech.setObjectName("staff-speech")
        self.exit = QPushButton()
        self.exit.setObjectName("staff-exit")
        self.close_button = QPushButton()
        self.close_button.setObjectName("staff-close")
        self.reload.clicked.connect(lambda: self._run(self._actions.reload_content))
        self.test_speech.clicked.connect(lambda: self._run(self._actions.test_speech))
        self.exit.clicked.connect(self._actions.exit_kiosk)
        self.close_button.clicked.connect(self.close_overlay)
        buttons = FlowBox()  # wraps at large text sizes instead of cutting the labels
        for button in (self.reload, self.test_speech, self.exit, self.close_button):
            buttons.add_widget(button)
        self.problems_label = QLabel()
        self.log_label = QLabel()
        self.glance = StatsGlance()
        self.glance.setVisible(actions.statistics is not None)
        self._glance_reader = LatestWins("statistics glance", self._show_glance, parent=self)
        # Everything but the buttons scrolls: at large text sizes it is taller than the screen.
        content = QWidget()
        content.setObjectName("staff-content")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addWidget(self.glance)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems)
        layout.addWidget(self.log_label)
        layout.addWidget(self.log)
        layout.addWidget(self.result)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(content)
        content.setAutoFillBackground(False)  # the panel's own background shows through
        self.scroll_area.viewport().setAutoFillBackground(False)
        self.title.setWordWrap(True)
        outer = QVBoxLayout(self.panel)
        outer.addWidget(self.scroll_area, 1)
        outer.addWidget(buttons)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(PANEL_IDLE_MS)
        self._idle.timeout.connect(self.close_overlay)
        self.panel.installEventFilter(self)
        for child in self.panel.findChildren(QWidget):
            child.installEventFilter(self)
        self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress):
            self._idle.start()  # any touch keeps the panel open for another minute
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        self.glance.retranslate()
        self.title.setText(_("Staff panel"))
        self.problems_label.setText(_("Content problems"))
        self.log_label.setText(_("Log (latest lines)"))
        for button, text in (
            (self.reload, _("Reload content")),
            (self.test_speech, _("Test speech")),
            (self.exit, _("Exit the kiosk")),
            (self.close_button, _("Close")),
        ):
            button.setText(text)
            button.setAccessibleName(text)

    def open(self) -> None:
        parent = self.parentWidget()
        if parent is not None:  # most of the screen: the statistics, problems and log need it
            self.panel.setMinimumSize(min(1000, parent.width() - 40), max(320, parent.height() * 9 // 10))
        self.refresh()
        self.result.setText("")
        self._idle.start()
        super().open()

    def refresh(self) -> None:
        rows = self._actions.status()
        self.status.setText("\n".join(f"{label}: {value}" for label, value in rows))
        problems = self._actions.problems()
        self.problems.setPlainText("\n".join(problems) or _("No problems."))
        self.log.setPlainText("\n".join(self._actions.log_tail()))
        self.log.verticalScrollBar().setValue(self.log.verticalScrollBar().maximum())
        if self._actions.statistics is not None:
            self._glance_reader.submit(self._actions.statistics)

    @property
    def is_reading_statistics(self) -> bool:
        return self._glance_reader.is_busy

    def _show_glance(self, report: object) -> None:
        self.glance.show_report(report if isinstance(report, Report) else None)

    def _run(self, action: Callable[[], str]) -> None:
        self._idle.start()
        self.result.setText(action())
        self.refresh()


def uptime_text(started: float, now: float | None = None) -> str:
    seconds = int((now if now is not None else time.monotonic()) - started)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    return f"{days} d {hours:02d}:{rest // 60:02d}"
