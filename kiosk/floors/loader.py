"""Read and check ``floors/floors.toml`` and the floors' SVG plans.

Like every content file, the plan is written by staff: each problem becomes a
:class:`~kiosk.content.model.Problem` with file and line, what is good is kept, and
nothing raises. A content folder without ``floors/`` simply has no building plan.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kiosk.content.loader import PAGE_ID_RE, is_prepared_language
from kiosk.content.markup import ROOM_ID_RE
from kiosk.content.model import Site
from kiosk.content.svg import is_inside, scan_svg
from kiosk.floors.model import (
    PATH_KINDS,
    STEP_FREE_KINDS,
    Edge,
    Floor,
    Floors,
    Node,
    PathKind,
    Room,
)
from kiosk.floors.routing import components
from kiosk.problems import Collector, LineFinder, parse_toml, read_text


@functools.lru_cache(maxsize=4)
def _finder(text: str) -> LineFinder:
    return LineFinder(text)




FLOORS_DIR = "floors"
FLOORS_FILE = "floors.toml"
TOP_KEYS = ("metres_per_unit", "floors", "rooms", "nodes", "paths")
SAME_FLOOR_KINDS = frozenset({"corridor", "door", "ramp"})
ROOM_LINK_RE = re.compile(r"\]\(\s*room:([^)\s]*)\s*\)")


def _entries(
    data: dict[str, Any], key: str, path: Path, text: str, collector: Collector
) -> Iterator[tuple[dict[str, Any], int | None]]:
    """Yield (entry, line) of each ``[[key]]`` table."""
    entries = data.get(key, [])
    if not isinstance(entries, list):
        collector.error(path, _finder(text).find(key), f"'{key}' must be written [[{key}]]")
        return
    header = f"[[{key}]]"
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if line.strip().startswith(header)]
    for index, entry in enumerate(entries):
        line = lines[index] if index < len(lines) else None
        if not isinstance(entry, dict):
            collector.error(path, line or _finder(text).find(key), f"[[{key}]] must be a table")
            continue
        yield entry, line or _finder(text).find(key)


def _names(
    value: Any, what: str, site: Site, path: Path, line: int | None, collector: Collector
) -> dict[str, str] | None:
    if isinstance(value, str) and value.strip():
        return {lang: value.strip() for lang in site.languages}
    if (
        isinstance(value, dict)
        and value
        and all(isinstance(v, str) and v.strip() for v in value.values())
    ):
        names = {str(k): str(v).strip() for k, v in value.items()}
        for lang in names:
            # A language written ahead of adding it to site.toml is kept quietly.
            if lang not in site.languages and not is_prepared_language(lang, site):
                collector.error(
                    path, line, f"{what}: '{lang}' is not one of the site's languages {list(site.languages)}"
                )
        for lang in site.languages:
            if lang not in names:
                collector.warning(path, line, f"{what} has no '{lang}' name")
        return {k: v for k, v in names.items() if k in site.languages} or None
    collector.error(path, line, f'{what} needs name = {{ pl = "…", en = "…" }}')
    return None


def check_svg(
    path: Path, collector: Collector, what: str = "plan", folder: str = "the floors folder"
) -> frozenset[str] | None:
    """The ids of an SVG drawing's elements, or None when it is not a usable SVG.

    ``what`` names the drawing in the messages ("plan", "logo"); ``folder`` is where its
    references must stay. Each problem :func:`~kiosk.content.svg.scan_svg` finds is an
    error at its line.
    """
    if not path.is_file():
        collector.error(path, None, f"{what} file is missing")
        return None
    scan = scan_svg(path, folder)
    for line, message in scan.problems:
        collector.error(path, line, f"{what} {message}")
    return scan.ids if scan.is_safe else None


def load_floors(root: Path, site: Site, collector: Collector) -> Floors:
    """The building plan of a content folder; empty when it has no ``floors/`` folder."""
    folder = Path(root) / FLOORS_DIR
    floors = Floors(root=folder, default_language=site.default_language)
    path = folder / FLOORS_FILE
    if not folder.is_dir():
        return floors
    if not path.is_file():
        collector.error(path, None, "floors/ has no floors.toml; the building plan is not shown")
        return floors
    text = read_text(path, collector)
    if text is None:
        return floors
    data = parse_toml(text, path, collector)
    if data is None:
        return floors
    for key in data:
        if key not in TOP_KEYS:
            collector.warning(path, _finder(text).find(key), f"unknown setting '{key}' is ignored")

    scale = data.get("metres_per_unit", floors.metres_per_unit)
    if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not 0 < scale < 100:
        collector.error(
            path, _finder(text).find("metres_per_unit"), "metres_per_unit must be a positive number like 0.05"
        )
    else:
        floors.metres_per_unit = float(scale)

    _load_floor_entries(data, floors, site, path, text, collector)
    _load_nodes(data, floors, site, path, text, collector)
    _load_paths(data, floors, path, text, collector)
    room_lines: dict[str, int] = {}
    _load_rooms(data, floors, site, path, text, collector, room_lines)
    if not floors.floors:
        collector.error(path, _finder(text).find("floors"), "at least one [[floors]] entry is needed")
        return Floors(root=folder, default_language=site.default_language)
    _check_reachable(floors, path, room_lines, collector)
    _check_room_links(floors, site, collector)
    return floors


def _load_floor_entries(
    data: dict[str, Any], floors: Floors, site: Site, path: Path, text: str, collector: Collector
) -> None:
    levels: set[int] = set()
    for entry, line in _entries(data, "floors", path, text, collector):
        floor_id = entry.get("id")
        if not isinstance(floor_id, str) or not PAGE_ID_RE.match(floor_id):
            collector.error(path, line, "floor needs an id of lowercase letters, digits and '-'")
            continue
        if floors.floor(floor_id) is not None:
            collector.error(path, line, f"floor id '{floor_id}' is used twice")
            continue
        names = _names(entry.get("name"), f"floor '{floor_id}'", site, path, line, collector)
        level = entry.get("level")
        if isinstance(level, bool) or not isinstance(level, int):
            collector.error(
                path, line, f"floor '{floor_id}': level must be a whole number (0 = ground floor)"
            )
            continue
        if level in levels:
            collector.error(path, line, f"floor '{floor_id}': level {level} is used by another floor")
            continue
        plan = entry.get("plan")
        if not isinstance(plan, str) or not plan.lower().endswith(".svg"):
            collector.error(path, line, f"floor '{floor_id}' needs plan = \"<file>.svg\"")
            continue
        if not is_inside(floors.root, plan) or "/" in plan:
            collector.error(path, line, f"floor '{floor_id}': plan must be a file in the floors folder")
            continue
        url = entry.get("url", "")
        if not isinstance(url, str) or (url and not re.match(r"^https?://\S+$", url)):
            collector.error(path, line, f"floor '{floor_id}': url must be an http(s):// address")
            url = ""
        for key in entry:
            if key not in ("id", "name", "level", "plan", "url"):
                collector.warning(path, line, f"floor '{floor_id}': unknown key '{key}' is ignored")
        shapes = check_svg(floors.root / plan, collector)
        if shapes is None or names is None:
            continue
        levels.add(level)
        floors.floors.append(Floor(floor_id, names, level, floors.root / plan, url))
        floors.shapes[floor_id] = shapes
    floors.floors.sort(key=lambda f: f.level)


def _load_nodes(
    data: dict[str, Any], floors: Floors, site: Site, path: Path, text: str, collector: Collector
) -> None:
    known_floors = {f.id for f in floors.floors}
    for entry, line in _entries(data, "nodes", path, text, collector):
        node_id = entry.get("id")
        if not isinstance(node_id, str) or not ROOM_ID_RE.match(node_id):
            collector.error(path, line, "node needs an id of letters, digits, '-', '_' or '.'")
            continue
        if node_id in floors.nodes:
            collector.error(path, line, f"node id '{node_id}' is used twice")
            continue
        floor = entry.get("floor")
        if floor not in known_floors:
            collector.error(path, line, f"node '{node_id}': unknown floor {floor!r}{_known(known_floors)}")
            continue
        at = entry.get("at")
        if (
            not isinstance(at, list)
            or len(at) != 2
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in at)
            or not all(math.isfinite(v) for v in at)
        ):
            collector.error(path, line, f"node '{node_id}' needs at = [x, y] in the plan's units")
            continue
        names: dict[str, str] = {}
        if "name" in entry:
            names = _names(entry["name"], f"node '{node_id}'", site, path, line, collector) or {}
        floors.nodes[node_id] = Node(node_id, str(floor), float(at[0]), float(at[1]), names)


def _load_paths(
    data: dict[str, Any], floors: Floors, path: Path, text: str, collector: Collector
) -> None:
    levels = {f.id: f.level for f in floors.floors}
    for entry, line in _entries(data, "paths", path, text, collector):
        ends = [entry.get("from"), entry.get("to")]
        missing = [str(e) for e in ends if not isinstance(e, str) or e not in floors.nodes]
        if missing:
            for end in missing:
                collector.error(path, line, f"path: unknown node '{end}'")
            continue
        a, b = floors.nodes[str(ends[0])], floors.nodes[str(ends[1])]
        if a.id == b.id:
            collector.error(path, line, f"path goes from '{a.id}' to itself")
            continue
        kind = entry.get("kind", "corridor")
        if kind not in PATH_KINDS:
            collector.error(path, line, f"path kind {kind!r} is not one of {', '.join(PATH_KINDS)}")
            continue
        if a.floor != b.floor and kind in SAME_FLOOR_KINDS:
            collector.error(
                path, line, f"path {a.id} → {b.id} changes floor, so its kind must be stairs or lift"
            )
            continue
        if a.floor != b.floor and abs(levels[a.floor] - levels[b.floor]) != 1:
            collector.error(path, line, f"path {a.id} → {b.id} must join neighbouring floors")
            continue
        length = math.hypot(a.x - b.x, a.y - b.y) if a.floor == b.floor else 0.0
        checked: PathKind = kind
        floors.edges.append(Edge(a.id, b.id, checked, length))


def _load_rooms(
    data: dict[str, Any],
    floors: Floors,
    site: Site,
    path: Path,
    text: str,
    collector: Collector,
    room_lines: dict[str, int],
) -> None:
    known_floors = {f.id for f in floors.floors}
    for entry, line in _entries(data, "rooms", path, text, collector):
        room_id = entry.get("id")
        if isinstance(room_id, (str, int)) and line is not None:
            room_lines.setdefault(str(room_id), line)
        if isinstance(room_id, int) and not isinstance(room_id, bool):
            room_id = str(room_id)
        if not isinstance(room_id, str) or not ROOM_ID_RE.match(room_id):
            collector.error(path, line, 'room needs id = "14" (letters, digits, "-" or ".")')
            continue
        if room_id in floors.rooms:
            collector.error(path, line, f"room '{room_id}' is listed twice")
            continue
        where = f"room '{room_id}'"
        floor = entry.get("floor")
        if floor not in known_floors:
            collector.error(path, line, f"{where}: unknown floor {floor!r}{_known(known_floors)}")
            continue
        names = _names(entry.get("name"), where, site, path, line, collector)
        node = entry.get("node")
        if not isinstance(node, str) or node not in floors.nodes:
            collector.error(path, line, f"{where}: unknown node {node!r} (its door on the route graph)")
            continue
        if floors.nodes[node].floor != floor:
            collector.error(path, line, f"{where}: its node '{node}' is on another floor")
            continue
        shape = entry.get("shape", "")
        if not isinstance(shape, str) or (shape and shape not in floors.shapes.get(str(floor), ())):
            collector.error(
                path, line, f"{where}: unknown shape {shape!r} (no element with that id in the plan)"
            )
            shape = ""
        pages = entry.get("pages", [])
        if not isinstance(pages, list) or not all(isinstance(p, str) for p in pages):
            collector.error(path, line, f'{where}: pages must be a list like ["id-card"]')
            pages = []
        kept = []
        for page in pages:
            if page in site.pages or page in site.broken_pages:
                kept.append(page)
            else:
                collector.error(path, line, f"{where}: link to missing page '{page}'")
        for key in entry:
            if key not in ("id", "floor", "name", "node", "shape", "pages"):
                collector.warning(path, line, f"{where}: unknown key '{key}' is ignored")
        if names is None:
            continue
        floors.rooms[room_id] = Room(room_id, str(floor), names, node, shape, tuple(kept))


def _known(ids: set[str]) -> str:
    return f" (known: {', '.join(sorted(ids))})" if ids else ""


def _check_reachable(
    floors: Floors, path: Path, room_lines: dict[str, int], collector: Collector
) -> None:
    """Every room's door reachable from every other; step-free where possible."""
    if not floors.rooms:
        return
    every = components(floors, None)
    step_free = components(floors, STEP_FREE_KINDS)
    doors = {room.node for room in floors.rooms.values()}
    # The building is the part of the graph with the entrance, else with most doors.
    start = floors.entrance() or max(
        doors, key=lambda node: sum(1 for d in doors if every[d] == every[node])
    )
    for room in floors.rooms.values():
        line = room_lines.get(room.id)
        if every[room.node] != every[start]:
            collector.error(
                path, line, f"room '{room.id}': its door '{room.node}' cannot be reached from '{start}'"
            )
        elif step_free[room.node] != step_free[start]:
            collector.warning(
                path,
                line,
                f"room '{room.id}' cannot be reached without stairs from '{start}' "
                "(no step-free route: add a lift or ramp path)",
            )


def _check_room_links(floors: Floors, site: Site, collector: Collector) -> None:
    """``[pokój 14](room:14)`` in page text must name a room of the plan."""
    for page in site.pages.values():
        for variant in page.variants.values():
            for number, text in enumerate(variant.body.splitlines(), start=variant.body_line):
                for match in ROOM_LINK_RE.finditer(text):
                    if match.group(1) not in floors.rooms:
                        collector.error(variant.path, number, f"link to unknown room '{match.group(1)}'")
