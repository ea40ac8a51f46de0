"""The one door to bundled files: content, resources and catalogs.

Works from a source checkout, an installed package and a PyInstaller bundle
(where everything lives under ``sys._MEIPASS``).
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


def resources_dir() -> Path:
    """Top-level ``resources/`` (fonts, icons, data) beside the package."""
    bundle = _bundle_root()
    if bundle is not None:
        return bundle / "resources"
    return package_dir().parent / "resources"


def bundled_content_dir() -> Path:
    return package_dir() / "content"


def locale_dir() -> Path:
    return package_dir() / "locale"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
