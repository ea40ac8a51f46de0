"""The kiosk's logic with no widgets (think of Mu's ``Editor(view)``).

``Kiosk`` owns what a visit is made of: the visitor's ``Session``, the content being
served and the content waiting to be served, the speech player and the announcer, the
visit and idle policy, the search service, printing, the header and opening texts, and
recovery after an error. A view (the kiosk window, or a fake one in the tests) shows
what the controller tells it and sends the visitor's intents back as method calls.

    content → Kiosk → Session → views;  views → intents → Kiosk
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from kiosk import i18n
from kiosk.content.content import Content
from kiosk.content.model import PageVariant
from kiosk.i18n import N_, _
from kiosk.idle import ActivityFilter, IdlePolicy
from kiosk.session import Location, Screen, Session
from kiosk.speech.player import SpeechPlayer
from kiosk.today.clock import Clock, MinuteTicker

log = logging.getLogger(__name__)
ANNOUNCE_DELAY_MS = 150


class KioskView(Protocol):
    """What the controller asks of a view. The window implements it; so does the fake
    view of the tests."""

    def show_location(self, location: Location) -> None:
        """Show the screen for ``location`` (the session already holds it)."""

    def show_content(self, content: Content) -> None:
        """Newly loaded content replaces the old one everywhere."""

    def show_style(self) -> None:
        """Follow the session's text size and theme."""

    def retranslate(self) -> None:
        """Every text in the session's language."""

    def show_today(self, header: str, status: str) -> None:
        """The date and name-day line, and the opening status ("" hides a line)."""

    def show_printing(self, is_available: bool) -> None:
        """Whether printing can work (the Print action is shown only then)."""

    def show_print_result(self, message: str) -> None:
        """Tell the visitor whether the printout is coming."""

    def stop_reading(self) -> None:
        """Stop reading the page aloud at once."""

    def screen_title(self) -> str:
        """The current screen's title, as announced ("Godziny otwarcia")."""

    def show_attract(self) -> None:
        """The attract screen between visitors (a touch or a key starts a visit)."""

    def show_idle_warning(self, seconds_left: int) -> None:
        """Ask "Are you still there?" with the seconds left."""

    def close_idle_warning(self) -> None:
        """The visitor answered: take the warning away."""

    def close_overlays(self) -> None:
        """Close every dialog and overlay that is open."""

    def speech_control_place(self) -> str:
        """Where the Speech mode control is: "bottom-left", "middle-left"… (see PLACES)."""

    def close_attract(self) -> None:
        """Take the attract screen away: a visit starts without a touch (headphones)."""

    def ask_keep_speech(self, question: str) -> None:
        """Show ``question`` (headphones taken out: keep speech on?) with Keep and Turn off."""


# Translators: said when headphones are plugged into the kiosk (private listening).
HEADPHONES_IN = N_("Headphones connected: speech is heard only in the headphones.")

# Where a control is on the screen, as said in the spoken hints (rows × columns); each
# is translated in the language being spoken (``translate``).
PLACES: dict[str, str] = {
    # Translators: where the Speech mode button is, said inside a sentence:
    # "touch the Speech mode button in the bottom left corner twice".
    "top-left": N_("in the top left corner"),
    "top-centre": N_("at the top in the middle"),
    "top-right": N_("in the top right corner"),
    "middle-left": N_("on the left side"),
    "middle-centre": N_("in the middle of the screen"),
    "middle-right": N_("on the right side"),
    "bottom-left": N_("in the bottom left corner"),
    "bottom-centre": N_("at the bottom in the middle"),
    "bottom-right": N_("in the bottom right corner"),
}


@dataclass(frozen=True)
class VisitSettings:
    """The parts of ``kiosk.toml`` a visit follows."""

    idle_seconds: float = 90
    warning_seconds: int = 30
    printer: str = ""  # "" = no printer
    default_language: str = ""  # "" = the site's default
    listening_time_factor: int = 3  # more idle time in speech mode or with a paused reading
    kiosk_position: str = ""  # the route-graph node where this kiosk stands ("Tu jesteś")
    keypad: tuple[tuple[str, str], ...] = ()  # action → key names (kiosk/keypad.py); () = defaults


class Kiosk(QObject):
    """One kiosk: its visitor, its content, its services. Tested against a fake view."""

    visit_started = Signal()
    visit_ended = Signal()
    content_switched = Signal(object)  # Content

    def __init__(
        self,
        content: Content,
        session: Session,
        clock: Clock,
        player: SpeechPlayer,
        search: object,
        settings: VisitSettings | None = None,
        print_page: Callable[..., int] | None = None,
        printer_available: Callable[[str], bool] | None = None,
        parent: QObject | None = None,
        recorder: object = None,
    ) -> None:
        super().__init__(parent)
        from kiosk.search.service import SearchService

        assert isinstance(search, SearchService)
        self.content = content
        self.session = session
        self.clock = clock
        self.speech = player
        self.search = search
        self.settings = settings or VisitSettings()
        self._print_page = print_page
        self._printer_available = printer_available or (lambda _name: False)
        self.printer_name = ""
        self.pending_content: Content | None = None
        self.view: KioskView | None = None
        self.is_visiting = False
        self.has_headphones = False  # headphones in the jack, or a headset connected
        self._is_starting = True
        self._pending_announcement: tuple[str, str] | None = None
        self._announce_timer = QTimer(self)
        self._announce_timer.setSingleShot(True)
        self._announce_timer.setInterval(ANNOUNCE_DELAY_MS)
        self._announce_timer.timeout.connect(self._say_pending)
        self.ticker = MinuteTicker(clock, self)
        self.ticker.tick.connect(lambda _minute: self.update_today())
        # Listening counts as using: the idle timer waits while speech is playing.
        self.policy = IdlePolicy(
            self.settings.idle_seconds,
            self.settings.warning_seconds,
            is_busy=lambda: self.speech.is_sounding,
            parent=self,
            needs_time=lambda: (
                self.session.is_speech_mode or self.speech.reading_state == "paused" or self.has_headphones
            ),
            time_factor=self.settings.listening_time_factor,
        )
        self.policy.warning.connect(self._on_idle_warning)
        self.policy.tick.connect(self._on_idle_tick)
        self.policy.continued.connect(self._on_continued)
        self.policy.expired.connect(self.end_visit)
        self._activity: ActivityFilter | None = None
        self.reset_hooks: list[Callable[[], None]] = []
        # Anonymous statistics (when kiosk.toml's ``statistics`` is on; the running kiosk
        # gives a recorder, previews and commands record nothing).
        from kiosk.stats.recorder import NullRecorder, Recorder
        from kiosk.stats.session_link import SessionStats
        from kiosk.stats.visit import VisitStats

        self.recorder: Recorder | NullRecorder = (
            recorder if isinstance(recorder, (Recorder, NullRecorder)) else NullRecorder()
        )
        self.visit_stats = VisitStats(self.recorder, clock)
        self.session_stats = SessionStats(self.visit_stats, session, parent=self)
        session.location_changed.connect(self._on_location)
        session.language_changed.connect(self._on_language)
        session.font_scale_changed.connect(self._on_style)
        session.theme_changed.connect(self._on_style)
        session.speech_changed.connect(self._on_speech_settings)
        session.was_reset.connect(player.stop)
        self._was_speech_mode = session.is_speech_mode
        self.set_printer(self.settings.printer)

    # -- the view ----------------------------------------------------------------
    def attach(self, view: KioskView) -> None:
        """Give the controller its view; it is brought up to date at once."""
        self.view = view
        i18n.set_language(self.session.language)
        view.show_printing(bool(self.printer_name))
        view.show_style()
        view.retranslate()
        view.show_location(self.session.location)
        self.ticker.start()

    def finish_start(self) -> None:
        """After the first paint: fill the lines that need the slow holiday calendar."""
        self._is_starting = False
        self.update_today()

    def watch_activity(self) -> None:
        """Count every touch and key of the application as the visitor's activity."""
        app = QCoreApplication.instance()
        if app is not None and self._activity is None:
            self._activity = ActivityFilter(self.policy)
            app.installEventFilter(self._activity)

    # -- navigation intents --------------------------------------------------------
    def open(self, location: Location) -> None:
        self.session.open(location)

    def back(self) -> None:
        self.session.back()

    def home(self) -> None:
        self.session.home()

    def open_search(self) -> None:
        self.session.open(Location(Screen.SEARCH))

    def _on_location(self, location: Location) -> None:
        if location.kind == Screen.HOME and self.pending_content is not None and self.apply_pending_content():
            return
        if self.view is None:
            return
        if location.kind != Screen.PAGE:
            self.view.stop_reading()  # leaving the page silences it at once
        self.view.show_location(location)
        self._announce_screen(location)
        log.debug("showing %s", location)

    def _announce_screen(self, location: Location) -> None:
        """In speech mode every screen change is announced ("Strona: Godziny otwarcia")."""
        if not self.session.is_speech_mode or self.view is None:
            return
        title = self.view.screen_title()
        if location.kind == Screen.PAGE:
            text = _("Page: %(title)s") % {"title": title}
            notice = self.page_notice(location.target)
            if notice:
                text += ". " + notice
        elif location.kind == Screen.SECTION:
            text = _("Section: %(title)s") % {"title": title}
        else:
            text = title
        self.announce(text)

    # -- what pages say ------------------------------------------------------------
    def page_variant(self, page_id: str) -> PageVariant | None:
        """The version of a page for the visitor's language (or the nearest one)."""
        return self.content.site.page_variant(page_id, self.session.language)

    def page_notice(self, page_id: str) -> str:
        """The notice above a page shown in another language than the visitor's."""
        from kiosk.languages import other_language_notice

        variant = self.page_variant(page_id)
        if variant is None or variant.lang == self.session.language:
            return ""
        return other_language_notice(variant.lang, self.session.language)

    # -- language, size, theme -----------------------------------------------------
    def _on_language(self, lang: str) -> None:
        if self.view is not None:
            self.view.stop_reading()
        i18n.set_language(lang)
        self.retranslate()

    def retranslate(self) -> None:
        if self.view is not None:
            self.view.retranslate()
        self.update_today()

    def _on_style(self, *_: object) -> None:
        if self.view is not None:
            self.view.show_style()

    # -- the header and the opening status ---------------------------------------------
    def header_text(self) -> str:
        """'Dziś jest wtorek, 24 listopada 2026 · 14:05 | imieniny: Emmy, Flory'."""
        from kiosk.today.header import header_line

        namedays = self.content.namedays
        if namedays is None:
            return ""
        return header_line(self.clock.now(), self.session.language, namedays)

    def opening_text(self) -> str:
        """'Otwarte do 16:00' or when it opens next, public holidays included."""
        from kiosk.today.opening import opening_status

        site = self.content.site
        if not site.hours:
            return ""
        return opening_status(site, self.clock.now()).text(self.session.language)

    def update_today(self) -> None:
        """The date, name days and opening status: every minute and on a language change."""
        if self._is_starting or self.view is None:
            return
        self.view.show_today(self.header_text(), self.opening_text())

    # -- live content ----------------------------------------------------------------
    def offer_content(self, content: Content) -> None:
        """New valid content: switched to at the next safe moment, never mid-visit."""
        self.pending_content = content
        if self.session.location.kind == Screen.HOME and not self.is_visiting:
            self.apply_pending_content()

    def apply_pending_content(self) -> bool:
        content, self.pending_content = self.pending_content, None
        if content is None:
            return False
        log.info("switching to new content")
        self.content = content
        self.session.default_language = self.default_language_for(content)
        self.search.set_content(content)
        if self.view is not None:
            self.view.show_content(content)
        self.content_switched.emit(content)
        self.retranslate()
        if self.view is not None:
            self.view.show_style()
            self.view.show_location(self.session.location)
        return True

    def default_language_for(self, content: Content) -> str:
        """kiosk.toml's ``default_language`` when the content offers it, else the site's."""
        site = content.site
        chosen = self.settings.default_language
        return chosen if chosen in site.languages else site.default_language

    # -- printing ----------------------------------------------------------------------
    def set_printer(self, name: str) -> None:
        self.printer_name = name if name and self._printer_available(name) else ""
        if name and not self.printer_name:
            log.warning("printer %r is not available; the Print button is hidden", name)
        if self.view is not None:
            self.view.show_printing(bool(self.printer_name))

    def print_page(self, page_id: str) -> None:
        """Print a page in the visitor's language on the kiosk's printer."""
        variant = self.page_variant(page_id)
        if variant is None or not self.printer_name or self._print_page is None:
            return
        try:
            self._print_page(
                self.content, variant, self.session.language, self.clock.now(), printer_name=self.printer_name
            )
        except OSError as exc:
            log.error("printing failed: %s", exc)
            message = _("Printing did not work. Please ask at the information desk.")
        else:
            message = _("Printing. Please take the printout from the printer.")
        if self.view is not None:
            self.view.show_print_result(message)
        self.announce(message)

    # -- speech --------------------------------------------------------------------------
    def announce(self, text: str, always: bool = False) -> None:
        """Say something to the visitor: in speech mode, or ``always`` (a warning that must
        reach every visitor through more than one sense). Replaces what was being said.

        What is said is never logged: it can be what the visitor typed."""
        if (always or self.session.is_speech_mode) and self.speech.is_available:
            if self.speech.reading_state in ("playing", "loading"):
                self.speech.pause()  # at once, not after the announcement's short delay
            # A page being read is paused at its sentence by the announcement, never
            # stopped: the visitor continues from there. Quick touches in a row: only
            # the last is said.
            self._pending_announcement = (text, self.session.language)
            self._announce_timer.start()

    def cancel_announcement(self) -> None:
        """Forget an announcement not yet said (the visitor already acted on it)."""
        self._announce_timer.stop()
        self._pending_announcement = None

    def _say_pending(self) -> None:
        pending, self._pending_announcement = self._pending_announcement, None
        if pending is not None and self.speech.is_available:
            self.speech.announce(*pending)

    def change_volume(self, step: int) -> None:
        """One volume step louder (1) or quieter (-1), said at the new volume."""
        from kiosk.vocabulary import Volume

        order = list(Volume)
        index = order.index(Volume(self.session.speech_volume))
        chosen = order[min(max(index + step, 0), len(order) - 1)]
        self.session.set_speech(volume=chosen)
        self.speech.set_volume(chosen)
        names = {
            # Translators: spoken after a volume key: the new volume.
            Volume.QUIET: _("Volume: quiet"),
            Volume.NORMAL: _("Volume: normal"),
            Volume.LOUD: _("Volume: loud"),
        }
        self.announce(names[chosen], always=True)

    def toggle_reading(self) -> None:
        """Pause a page being read, or continue it at the same sentence."""
        state = self.speech.reading_state
        if state in ("playing", "loading"):
            self.speech.pause()
        elif state == "paused":
            self.speech.resume()

    def toggle_speech_mode(self) -> None:
        if self.speech.is_available:
            self.session.set_speech(is_speech_mode=not self.session.is_speech_mode)

    def _on_speech_settings(self) -> None:
        is_on = self.session.is_speech_mode
        if is_on != self._was_speech_mode:
            self._was_speech_mode = is_on
            if is_on:
                self.announce(_("Speech mode is on. Touch a control once to hear it, twice to use it."))
            else:
                self.announce(_("Speech mode is off."))

    # -- one visitor at a time ----------------------------------------------------------
    def begin_visit(self, with_speech: bool = False) -> None:
        """A visitor is here (``with_speech``: started by a keypad key or a long touch,
        the way a blind visitor starts: speech mode from the first moment)."""
        log.info("a visitor started")
        self.is_visiting = True
        self.policy.start()
        self.session_stats.start_visit()
        self.visit_started.emit()
        if not self.speech.is_available:
            return
        if with_speech:
            self._was_speech_mode = True  # the hints below say so: no second announcement
            self.session.set_speech(is_speech_mode=True)
        self._announce_timer.stop()
        self._pending_announcement = None
        hints = self.start_hints()
        if self.has_headphones:
            hints.insert(0, (_(HEADPHONES_IN), self.session.language))
        self.speech.announce_all(hints)

    def start_hints(self) -> list[tuple[str, str]]:
        """How to use speech, in every language the kiosk offers, the visitor's first;
        it names where the Speech mode control really is on this screen."""
        from kiosk.i18n import translate

        place = self.view.speech_control_place() if self.view is not None else ""
        languages = [self.session.language, *(lang for lang in self.content.site.languages
                                              if lang != self.session.language)]
        hints = []
        for lang in languages:
            if self.session.is_speech_mode:
                text = translate(
                    lang,
                    "Speech mode is on. Touch or slide a finger to hear what is on the screen, "
                    "tap twice anywhere to use it. Press the star key to turn speech off.",
                )
            else:
                text = translate(
                    lang,
                    "To hear the screen, touch the Speech mode button %(place)s twice, "
                    "or press the star key.",
                ) % {"place": translate(lang, PLACES.get(place, PLACES["bottom-left"]))}
            hints.append((text, lang))
        return hints

    # -- headphones: private listening ---------------------------------------------------
    def headphones_changed(self, connected: bool) -> None:
        """Headphones plugged into the jack (or a headset connected), or taken out.

        In: speech mode starts (a visit too, from the attract screen), and speech is
        heard only in the headphones (the caller routes it there first). Out: speech
        comes from the loudspeaker again, so a reading pauses, and the visitor is asked,
        shown and spoken, whether to keep speech on."""
        if connected == self.has_headphones:
            return
        self.has_headphones = connected
        log.info("headphones %s", "connected" if connected else "disconnected")
        if not self.speech.is_available:
            return
        if connected:
            if not self.is_visiting:
                if self.view is not None:
                    self.view.close_attract()
                self.begin_visit(with_speech=True)
                return
            self.policy.activity()
            if self.session.is_speech_mode:
                self.announce(_(HEADPHONES_IN))
            else:
                self._was_speech_mode = True  # said below, with the headphones
                self.session.set_speech(is_speech_mode=True)
                on = _("Speech mode is on. Touch a control once to hear it, twice to use it.")
                self.announce(_(HEADPHONES_IN) + " " + on)
            return
        if self.speech.reading_state in ("playing", "loading"):
            self.speech.pause()  # what was private is not read out to the room
        if self.is_visiting and self.session.is_speech_mode:
            question = self.keep_speech_question()
            if self.view is not None:
                self.view.ask_keep_speech(question)
            self.announce(question, always=True)

    def keep_speech_question(self) -> str:
        # Translators: said and shown when a visitor takes the headphones out.
        return _("Headphones disconnected: speech now comes from the loudspeaker. Keep speech on?")

    def keep_speech(self, is_kept: bool) -> None:
        """The visitor's answer to :meth:`keep_speech_question`."""
        if not is_kept:
            self.session.set_speech(is_speech_mode=False)
        elif self.session.is_speech_mode:
            # Translators: said when the visitor keeps speech on after taking the headphones out.
            self.announce(_("Speech stays on, from the loudspeaker."))

    def end_visit(self) -> None:
        """The visitor left: reset everything of theirs and show the attract screen."""
        log.info("idle: resetting the visitor session")
        self.policy.stop()
        if self.view is not None:
            self.view.close_overlays()
        for hook in self.reset_hooks:
            hook()
        if self.visit_stats.is_visit_open:
            self.session_stats.end_visit()
        self.is_visiting = False
        self.session.reset()
        self.apply_pending_content()
        if self.view is not None:
            self.view.show_attract()
        self.visit_ended.emit()

    def idle_warning_text(self, seconds_left: int) -> str:
        from kiosk.i18n import ngettext

        return (
            _("Are you still there?")
            + " "
            + ngettext(
                "The screen will start again for the next visitor in %(seconds)d second.",
                "The screen will start again for the next visitor in %(seconds)d seconds.",
                seconds_left,
            )
            % {"seconds": seconds_left}
        )

    def _on_idle_warning(self, seconds_left: int) -> None:
        """The idle warning reaches more than one sense: shown, spoken, and a sound."""
        if self.view is not None:
            self.view.show_idle_warning(seconds_left)  # the view also sounds its chime
        self.announce(self.idle_warning_text(seconds_left), always=True)

    def _on_idle_tick(self, seconds_left: int) -> None:
        if self.view is not None:
            self.view.show_idle_warning(seconds_left)

    def _on_continued(self) -> None:
        if self.view is not None:
            self.view.close_idle_warning()

    def continue_visit(self) -> None:
        """The visitor answered the idle warning."""
        self.policy.activity()

    # -- errors and shutdown ------------------------------------------------------------
    def recover(self) -> None:
        """After an unexpected error: close whatever is open and show the home screen."""
        if self.view is not None:
            self.view.close_overlays()
        self.session.home()

    def close(self) -> None:
        """Stop timers and free the speech player and the search index (at exit)."""
        self.ticker.stop()
        self.policy.stop()
        self._announce_timer.stop()
        self.speech.close()
        self.search.close()
        self.recorder.close()  # queued statistics are committed
        if self._activity is not None:
            app = QCoreApplication.instance()
            if app is not None:
                app.removeEventFilter(self._activity)
            self._activity = None
