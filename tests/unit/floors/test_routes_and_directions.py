"""Routes across floors, shortest and step-free, and the directions in words."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kiosk.content.content import load_content
from kiosk.floors.directions import directions, distance_text, spoken_metres, total_text
from kiosk.floors.model import Floors
from kiosk.floors.rooms import find_rooms, room_for_where
from kiosk.floors.routing import find_route
from tests.conftest import ContentBuilder
from tests.unit.floors.plans import write_plan

Make = Callable[[str], ContentBuilder]


def plan(make_content: Make, has_lift: bool = True) -> Floors:
    c = make_content("plan")
    c.simple("hours", "Godziny", "Hours")
    write_plan(c.root, has_lift=has_lift)
    content = load_content(c.root)
    assert content.floors is not None
    return content.floors


def texts(floors: Floors, start: str, room_id: str, lang: str, is_step_free: bool = False) -> list[str]:
    room = floors.rooms[room_id]
    route = find_route(floors, start, room.node, is_step_free)
    assert route is not None
    return [step.text for step in directions(floors, route, lang, room)]


def test_shortest_route_takes_the_stairs_and_step_free_the_lift(make_content: Make) -> None:
    floors = plan(make_content)
    shortest = find_route(floors, "entrance", "f-d14")
    step_free = find_route(floors, "entrance", "f-d14", is_step_free=True)
    assert shortest is not None and step_free is not None
    assert shortest.nodes == ("entrance", "g-c50", "g-c300", "f-c300", "f-c250", "f-d14")
    assert shortest.has_stairs and not step_free.has_stairs
    assert [e.kind for e in step_free.edges if e.kind in ("stairs", "lift")] == ["lift"]
    assert shortest.metres == pytest.approx(17.5 + 1.0)
    assert step_free.metres == pytest.approx(19.0 + 6.5 + 1.0)


def test_no_step_free_route_without_a_lift(make_content: Make) -> None:
    floors = plan(make_content, has_lift=False)
    assert find_route(floors, "entrance", "f-d14") is not None
    assert find_route(floors, "entrance", "f-d14", is_step_free=True) is None
    assert find_route(floors, "entrance", "no-such-node") is None


def test_directions_in_english(make_content: Make) -> None:
    floors = plan(make_content)
    assert texts(floors, "entrance", "11", "en") == [
        "Go along the corridor for about 15 metres.",
        "Go up the stairs to the 1st floor.",
        "Go along the corridor for about 15 metres.",
        "Room 11 is the third on the right.",
    ]
    assert texts(floors, "entrance", "11", "en", is_step_free=True) == [
        "Go along the corridor for about 20 metres.",
        "Take the lift up to the 1st floor.",
        "Go along the corridor for about 15 metres.",
        "Room 11 is the third on the right.",
    ]


def test_directions_in_polish(make_content: Make) -> None:
    floors = plan(make_content)
    assert texts(floors, "entrance", "11", "pl") == [
        "Idź korytarzem około 15 metrów.",
        "Wejdź schodami na I piętro.",
        "Idź korytarzem około 15 metrów.",
        "Pokój 11 jest trzeci po prawej.",
    ]
    assert texts(floors, "entrance", "14", "pl", is_step_free=True)[1] == "Wjedź windą na I piętro."


def test_turns_and_going_down(make_content: Make) -> None:
    floors = plan(make_content)
    # Out of room 12's door (facing south), left along the corridor, down, west to room 1.
    assert texts(floors, "f-d12", "1", "en") == [
        "Turn left.",
        "Go along the corridor for about 8 metres.",
        "Go down the stairs to the ground floor.",
        "Go along the corridor for about 15 metres.",
        "Room 1 is the first on the right.",
    ]
    assert texts(floors, "f-d12", "1", "pl")[0:3] == [
        "Skręć w lewo.",
        "Idź korytarzem około 8 metrów.",
        "Zejdź schodami na parter.",
    ]
    # From room 14's door the other way: facing south, west is to the right.
    assert texts(floors, "f-d14", "11", "en")[0] == "Turn right."


def test_distances_are_rounded_as_people_say_them() -> None:
    assert [spoken_metres(m) for m in (0.2, 1.4, 2.5, 9.4, 12.4, 12.5, 47, 52, 126)] == [
        1, 1, 3, 9, 10, 15, 45, 50, 130,
    ]
    assert distance_text(1, "pl") == "około 1 metra"
    assert distance_text(3, "pl") == "około 3 metrów"
    assert distance_text(22, "pl") == "około 20 metrów"
    assert distance_text(1, "en") == "about 1 metre"
    assert distance_text(5, "en") == "about 5 metres"


def test_total_distance(make_content: Make) -> None:
    floors = plan(make_content)
    route = find_route(floors, "entrance", "f-d14")
    assert route is not None
    assert total_text(route, "en") == "In total about 20 metres."
    assert total_text(route, "pl") == "Razem około 20 metrów."


def test_arriving_where_the_door_is_straight_ahead(make_content: Make) -> None:
    floors = plan(make_content)
    assert texts(floors, "g-c50", "1", "en") == ["Room 1 is in front of you."]


@pytest.mark.parametrize(
    ("query", "lang", "expected"),
    [
        ("14", "pl", ["14"]),
        ("pokój 14", "pl", ["14"]),
        ("Pokoj 14", "en", ["14"]),
        ("room 14", "en", ["14"]),
        ("dowody", "pl", ["14"]),
        ("dowod", "pl", ["14"]),
        ("USC", "pl", ["12"]),
        ("usc", "en", ["12"]),
        ("ID cards", "en", ["14"]),
        ("customer", "en", ["1"]),
        ("1", "pl", ["1"]),
        ("podatki", "pl", []),
        ("pokój", "pl", []),
        ("", "pl", []),
    ],
)
def test_find_rooms(make_content: Make, query: str, lang: str, expected: list[str]) -> None:
    floors = plan(make_content)
    assert [room.id for room in find_rooms(floors, query, lang)] == expected


def test_the_where_line_of_a_page_names_its_room(make_content: Make) -> None:
    floors = plan(make_content)
    assert room_for_where(floors, "14") is floors.rooms["14"]
    assert room_for_where(floors, "Biuro Obsługi Klienta – pokój 1, parter") is floors.rooms["1"]
    assert room_for_where(floors, "parter") is None
    assert room_for_where(floors, "pokój 12 albo 14") is None
