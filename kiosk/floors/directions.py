"""Directions in words, computed from the route's geometry.

Turns come from the angle between consecutive segments, distances from the SVG units
times ``metres_per_unit`` (rounded as a person would say them), floor changes from the
stairs and lift paths, and "Room 14 is the third on the right" only where the doors
along the last corridor make it true. Every phrase comes from the catalog of the
visitor's language (``ngettext`` for the plural forms), so a new language is a catalog.
"""

from __future__ import annotations

import gettext
import math
from dataclasses import dataclass

from kiosk.floors.model import Edge, Floor, Floors, Room
from kiosk.floors.routing import Route
from kiosk.i18n import catalog

STRAIGHT_DEGREES = 30.0  # smaller bends are "straight on"
BACK_DEGREES = 150.0  # larger ones are "turn back"
MAX_ORDINAL = 6
MIN_WALK_METRES = 3.0  # shorter corridor walks go unsaid ("Turn right. Go up the stairs")


@dataclass(frozen=True)
class Step:
    """One numbered step, on the floor where it is walked."""

    text: str
    floor: str


class _Words:
    """The catalog of one language, with the names Babel extracts from."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._catalog: gettext.NullTranslations = catalog(lang)

    def _(self, message: str) -> str:
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalog.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self._catalog.pgettext(context, message)


def spoken_metres(metres: float) -> int:
    """A distance as people say it: to 1 m below 10 m, to 5 m below 50 m, else to 10 m."""
    if metres < 10:
        return max(1, math.floor(metres + 0.5))
    if metres < 50:
        return 5 * math.floor(metres / 5 + 0.5)
    return 10 * math.floor(metres / 10 + 0.5)


def distance_text(metres: float, lang: str) -> str:
    w = _Words(lang)
    n = spoken_metres(metres)
    # Translators: a walking distance, e.g. "about 12 metres"; Polish: "około 12 metrów".
    return w.ngettext("about {n} metre", "about {n} metres", n).format(n=n)


def room_label(room: Room, lang: str) -> str:
    """"Room 14" in the visitor's language."""
    w = _Words(lang)
    # Translators: a room by its number, e.g. "Room 14" ("Pokój 14").
    return w._("Room {number}").format(number=room.id)


def floor_in_sentence(floor: Floor, lang: str, fallback: str) -> str:
    """The floor's name inside a sentence ("Parter" → "parter", "I piętro" unchanged)."""
    name = floor.name(lang, fallback)
    first = name.split(" ", 1)[0]
    if len(first) > 1 and first[1:].islower():
        return name[0].lower() + name[1:]
    return name


def _heading(floors: Floors, a: str, b: str) -> float:
    na, nb = floors.nodes[a], floors.nodes[b]
    return math.atan2(nb.y - na.y, nb.x - na.x)


def _turn(before: float, after: float) -> float:
    """Signed bend in degrees; positive is to the right (SVG's y axis points down)."""
    degrees = math.degrees(after - before)
    return (degrees + 180.0) % 360.0 - 180.0


def _turn_text(degrees: float, w: _Words) -> str:
    if abs(degrees) >= BACK_DEGREES:
        return w._("Turn back.")
    if degrees > 0:
        return w._("Turn right.")
    return w._("Turn left.")


def _ordinal(n: int, w: _Words) -> str:
    # Translators: ordinals of a room along a corridor, in the form that fits "room"
    # ("pokój" is masculine: pierwszy, drugi, trzeci…).
    words = (
        w.pgettext("room", "first"),
        w.pgettext("room", "second"),
        w.pgettext("room", "third"),
        w.pgettext("room", "fourth"),
        w.pgettext("room", "fifth"),
        w.pgettext("room", "sixth"),
    )
    return words[n - 1]


def _side(floors: Floors, a: str, b: str, point: str) -> float:
    """Which side of the walk a → b ``point`` lies: > 0 right, < 0 left (y down)."""
    na, nb, np_ = floors.nodes[a], floors.nodes[b], floors.nodes[point]
    return (nb.x - na.x) * (np_.y - na.y) - (nb.y - na.y) * (np_.x - na.x)


def _arrival(floors: Floors, route: Route, run: list[str], room: Room, w: _Words) -> str:
    """Where the room's door is at the end of the last corridor, when the plan says so."""
    label = room_label(room, w.lang)
    if len(run) < 3:
        return w._("{room} is in front of you.").format(room=label)
    corridor = run[:-1]  # the nodes walked before stepping to the door
    a, b = corridor[0], corridor[-1]
    side = _side(floors, a, b, room.node)
    length = math.hypot(floors.nodes[b].x - floors.nodes[a].x, floors.nodes[b].y - floors.nodes[a].y)
    if length == 0 or abs(side) / length < 1e-6:
        return w._("{room} is in front of you.").format(room=label)
    doors = floors.room_at_node()
    table = floors.neighbours()
    dx = (floors.nodes[b].x - floors.nodes[a].x) / length
    dy = (floors.nodes[b].y - floors.nodes[a].y) / length
    passed: list[tuple[float, str]] = []
    for node in corridor[1:]:
        here = floors.nodes[node]
        along = (here.x - floors.nodes[a].x) * dx + (here.y - floors.nodes[a].y) * dy
        for edge in table[node]:
            other = edge.b if edge.a == node else edge.a
            is_same_side = (_side(floors, a, b, other) > 0) == (side > 0)
            if other in doors and other not in route.nodes[:-1] and is_same_side:
                passed.append((along, other))
    passed.sort()
    order = [node for _along, node in passed]
    if room.node not in order:
        return w._("{room} is in front of you.").format(room=label)
    position = order.index(room.node) + 1
    if position > MAX_ORDINAL:
        if side > 0:
            return w._("{room} is on the right.").format(room=label)
        return w._("{room} is on the left.").format(room=label)
    ordinal = _ordinal(position, w)
    if side > 0:
        # Translators: "Room 14 is the third on the right" ("Pokój 14 jest trzeci po prawej").
        return w._("{room} is the {ordinal} on the right.").format(room=label, ordinal=ordinal)
    return w._("{room} is the {ordinal} on the left.").format(room=label, ordinal=ordinal)


def _walk_text(metres: float, kind: str, end_name: str, w: _Words) -> str:
    distance = distance_text(metres, w.lang)
    if kind == "stairs":
        text = w._("Take the steps, {distance}.").format(distance=distance)
    elif kind == "ramp":
        text = w._("Take the ramp, {distance}.").format(distance=distance)
    elif kind == "door":
        text = w._("Go through the door, {distance}.").format(distance=distance)
    else:
        # Translators: e.g. "Go along the corridor for about 12 metres."
        text = w._("Go along the corridor for {distance}.").format(distance=distance)
    if end_name:
        # Translators: said after a walk, with the name of the place reached.
        text += " " + w._("You reach: {place}.").format(place=end_name)
    return text


def _floor_change_text(edge: Edge, going_up: bool, floor: Floor, w: _Words, fallback: str) -> str:
    name = floor_in_sentence(floor, w.lang, fallback)
    if edge.kind == "lift":
        if going_up:
            return w._("Take the lift up to the {floor}.").format(floor=name)
        return w._("Take the lift down to the {floor}.").format(floor=name)
    if going_up:
        # Translators: "Wejdź schodami na I piętro."
        return w._("Go up the stairs to the {floor}.").format(floor=name)
    return w._("Go down the stairs to the {floor}.").format(floor=name)


def directions(floors: Floors, route: Route, lang: str, room: Room | None = None) -> list[Step]:
    """The numbered steps of ``route`` in ``lang`` (ending at ``room``'s door if given)."""
    w = _Words(lang)
    fallback = floors.default_language
    steps: list[Step] = []
    nodes = route.nodes
    if len(nodes) < 2:
        if room is not None:
            text = w._("{room} is in front of you.").format(room=room_label(room, lang))
            steps.append(Step(text, room.floor))
        return steps
    run: list[str] = [nodes[0]]  # nodes of the current straight walk
    run_metres = 0.0
    run_kind = ""
    heading: float | None = None
    change: tuple[int, str, str] | None = None  # (step index, kind, node left from)

    def close_run() -> None:
        nonlocal run, run_metres, run_kind
        if len(run) > 1 and (run_metres >= MIN_WALK_METRES or run_kind not in ("corridor", "door")):
            end = floors.nodes[run[-1]]
            is_goal = run[-1] == nodes[-1]
            name = "" if is_goal else end.name(lang, fallback)
            steps.append(Step(_walk_text(run_metres, run_kind, name, w), end.floor))
        run = [run[-1]]
        run_metres = 0.0
        run_kind = ""

    for index, edge in enumerate(route.edges):
        a, b = nodes[index], nodes[index + 1]
        na, nb = floors.nodes[a], floors.nodes[b]
        if na.floor != nb.floor:
            close_run()
            if change is not None and change[1] == edge.kind and len(steps) == change[0] + 1:
                steps.pop()  # one more flight: say it as one step to the last floor
                na = floors.nodes[change[2]]
            fa, fb = floors.floor(na.floor), floors.floor(nb.floor)
            if fa is not None and fb is not None:
                change = (len(steps), edge.kind, na.id)
                steps.append(Step(_floor_change_text(edge, fb.level > fa.level, fb, w, fallback), nb.floor))
            run = [b]
            heading = None
            continue
        new_heading = _heading(floors, a, b)
        kind = "corridor" if edge.kind == "lift" else edge.kind
        is_last_to_door = room is not None and b == room.node and index == len(route.edges) - 1
        if is_last_to_door and len(run) >= 2:
            # The step into the room's door is described by where the door is.
            break
        if heading is not None:
            bend = _turn(heading, new_heading)
            if abs(bend) >= STRAIGHT_DEGREES or (run_kind and kind != run_kind):
                close_run()
                if abs(bend) >= STRAIGHT_DEGREES:
                    steps.append(Step(_turn_text(bend, w), na.floor))
        run_kind = run_kind or kind
        run.append(b)
        run_metres += edge.length * floors.metres_per_unit
        heading = new_heading
    if room is not None:
        final_run = [*run, room.node] if run[-1] != room.node else list(run)
        close_run()
        steps.append(Step(_arrival(floors, route, final_run, room, w), room.floor))
    else:
        close_run()
    return steps


def total_text(route: Route, lang: str) -> str:
    w = _Words(lang)
    distance = distance_text(route.metres, lang)
    # Translators: the last line under the steps, e.g. "In total about 40 metres."
    return w._("In total {distance}.").format(distance=distance)
