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


def make_application() -> object:
    """The QApplication with the bundled fonts registered (Polish letters always render)."""
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    fonts = paths.resource("fonts")
    for font_file in sorted(fonts.glob("*.ttf")):
        if QFontDatabase.addApplicationFont(str(font_file)) < 0:
            log.warning("could not load font %s", font_file)
    font = QFont("DejaVu Sans")
    font.setPixelSize(24)
    QApplication.setFont(font)
    return app


def log_problems(content: object) -> None:
    from kiosk.site.content import Content

    assert isinstance(content, Content)
    for problem in content.problems:
        level = logging.ERROR if problem.severity == "error" else logging.WARNING
        log.log(level, "content: %s", problem.format(content.site.root))


def summarise_problems(content: object) -> None:
    """One line for staff tools that are not about validation (render, speak…)."""
    from kiosk.site.content import Content

    assert isinstance(content, Content)
    if content.error_count or content.warning_count:
        log.warning(
            "content has %d errors and %d warnings; run 'kiosk check' for details",
            content.error_count,
            content.warning_count,
        )


def start_kiosk(
    content_dir: Path | None, windowed: bool, language: str | None
) -> tuple[object, object]:
    """Create the application and show the kiosk window; returns (app, window)."""
    from PySide6.QtCore import Qt

    from kiosk.session import Session
    from kiosk.site.content import load_content
    from kiosk.ui.guard import install_guard
    from kiosk.ui.main_window import KioskWindow

    app = make_application()
    root = content_dir or paths.bundled_content_dir()
    content = load_content(root)
    log_problems(content)
    site = content.site
    session = Session(default_language=site.default_language)
    if language in site.languages:
        session.set_language(language)
    window = KioskWindow(content, session)
    install_guard(app)  # type: ignore[arg-type]  # parented to the app, lives with it
    if windowed:
        window.resize(810, 1440)
        window.show()
    else:
        window.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        window.showFullScreen()
    return app, window


def has_display() -> bool:
    """Whether Qt can open a window here (a screen, or a platform chosen explicitly)."""
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform != "linux":
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_kiosk(content_dir: Path | None, windowed: bool, language: str | None) -> int:
    if not has_display():
        sys.stderr.write(
            "kiosk: error: no screen found (DISPLAY and WAYLAND_DISPLAY are not set); "
            "start it on the kiosk's screen, or preview with 'kiosk render home -o home.png'\n"
        )
        return 1
    app, _window = start_kiosk(content_dir, windowed, language)
    return int(app.exec())  # type: ignore[attr-defined]
