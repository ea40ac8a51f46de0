"""Start-up: the Qt application, fonts, content and the kiosk window."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from kiosk import paths

log = logging.getLogger(__name__)


def ensure_platform(headless: bool) -> None:
    """Use the offscreen platform when asked to, or when there is no display at all."""
    if headless and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def configure_multimedia() -> None:
    """Settle Qt Multimedia before it loads (it reads these as it loads).

    Sound goes through PulseAudio's protocol (PipeWire serves it too), the way the tests
    play and record it, rather than through Qt's newer native PipeWire backend. Its
    start-up notes stay out of the log: the optional libraries it did not find and, in
    the bundle, that it has no media backend (the kiosk needs none: it uses QAudioSink).
    """
    os.environ.setdefault("QT_AUDIO_BACKEND", "pulseaudio")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")


def make_application() -> object:
    """The QApplication with the bundled fonts registered (Polish letters always render)."""
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    configure_multimedia()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    fonts = paths.resource("fonts")
    for font_file in sorted(fonts.glob("*.ttf")):
        if QFontDatabase.addApplicationFont(str(font_file)) < 0:
            log.warning("could not load font %s", font_file)
    font = QFont("DejaVu Sans")
    font.setPixelSize(24)
    QApplication.setFont(font)
    return app


def start_kiosk(
    content_dir: Path | None,
    windowed: bool,
    language: str | None,
    config_path: Path | None = None,
) -> tuple[object, object]:
    """Create the application and show the kiosk; returns (app, runtime)."""
    from PySide6.QtCore import Qt

    from kiosk.runtime import KioskRuntime

    app = make_application()
    runtime = KioskRuntime(app, config_path, content_dir, language)  # type: ignore[arg-type]
    window = runtime.window
    if windowed:
        window.resize(810, 1440)
        window.show()
    else:
        window.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        window.showFullScreen()
    runtime.kiosk.end_visit()  # begin on the attract screen
    runtime.kiosk.search.prepare()
    return app, runtime


def has_display() -> bool:
    """Whether Qt can open a window here (a screen, or a platform chosen explicitly)."""
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform != "linux":
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_kiosk(
    content_dir: Path | None, windowed: bool, language: str | None, config_path: Path | None = None
) -> int:
    if not has_display():
        sys.stderr.write(
            "kiosk: error: no screen found (DISPLAY and WAYLAND_DISPLAY are not set); "
            "start it on the kiosk's screen, or preview with 'kiosk render home -o home.png'\n"
        )
        return 1
    app, _runtime = start_kiosk(content_dir, windowed, language, config_path)
    return int(app.exec())  # type: ignore[attr-defined]
