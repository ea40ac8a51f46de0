"""Leaving out what the kiosk does not use: Qt plugins, translations, libraries, locale data.

The spec declares the rules (a ``Rules``); the functions here apply them to PyInstaller's
TOC lists, (dest, src, kind) tuples, and never look at the machine except through
``linked_names``, which the tests replace.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from packaging_rules import TocEntry

log = logging.getLogger(__name__)

# Where Qt's own tree starts inside PySide6 (plugins, translations, libraries…).
QT_AREAS = frozenset({"plugins", "translations", "qml", "resources", "lib", "bin", "libexec"})

# A folder of Qt plugins: None keeps every plugin in it, a pattern keeps the plugins
# whose file name it finds; a folder that is not listed is dropped entirely.
PluginRule = re.Pattern[str] | None


@dataclass(frozen=True)
class Rules:
    """What stays out of the bundle, as the spec declares it."""

    babel_keep: frozenset[str]
    """Babel locale data files (stems of ``babel/locale-data/*.dat``) kept."""
    qt_translation: re.Pattern[str]
    """Qt translation files (``*.qm``) kept."""
    qt_plugins_keep: Mapping[str, PluginRule]
    """Qt plugin folders kept, each with the plugins kept in it."""
    qt_libs_unwanted: re.Pattern[str]
    """Qt libraries named in the build log when something kept still links them."""
    system_only: re.Pattern[str]
    """Libraries never bundled (matched against the file name): the target system's own."""
    dropped_binaries: Sequence[re.Pattern[str]] = field(default_factory=tuple)
    """Other binaries left out (matched against the destination, with ``/`` separators)."""
    dropped_data: Sequence[re.Pattern[str]] = field(default_factory=tuple)
    """Data files left out (matched against the destination, with ``/`` separators)."""


def posix(dest: str) -> str:
    return PurePath(dest).as_posix()


def qt_part(dest: str) -> tuple[str, ...] | None:
    """Where in Qt's tree ``dest`` is: ("plugins", "platforms", "libqxcb.so"), ("lib", …) or None.

    Linux wheels put Qt under PySide6/Qt/; Windows wheels put plugins and translations
    under PySide6/ and the Qt DLLs directly in PySide6/.
    """
    parts = PurePath(dest).parts
    if not parts or parts[0] != "PySide6":
        return None
    rest = parts[1:]
    if rest[:1] == ("Qt",):
        rest = rest[1:]
    if rest and rest[0] in QT_AREAS:
        return rest
    if len(rest) == 1 and rest[0].lower().endswith(".dll"):
        return ("lib", rest[0])
    return None


def is_system_only(dest: str, rules: Rules) -> bool:
    """A library the bundle takes from the target system (``Rules.system_only``)."""
    return bool(rules.system_only.match(PurePath(dest).name))


def keep_data(dest: str, rules: Rules) -> bool:
    """Babel locale data, Qt translations and Qt Quick/WebEngine resources by the rules."""
    if any(pattern.search(posix(dest)) for pattern in rules.dropped_data):
        return False
    parts = PurePath(dest).parts
    if parts[:2] == ("babel", "locale-data") and dest.endswith(".dat"):
        return PurePath(dest).stem in rules.babel_keep
    qt = qt_part(dest)
    if qt and qt[0] == "translations":
        return bool(rules.qt_translation.search(qt[-1]))
    if qt and qt[0] in {"qml", "resources"}:  # Qt Quick / WebEngine resources
        return False
    return True


def binary_wanted(dest: str, rules: Rules) -> bool:
    """First cut: system-only libraries, dropped binaries, Qt plugins not kept, QML modules."""
    if is_system_only(dest, rules):
        return False
    if any(pattern.match(posix(dest)) for pattern in rules.dropped_binaries):
        return False
    qt = qt_part(dest)
    if qt and qt[0] == "qml":
        return False
    if qt and qt[0] == "plugins" and len(qt) >= 3:
        if qt[1] not in rules.qt_plugins_keep:
            return False
        pattern = rules.qt_plugins_keep[qt[1]]
        return pattern is None or bool(pattern.search(qt[-1]))
    return True


def linked_names(src: str) -> set[str]:
    """Names of the libraries ``src`` links against directly (not their own dependencies)."""
    if sys.platform.startswith("linux"):  # ldd lists the whole tree; objdump shows DT_NEEDED only
        result = subprocess.run(["objdump", "-p", src], capture_output=True, text=True, check=False)
        if result.returncode == 0:
            return {line.split()[1] for line in result.stdout.splitlines()
                    if line.strip().startswith("NEEDED")}
    try:
        from PyInstaller.depend import bindepend  # only where objdump is not the tool

        return {Path(imported).name for imported, _path in bindepend.get_imports(src)}
    except Exception:  # noqa: BLE001 — unreadable file: nothing to learn from it
        return set()


def is_extension_module(name: str) -> bool:
    """A Python extension module: imported by Python, so linked by nothing."""
    return ".abi3." in name or ".cpython-" in name or name.endswith(".pyd")


def slim_binaries(
    binaries: Sequence[TocEntry],
    rules: Rules,
    links: Callable[[str], set[str]] = linked_names,
    *,
    platform: str = sys.platform,
) -> list[TocEntry]:
    """Apply ``binary_wanted``, then drop the libraries only the dropped files linked against.

    PyInstaller collects the link-time dependencies of every plugin before this filter
    runs, so dropping the GTK theme plugin alone would leave GTK, Cairo and Pango behind.
    A library that nothing in the original collection links against was collected on
    purpose (a hook's extra binary, a ctypes library, opengl32sw.dll) and is kept.
    ``links(src)`` names the libraries a file links against.
    """
    if platform == "darwin":  # frameworks: not handled here, keep PyInstaller's choice
        return [entry for entry in binaries if binary_wanted(entry[0], rules)]
    files = {PurePath(dest).name: (dest, src) for dest, src, kind in binaries if kind != "SYMLINK"}
    link_target = {PurePath(dest).name: PurePath(os.path.normpath(PurePath(dest).parent / src)).name
                   for dest, src, kind in binaries if kind == "SYMLINK"}
    links_of = {name: {link_target.get(linked, linked) for linked in links(src)}
                for name, (_dest, src) in files.items()}
    linked_by_something: set[str] = set().union(*links_of.values())

    wanted = {name for name, (dest, _src) in files.items() if binary_wanted(dest, rules)}
    keep: dict[str, str] = {}  # name -> what needed it ("" when kept for itself)
    queue = [(name, "") for name in sorted(wanted)
             if name not in linked_by_something or is_extension_module(name)]
    while queue:
        name, parent = queue.pop()
        if name in keep or name not in wanted:
            continue
        keep[name] = parent
        queue += [(child, name) for child in sorted(links_of[name])]

    out = []
    for dest, src, kind in binaries:
        name = PurePath(dest).name
        target = link_target.get(name, name) if kind == "SYMLINK" else name
        if target not in keep:
            continue
        if kind != "SYMLINK" and rules.qt_libs_unwanted.search(name):
            log.info("packaging_rules: keeping %s: %s links against it", name, keep[name])
        out.append((dest, src, kind))
    return out


def is_library_name(name: str) -> bool:
    return name.endswith((".so", ".dll", ".dylib")) or ".so." in name


def prune_datas(datas: Iterable[TocEntry], rules: Rules, binaries: Iterable[TocEntry]) -> list[TocEntry]:
    """``keep_data`` on the data files, and the links to libraries no longer in ``binaries``.

    PyInstaller makes top-level links to some libraries (as data): a link to a library
    ``slim_binaries`` dropped would be left dangling.
    """
    kept_names = {PurePath(dest).name for dest, _src, _kind in binaries}
    return [
        (dest, src, kind) for dest, src, kind in datas
        if keep_data(dest, rules)
        and not (kind == "SYMLINK" and is_library_name(src) and PurePath(src).name not in kept_names)
    ]


def top_level_modules(pure: Iterable[TocEntry], binaries: Iterable[TocEntry]) -> set[str]:
    """The top-level Python modules and packages in the bundle (pure ones and extension folders)."""
    modules = {name.split(".")[0] for name, _src, _kind in pure}
    folders = {PurePath(dest).parts for dest, _src, _kind in binaries}
    return modules | {parts[0] for parts in folders if len(parts) > 1}
