"""The "Plan budynku" screen: floor tabs, the plan, a tapped room and the way to it.

Opened at ``Location("plan", room_id)`` it shows the route to that room from where this
kiosk stands (``kiosk_position``), across floors: each floor's tab shows its part of the
route, and the numbered steps are written below in the visitor's language.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.content import Content
from kiosk.floors.directions import Step, directions, floor_in_sentence, room_label, total_text
from kiosk.floors.model import Floors, Room
from kiosk.floors.position import start_node
from kiosk.floors.routing import Route, find_route, plan_url
from kiosk.i18n import _
from kiosk.qr import qr_image
from kiosk.session import Location, Session
from kiosk.speech.player import SpeechPlayer
from kiosk.ui.plan_canvas import ZOOM_STEP, PlanCanvas
from kiosk.ui.screens import Screen
from kiosk.ui.speech_bar import SpeechBar
from kiosk.ui.style import Metrics
from kiosk.ui.themes import theme
from kiosk.ui.widgets import FlowBox, ScrollPane, scroll_list, set_role

# The online plan's QR code beside the steps: ~40 modules of 6 px, about 6 cm on a 24"
# screen, read from arm's length while leaving the steps most of the width.
QR_MODULE_PX = 6
PANEL_MIN_PX = 440  # the steps' column beside the plan at 100 % text (at least ~30 characters)


class PlanScreen(Screen):
    """Emits ``navigate(Location("page", id))`` for a page handled in the tapped room,
    ``print_requested`` for Print (the controller prints ``room_id`` and ``is_step_free``)."""

    print_requested = Signal()

    def __init__(
        self,
        content: Content,
        session: Session,
        kiosk_position: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("plan-screen")
        self._content = content
        self._session = session
        self._kiosk_position = kiosk_position
        self.room_id = ""
        self.route: Route | None = None
        self.steps: list[Step] = []
        self.is_step_free = False
        self.is_route_shown = False
        self._total = ""
        self._text_scale = 100
        self._gap = 12

        self.title = QLabel()
        set_role(self.title, "title")
        self.tabs_box = FlowBox()  # the floors' tabs wrap at large text and long names
        self.title.setWordWrap(True)
        self.tab_group = QButtonGroup(self)
        self.tab_group.setExclusive(True)
        self.tabs: dict[str, QPushButton] = {}
        self.zoom_out = QPushButton("−")
        self.zoom_out.setObjectName("plan-zoom-out")
        self.zoom_in = QPushButton("+")
        self.zoom_in.setObjectName("plan-zoom-in")
        self.canvas = PlanCanvas(self._floors())
        self.zoom_in.clicked.connect(lambda: self.canvas.zoom_by(ZOOM_STEP))
        self.zoom_out.clicked.connect(lambda: self.canvas.zoom_by(1 / ZOOM_STEP))
        self.canvas.room_tapped.connect(self.select_room)
        self.canvas.room_chosen.connect(self.choose_room)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        self.room_title = QLabel()
        set_role(self.room_title, "heading")
        self.room_title.setWordWrap(True)
        self.room_detail = QLabel()
        self.room_detail.setWordWrap(True)
        self.page_buttons: list[QPushButton] = []
        self.pages_box = QVBoxLayout()
        self.show_route_button = QPushButton()
        self.show_route_button.setObjectName("plan-show-route")
        self.show_route_button.clicked.connect(self.show_route)
        self.step_free_button = QPushButton()
        self.step_free_button.setObjectName("plan-step-free")
        self.step_free_button.setCheckable(True)
        self.step_free_button.toggled.connect(self.set_step_free)
        self.print_button = QPushButton()
        self.print_button.setObjectName("plan-print")
        self.print_button.clicked.connect(self.print_requested)
        self.print_button.hide()
        self.is_printing_available = False
        self.confirmation = QLabel()
        set_role(self.confirmation, "notice")
        self.confirmation.setWordWrap(True)
        self.confirmation.hide()
        # The online plan to take along (the floor's ``url``), beside the steps.
        self.qr_url = ""
        self.qr_image = QLabel()
        self.qr_image.setObjectName("plan-qr")
        self.qr_image.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.qr_caption = QLabel()
        self.qr_caption.setWordWrap(True)
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.qr_address = QLabel()
        self.qr_address.setWordWrap(True)
        self.qr_address.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.qr_box = QWidget()
        qr_layout = QVBoxLayout(self.qr_box)
        qr_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.qr_image, self.qr_caption, self.qr_address):
            qr_layout.addWidget(widget)
        qr_layout.addStretch(1)
        self.qr_box.hide()
        self.steps_label = QLabel()
        self.steps_label.setObjectName("plan-steps")
        self.steps_label.setWordWrap(True)
        self.steps_label.setTextFormat(Qt.TextFormat.RichText)
        self.speech_bar = SpeechBar(session)
        self.speech_bar.hide()  # shown when a speech engine is available and there are steps
        self.speech: SpeechPlayer | None = None
        self.spoken: list[str] = []  # what is being read: heading, steps, total
        self.reading_index = -1
        self.hint = QLabel()
        set_role(self.hint, "lead")
        self.hint.setWordWrap(True)

        self.action_box = FlowBox()
        for button in (self.show_route_button, self.step_free_button, self.print_button):
            self.action_box.add_widget(button)
        panel = QWidget()
        panel_layout = QVBoxLayout(panel)
        panel_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.hint, self.room_title, self.room_detail):
            panel_layout.addWidget(widget)
        panel_layout.addLayout(self.pages_box)
        panel_layout.addWidget(self.action_box)
        panel_layout.addWidget(self.confirmation)
        panel_layout.addWidget(self.speech_bar)
        # The steps and the QR code: side by side below a tall plan, one under the
        # other beside it (landscape), so that neither squeezes the plan.
        self.steps_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.steps_row.addWidget(self.steps_label, 1, Qt.AlignmentFlag.AlignTop)
        self.steps_row.addWidget(self.qr_box, 0, Qt.AlignmentFlag.AlignTop)
        panel_layout.addLayout(self.steps_row)
        panel_layout.addStretch(1)
        self.panel_area = scroll_list(panel)
        self.pane = ScrollPane(self.panel_area)

        self.body = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.body.addWidget(self.canvas, 3)
        self.body.addWidget(self.pane, 2)
        top = self.top_row = QHBoxLayout()
        top.addWidget(self.tabs_box, 1)
        # − and + sit in the plan's corner, as on a map: the floors' tabs keep the row.
        self.canvas.set_corner_widgets([self.zoom_out, self.zoom_in])
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addLayout(self.body, 1)

        self._build_tabs()
        self.canvas.set_theme(theme(session.theme))
        session.theme_changed.connect(lambda name: self.canvas.set_theme(theme(name)))
        self.canvas.here = self.start_node()
        self._show_floor(self._start_floor())
        self.canvas.centre_on(self.start_node())
        self.retranslate()

    # -- content --------------------------------------------------------------
    def _floors(self) -> Floors:
        floors = self._content.floors
        return floors if floors is not None else Floors(root=self._content.site.root)

    def set_content(self, content: Content) -> None:
        super().set_content(content)
        self.canvas.set_floors(self._floors())
        self.canvas.here = self.start_node()
        self._build_tabs()
        self.clear_room()

    def start_node(self) -> str:
        """Where this kiosk stands: ``kiosk_position`` if it is a node, else the entrance."""
        return start_node(self._floors(), self._kiosk_position)

    def _start_floor(self) -> str:
        floors = self._floors()
        node = floors.nodes.get(self.start_node())
        if node is not None:
            return node.floor
        return floors.floors[0].id if floors.floors else ""

    def _build_tabs(self) -> None:
        for button in self.tabs.values():
            self.tab_group.removeButton(button)
            button.deleteLater()
        self.tabs.clear()
        old, self.tabs_box = self.tabs_box, FlowBox()
        self.top_row.replaceWidget(old, self.tabs_box)
        old.deleteLater()
        self.tabs_box.set_gap(self._gap)
        for floor in self._floors().floors:
            button = QPushButton()
            button.setObjectName(f"plan-floor-{floor.id}")
            button.setCheckable(True)
            button.clicked.connect(lambda _c=False, f=floor.id: self._show_floor(f))
            self.tab_group.addButton(button)
            self.tabs_box.add_widget(button)
            self.tabs[floor.id] = button

    def _show_floor(self, floor_id: str) -> None:
        self.canvas.set_floor(floor_id)
        if floor_id in self.tabs:
            self.tabs[floor_id].setChecked(True)
        self._update_accessible()

    # -- navigation -----------------------------------------------------------
    def open(self, location: Location) -> None:
        """``Location("plan", room_id)``: the route to that room; ``""``: the plan alone."""
        self.stop_reading()
        self.is_step_free = False
        self.step_free_button.blockSignals(True)
        self.step_free_button.setChecked(False)
        self.step_free_button.blockSignals(False)
        if location.target and location.target in self._floors().rooms:
            self.select_room(location.target)
            self.show_route()
        else:
            self.clear_room()
            self._show_floor(self._start_floor())
            self.canvas.centre_on(self.start_node())

    def clear_room(self) -> None:
        self.stop_reading()
        self.confirm("")
        self.room_id = ""
        self.is_route_shown = False
        self.route = None
        self.steps = []
        self.canvas.set_route(None)
        self.canvas.set_selected("")
        self.retranslate()

    def select_room(self, room_id: str) -> None:
        """A tapped room: its name, number, floor and pages, and "Show the way"."""
        if room_id not in self._floors().rooms:
            return
        self.stop_reading()
        self.confirm("")
        self.room_id = room_id
        self.is_route_shown = False
        self.route = None
        self.steps = []
        self.canvas.set_route(None)
        self.canvas.set_selected(room_id)
        self.retranslate()

    def choose_room(self, room_id: str) -> None:
        """A room used in speech mode: the way to it is shown and read aloud at once."""
        self.select_room(room_id)
        self.show_route()
        self.listen()

    def set_step_free(self, is_step_free: bool) -> None:
        self.is_step_free = is_step_free
        if self.is_route_shown:
            is_reading = bool(self.spoken)
            self.stop_reading()
            self.show_route()
            if is_reading:
                self.listen()  # the new way, from its start

    def show_route(self) -> None:
        """Compute and draw the way from this kiosk to the chosen room."""
        floors = self._floors()
        room = floors.rooms.get(self.room_id)
        if room is None:
            return
        self.route = find_route(floors, self.start_node(), room.node, self.is_step_free)
        self.is_route_shown = True
        self.confirm("")  # a printout of another way
        self.steps = []  # written by retranslate() in the visitor's language
        self.canvas.set_route(self.route)
        start = floors.nodes.get(self.start_node())
        if start is not None:
            self._show_floor(start.floor)
            self.canvas.centre_on(start.id)
        self.retranslate()

    def spoken_steps(self) -> list[str]:
        """What "Listen" reads, one utterance each: the room, the steps, the total."""
        room = self._floors().rooms.get(self.room_id)
        if room is None or self.route is None:
            return []
        return [self.room_title.text().replace(" · ", ", "), *(s.text for s in self.steps), self._total]

    # -- reading the way aloud -----------------------------------------------
    def set_speech(self, player: SpeechPlayer) -> None:
        """Offer Listen with Next/Repeat for the steps (the visitor walks while listening)."""
        self.speech = player
        bar = self.speech_bar
        bar.listen.connect(self.listen)
        bar.pause.connect(player.pause)
        bar.resume.connect(player.resume)
        bar.stop.connect(player.stop)
        bar.previous.connect(player.previous)
        bar.next.connect(player.next)
        bar.repeat.connect(player.repeat)
        player.state_changed.connect(self._on_speech_state)
        player.utterance_started.connect(self._on_utterance)
        self._update_speech_bar()

    def listen(self) -> None:
        """Read the way aloud, step by step, in the visitor's language."""
        self.spoken = self.spoken_steps()
        if self.speech is None or not self.spoken:
            return
        from kiosk.speech.reading import spoken_text

        lang = self._session.language
        self.speech.set_rate(self._session.speech_rate)
        self.speech.set_volume(self._session.speech_volume)
        # Said with the reading rules and the staff's pronunciations, as a page is:
        # "I piętro" is "pierwsze piętro", not the letter I.
        self.speech.speak([spoken_text(self._content, text, lang) for text in self.spoken], lang)

    def stop_reading(self) -> None:
        if self.speech is not None and self.spoken:
            self.speech.stop()
        self.spoken = []
        self.reading_index = -1

    def _on_utterance(self, index: int) -> None:
        if self.spoken:
            self.reading_index = index
            self._set_steps_text(self._floors().rooms.get(self.room_id), self._session.language)

    def _on_speech_state(self, _state: str) -> None:
        # An announcement over the reading (speech mode) leaves it paused, not ended: the
        # bar keeps its paused layout, so no button moves under the visitor's finger.
        state = self.speech.reading_state if self.speech is not None and self.spoken else "idle"
        self.speech_bar.set_state(state)
        if state == "idle" and self.spoken:
            self.spoken = []
            self.reading_index = -1
            self._set_steps_text(self._floors().rooms.get(self.room_id), self._session.language)

    def _update_speech_bar(self) -> None:
        has_steps = self.route is not None and self.is_route_shown
        self.speech_bar.setVisible(self.speech is not None and self.speech.is_available and has_steps)

    # -- texts ----------------------------------------------------------------
    def retranslate(self) -> None:
        lang = self._session.language
        floors = self._floors()
        fallback = self._content.site.default_language
        # Translators: title of the building plan screen ("Plan budynku").
        self.title.setText(_("Building plan"))
        # Translators: the marker of where the kiosk stands on the plan.
        self.canvas.here_label = _("You are here")
        self.zoom_in.setAccessibleName(_("Zoom in"))
        self.zoom_out.setAccessibleName(_("Zoom out"))
        self.pane.buttons.set_texts(_("Scroll up"), _("Scroll down"))  # the room panel's
        self.canvas.floor_labels = {f.id: f.name(lang, fallback) for f in floors.floors}
        self.canvas.room_names = {r.id: r.name(lang, fallback) for r in floors.rooms.values()}
        self.canvas.room_words = {
            r.id: ", ".join(
                (room_label(r, lang), r.name(lang, fallback), self.canvas.floor_labels.get(r.floor, r.floor))
            )
            for r in floors.rooms.values()
        }
        for floor in floors.floors:
            if floor.id in self.tabs:
                self.tabs[floor.id].setText(floor.name(lang, fallback))
        self.show_route_button.setText(_("Show the way"))
        # Translators: toggle for a route with no stairs (lift and ramps only).
        self.step_free_button.setText(_("No stairs"))
        room = floors.rooms.get(self.room_id)
        self.hint.setText(_("Tap a room to see what is handled there and the way to it."))
        self.hint.setVisible(room is None)
        self._set_room_texts(room, lang, fallback)
        self._set_steps_text(room, lang)
        # Translators: the button that prints the way to the room on the kiosk's printer.
        self.print_button.setText(_("Print"))
        self.print_button.setAccessibleName(_("Print the way"))
        self._update_take_away(room, lang)
        self._update_speech_bar()
        self.speech_bar.retranslate()
        self._update_accessible()
        self.canvas.update()

    def _set_room_texts(self, room: Room | None, lang: str, fallback: str) -> None:
        floors = self._floors()
        for button in self.page_buttons:
            self.pages_box.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.page_buttons = []
        for widget in (self.room_title, self.room_detail, self.show_route_button, self.step_free_button):
            widget.setVisible(room is not None)
        if room is None:
            return
        floor = floors.floor(room.floor)
        floor_name = floor.name(lang, fallback) if floor else room.floor
        self.room_title.setText(f"{room_label(room, lang)} · {floor_name}")
        self.room_detail.setText(room.name(lang, fallback))
        for page_id in room.pages:
            variant = self._content.site.page_variant(page_id, lang)
            if variant is None:
                continue
            button = QPushButton(variant.title)
            set_role(button, "tile")
            button.clicked.connect(lambda _c=False, p=page_id: self.navigate.emit(Location("page", p)))
            self.pages_box.addWidget(button)
            self.page_buttons.append(button)

    def _set_steps_text(self, room: Room | None, lang: str) -> None:
        if room is None or not self.is_route_shown:
            self.steps_label.setText("")
            self.steps_label.setVisible(False)
            return
        self.steps_label.setVisible(True)
        if self.route is None:
            if self.is_step_free:
                self.steps_label.setText(
                    _("There is no way to this room without stairs. Please ask the staff for help.")
                )
            else:
                self.steps_label.setText(_("There is no way to this room on the plan."))
            return
        floors = self._floors()
        self.steps = directions(floors, self.route, lang, room)
        self._total = total_text(self.route, lang)
        lines = [f"{number}. {step.text}" for number, step in enumerate(self.steps, start=1)]
        lines.append(self._total)
        t = theme(self._session.theme)
        shown = []
        for index, line in enumerate(lines, start=1):  # utterance 0 is the room's name
            text = html.escape(line)
            if index == self.reading_index:
                text = f'<span style="background:{t.accent}; color:{t.accent_text}">{text}</span>'
            shown.append(text)
        self.steps_label.setText("<br>".join(shown))

    # -- taking the way along ---------------------------------------------------------
    def set_printing(self, is_available: bool) -> None:
        """Print is offered only when a printer is configured and present."""
        self.is_printing_available = is_available
        self._update_take_away(self._floors().rooms.get(self.room_id), self._session.language)

    def confirm(self, text: str) -> None:
        """Whether the printout is coming."""
        self.confirmation.setText(text)
        self.confirmation.setVisible(bool(text))

    def _update_take_away(self, room: Room | None, lang: str) -> None:
        """Print and the QR code of the online plan, beside a way that is shown."""
        has_way = room is not None and self.is_route_shown and self.route is not None
        self.print_button.setVisible(has_way and self.is_printing_available)
        url = plan_url(self._floors(), self.route, room) if has_way and room is not None else ""
        if url != self.qr_url:
            self.qr_url = url
            if url:
                self.qr_image.setPixmap(QPixmap.fromImage(qr_image(url, QR_MODULE_PX)))
            else:
                self.qr_image.clear()
        # Translators: under the QR code of the building plan's online address.
        self.qr_caption.setText(_("Scan to open the plan on your phone"))
        self.qr_address.setText(url)
        self.qr_box.setVisible(bool(url))
        self.qr_box.setAccessibleName(f"{self.qr_caption.text()}: {url}" if url else "")

    def _update_accessible(self) -> None:
        floors = self._floors()
        floor = floors.floor(self.canvas.floor_id)
        lang = self._session.language
        if floor is None:
            return
        name = floor_in_sentence(floor, lang, self._content.site.default_language)
        # Translators: accessible name of the drawn plan, e.g. "Plan of the ground floor".
        self.canvas.setAccessibleName(_("Plan of the {floor}").format(floor=name))

    def apply_metrics(self, metrics: Metrics) -> None:
        self._text_scale = metrics.scale
        self._gap = metrics.gap
        self.canvas.set_text_scale(metrics.scale)
        self.canvas.centre_on(self.start_node())
        self.pane.set_gap(metrics.gap)
        self.tabs_box.set_gap(metrics.gap)
        self.action_box.set_gap(metrics.gap)
        self.speech_bar.apply_metrics(metrics)
        self.canvas.place_corner_widgets()
        self._arrange(self.width(), self.height())

    def _arrange(self, width: int, height: int) -> None:
        """The steps beside the plan where the screen is wide enough for them at this text
        size, else below it (portrait, and large text in landscape)."""
        is_beside = width > height and width * 2 / 5 >= PANEL_MIN_PX * self._text_scale / 100
        direction = QBoxLayout.Direction.LeftToRight if is_beside else QBoxLayout.Direction.TopToBottom
        if self.body.direction() != direction:
            self.body.setDirection(direction)
            # Beside the plan the panel is narrow: the QR code goes under the steps.
            self.steps_row.setDirection(
                QBoxLayout.Direction.TopToBottom if is_beside else QBoxLayout.Direction.LeftToRight
            )

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._arrange(event.size().width(), event.size().height())
        super().resizeEvent(event)

    def accessible_title(self) -> str:
        """"Building plan", and the room it was opened for ("…: Pokój 14, I piętro"): a
        visitor who came from a search result hears where the way leads."""
        if self.room_id and self._floors().rooms.get(self.room_id) is not None and self.room_title.text():
            return f"{_('Building plan')}: {self.room_title.text().replace(' · ', ', ')}"
        return _("Building plan")

    def focus_targets(self) -> list[QWidget]:
        return [*self.tabs.values(), self.zoom_out, self.zoom_in]
