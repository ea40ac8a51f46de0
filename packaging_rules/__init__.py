"""What the installer bundle does with the files PyInstaller collects (``build_installer.spec``).

The spec declares what goes in and what stays out; these modules carry out those
declarations: compile the catalogs and list the data files (``datafiles``), drop the Qt
plugins, translations and libraries the kiosk does not use (``pruning``), collect the
licence notices of what was bundled (``licences``) and strip symbol tables (``strip``).

Kept out of ``kiosk/`` on purpose: this is build-time code that neither the wheel
(``[tool.setuptools.packages.find]`` includes ``kiosk*`` only) nor the bundle ships. It
imports nothing from PyInstaller, so it is tested without building anything
(``tests/unit/bundling/``).
"""

from __future__ import annotations

import importlib.util

# A PyInstaller TOC entry: (destination in the bundle, source path, kind), kind being
# "BINARY", "EXTENSION", "DATA", "SYMLINK"… (for a symbolic link, the source is the target
# relative to the link's folder).
TocEntry = tuple[str, str, str]
# An entry of the spec's ``datas`` (Analysis input): (source path, destination folder).
DataFile = tuple[str, str]


def has_module(name: str) -> bool:
    """Whether ``name`` is importable in the environment the bundle is built from."""
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False
