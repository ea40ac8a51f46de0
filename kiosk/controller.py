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
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from kiosk import i18n
from kiosk.content.content import Content
from kiosk.content.model import PageVariant
from kiosk.content.survey import Survey
from kiosk.i18n import N_, _
from kiosk.idle import ActivityFilter, IdlePolicy
from kiosk.session import Location, Screen, Session
from kiosk.speech.player import SpeechPlayer
from kiosk.stats.events import Feature
from kiosk.today.clock import Clock, MinuteTicker
from kiosk.vocabulary import Volume

if TYPE_CHECKING:
    from kiosk.today.status_card import StatusCard

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

    def show_survey(self, survey: Survey) -> str:
        """Show the office's survey over the screen, in the session's language; returns
        what speech mode says of it (its first question and the answers). The view calls
        ``survey_answered`` on each answer and ``survey_closed`` when the visitor closes it."""

    def close_survey(self) -> None:
        """The visit ends while the survey is open: close it, recording how far it got."""

    def close_attract(self) -> None:
        """Take the attract screen away: a visit starts without a touch (headphones)."""

    def ask_keep_speech(self, question: str) -> None:
        """Show ``question`` (headphones taken out: keep speech on?) with Keep and Turn off."""


# Translators: said when headphones are plugged into the kiosk (private listening).
HEADPHONES_IN = N_("Headphones connected: speech is heard only in the headphones.")
# Translators: part of the spoken welcome in speech mode: the keys of the kiosk's keypad.
KEYPAD_HINT = N_(
    "On the keypad: Up and Down move between items, Enter uses the item, the Help key says "
    "where you are and what the keys do."
)

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
        print_route: Callable[..., int] | None = None,
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
        self._print_route = print_route
        self._printer_available = printer_available or (lambda _name: False)
        self.printer_name = ""
        self.pending_content: Content | None = None
        self.view: KioskView | None = None
        self.is_visiting = False
        self.has_headphones = False  # headphones in the jack, or a headset connected
        self._is_starting = True
        self._pending_announcement: tuple[str, str] | None = None
        self._pending_news = ""  # a warning or question announce(always=True) has waiting
        self._last_response = -1.0  # when respond() was last asked (time.monotonic)
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
            is_busy=lambda: self.speech.is_sounding or any(check() for check in self.busy_checks),
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
        # More ways the visitor is busy without touching (a sign-language video playing).
        self.busy_checks: list[Callable[[], bool]] = []
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
        from kiosk.stats.survey_flow import SurveyFlow

        # The survey after "End visit" waits for an answer as long as the idle warning does.
        self.survey_flow = SurveyFlow(
            self.visit_stats,
            lambda: self.clock.now().date(),
            self.settings.warning_seconds,
            is_busy=lambda: self.speech.is_sounding,
            needs_time=lambda: self.session.is_speech_mode,
            time_factor=self.settings.listening_time_factor,
            parent=self,
        )
        self.survey_flow.wait_over.connect(self.end_visit)
        self._is_headphones_waiting = False  # plugged in on the attract screen
        session.location_changed.connect(self._on_location)
        session.language_changed.connect(self._on_language)
        session.font_scale_changed.connect(self._on_style)
        session.theme_changed.connect(self._on_style)
        session.speech_changed.connect(self._on_speech_settings)
        session.easy_read_changed.connect(self._on_easy_read)
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
        if location.kind == Screen.EASY_READ:
            self.session.set_easy_read(True)  # the list of easy pages: they open easy
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
        """The version of a page for the visitor's language (or the nearest one by the
        site's fallback order); its easy-to-read version when the visitor chose easy text."""
        return self.content.site.page_variant(page_id, self.session.language, self.session.is_easy_read)

    def has_easy_read(self, page_id: str) -> bool:
        """Whether the page, as this visitor sees it, has an easy-to-read version."""
        return self.content.site.has_easy_read(page_id, self.session.language)

    # -- easy-to-read text (chosen for the visit) -------------------------------------
    def set_easy_read(self, is_easy_read: bool) -> None:
        self.session.set_easy_read(is_easy_read)

    def toggle_easy_read(self) -> None:
        """The page's "Easy text" switch: for this page and every page after it."""
        self.session.set_easy_read(not self.session.is_easy_read)

    def _on_easy_read(self, is_easy_read: bool) -> None:
        if self.view is None:
            return
        location = self.session.location
        if location.kind == Screen.PAGE:
            self.view.stop_reading()
            self.view.show_location(location)  # the same page in the chosen text
            if self.session.is_speech_mode:
                # Translators: said in speech mode after the page's "Easy text" switch.
                text = _("Easy-to-read text is on.") if is_easy_read else _("Easy-to-read text is off.")
                self.announce(text)

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

    def status_card(self) -> StatusCard | None:
        """The home screen's opening status ("Otwarte dziś do 15:30", "Kasa do 15:00");
        None before the first paint (the holiday calendar is slow to import)."""
        if self._is_starting:
            return None
        from kiosk.today.status_card import status_card

        return status_card(self.content.site, self.clock.now(), self.session.language)

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
        print_page = self._print_page
        self._print(
            "printing failed",
            lambda: print_page(
                self.content, variant, self.session.language, self.clock.now(), printer_name=self.printer_name
            ),
        )

    def print_route(self, room_id: str, is_step_free: bool) -> None:
        """Print the way to a room in the visitor's language: the plan of each floor it
        crosses with the way drawn, the numbered steps, the QR code of the online plan."""
        if not self.printer_name or self._print_route is None:
            return
        print_route = self._print_route
        self._print(
            "printing the way failed",
            lambda: print_route(
                self.content,
                room_id,
                self.settings.kiosk_position,
                is_step_free,
                self.session.language,
                self.clock.now(),
                printer_name=self.printer_name,
            ),
        )

    def _print(self, failure: str, send: Callable[[], object]) -> None:
        """Send a printout; tell the visitor (shown and said) whether it went."""
        try:
            send()
        except OSError as exc:
            log.error("%s: %s", failure, exc)
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
            self._pending_news = text if always else ""
            self._announce_timer.start()

    def respond(self, text: str) -> None:
        """Say at once what the visitor's touch, swipe or key found (speech mode): the
        first of a burst is said without the announcement delay; while a finger slides
        across items (requests closer than that delay) only the last one is said. A warning
        or question for every visitor still waiting to be said (``always``) is said first,
        with the item after it (the answer the focus is on), never dropped for it."""
        now = time.monotonic()
        waiting = self._announce_timer.isActive()
        is_burst = now - self._last_response < ANNOUNCE_DELAY_MS / 1000 or waiting
        self._last_response = now
        news = self._pending_news if waiting else ""
        self.announce(f"{news} {text}" if news else text)
        self._pending_news = news
        if not is_burst and self._announce_timer.isActive():
            self._announce_timer.stop()
            self._say_pending()

    def cancel_announcement(self) -> None:
        """Forget an announcement not yet said and end the one being said: the visitor
        already acted on it (a double tap's first tap said what was under the finger on
        the way; that name stops when the double tap uses the item heard before it)."""
        self._announce_timer.stop()
        self._pending_announcement = None
        self._pending_news = ""
        self.speech.hush()

    def _say_pending(self) -> None:
        pending, self._pending_announcement = self._pending_announcement, None
        self._pending_news = ""
        if pending is not None and self.speech.is_available:
            self.speech.announce(self.spoken_form(*pending), pending[1])

    def spoken_form(self, text: str, lang: str) -> str:
        """What is said for a text on screen: the same reading rules and staff
        pronunciations as a page read aloud ("8:00–17:00" → "od ósmej do siedemnastej"),
        and the header's " | " a pause, not "kreska pionowa"."""
        from kiosk.speech.reading import spoken_text

        return spoken_text(self.content, text.replace(" | ", ". "), lang)

    def change_volume(self, step: int) -> None:
        """One volume step louder (1) or quieter (-1), said at the new volume."""
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
        if self._is_headphones_waiting:
            self._is_headphones_waiting = False
            self.visit_stats.feature_used(Feature.HEADPHONES)
        self.visit_started.emit()
        if not self.speech.is_available:
            return
        if with_speech:
            self._was_speech_mode = True  # the hints below say so: no second announcement
            self.session.set_speech(is_speech_mode=True)
        self._announce_timer.stop()
        self._pending_announcement = None
        self.speech.announce_all(self.start_hints())

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
                text += " " + translate(lang, KEYPAD_HINT)
                if self.has_headphones:
                    text = translate(lang, HEADPHONES_IN) + " " + text
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
        self._record_headphones(connected)
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
        if self.session.speech_volume != Volume.NORMAL:
            # A volume chosen for the ear is not for the room: the loudspeaker at normal.
            self.session.set_speech(volume=Volume.NORMAL)
            self.speech.set_volume(Volume.NORMAL)
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
        if self.survey_flow.is_open and self.view is not None:
            self.view.close_survey()  # records how far the survey got, ends nothing
        self.survey_flow.reset()
        self._is_headphones_waiting = False
        if self.view is not None:
            self.view.close_overlays()
        for hook in self.reset_hooks:
            hook()
        if self.visit_stats.is_visit_open:
            self.session_stats.end_visit()
        self.is_visiting = False
        self.session.reset()
        # Nothing of this visit is said after it: not a name still waiting, not a reading.
        self.cancel_announcement()
        self.speech.stop()
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
        """The idle warning reaches more than one sense: shown, spoken, and a sound. The
        survey may come with it (its countdown goes on: nobody answers, the visit ends)."""
        survey_text = self._offer_survey(is_ending=False)
        if self.view is not None:
            self.view.show_idle_warning(seconds_left)  # the view also sounds its chime
        text = self.idle_warning_text(seconds_left)
        if survey_text and self.session.is_speech_mode:
            text += " " + survey_text
        self.announce(text, always=True)

    def _on_idle_tick(self, seconds_left: int) -> None:
        if self.view is not None:
            self.view.show_idle_warning(seconds_left)

    def _on_continued(self) -> None:
        if self.view is not None:
            self.view.close_idle_warning()

    def continue_visit(self) -> None:
        """The visitor answered the idle warning."""
        self.policy.activity()

    # -- the end of a visit and the survey (kiosk.stats.survey_flow) -------------------------
    def finish_visit(self) -> None:
        """The visitor tapped "End visit" ("Zakończ"): the office's survey when one runs
        and this visit has not had it, then the reset for the next visitor."""
        if self.survey_flow.is_open:
            self.survey_flow.end_requested()
            return
        survey_text = self._offer_survey(is_ending=True)
        if survey_text is None:
            self.end_visit()
        else:
            self.announce(survey_text)

    def _offer_survey(self, is_ending: bool) -> str | None:
        """Show the survey if it may be offered now; what speech mode says of it, or None."""
        survey = self.content.survey
        if self.view is None or not self.is_visiting or survey is None:
            return None
        if not self.survey_flow.offer(survey, is_ending):
            return None
        return self.view.show_survey(survey)

    def survey_answered(self) -> None:
        """The view: one answer given (it is recorded as a count by the view's visit stats)."""
        self.survey_flow.answered()

    def survey_closed(self) -> None:
        """The view: the visitor closed the survey (last answer, skip, Escape)."""
        if self.survey_flow.closed():
            self.end_visit()

    # -- features the session does not see ------------------------------------------------
    def keypad_used(self) -> None:
        """A key of the keypad (or the keyboard's navigation keys) was used in this visit."""
        if self.is_visiting:
            self.visit_stats.feature_used(Feature.KEYPAD)

    def _record_headphones(self, is_connected: bool) -> None:
        """Headphones plugged into (True) or out of (False) the audio jack, for the
        statistics (``headphones_changed`` calls this). Counted once per visit: plugged
        in during a visit, or on the attract screen just before the visit it starts.
        Headphones left plugged in after a visit are not counted again for the next
        visitors."""
        if not is_connected:
            self._is_headphones_waiting = False
        elif self.is_visiting:
            self.visit_stats.feature_used(Feature.HEADPHONES)
        else:
            self._is_headphones_waiting = True

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
