"""Checking ``kiosk_position`` of kiosk.toml against the building plan."""

from __future__ import annotations

import difflib
from pathlib import Path

from kiosk.config import Config
from kiosk.content.model import Problem
from kiosk.floors.model import Floors


def kiosk_position_problem(config: Config, floors: Floors, config_path: Path) -> Problem | None:
    """An error when ``kiosk_position`` names no node of a plan; None when it is fine.

    Empty means "at the entrance"; content without a plan has nothing to check against.
    """
    position = config.kiosk_position
    if not position or floors.is_empty or position in floors.nodes:
        return None
    line = None
    try:
        text = config_path.read_text(encoding="utf-8")
        rows = enumerate(text.splitlines(), start=1)
        line = next((n for n, row in rows if row.lstrip().startswith("kiosk_position")), None)
    except (OSError, UnicodeDecodeError):
        pass
    folded = {node.casefold(): node for node in floors.nodes}
    close = difflib.get_close_matches(position.casefold(), list(folded), n=1)
    hint = f" (did you mean '{folded[close[0]]}'?)" if close else ""
    return Problem(
        config_path,
        line,
        "error",
        f"kiosk_position '{position}' is not a node of the building plan in "
        f"{floors.root / 'floors.toml'}{hint}; \"You are here\" is shown at the entrance",
    )


def start_node(floors: Floors, kiosk_position: str) -> str:
    """Where routes start: ``kiosk_position`` when it is a node, else the entrance."""
    return kiosk_position if kiosk_position in floors.nodes else floors.entrance()
