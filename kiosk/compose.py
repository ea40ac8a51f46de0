"""One composition for the kiosk and every staff command.

``build_kiosk`` puts the parts together the same way for the running kiosk and for
``render``, ``speak``, ``print``, ``today`` and ``search``, from the same ``kiosk.toml``,
so that a preview shows what the kiosk shows (its default theme and language, its
printer). ``open_window`` adds the window for the commands that draw.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk import paths
from kiosk.config import Config, load_config
from kiosk.content.content import Content, load_content
from kiosk.content.model import Problem

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from kiosk.controller import Kiosk, VisitSettings
    from kiosk.speech.engine import SpeechEngine
    from kiosk.today.clock import Clock
    from kiosk.ui.main_window import KioskWindow

log = logging.getLogger(__name__)


def content_source(config: Config, override: Path | None = None) -> Path:
    """The content folder: the command line's, kiosk.toml's, or the bundled sample."""
    if override is not None:
        return override
    if config.content:
        return Path(config.content).expanduser()
    return paths.bundled_content_dir()


def read_config(path: Path | None) -> tuple[Config, list[Problem]]:
    """``kiosk.toml`` as the kiosk reads it; problems are logged with file:line and the
    setting keeps its default (a bad file never stops a command or the kiosk)."""
    config, problems = load_config(path)
    for problem in problems:
        log.error("configuration: %s", problem.format())
    return config, problems


def build_kiosk(
    config: Config,
    content: Content,
    language: str | None = None,
    clock: Clock | None = None,
    speech_engine: SpeechEngine | None = None,
    parent: QObject | None = None,
    visit: VisitSettings | None = None,
    recorder: object = None,
) -> Kiosk:
    """The kiosk's controller with its session, services and the configuration applied
    (``visit`` replaces the configuration's timeouts and printer: tests use it)."""
    from kiosk.controller import Kiosk, VisitSettings
    from kiosk.search.service import SearchService
    from kiosk.session import Session
    from kiosk.speech.engine import SilentEngine
    from kiosk.speech.player import SpeechPlayer
    from kiosk.today.clock import SystemClock

    settings = visit or VisitSettings(
        idle_seconds=config.idle_timeout,
        warning_seconds=config.idle_warning,
        printer=config.printer,
        default_language=config.default_language,
        kiosk_position=config.kiosk_position,
        keypad=keypad_keys(config),
    )
    site = content.site
    default_language = settings.default_language
    if default_language not in site.languages:
        if default_language:
            log.warning(
                "configuration: default_language %r is not one of the content's languages (%s); "
                "starting in %r",
                default_language,
                ", ".join(site.languages),
                site.default_language,
            )
        default_language = site.default_language
    session = Session(default_language=default_language, default_theme=config.default_theme)
    session.reset()
    if language and language in site.languages:
        session.set_language(language)
    # The player belongs to the application: it outlives a window replaced by another.
    owner = parent or _application()
    player = SpeechPlayer(speech_engine or SilentEngine(), owner)
    search = SearchService(content, owner)
    return Kiosk(
        content,
        session,
        clock or SystemClock(),
        player,
        search,
        settings,
        print_page=_print_page,
        printer_available=_printer_available,
        parent=owner,
        recorder=recorder,
        print_route=_print_route,
    )


# Printing loads Qt Print Support, the QR codes and the building plans: on first use
# (or ahead of it, right after the first screen is painted: kiosk.startup), not at start.
def _print_page(*args: Any, **kwargs: Any) -> Any:
    from kiosk.printing import print_page

    return print_page(*args, **kwargs)


def _printer_available(name: str) -> bool:
    if not name:
        return False  # no printer configured: nothing to load
    from kiosk.printing import printer_available

    return printer_available(name)


def _print_route(*args: Any, **kwargs: Any) -> Any:
    from kiosk.floors.printout import print_route

    return print_route(*args, **kwargs)


def keypad_keys(config: Config) -> tuple[tuple[str, str], ...]:
    """The tactile keypad's keys from kiosk.toml, per action (``kiosk.keypad.ACTIONS``)."""
    return (
        ("previous", config.keypad_previous),
        ("next", config.keypad_next),
        ("activate", config.keypad_activate),
        ("back", config.keypad_back),
        ("home", config.keypad_home),
        ("help", config.keypad_help),
        ("louder", config.keypad_louder),
        ("quieter", config.keypad_quieter),
        ("speech", config.keypad_speech),
        ("previous_paragraph", config.keypad_previous_paragraph),
        ("next_paragraph", config.keypad_next_paragraph),
    )


def _application() -> QObject:
    """The Qt application (the kiosk's, or a staff command's: ``kiosk.app``)."""
    from PySide6.QtCore import QCoreApplication

    from kiosk.app import make_application

    app = QCoreApplication.instance() or make_application()
    assert isinstance(app, QCoreApplication)
    return app


def open_window(kiosk: Kiosk, width: int = 1080, height: int = 1920, on_screen: bool = True) -> KioskWindow:
    """The kiosk window on a controller, sized, shown and attached. ``on_screen=False``:
    shown to itself only (laid out and painted, never to a screen) and taking no input,
    for ``kiosk render``, which saves what it painted into the PNG."""
    from kiosk.ui.main_window import KioskWindow

    window = KioskWindow(kiosk, takes_input=on_screen)
    window.resize(width, height)
    kiosk.attach(window)
    if not on_screen:
        from PySide6.QtCore import Qt

        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.show()
    return window


def load_kiosk_content(root: Path, pages_on_demand: bool = False) -> Content:
    """Load a content folder for a command: one summary line when it has problems.
    ``pages_on_demand``: pages are checked, and rendered when first shown."""
    content = load_content(root, defer_rendering=pages_on_demand)
    if pages_on_demand:
        content.check_all()
    if content.error_count:
        # What a preview shows is drawn anyway; the running kiosk would not show it.
        log.warning(
            "content has %d errors and %d warnings: the kiosk will not show this folder until "
            "the errors are fixed (it keeps showing its last good copy); run 'kiosk check' for details",
            content.error_count,
            content.warning_count,
        )
    elif content.warning_count:
        log.info("content has %d warnings; run 'kiosk check' for details", content.warning_count)
    return content
