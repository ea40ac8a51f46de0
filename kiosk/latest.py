"""Latest request wins: work on a background thread, only the newest result is used.

Building a search index, validating new content, synthesising speech: each may be asked
again before the last answer is ready. The answer to an older request is handed to
``discard`` (to close what it holds) and never reaches ``deliver``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class LatestWins(QObject):
    """``submit(work)`` runs ``work()`` on a thread; ``deliver(result)`` runs on this
    object's thread for the newest request only. A failing ``work`` is logged and
    delivers ``None``."""

    _finished = Signal(int, object)

    def __init__(
        self,
        name: str,
        deliver: Callable[[object], None],
        discard: Callable[[object], None] = lambda _result: None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._name = name
        self._deliver = deliver
        self._discard = discard
        self._generation = 0
        self._is_busy = False
        self._finished.connect(self._on_finished)

    @property
    def is_busy(self) -> bool:
        """Whether the newest request is still being worked on."""
        return self._is_busy

    def submit(self, work: Callable[[], object]) -> None:
        self._generation += 1
        self._is_busy = True
        generation = self._generation

        def run() -> None:
            try:
                result = work()
            except Exception:  # noqa: BLE001 - reported, and the caller gets None
                log.exception("%s failed", self._name)
                result = None
            try:
                self._finished.emit(generation, result)
            except RuntimeError:  # the owner is gone meanwhile
                if result is not None:
                    self._discard(result)

        threading.Thread(target=run, name=self._name, daemon=True).start()

    def cancel(self) -> None:
        """Forget what is under way: its result will be discarded."""
        self._generation += 1
        self._is_busy = False

    def _on_finished(self, generation: int, result: object) -> None:
        if generation != self._generation:
            if result is not None:
                self._discard(result)
            return
        self._is_busy = False
        self._deliver(result)
