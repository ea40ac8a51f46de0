"""Today's facts for the header line: date and time, name days and the opening status.

Plain logic, no widgets: :mod:`.namedays` (bundled calendar plus the staff's
``namedays.toml``), :mod:`.header` (the "Today is …" line), :mod:`.opening` (open now?
holidays, next opening) and :mod:`.clock` (an injectable time source and the Qt
minute ticker that drives the header).
"""

from __future__ import annotations

from functools import cache
from zoneinfo import ZoneInfo

OFFICE_TIMEZONE = "Europe/Warsaw"


@cache
def office_timezone() -> ZoneInfo:
    """The office's time zone; looked up on first use, not at import."""
    return ZoneInfo(OFFICE_TIMEZONE)
