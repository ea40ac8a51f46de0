"""``kiosk route ROOM`` — the way to a room in numbered steps, as the plan screen says it.

For staff checking a plan they drew ("what does the kiosk tell people about room 14?")
and for tests. Steps go to stdout, then the total distance; an unknown room or a room
with no route is one line on stderr and exit status 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk import paths


def register(sub: Any) -> None:
    parser = sub.add_parser("route", help="print the way to a room in numbered steps")
    parser.add_argument("room", help='a room number or name, e.g. 14, "pokój 14", USC')
    # SUPPRESS keeps "kiosk --lang en route 14" working: an absent option must not
    # overwrite the value the main parser already read.
    parser.add_argument("--from", dest="start", default=argparse.SUPPRESS,
                        help="node to start from (default: kiosk_position of kiosk.toml, "
                        "else the entrance)")
    parser.add_argument("--step-free", action="store_true", help="lift and ramps only, no stairs")
    parser.add_argument("--lang", default=argparse.SUPPRESS,
                        help="language of the steps (default: the site's default)")
    parser.add_argument("--config", type=Path, default=argparse.SUPPRESS,
                        help="kiosk.toml (default: the system's config folder)")
    parser.add_argument("--content", type=Path, default=argparse.SUPPRESS,
                        help="content folder (default: the one in kiosk.toml, else the bundled one)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.commands import UsageError
    from kiosk.config import load_config
    from kiosk.content.content import load_content
    from kiosk.floors.directions import directions, room_label, total_text
    from kiosk.floors.rooms import find_rooms
    from kiosk.floors.routing import find_route

    config, _problems = load_config(getattr(args, "config", None))
    root = Path(getattr(args, "content", None) or config.content or paths.bundled_content_dir())
    if not root.is_dir():
        raise UsageError(f"no such folder: {root}")
    content = load_content(root)
    site = content.site
    lang: str = getattr(args, "lang", None) or site.default_language
    if lang not in site.languages:
        raise UsageError(f"language {lang!r} is not one of {', '.join(site.languages)}")
    floors = content.floors
    if floors is None or floors.is_empty:
        sys.stderr.write(f"{root}: the content has no building plan (floors/floors.toml)\n")
        return 1
    room = floors.rooms.get(args.room.strip())
    if room is None:
        found = find_rooms(floors, args.room, lang)
        if len(found) != 1:
            known = ", ".join(sorted(floors.rooms, key=lambda r: r.zfill(8)))
            what = "matches several rooms" if found else "is not a room of the plan"
            sys.stderr.write(f"{args.room!r} {what} (rooms: {known})\n")
            return 1
        room = found[0]
    start: str = getattr(args, "start", None) or config.kiosk_position or floors.entrance()
    if start not in floors.nodes:
        source = "--from" if getattr(args, "start", None) else "kiosk_position"
        sys.stderr.write(f"{source} {start!r} is not a node of the plan\n")
        return 1
    route = find_route(floors, start, room.node, is_step_free=args.step_free)
    if route is None:
        kind = "step-free route" if args.step_free else "route"
        sys.stderr.write(f"no {kind} from '{start}' to room {room.id}\n")
        return 1
    floor = floors.floor(room.floor)
    floor_name = floor.name(lang, site.default_language) if floor else room.floor
    sys.stdout.write(f"{room_label(room, lang)}: {room.name(lang, site.default_language)} ({floor_name})\n")
    for number, step in enumerate(directions(floors, route, lang, room), start=1):
        sys.stdout.write(f"{number}. {step.text}\n")
    sys.stdout.write(total_text(route, lang) + "\n")
    return 0
