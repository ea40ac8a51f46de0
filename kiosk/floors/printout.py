"""The way to a room on paper: each floor the route crosses with the way drawn, the
numbered steps walked on it below, and the QR code of the floor's online plan.

Printed through the same path as a page (``kiosk.printing.print_pages``: A4, the office
and the date on top, page numbers), in the visitor's language, black on white whatever
the screen's colours.
"""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFont, QTextDocument

from kiosk.content.content import Content
from kiosk.floors.directions import directions, room_label, total_text
from kiosk.floors.drawing import Colours, Marks, draw_floor, drawn_box, load_drawings
from kiosk.floors.model import Floors, Room
from kiosk.floors.position import start_node
from kiosk.floors.routing import Route, find_route, plan_url, route_floors
from kiosk.i18n import translate
from kiosk.printing import PRINT_CSS, print_pages
from kiosk.qr import qr_image

# Black on white; the way in the kiosk's own dark blue, which prints as a strong grey on
# a black-and-white printer and is set off from the walls by its white casing.
PAPER = Colours(ink="#000000", paper="#ffffff", route="#0b3d6b", here="#b34700")
PLAN_RESOURCE = "kiosk-plan:"
QR_RESOURCE = "kiosk-qr:plan"
QR_MODULE = 4  # logical pixels per module: about 1 mm, as on a printed page
OVERSAMPLE = 3  # plan image pixels per logical pixel: about 290 dpi on paper
# A plan at most this part of the text width tall (about 6 cm on A4): two floors and
# their steps fit on one sheet.
MAX_PLAN_HEIGHT = 0.36
# A plan's paragraph is as tall as the plan (text lines get 130 %).
STEP_CSS = "p.step { margin-top: 2pt; margin-bottom: 2pt; } p.plan { line-height: 100%; }"


def way_to(floors: Floors, room: Room, kiosk_position: str, is_step_free: bool) -> Route | None:
    """The way from where this kiosk stands to the room, as the plan screen shows it."""
    return find_route(floors, start_node(floors, kiosk_position), room.node, is_step_free)


def route_document(
    content: Content, room_id: str, kiosk_position: str, is_step_free: bool, lang: str, width_px: int
) -> QTextDocument:
    """The way to ``room_id`` as a document for paper, ``width_px`` logical pixels wide."""
    floors = content.floors
    document = QTextDocument()
    document.setDefaultStyleSheet(PRINT_CSS + STEP_CSS)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(11)
    document.setDefaultFont(font)
    room = floors.rooms.get(room_id) if floors is not None else None
    if floors is None or room is None:
        document.setHtml("")
        return document
    fallback = content.site.default_language
    floor = floors.floor(room.floor)
    floor_name = floor.name(lang, fallback) if floor is not None else room.floor
    route = way_to(floors, room, kiosk_position, is_step_free)
    parts = [
        f"<h1>{html.escape(room_label(room, lang))} · {html.escape(floor_name)}</h1>",
        f"<p><b>{html.escape(room.name(lang, fallback))}</b></p>",
    ]
    start = floors.nodes.get(start_node(floors, kiosk_position))
    if start is not None and start.name(lang, fallback):
        # Translators: on the printed way to a room: where the way starts ("hol przy kiosku").
        where = translate(lang, "From: %(place)s") % {"place": start.name(lang, fallback)}
        parts.append(f'<p class="meta">{html.escape(where)}</p>')
    if is_step_free:
        # Translators: on the printed way to a room when the visitor chose "No stairs".
        step_free = translate(lang, "No stairs: by lift and ramps.")
        parts.append(f'<p class="meta">{html.escape(step_free)}</p>')
    if route is None:
        text = (
            translate(lang, "There is no way to this room without stairs. Please ask the staff for help.")
            if is_step_free
            else translate(lang, "There is no way to this room on the plan.")
        )
        parts.append(f"<p>{html.escape(text)}</p>")
    else:
        parts.append(f"<p><b>{html.escape(total_text(route, lang))}</b></p>")  # how far, first
        parts.extend(_floors_and_steps(document, floors, route, room, lang, fallback, width_px))
    url = plan_url(floors, route, room)
    if url:
        document.addResource(
            QTextDocument.ResourceType.ImageResource.value, QUrl(QR_RESOURCE), qr_image(url, QR_MODULE)
        )
        # Translators: under the QR code of the building plan's online address.
        caption = html.escape(translate(lang, "Scan to open the plan on your phone"))
        parts.append(f'<p><img src="{QR_RESOURCE}"><br>{caption}<br><b>{html.escape(url)}</b></p>')
    document.setHtml("<body>" + "".join(parts) + "</body>")
    return document


def _floors_and_steps(
    document: QTextDocument,
    floors: Floors,
    route: Route,
    room: Room,
    lang: str,
    fallback: str,
    width_px: int,
) -> list[str]:
    """Per floor of the way: its name, its plan with the way, the steps walked there."""
    steps = directions(floors, route, lang, room)
    drawings = load_drawings(floors)
    names = {f.id: f.name(lang, fallback) for f in floors.floors}
    start_id = route.nodes[0]
    # Translators: on the printed plan, the mark where the way starts.
    here_label = floors.nodes[start_id].name(lang, fallback) or translate(lang, "Start")
    room_names = {r.id: r.name(lang, fallback) for r in floors.rooms.values()}
    marks = Marks(route, room.id, start_id, here_label, names, room_names)
    label_font = QFont("DejaVu Sans")
    label_font.setBold(True)
    label_font.setPixelSize(12 * OVERSAMPLE)
    parts: list[str] = []
    order = route_floors(floors, route)
    for floor_id in order:
        drawing = drawings.get(floor_id)
        parts.append(f"<h2>{html.escape(names.get(floor_id, floor_id))}</h2>")
        if drawing is not None and not drawing.view_box.isEmpty():
            box = drawn_box(drawing, floors)
            shown = min(width_px, round(width_px * MAX_PLAN_HEIGHT * box.width() / box.height()))
            image = draw_floor(floors, drawing, shown * OVERSAMPLE, PAPER, marks, label_font)
            name = f"{PLAN_RESOURCE}{floor_id}"
            document.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name), image)
            tall = round(shown * image.height() / image.width())
            parts.append(f'<p class="plan"><img src="{name}" width="{shown}" height="{tall}"></p>')
        for number, step in enumerate(steps, start=1):
            # Under the plan of the floor where it is walked, numbered as on the screen.
            if step.floor == floor_id or (floor_id == order[-1] and step.floor not in order):
                parts.append(f'<p class="step">{number}. {html.escape(step.text)}</p>')
    return parts


def print_route(
    content: Content,
    room_id: str,
    kiosk_position: str,
    is_step_free: bool,
    lang: str,
    moment: datetime,
    output: Path | None = None,
    printer_name: str = "",
) -> int:
    """Print the way to a room (or with ``output`` write a PDF); returns the number of pages."""
    return print_pages(
        lambda width_px: route_document(content, room_id, kiosk_position, is_step_free, lang, width_px),
        content,
        lang,
        moment,
        output,
        printer_name,
        what=f"the way to room {room_id} ({lang})",
    )
