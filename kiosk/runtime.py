"""The running kiosk: configuration, logging, content, window, staff panel, recovery.

``KioskRuntime`` wires the parts together; each part stays testable on its own.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication

from kiosk import i18n, logs, paths
from kiosk.compose import build_kiosk, content_source
from kiosk.config import load_config
from kiosk.content.content import Content, load_content
from kiosk.content.model import Problem
from kiosk.i18n import _, translate
from kiosk.memory import drop_source_lines, release_after_visits
from kiosk.speech.engine import select_engine
from kiosk.startup import after_first_paint, finish_start, is_started, warm
from kiosk.ui.guard import install_guard
from kiosk.ui.main_window import KioskWindow

if TYPE_CHECKING:  # loaded when used: a staff folder, the staff panel (after the first paint)
    from kiosk.content.live import ContentWatcher, Startup
    from kiosk.speech.headphones import HeadphonesLink
    from kiosk.staff.pin import PinGate
    from kiosk.stats.report import Report
    from kiosk.ui.staff_panel import LongPress, PinPad, StaffPanel

log = logging.getLogger(__name__)
EXIT_MAINTENANCE = 75


def snapshots_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("mszczonow-kiosk", appauthor=False)) / "snapshots"


def resident_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


class KioskRuntime:
    """The running kiosk: the composition of ``kiosk.compose`` plus what only a real
    kiosk has: the log file, the locked window, live content, the staff panel and the
    handler that recovers from errors."""

    # Made right after the first paint (``finish_start`` makes them at once).
    pin_gate: PinGate
    pin_pad: PinPad
    staff_panel: StaffPanel
    long_press: LongPress
    headphones: HeadphonesLink

    def __init__(
        self,
        app: QApplication,
        config_path: Path | None,
        content_dir: Path | None = None,
        language: str | None = None,
        log_dir: Path | None = None,
        watch: bool = True,
    ) -> None:
        self.app = app
        self.started = time.monotonic()
        self.config, self.config_problems = load_config(config_path)
        self.log_file = logs.setup_logging(self.config.log_level, log_dir)
        for problem in self.config_problems:
            log.error("configuration: %s", problem.format())
        self.source = content_source(self.config, content_dir)
        self.watcher: ContentWatcher | None = None
        self.startup: Startup | None = None
        content = self._first_content(watch)
        if self.startup is not None:
            self._log_content_problems(self.startup.problems)
        elif content.is_rendered:
            self._log_content_problems(content.problems)
        from kiosk.stats.recorder import open_recorder

        recorder = open_recorder(self.config.statistics, self.config.statistics_retention)
        self.kiosk = build_kiosk(
            self.config, content, language, speech_engine=select_engine(), recorder=recorder
        )
        self.session = self.kiosk.session
        self.window = KioskWindow(self.kiosk)
        self.kiosk.attach(self.window)
        app.aboutToQuit.connect(self.kiosk.close)
        self.window.allow_close = False  # only the staff panel's Exit closes the kiosk
        self.guard = install_guard(app)
        self.recovery = logs.Recovery(self.kiosk.recover)
        self.recovery.install()
        if self.config.hide_pointer and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
            app.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
        # What the first screen does not show waits until it is painted (kiosk.startup):
        # the other screens, the staff panel, the headphones watcher, memory released after
        # each visit (the first "visit end" is the start itself), the modules of the other
        # features.
        # Touches count as activity from the first visit on (the attract screen is up until
        # then): its application-wide filter would otherwise see every event of the show.
        later = [self.kiosk.watch_activity, self._render_pages, *self.window.screen_steps()]
        later += [self._build_staff_panel, self._watch_headphones]
        later.append(lambda: release_after_visits(self.kiosk))
        later.append(self._warm_language_names)
        for step in [*later, *warm(), drop_source_lines]:  # the lines PySide's hook read at imports
            after_first_paint(self.window, step)
        if self.watcher is not None:
            self.watcher.setParent(self.window)  # goes with the window
            self.watcher.ready.connect(self.kiosk.offer_content)
            self.watcher.rejected.connect(self._log_content_problems)

    @property
    def content(self) -> Content:
        return self.kiosk.content

    @property
    def is_started(self) -> bool:
        """Whether what waits for the first paint is done (the staff panel is there)."""
        return is_started(self.window)

    def finish_start(self) -> None:
        """Do now what waits for the first paint (tests that use the staff panel at once)."""
        finish_start(self.window)

    def _warm_language_names(self) -> None:
        """The languages' names (CLDR data per language), ready for the Language control."""
        from kiosk.languages import language_name

        for lang in self.content.site.languages:
            language_name(lang)

    def _watch_headphones(self) -> None:
        """Headphones in the audio jack: speech mode, heard only in the headphones."""
        from kiosk.speech.headphones import HeadphonesLink

        self.headphones = HeadphonesLink(self.kiosk, parent=self.app)
        self.headphones.start()
        self.app.aboutToQuit.connect(self.headphones.stop)
        self.window.destroyed.connect(self.headphones.stop)  # and with the window

    # -- content ---------------------------------------------------------------
    def _first_content(self, watch: bool) -> Content:
        """Serve a snapshot of a staff-managed folder; the bundled content as it is."""
        if not watch or self.source.resolve() == paths.bundled_content_dir().resolve():
            # The first screen shows no page: pages are rendered right after it is painted.
            return load_content(self.source, defer_rendering=True)
        from kiosk.content.live import ContentWatcher, start_content

        # The last good content is what starts: a broken folder after a restart serves
        # the newest valid snapshot, or the "temporarily unavailable" screen.
        self.startup = start_content(
            self.source,
            snapshots_dir(),
            paths.unavailable_content_dir(),
            require_publish=self.config.content_require_publish,
        )
        level = logging.WARNING if self.startup.is_degraded else logging.INFO
        log.log(level, "content: %s", self.startup.note())
        self.watcher = ContentWatcher.for_config(self.config, self.startup, snapshots_dir(), parent=self.app)
        return self.startup.content

    def _render_pages(self) -> None:
        """Render the pages of content loaded with ``defer_rendering`` and log its problems;
        a page left out (it cannot be rendered) leaves the screens with the next visitor."""
        content = self.content
        if content.is_rendered:
            return
        if content.render_all():
            self.kiosk.offer_content(content)
        self._log_content_problems(content.problems)

    def _log_content_problems(self, problems: list[Problem]) -> None:
        for problem in problems:
            level = logging.ERROR if problem.severity == "error" else logging.WARNING
            log.log(level, "content: %s", problem.format(self.source))

    # -- staff -----------------------------------------------------------------
    def _build_staff_panel(self) -> None:
        from kiosk.staff.pin import PinGate
        from kiosk.ui.staff_panel import LongPress, PinPad, StaffActions, StaffPanel

        self.pin_gate = PinGate(time.monotonic, stored_hash=self.config.staff_pin_hash)
        self.pin_pad = PinPad(self.window, self.pin_gate)
        actions = StaffActions(
            status=self.staff_status,
            problems=self.staff_problems,
            log_tail=lambda: logs.tail(self.log_file),
            reload_content=self.reload_content,
            test_speech=self.test_speech,
            exit_kiosk=self.exit_kiosk,
            statistics=self.staff_statistics if self.config.statistics else None,
        )
        self.staff_panel = StaffPanel(self.window, actions)
        self.pin_pad.accepted.connect(self.staff_panel.open)
        self.long_press = LongPress(self.window.top_bar.office)
        self.long_press.triggered.connect(self.pin_pad.open)

    def staff_status(self) -> list[tuple[str, str]]:
        from kiosk.content.live import serving_note
        from kiosk.ui.staff_panel import uptime_text

        try:
            changed = max(p.stat().st_mtime for p in self.source.rglob("*") if p.is_file())
            last_change = time.strftime("%Y-%m-%d %H:%M", time.localtime(changed))
        except (OSError, ValueError):
            last_change = "?"
        return [
            (_("Content folder"), str(self.source)),
            (_("Serving"), serving_note(self.content, self.source, i18n.active_language())),
            (_("Last change"), last_change),
            (_("Pages"), str(len(self.content.site.pages))),
            (_("Speech"), self.speech_status()),
            (_("Uptime"), uptime_text(self.started)),
            (_("Memory"), f"{resident_mb():.0f} MB"),
            (_("Configuration"), str(self.config.source or _("defaults"))),
        ]

    def staff_problems(self) -> list[str]:
        found = [f"kiosk.toml: {p.format()}" for p in self.config_problems]
        if self.startup is not None and self.startup.is_degraded:
            found.append(self.startup.note(i18n.active_language()))
        problems = self.content.problems
        if self.watcher is not None and self.watcher.last_problems:
            problems = self.watcher.last_problems
        found += [p.format(self.source) for p in problems]
        return found

    def staff_statistics(self) -> Report | None:
        """The last 30 days for the staff panel (run on its worker thread: it reads the
        database, and only reads the content and the clock)."""
        from kiosk.stats.recorder import Recorder
        from kiosk.ui.stats_glance import glance_report, page_titles

        recorder = self.kiosk.recorder
        if not isinstance(recorder, Recorder):
            return None  # statistics could not be opened: the log says why
        titles = page_titles(self.content.site, i18n.active_language())
        return glance_report(recorder.path, self.kiosk.clock.now().date(), titles)

    def speech_status(self) -> str:
        player = self.kiosk.speech
        if not player.is_available:
            return _("not available") + f" ({player.unavailable_reason})"
        if player.audio_problem:
            # Translators: staff panel, speech status: the engine speaks but no sound
            # comes out of the kiosk; the technical reason follows in brackets.
            return _("not heard") + f" ({player.audio_problem})"
        return _("available")

    def test_speech(self) -> str:
        """Say a test sentence in the kiosk's language (staff listen at the kiosk)."""
        player = self.kiosk.speech
        if not player.is_available:
            return self.speech_status()
        lang = self.session.language
        player.announce(translate(lang, "This is a speech test."), lang)
        return _("Speaking a test sentence.")

    def reload_content(self) -> str:
        if self.watcher is None:
            self.kiosk.offer_content(load_content(self.source))
            return _("Content reloaded.")
        self.watcher.check_now()
        return _("Checking the content folder; valid content is shown from the next visitor on.")

    def exit_kiosk(self) -> None:
        """Staff closed the kiosk for maintenance: exit status 75 tells the service
        manager (deploy/kiosk.service) not to restart it."""
        log.info("staff closed the kiosk")
        self.recovery.uninstall()
        self.window.allow_close = True
        self.window.close()
        self.app.exit(EXIT_MAINTENANCE)
