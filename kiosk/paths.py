"""The one door to bundled files: sample content, fonts, name days, licences, catalogs.

Everything bundled lives under one data root inside the package (``kiosk/data/``), so it
ships as package data in a wheel and in the PyInstaller bundle alike (where the package
lives under ``sys._MEIPASS``).
"""

from __future__ import annotations

import sys
from pathlib import Path


def _bundle_root() -> Path | None:
    meipass = getattr(sys, "_MEIPASS", None)
    return Path(meipass) if meipass else None


def package_dir() -> Path:
    bundle = _bundle_root()
    if bundle is not None:
        return bundle / "kiosk"
    return Path(__file__).resolve().parent


def data_dir() -> Path:
    """The data root: ``sample/``, ``fonts/``, ``namedays/``, ``licenses/``, ``locale/``."""
    return package_dir() / "data"


def bundled_content_dir() -> Path:
    """The sample content the kiosk shows when no content folder is configured."""
    return data_dir() / "sample"


def locale_dir() -> Path:
    return data_dir() / "locale"


def resource(*parts: str) -> Path:
    """A bundled file by its path under the data root, e.g. ``resource("fonts")``."""
    return data_dir().joinpath(*parts)


def unavailable_content_dir() -> Path:
    """The "temporarily unavailable" content, served when the office's content folder
    cannot be shown and no valid copy of it exists (see kiosk.content.live)."""
    return data_dir() / "unavailable"


def icon_fonts_dir() -> Path | None:
    """qtawesome's icon fonts and their charmaps (the kiosk reads them as data, see
    kiosk.ui.icons); in the bundle they sit under ``qtawesome/fonts``. None when the
    package is not installed."""
    bundle = _bundle_root()
    if bundle is not None:
        return bundle / "qtawesome" / "fonts"
    import importlib.util

    spec = importlib.util.find_spec("qtawesome")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "fonts"
