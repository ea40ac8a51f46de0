"""Facts about the platform the kiosk relies on, measured rather than assumed."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QLabel


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_qt_calls_do_not_drop_references_to_none(qapp: object) -> None:
    """PySide6 6.12.0 on Python 3.11 drops one reference to None on every call of a
    method returning void; after a few thousand calls the interpreter aborts. A kiosk
    runs for months, so such a release must never be installed (see pyproject.toml)."""
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
        label.setAccessibleName("y")
    assert sys.getrefcount(None) - before > -100
