"""The Polish public holidays of a year, kept on disk once the ``holidays`` package named them.

The ``holidays`` package computes a year's holidays well (Easter, Corpus Christi, the
days added by law), but importing it takes 20–30 ms and 7–9 MB: at every start, before
the home screen can say whether the office is open, and in every ``kiosk render``. The
names it gives for a year and a language are kept in one small JSON file in the kiosk's
cache folder, tied to the package's files as installed (their sizes and times, or the
bundle's program file): a newer ``holidays`` (a law that adds a holiday) is asked again.

The file is only a copy. A missing, unreadable, foreign or damaged file is asked again and
written anew; a cache folder that cannot be written costs the import, never the answer.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import sys
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

FORMAT = 1
FILE_NAME = "holidays-PL.json"
# The package's files whose change means other answers besides its version: the
# country's rules and the shared calendars' base.
WATCHED = (os.path.join("countries", "poland.py"), "holiday_base.py")

Compute = Callable[[int, str], Mapping[date, str]]


def cache_file() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("mszczonow-kiosk", appauthor=False)) / FILE_NAME


def package_key() -> list[Any] | None:
    """What the cached names were computed from: the installed ``holidays`` version (its
    ``.dist-info`` folder's name, read without ``importlib.metadata``) and its rules
    files' sizes and times; in a bundle, the bundle's program file. None when that cannot
    be told; nothing is cached then."""
    try:
        if getattr(sys, "frozen", False):
            program = os.stat(sys.executable)
            return ["bundle", program.st_size, program.st_mtime_ns]
        spec = importlib.util.find_spec("holidays")  # finds, does not import
        if spec is None or spec.origin is None:
            return None
        folder = os.path.dirname(spec.origin)
        versions = sorted(
            name for name in os.listdir(os.path.dirname(folder))
            if name.startswith("holidays-") and name.endswith(".dist-info")
        )  # fmt: skip
        key: list[Any] = ["holidays", versions]
        for name in WATCHED:
            found = os.stat(os.path.join(folder, name))
            key += [found.st_size, found.st_mtime_ns]
        return key
    except (OSError, ImportError, ValueError):
        return None


class HolidayCache:
    """Holiday names by (year, language) from the file, or from ``compute`` and then kept."""

    def __init__(self, path: Path, key: list[Any] | None, compute: Compute) -> None:
        self.path = path
        self.key = key
        self.compute = compute
        self._years: dict[str, dict[str, dict[str, str]]] | None = None

    def names(self, year: int, lang: str) -> dict[date, str]:
        if self.key is None:
            return dict(self.compute(year, lang))
        years = self._read()
        stored = years.get(str(year), {}).get(lang)
        if stored is not None:
            try:
                return {date.fromisoformat(day): str(name) for day, name in stored.items()}
            except (TypeError, ValueError, AttributeError):
                log.info("holidays: the cached %s/%s in %s is damaged; asking again", year, lang, self.path)
        names = dict(self.compute(year, lang))
        years.setdefault(str(year), {})[lang] = {day.isoformat(): name for day, name in names.items()}
        self._write(years)
        return names

    def _read(self) -> dict[str, dict[str, dict[str, str]]]:
        if self._years is None:
            self._years = {}
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
            except FileNotFoundError:
                data = None
            except (OSError, ValueError) as error:
                log.info("holidays: cannot read %s (%s); asking the package again", self.path, error)
                data = None
            if isinstance(data, dict) and data.get("format") == FORMAT and data.get("key") == self.key:
                years = data.get("years")
                if isinstance(years, dict):
                    self._years = {
                        str(year): {str(lang): kept for lang, kept in langs.items() if isinstance(kept, dict)}
                        for year, langs in years.items()
                        if isinstance(langs, dict)
                    }
        return self._years

    def _write(self, years: dict[str, dict[str, dict[str, str]]]) -> None:
        data = {"format": FORMAT, "key": self.key, "years": years}
        partial = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
            os.replace(partial, self.path)  # whole or not at all, also with two kiosks at once
        except OSError as error:
            log.info("holidays: cannot keep the names in %s (%s)", self.path, error)
            try:
                partial.unlink(missing_ok=True)
            except OSError:
                pass
