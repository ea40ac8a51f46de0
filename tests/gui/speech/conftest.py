"""Speech GUI tests run offscreen; QtMultimedia plays on a fake clock without a sound card."""

from __future__ import annotations

import os

if not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
