"""Between visitors the kiosk gives memory back (kiosk.memory)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QPixmap, QPixmapCache
from pytestqt.qtbot import QtBot

from kiosk.memory import release_after_visits


class _Visits(QObject):
    visit_ended = Signal()


def test_after_a_visit_the_pixmap_cache_is_emptied_once_the_loop_is_idle(qtbot: QtBot) -> None:
    visits = _Visits()
    release_after_visits(visits)
    QPixmapCache.insert("kiosk-test", QPixmap(64, 64))
    assert QPixmapCache.find("kiosk-test") is not None
    visits.visit_ended.emit()
    assert QPixmapCache.find("kiosk-test") is not None  # not during the reset itself
    qtbot.waitUntil(lambda: QPixmapCache.find("kiosk-test") is None, timeout=2000)


def test_after_a_visit_the_source_lines_read_at_imports_are_forgotten(qtbot: QtBot) -> None:
    import linecache

    import kiosk.memory

    assert linecache.getlines(kiosk.memory.__file__)  # as PySide's import hook reads them
    assert kiosk.memory.__file__ in linecache.cache
    visits = _Visits()
    release_after_visits(visits)
    visits.visit_ended.emit()
    qtbot.waitUntil(lambda: kiosk.memory.__file__ not in linecache.cache, timeout=2000)
