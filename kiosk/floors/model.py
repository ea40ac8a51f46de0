"""Plain data of a building plan, as loaded from ``floors/floors.toml``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

from kiosk.content.model import Problem

PathKind = Literal["corridor", "door", "stairs", "lift", "ramp"]
PATH_KINDS: tuple[str, ...] = get_args(PathKind)
# Path kinds a visitor who cannot use stairs may take.
STEP_FREE_KINDS: frozenset[str] = frozenset({"corridor", "door", "lift", "ramp"})


def _localised(names: dict[str, str], lang: str, fallback: str) -> str:
    return names.get(lang) or names.get(fallback) or next(iter(names.values()), "")


@dataclass(frozen=True)
class Floor:
    id: str
    names: dict[str, str]
    level: int
    plan: Path  # the SVG file
    url: str = ""

    def name(self, lang: str, fallback: str = "") -> str:
        return _localised(self.names, lang, fallback) or self.id


@dataclass(frozen=True)
class Room:
    id: str  # what visitors and pages call it, e.g. "14"
    floor: str
    names: dict[str, str]
    node: str  # the room's door on the route graph
    shape: str = ""  # id of the room's shape in the floor's SVG
    pages: tuple[str, ...] = ()

    def name(self, lang: str, fallback: str = "") -> str:
        return _localised(self.names, lang, fallback)


@dataclass(frozen=True)
class Node:
    id: str
    floor: str
    x: float
    y: float
    names: dict[str, str] = field(default_factory=dict)

    def name(self, lang: str, fallback: str = "") -> str:
        return _localised(self.names, lang, fallback) if self.names else ""


@dataclass(frozen=True)
class Edge:
    """An undirected path between two nodes; ``length`` in SVG units (0 across floors)."""

    a: str
    b: str
    kind: PathKind
    length: float


@dataclass
class Floors:
    """A building plan. Empty (no floors) when the content folder has none."""

    root: Path  # the floors/ folder
    metres_per_unit: float = 0.05
    floors: list[Floor] = field(default_factory=list)  # by level
    rooms: dict[str, Room] = field(default_factory=dict)
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    # The ids of the shapes of each floor's SVG (filled when the plan is checked).
    shapes: dict[str, frozenset[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    default_language: str = "pl"
    _neighbours: tuple[tuple[int, int], dict[str, list[Edge]]] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def is_empty(self) -> bool:
        return not self.floors

    def floor(self, floor_id: str) -> Floor | None:
        return next((f for f in self.floors if f.id == floor_id), None)

    def neighbours(self) -> dict[str, list[Edge]]:
        """Each node's edges, both directions (built once: the plan does not change
        after loading; a new plan is a new object)."""
        key = (len(self.nodes), len(self.edges))
        if self._neighbours is None or self._neighbours[0] != key:
            table: dict[str, list[Edge]] = {node: [] for node in self.nodes}
            for edge in self.edges:
                table[edge.a].append(edge)
                table[edge.b].append(edge)
            self._neighbours = (key, table)
        return self._neighbours[1]

    def room_at_node(self) -> dict[str, Room]:
        return {room.node: room for room in self.rooms.values()}

    def entrance(self) -> str:
        """The first node whose id or English name says "entrance"; "" if none."""
        for node in self.nodes.values():
            if "entrance" in node.id.casefold() or any(
                "entrance" in n.casefold() for n in node.names.values()
            ):
                return node.id
        return ""
