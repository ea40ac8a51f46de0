"""The search service of a running kiosk: the index's life cycle and queries.

The index is built on a worker thread (latest content wins), after start-up rather than
during it, and rebuilt when the content changes; the old index serves until the new one
is ready. No widgets: the search screen asks it and follows ``index_ready``.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from kiosk.content.content import Content
from kiosk.latest import LatestWins
from kiosk.search.index import SearchIndex, SearchResults
from kiosk.search.stemming import Analyzers

INDEX_DELAY_MS = 1500

_analyzers: Analyzers | None = None
_analyzers_lock = threading.Lock()


def shared_analyzers() -> Analyzers:
    """The stemmers, loaded once per program (~0.7 s) and only read afterwards."""
    global _analyzers
    with _analyzers_lock:
        if _analyzers is None:
            _analyzers = Analyzers()
        return _analyzers


class SearchService(QObject):
    index_ready = Signal()

    def __init__(self, content: Content, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._content = content
        self.index: SearchIndex | None = None
        self._builds = LatestWins("search-index", self._on_built, _close_index, parent=self)

    @property
    def is_ready(self) -> bool:
        return self.index is not None

    def prepare(self, delay_ms: int = INDEX_DELAY_MS) -> None:
        """Build the index soon: the running kiosk asks for it after start-up (building
        holds Python's lock and would delay the first screen). A visitor who opens the
        search before then gets it built at once."""
        QTimer.singleShot(delay_ms, self.ensure_index)

    def ensure_index(self) -> None:
        if self.index is None and not self._builds.is_busy:
            self._build()

    def set_content(self, content: Content) -> None:
        self._content = content
        self._build()  # the old index serves until the new one is ready

    def _build(self) -> None:
        content = self._content
        self._builds.submit(lambda: SearchIndex.build(content, shared_analyzers()))

    def _on_built(self, index: object) -> None:
        if not isinstance(index, SearchIndex):
            return  # building failed (logged): search stays as it was
        if self.index is not None:
            self.index.close()
        self.index = index
        self.index_ready.emit()

    def search(self, query: str, lang: str, limit: int, is_easy_read: bool = False) -> SearchResults | None:
        """Results for a query, or None with nothing to search (yet); ``is_easy_read``:
        the visitor chose easy-to-read text (see :meth:`SearchIndex.search`)."""
        if self.index is None or not query.strip():
            return None
        return self.index.search(query, lang, limit, is_easy_read)

    def wait_for_index(self, timeout: float = 10.0) -> bool:
        """For staff commands and tests: block (processing events) until the index is ready."""
        self.ensure_index()
        deadline = time.monotonic() + timeout
        while self.index is None and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.005)
        return self.index is not None

    def close(self) -> None:
        self._builds.cancel()
        if self.index is not None:
            self.index.close()
            self.index = None


def _close_index(index: object) -> None:
    if isinstance(index, SearchIndex):
        index.close()
