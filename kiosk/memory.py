"""Give memory back between visitors.

A visit leaves caches behind: pixmaps of the sizes and themes the visitor chose, freed
Python objects in cycles, and heap pages glibc keeps for reuse. None of it is a leak, but
over a day of visitors the resident size wanders by a hundred megabytes depending on the
last screens shown. After each visit (the attract screen is up, nobody is waiting) the
kiosk collects cycles, empties Qt's pixmap cache, forgets the source lines read at
imports and asks glibc to return free pages.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import linecache
import logging
from functools import cache
from typing import Any, Protocol

from PySide6.QtCore import QTimer, SignalInstance
from PySide6.QtGui import QPixmapCache

log = logging.getLogger(__name__)


class _HasVisitEnded(Protocol):
    @property
    def visit_ended(self) -> SignalInstance: ...


@cache
def _libc() -> Any:
    """glibc, found once (``find_library`` asks ``ldconfig``), or None."""
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        libc = ctypes.CDLL(name)
    except OSError:
        libc = None
    if libc is None or not hasattr(libc, "malloc_trim"):  # not glibc (musl has no malloc_trim)
        log.debug("memory: malloc_trim is not available")
        return None
    return libc


def _malloc_trim() -> None:
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


def drop_source_lines() -> None:
    """Forget the source lines Python keeps for tracebacks (``linecache``).

    PySide's import hook (behind ``from __feature__ import …``) reads the source of every
    module imported after PySide6, to see whether it uses PySide, and ``linecache`` keeps
    every line it read: 7 MB once the kiosk has started, for lines nothing shows. A
    traceback reads the lines it needs again."""
    linecache.clearcache()


def release_memory() -> None:
    """Collect cycles, drop cached pixmaps and source lines, return free heap pages."""
    gc.collect()
    QPixmapCache.clear()
    drop_source_lines()
    _malloc_trim()


def release_after_visits(kiosk: _HasVisitEnded) -> None:
    """After every visit, once the event loop is idle again, release memory."""
    kiosk.visit_ended.connect(lambda: QTimer.singleShot(0, release_memory))
