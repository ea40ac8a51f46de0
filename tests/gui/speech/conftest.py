"""Speech GUI tests run offscreen; sound goes to the test sound server (tests/conftest.py)."""

from __future__ import annotations

import os

if not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
