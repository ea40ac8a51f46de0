"""Small building plans written into a test content folder."""

from __future__ import annotations

from pathlib import Path

SVG = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200">
  <rect id="room-a" x="0" y="0" width="100" height="80" fill="#fff" stroke="#000"/>
  <rect id="room-b" x="100" y="0" width="100" height="80" fill="#fff" stroke="#000"/>
  <rect id="room-c" x="200" y="0" width="100" height="80" fill="#fff" stroke="#000"/>
  {extra}
</svg>
"""

# Two floors 20 m long (400 units × 0.05). A corridor along y = 100 on each; doors to
# the north (y = 80). Stairs at x = 300 and a lift at x = 380 join the floors.
TOML = """metres_per_unit = 0.05

[[floors]]
id = "ground"
name = {{ pl = "Parter", en = "Ground floor" }}
level = 0
plan = "ground.svg"

[[floors]]
id = "first"
name = {{ pl = "I piętro", en = "1st floor" }}
level = 1
plan = "first.svg"

[[rooms]]
id = "1"
floor = "ground"
name = {{ pl = "Biuro Obsługi Klienta", en = "Customer Service Office" }}
node = "g-d1"
shape = "room-a"
pages = ["hours"]

[[rooms]]
id = "14"
floor = "first"
name = {{ pl = "Dowody osobiste", en = "ID cards" }}
node = "f-d14"
shape = "room-c"

[[rooms]]
id = "12"
floor = "first"
name = {{ pl = "Urząd Stanu Cywilnego (USC)", en = "Civil Registry Office" }}
node = "f-d12"
shape = "room-b"

[[rooms]]
id = "11"
floor = "first"
name = {{ pl = "Sekretariat", en = "Secretary" }}
node = "f-d11"
shape = "room-a"
{rooms}
[[nodes]]
id = "entrance"
floor = "ground"
at = [0, 100]
name = {{ pl = "wejście", en = "entrance" }}

[[nodes]]
id = "g-c50"
floor = "ground"
at = [50, 100]

[[nodes]]
id = "g-d1"
floor = "ground"
at = [50, 80]

[[nodes]]
id = "g-c300"
floor = "ground"
at = [300, 100]

[[nodes]]
id = "g-c380"
floor = "ground"
at = [380, 100]

[[nodes]]
id = "f-c300"
floor = "first"
at = [300, 100]

[[nodes]]
id = "f-c380"
floor = "first"
at = [380, 100]

[[nodes]]
id = "f-c250"
floor = "first"
at = [250, 100]

[[nodes]]
id = "f-c150"
floor = "first"
at = [150, 100]

[[nodes]]
id = "f-c50"
floor = "first"
at = [50, 100]

[[nodes]]
id = "f-d14"
floor = "first"
at = [250, 80]

[[nodes]]
id = "f-d12"
floor = "first"
at = [150, 80]

[[nodes]]
id = "f-d11"
floor = "first"
at = [50, 80]
{nodes}
[[paths]]
from = "entrance"
to = "g-c50"

[[paths]]
from = "g-c50"
to = "g-d1"
kind = "door"

[[paths]]
from = "g-c50"
to = "g-c300"

[[paths]]
from = "g-c300"
to = "g-c380"

[[paths]]
from = "g-c300"
to = "f-c300"
kind = "stairs"
{lift}
[[paths]]
from = "f-c380"
to = "f-c300"

[[paths]]
from = "f-c300"
to = "f-c250"

[[paths]]
from = "f-c250"
to = "f-c150"

[[paths]]
from = "f-c150"
to = "f-c50"

[[paths]]
from = "f-c250"
to = "f-d14"
kind = "door"

[[paths]]
from = "f-c150"
to = "f-d12"
kind = "door"

[[paths]]
from = "f-c50"
to = "f-d11"
kind = "door"
{paths}"""

LIFT = """
[[paths]]
from = "g-c380"
to = "f-c380"
kind = "lift"
"""


def write_plan(
    root: Path,
    *,
    rooms: str = "",
    nodes: str = "",
    paths: str = "",
    has_lift: bool = True,
    svg_extra: str = "",
    toml: str | None = None,
) -> Path:
    """Write ``floors/`` into the content folder ``root``; returns floors.toml's path."""
    folder = root / "floors"
    folder.mkdir(exist_ok=True)
    (folder / "ground.svg").write_text(SVG.format(extra=svg_extra), encoding="utf-8")
    (folder / "first.svg").write_text(SVG.format(extra=""), encoding="utf-8")
    text = toml if toml is not None else TOML.format(
        rooms=rooms, nodes=nodes, paths=paths, lift=LIFT if has_lift else ""
    )
    path = folder / "floors.toml"
    path.write_text(text, encoding="utf-8")
    return path
