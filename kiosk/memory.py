"""Give memory back between visitors.

A visit leaves caches behind: pixmaps of the sizes and themes the visitor chose, freed
Python objects in cycles, and heap pages glibc keeps for reuse. None of it is a leak, but
over a day of visitors the resident size wanders by a hundred megabytes depending on the
last screens shown. After each visit (the attract screen is up, nobody is waiting) the
kiosk collects cycles, empties Qt's pixmap cache and asks glibc to return free pages.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
from typing import Protocol

from PySide6.QtCore import QTimer, SignalInstance
from PySide6.QtGui import QPixmapCache

log = logging.getLogger(__name__)


class _HasVisitEnded(Protocol):
    @property
    def visit_ended(self) -> SignalInstance: ...


def _malloc_trim() -> None:
    name = ctypes.util.find_library("c")
    if not name:
        return
    try:
        libc = ctypes.CDLL(name)
        libc.malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        log.debug("memory: malloc_trim is not available")


def release_memory() -> None:
    """Collect cycles, drop cached pixmaps, return free heap pages to the system."""
    gc.collect()
    QPixmapCache.clear()
    _malloc_trim()


def release_after_visits(kiosk: _HasVisitEnded) -> None:
    """After every visit, once the event loop is idle again, release memory."""
    kiosk.visit_ended.connect(lambda: QTimer.singleShot(0, release_memory))
