"""The headphones' news, from the watcher's thread to the kiosk on the GUI thread.

:class:`~kiosk.speech.jack.JackWatcher` calls back on its own thread; this queues the
news to the GUI thread, sends speech to the headphones (or back to the loudspeaker)
and then tells the controller (``Kiosk.headphones_changed``), in that order, so that
what the controller says about it is already heard where it should be.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal

from kiosk.speech.jack import RETRY_SECONDS, JackWatcher, Output

if TYPE_CHECKING:
    from kiosk.controller import Kiosk


class HeadphonesLink(QObject):
    """Owns a :class:`JackWatcher` for a kiosk; ``start()`` and ``stop()`` it."""

    changed = Signal(object)  # Output | None, on the GUI thread
    _reported = Signal(object)

    def __init__(
        self,
        kiosk: Kiosk,
        server: str | None = None,
        retry_seconds: float = RETRY_SECONDS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._kiosk = kiosk
        self._reported.connect(self._apply, Qt.ConnectionType.QueuedConnection)
        self.watcher = JackWatcher(self._emit, server=server, retry_seconds=retry_seconds)
        self.output: Output | None = None

    def start(self) -> None:
        self.watcher.start()

    def stop(self) -> None:
        self.watcher.stop()

    def _emit(self, output: Output | None) -> None:
        """On the watcher's thread."""
        try:
            self._reported.emit(output)
        except RuntimeError:  # the link was deleted while the watcher was reporting
            pass

    def _apply(self, output: Output | None) -> None:
        self.output = output
        self._kiosk.speech.set_output(output.sink if output is not None else "")
        self._kiosk.headphones_changed(output is not None)
        self.changed.emit(output)
