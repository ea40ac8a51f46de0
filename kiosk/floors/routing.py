"""Shortest and step-free routes over the plan's graph.

A short ``heapq`` Dijkstra rather than networkx: the graph is a few hundred to a few
thousand nodes, the only questions are "shortest path" and "which parts are connected",
and step-free routing is just leaving out stairs edges. Thirty lines of our own code
are simpler to read, test and bundle than a large library of graph algorithms used for
one function (it finds a route on a 2,000-node plan in a few milliseconds; see
benchmarks/bench_route.py).
"""

from __future__ import annotations

import heapq
from collections.abc import Collection
from dataclasses import dataclass

from kiosk.floors.model import STEP_FREE_KINDS, Edge, Floors, Room

# What changing floor costs, in metres of walking: a flight of stairs takes about as
# long as 10 m on the flat, waiting for and riding the lift about 20 m.
FLOOR_CHANGE_METRES = {"stairs": 10.0, "lift": 20.0}


@dataclass(frozen=True)
class Route:
    """A way through the graph: its nodes and the edge taken to each (after the first)."""

    nodes: tuple[str, ...]
    edges: tuple[Edge, ...]
    metres: float  # walking distance on the flat, floor changes not counted

    @property
    def has_stairs(self) -> bool:
        return any(edge.kind == "stairs" for edge in self.edges)


def components(floors: Floors, kinds: Collection[str] | None) -> dict[str, int]:
    """A component number for each node, using only edges of ``kinds`` (None: all)."""
    table = floors.neighbours()
    found: dict[str, int] = {}
    for first in floors.nodes:
        if first in found:
            continue
        number = len(found)
        found[first] = number
        stack = [first]
        while stack:
            node = stack.pop()
            for edge in table[node]:
                if kinds is not None and edge.kind not in kinds:
                    continue
                other = edge.b if edge.a == node else edge.a
                if other not in found:
                    found[other] = number
                    stack.append(other)
    return found


def find_route(
    floors: Floors,
    start: str,
    goal: str,
    is_step_free: bool = False,
    neighbours: dict[str, list[Edge]] | None = None,
) -> Route | None:
    """The cheapest route from ``start`` to ``goal`` (lift and ramps only when step-free)."""
    if start not in floors.nodes or goal not in floors.nodes:
        return None
    table = neighbours if neighbours is not None else floors.neighbours()
    best: dict[str, float] = {start: 0.0}
    came: dict[str, Edge] = {}
    queue: list[tuple[float, str]] = [(0.0, start)]
    done: set[str] = set()
    metres_per_unit = floors.metres_per_unit
    while queue:
        cost, node = heapq.heappop(queue)
        if node in done:
            continue
        if node == goal:
            break
        done.add(node)
        for edge in table[node]:
            if is_step_free and edge.kind not in STEP_FREE_KINDS:
                continue
            other = edge.b if edge.a == node else edge.a
            new = cost + edge.length * metres_per_unit + FLOOR_CHANGE_METRES.get(edge.kind, 0.0)
            if new < best.get(other, float("inf")):
                best[other] = new
                came[other] = edge
                heapq.heappush(queue, (new, other))
    if goal not in best:
        return None
    nodes = [goal]
    edges: list[Edge] = []
    while nodes[-1] != start:
        edge = came[nodes[-1]]
        edges.append(edge)
        nodes.append(edge.a if edge.b == nodes[-1] else edge.b)
    nodes.reverse()
    edges.reverse()
    metres = sum(e.length for e in edges if e.kind not in FLOOR_CHANGE_METRES) * floors.metres_per_unit
    return Route(tuple(nodes), tuple(edges), metres)


def route_floors(floors: Floors, route: Route) -> list[str]:
    """The floors the route crosses, in the order it walks them (each once)."""
    seen: list[str] = []
    for node_id in route.nodes:
        floor = floors.nodes[node_id].floor
        if floor not in seen:
            seen.append(floor)
    return seen


def plan_url(floors: Floors, route: Route | None, room: Room) -> str:
    """The online plan to take along: the room's floor's ``url``, else that of another
    floor the way crosses; "" when the office gives none."""
    order = [room.floor, *(route_floors(floors, route) if route is not None else [])]
    for floor_id in order:
        floor = floors.floor(floor_id)
        if floor is not None and floor.url:
            return floor.url
    return ""
