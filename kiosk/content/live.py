"""Live content: what the kiosk starts with, and updates that always arrive, never half.

Staff (a git pull, a USB stick, a network share, an atomic deploy that switches a symbolic
link) change the content folder while the kiosk runs. The kiosk serves *snapshots*:
copies of the folder under a private folder, each marked valid (no errors when taken) or
not, so that

- on start, :func:`start_content` serves the folder if it checks out, else the newest
  valid snapshot of it, else the bundled "temporarily unavailable" content with the
  office name read from whatever of its site.toml can be read: never an empty window;
- :class:`ContentWatcher` watches the folder's *path* (a replaced folder or a switched
  link is noticed by a periodic look at the resolved path, not only by inotify, which
  loses a removed folder) and takes a snapshot only when the folder has been quiet for a
  while *and* two reads of every file's size and time agree (and, where the folder asks
  for it with ``.publish-required``, only after ``.publish`` has been touched);
- symbolic links are never followed or copied (kiosk.content.tree), and a snapshot that
  is served or waiting to be served is never pruned.

Messages name the staff's own files (the source folder), never a snapshot's.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import shutil
import threading
import time
import tomllib
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kiosk import paths
from kiosk.config import Config
from kiosk.content.content import Content, load_content
from kiosk.content.model import Office, Problem, Site
from kiosk.content.tree import (
    PUBLISH_FILE,
    PUBLISH_REQUIRED_FILE,
    SNAPSHOT_MARK,
    copy_tree,
    tree_signature,
    walk,
)
from kiosk.i18n import SOURCE_LANGUAGE, translate

log = logging.getLogger(__name__)

KEEP_SNAPSHOTS = 3  # valid snapshots kept besides those in use
MAX_WATCHED_PATHS = 2000  # beyond this, the periodic look alone notices changes
_SNAPSHOT_RE = re.compile(r"^content-(\d{6,})-")
_PARTIAL_PREFIX = ".partial-"
_COPY_ATTEMPTS = 3
_MAX_SITE_TOML = 1 << 20  # bytes of a broken site.toml read for the office name


# -- the folder's state -------------------------------------------------------------------
@dataclass(frozen=True)
class FolderState:
    """What the content folder's path leads to now, and a digest of everything in it."""

    resolved: str  # the path with every symbolic link resolved
    device: int
    inode: int
    signature: str  # kiosk.content.tree.tree_signature


def folder_state(source: Path) -> FolderState | None:
    """The state of the folder at ``source`` (links resolved anew), None if there is none."""
    try:
        resolved = os.path.realpath(source)
        info = os.stat(resolved)
    except OSError:
        return None
    if not os.path.isdir(resolved):
        return None
    return FolderState(resolved, info.st_dev, info.st_ino, tree_signature(Path(resolved)))


def publish_mark(source: Path) -> int | None:
    """Modification time (ns) of the folder's ``.publish`` file, None without one."""
    try:
        return (source / PUBLISH_FILE).stat().st_mtime_ns
    except OSError:
        return None


def is_publish_required(source: Path, setting: bool = False) -> bool:
    """Only a touched ``.publish`` publishes: set in kiosk.toml or by the folder itself."""
    return setting or (source / PUBLISH_REQUIRED_FILE).is_file()


def source_key(source: Path) -> str:
    """How a snapshot names its source: the configured path, absolute, links unresolved
    (an atomic deploy switches the link; its snapshots still belong to the same folder)."""
    return os.path.abspath(source)


# -- snapshots ----------------------------------------------------------------------------
@dataclass(frozen=True)
class SnapshotInfo:
    """A snapshot folder and what its mark says (no mark: unfinished, never valid)."""

    path: Path
    number: int
    source: str = ""
    signature: str = ""
    is_valid: bool = False
    taken: str = ""  # ISO time with offset
    publish: int | None = None  # the .publish time that published it

    @property
    def taken_shown(self) -> str:
        try:
            return dt.datetime.fromisoformat(self.taken).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return "?"


def _read_mark(path: Path, number: int) -> SnapshotInfo:
    try:
        data = json.loads((path / SNAPSHOT_MARK).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return SnapshotInfo(path, number)
    if not isinstance(data, dict):
        return SnapshotInfo(path, number)
    publish = data.get("publish")
    return SnapshotInfo(
        path,
        number,
        source=str(data.get("source", "")),
        signature=str(data.get("signature", "")),
        is_valid=data.get("valid") is True,
        taken=str(data.get("taken", "")),
        publish=publish if isinstance(publish, int) else None,
    )


def list_snapshots(snapshots: Path) -> list[SnapshotInfo]:
    """Every snapshot folder, oldest first (by sequence number, not by the clock)."""
    found = []
    try:
        children = list(snapshots.iterdir())
    except OSError:
        return []
    for child in children:
        match = _SNAPSHOT_RE.match(child.name)
        if match and child.is_dir() and not child.is_symlink():
            found.append(_read_mark(child, int(match.group(1))))
    return sorted(found, key=lambda info: info.number)


def valid_snapshots(snapshots: Path, source: Path) -> list[SnapshotInfo]:
    """The valid snapshots of ``source``, newest first."""
    key = source_key(source)
    return [i for i in reversed(list_snapshots(snapshots)) if i.is_valid and i.source == key]


@dataclass
class _Copy:
    path: Path
    signature: str
    problems: list[Problem]


def _copy_snapshot(source: Path, snapshots: Path) -> _Copy | None:
    """Copy ``source`` into a new numbered snapshot; None when it changed during the copy."""
    before = tree_signature(source)
    snapshots.mkdir(parents=True, exist_ok=True)
    number = max((i.number for i in list_snapshots(snapshots)), default=0) + 1
    stamp = time.strftime("%Y%m%d-%H%M%S")
    partial = snapshots / f"{_PARTIAL_PREFIX}{number}-{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    try:
        problems = copy_tree(source, partial)
        if tree_signature(source) != before:
            shutil.rmtree(partial, ignore_errors=True)
            return None
        target = snapshots / f"content-{number:06d}-{stamp}"
        while target.exists():
            number += 1
            target = snapshots / f"content-{number:06d}-{stamp}"
        partial.rename(target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return _Copy(target, before, problems)


def take_snapshot(source: Path, snapshots: Path) -> Path | None:
    """Copy ``source`` into a new snapshot folder (links are not copied); None if the
    folder changed meanwhile. Prefer :func:`start_content`, which also validates it."""
    copied = _copy_snapshot(source, snapshots)
    return copied.path if copied is not None else None


def _in_source(problem: Problem, snapshot: Path, source: Path) -> Problem:
    try:
        relative = problem.path.relative_to(snapshot)
    except ValueError:
        return problem
    return replace(problem, path=source / relative)


def _name_source_files(content: Content, snapshot: Path, source: Path) -> None:
    """Problems of a snapshot's content name the staff's files, not the copy's."""
    site = content.site
    site.problems[:] = [_in_source(p, snapshot, source) for p in site.problems]
    for page in content.rendered.values():
        page.problems[:] = [_in_source(p, snapshot, source) for p in page.problems]


def _load(root: Path, source: Path) -> tuple[Content | None, list[Problem]]:
    """Load ``root`` (a snapshot of ``source``); a crash of the loader is one error."""
    try:
        content = load_content(root)
    except Exception as exc:  # noqa: BLE001 - bad content never stops the kiosk
        log.error("loading the content of %s failed: %s", source, exc)
        log.debug("the loader's traceback", exc_info=True)
        return None, [Problem(source, None, "error", f"cannot read the content folder: {exc}")]
    _name_source_files(content, root, source)
    return content, content.problems


def _mark(copied: _Copy, source: Path, is_valid: bool, publish: int | None) -> None:
    mark = {
        "format": 1,
        "source": source_key(source),
        "signature": copied.signature,
        "valid": is_valid,
        "taken": dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds"),
        "publish": publish,
    }
    temporary = copied.path / (SNAPSHOT_MARK + ".new")
    temporary.write_text(json.dumps(mark, indent=1), encoding="utf-8")
    temporary.replace(copied.path / SNAPSHOT_MARK)


@dataclass
class Checked:
    """A snapshot taken and checked: its content (None if unreadable) and problems."""

    snapshot: Path
    signature: str
    content: Content | None
    problems: list[Problem]
    publish: int | None

    @property
    def is_valid(self) -> bool:
        return self.content is not None and not any(p.severity == "error" for p in self.problems)


def check_snapshot(source: Path, snapshots: Path, publish: int | None = None) -> Checked | None:
    """Take a snapshot of ``source``, load it, mark it valid or not.

    None when the folder changed during the copy. Links and special files in the
    folder are errors (they are not copied). Raises OSError when the snapshot cannot be
    written.
    """
    copied = _copy_snapshot(source, snapshots)
    if copied is None:
        return None
    content, problems = _load(copied.path, source)
    if content is not None and copied.problems:
        content.site.problems[:0] = copied.problems
        problems = content.problems
    elif content is None:
        problems = copied.problems + problems
    checked = Checked(copied.path, copied.signature, content, problems, publish)
    _mark(copied, source, checked.is_valid, publish)
    return checked


def remove_snapshot(snapshot: Path) -> None:
    shutil.rmtree(snapshot, ignore_errors=True)


def prune_snapshots(snapshots: Path, keep: Iterable[Path] = (), count: int = KEEP_SNAPSHOTS) -> None:
    """Remove old snapshots: kept are those in ``keep`` (served, pending) and the
    ``count`` newest valid ones; invalid, unfinished and half-copied ones go."""
    infos = list_snapshots(snapshots)
    valid = [i.path for i in infos if i.is_valid]
    kept = {os.path.realpath(p) for p in keep} | {os.path.realpath(p) for p in valid[-count:]}
    for info in infos:
        if os.path.realpath(info.path) not in kept:
            shutil.rmtree(info.path, ignore_errors=True)
    try:
        partials = [p for p in snapshots.iterdir() if p.name.startswith(_PARTIAL_PREFIX)]
    except OSError:
        partials = []
    for partial in partials:
        shutil.rmtree(partial, ignore_errors=True)


# -- start-up -----------------------------------------------------------------------------
StartKind = Literal["checked", "with-errors", "snapshot", "unpublished", "unavailable"]


@dataclass
class Startup:
    """What the kiosk serves on start, and why (for the log and the staff panel)."""

    content: Content
    source: Path
    kind: StartKind
    problems: list[Problem] = field(default_factory=list)  # the source's, in its own paths
    state: FolderState | None = None  # the folder as it was read (the watcher starts here)
    taken: str = ""  # when the served snapshot was taken
    publish: int | None = None  # the .publish time of what is served

    @property
    def error_count(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def is_degraded(self) -> bool:
        """Not the folder as it is now: staff should look (logged as a warning)."""
        return self.kind != "checked"

    def note(self, lang: str = SOURCE_LANGUAGE) -> str:
        """One sentence for the log (source language) or the staff panel (``lang``); the
        problems themselves are listed apart (:attr:`problems`)."""
        folder = str(self.source)
        if self.kind == "checked":
            # Translators: staff panel, on start. {folder} is the content folder's path.
            text = translate(lang, "Showing the content folder {folder}: checked, no errors.")
        elif self.kind == "with-errors":
            # Translators: staff panel, on start. {folder} is the content folder's path.
            text = translate(
                lang,
                "The content folder {folder} has errors (see the problems) and no valid copy "
                "of it exists: it is shown as it is, pages with errors left out.",
            )
        elif self.kind == "snapshot":
            # Translators: staff panel, on start. {taken} is a date and time.
            text = translate(
                lang,
                "The content folder {folder} cannot be shown (see the problems): showing "
                "its last valid copy, taken {taken}.",
            )
        elif self.kind == "unpublished":
            # Translators: staff panel, on start. ".publish" is a file name: keep it.
            text = translate(
                lang,
                "The content folder {folder} is published only when its .publish file is "
                "touched: showing the copy published {taken}.",
            )
        else:
            # Translators: staff panel, on start: visitors see a screen saying that the
            # information is temporarily unavailable.
            text = translate(
                lang,
                "The content folder {folder} cannot be shown (see the problems) and no "
                "valid copy of it exists: visitors see 'temporarily unavailable'.",
            )
        return text.format(folder=folder, taken=self.taken)


def _is_usable(content: Content) -> bool:
    """Something a visitor can use: the office, a tile, a page."""
    site = content.site
    return bool(site.office.names and site.sections and site.pages)


def _localised(value: object, languages: tuple[str, ...]) -> dict[str, str]:
    if isinstance(value, str) and value.strip():
        return {lang: value.strip() for lang in languages}
    if isinstance(value, dict):
        return {str(k): v.strip() for k, v in value.items() if isinstance(v, str) and v.strip()}
    return {}


def _lenient_table(text: str, name: str) -> dict[str, Any]:
    """Table ``name`` of a TOML text that may be broken: the whole file, else just that
    table's lines, else each of its lines on its own; whatever parses is kept."""
    try:
        data = tomllib.loads(text)
        table = data.get(name)
        return table if isinstance(table, dict) else {}
    except Exception:  # noqa: BLE001 - any failure: read less of it
        pass
    lines = text.splitlines()
    header = re.compile(rf"^\s*\[\s*{re.escape(name)}\s*\]\s*(#.*)?$")
    start = next((i for i, line in enumerate(lines) if header.match(line)), None)
    if start is None:
        return {}
    block: list[str] = []
    for line in lines[start + 1 :]:
        if line.lstrip().startswith("["):
            break
        block.append(line)
    try:
        return tomllib.loads("\n".join(block))
    except Exception:  # noqa: BLE001
        pass
    found: dict[str, Any] = {}
    for line in block:
        try:
            found.update(tomllib.loads(line))
        except Exception:  # noqa: BLE001 - this line is broken; the others may not be
            continue
    return found


def readable_office(site_toml: Path, languages: tuple[str, ...]) -> Office | None:
    """The office as far as a (possibly broken) site.toml can be read; None if not at all."""
    try:
        with site_toml.open("rb") as file:
            text = file.read(_MAX_SITE_TOML).decode("utf-8", errors="replace")
    except OSError:
        return None
    office = _lenient_table(text.removeprefix("\ufeff"), "office")
    names = _localised(office.get("name"), languages)
    if not names:
        return None
    return Office(
        names=names,
        address=str(office.get("address", "")) if isinstance(office.get("address"), str) else "",
        phone=str(office.get("phone", "")) if isinstance(office.get("phone"), str) else "",
        email=str(office.get("email", "")) if isinstance(office.get("email"), str) else "",
    )


def unavailable_content(bundled: Path, source: Path) -> Content:
    """The bundled "temporarily unavailable" content with the office read from ``source``."""
    content = load_content(bundled)
    office = readable_office(source / "site.toml", content.site.languages)
    if office is not None:
        content.site.office = office
    return content


def _serve_valid(snapshots: Path, source: Path) -> tuple[Content, SnapshotInfo] | None:
    """The newest valid snapshot of ``source`` that still loads."""
    for info in valid_snapshots(snapshots, source):
        content, _problems = _load(info.path, source)
        if content is not None:
            return content, info
    return None


def start_content(source: Path, snapshots: Path, bundled: Path, *, require_publish: bool = False) -> Startup:
    """The content the kiosk starts with; never raises, never empty.

    The folder is copied and checked: without errors it is served (from the copy).
    With errors (or missing, or changing the whole time), the newest valid snapshot of
    it is served; with none, the folder itself when visitors can still use it (pages
    with errors are left out, as the loader does), else the bundled "temporarily
    unavailable" content (``bundled``) with the office name from the folder's
    site.toml. When the folder requires publishing and its ``.publish`` file is
    unchanged since the last valid snapshot, that snapshot is served as it is.
    """
    try:
        return _start(source, snapshots, bundled, require_publish)
    except Exception as exc:  # noqa: BLE001 - the last resort: a screen, not an exit
        log.exception("starting on the content of %s failed", source)
        problem = Problem(source, None, "error", f"cannot read the content folder: {exc}")
        return Startup(unavailable_content(bundled, source), source, "unavailable", [problem])


def _start(source: Path, snapshots: Path, bundled: Path, require_publish: bool) -> Startup:
    state = folder_state(source)
    newest = next(iter(valid_snapshots(snapshots, source)), None)
    publish = publish_mark(source)
    problems: list[Problem] = []
    checked: Checked | None = None
    if state is None:
        reason = "is not a folder" if source.exists() else "does not exist"
        problems = [Problem(source, None, "error", f"content folder {reason}")]
    elif newest is not None and is_publish_required(source, require_publish) and publish == newest.publish:
        served = _serve_valid(snapshots, source)
        if served is not None:
            content, info = served
            prune_snapshots(snapshots, keep=[info.path])
            return Startup(
                content, source, "unpublished", content.problems, state, info.taken_shown, info.publish
            )
    elif newest is not None and newest.signature == state.signature:
        served = _serve_valid(snapshots, source)  # unchanged since it was checked
        if served is not None and served[1] == newest:
            content, info = served
            prune_snapshots(snapshots, keep=[info.path])
            return Startup(content, source, "checked", content.problems, state, info.taken_shown, publish)
    if state is not None:
        try:
            for _attempt in range(_COPY_ATTEMPTS):
                checked = check_snapshot(source, snapshots, publish)
                if checked is not None:
                    break
        except OSError as exc:  # the snapshot folder: disk full, not writable
            log.error("cannot copy the content folder %s into %s: %s", source, snapshots, exc)
            return _without_snapshots(source, snapshots, bundled, state, exc)
        if checked is None:
            problems = [Problem(source, None, "error", "the folder kept changing while it was copied")]
            state = None  # the watcher checks it once it settles
        else:
            problems = checked.problems
            if checked.is_valid and checked.content is not None:
                prune_snapshots(snapshots, keep=[checked.snapshot])
                return Startup(checked.content, source, "checked", problems, state, publish=publish)
    served = _serve_valid(snapshots, source)
    if served is not None:
        content, info = served
        if checked is not None:
            remove_snapshot(checked.snapshot)
        prune_snapshots(snapshots, keep=[info.path])
        return Startup(content, source, "snapshot", problems, state, info.taken_shown, info.publish)
    if checked is not None and checked.content is not None and _is_usable(checked.content):
        prune_snapshots(snapshots, keep=[checked.snapshot])
        return Startup(checked.content, source, "with-errors", problems, state, publish=publish)
    if checked is not None:
        remove_snapshot(checked.snapshot)
    return Startup(unavailable_content(bundled, source), source, "unavailable", problems, state)


def _without_snapshots(
    source: Path, snapshots: Path, bundled: Path, state: FolderState, exc: OSError
) -> Startup:
    """No snapshot can be written: a valid older one, else the folder itself, else
    "temporarily unavailable"."""
    problem = Problem(source, None, "error", f"cannot copy the content folder: {exc.strerror or exc}")
    served = _serve_valid(snapshots, source)
    if served is not None:
        content, info = served
        return Startup(content, source, "snapshot", [problem], state, info.taken_shown, info.publish)
    loaded, problems = _load(source, source)
    if loaded is not None and _is_usable(loaded):
        loaded.site.problems.insert(0, problem)
        return Startup(loaded, source, "with-errors", [problem, *problems], state)
    return Startup(unavailable_content(bundled, source), source, "unavailable", [problem, *problems], state)


def serving_note(content: Content, source: Path, lang: str = SOURCE_LANGUAGE) -> str:
    """What is on screen, for the staff panel's "Serving" line: named by the staff's
    folder and the time its copy was checked, never by the snapshot's path."""
    root = content.site.root
    if root.resolve() == paths.unavailable_content_dir().resolve():
        # Translators: staff panel, "Serving" line: the content folder cannot be shown.
        return translate(lang, "the 'temporarily unavailable' screen")
    match = _SNAPSHOT_RE.match(root.name)
    if match is None:
        return str(root)
    info = _read_mark(root, int(match.group(1)))
    if info.is_valid:
        # Translators: staff panel, "Serving" line. {taken} is a date and time.
        text = translate(lang, "a checked copy of {folder} taken {taken}")
    else:
        # Translators: staff panel, "Serving" line, no valid copy exists. {taken}: a time.
        text = translate(lang, "a copy of {folder} with errors, taken {taken}")
    return text.format(folder=source, taken=info.taken_shown)


def effective_default_language(config_default: str | None, site: Site) -> str:
    """The language a new visitor starts in: kiosk.toml's ``default_language`` when the
    content offers it, else the content's own (after every content update too)."""
    if config_default and config_default in site.languages:
        return config_default
    return site.default_language


# -- the watcher --------------------------------------------------------------------------
class ContentWatcher(QObject):
    """Watches one content folder's path; emits ``ready(Content)`` or ``rejected(list)``.

    A snapshot is taken when the folder has been quiet for ``quiet_ms`` and reads the
    same at the start and the end of that time (and, when publishing is required, its
    ``.publish`` file has been touched since the last snapshot). A snapshot is in use
    while a Content loaded from it is alive (the window's current or pending content:
    they are held weakly here), and is never pruned then.
    """

    ready = Signal(object)  # Content
    rejected = Signal(object)  # list[Problem], in the source folder's paths
    _finished = Signal(object)  # from the worker thread: _Outcome

    def __init__(
        self,
        source: Path,
        snapshots: Path,
        quiet_ms: int = 10_000,
        parent: QObject | None = None,
        *,
        poll_ms: int = 3000,
        require_publish: bool = False,
        startup: Startup | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)  # each watcher holds an inotify instance: parent it
        self.source = source
        self.snapshots = snapshots
        self.quiet_seconds = quiet_ms / 1000
        self.require_publish = require_publish
        self._clock = clock
        self._in_use: list[weakref.ref[Content]] = []  # Content is unhashable: no WeakSet
        self._kept: list[Path] = []
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_event)
        self._watcher.fileChanged.connect(self._on_event)
        self._event = QTimer(self)  # many events of one copy: one look
        self._event.setSingleShot(True)
        self._event.setInterval(100)
        self._event.timeout.connect(self.look)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.timeout.connect(self.look)
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self.look)
        self._finished.connect(self._on_finished)
        self._worker: threading.Thread | None = None
        self._is_again = False
        self._is_busy = False
        self._checking: str | None = None  # the signature the running check expects
        self._waiting_noted = False
        self.last_problems: list[Problem] = []
        self.last_change: float | None = None
        state = folder_state(source)
        if startup is not None:
            self.serve(startup.content)
            self.last_problems = list(startup.problems)
            self._done = startup.state.signature if startup.state else None
            self._published = startup.publish
        else:
            newest = next(iter(valid_snapshots(snapshots, source)), None)
            self._done = state.signature if state else None
            self._published = newest.publish if newest else publish_mark(source)
            # The caller may serve the snapshot it just took (take_snapshot): keep it.
            taken = list_snapshots(snapshots)
            self._kept = [taken[-1].path] if taken else []
        self._seen = state
        self._seen_since = clock()
        self._identity: tuple[str, int, int] | None = None
        self._rearm(state)
        self._poll.start()

    @classmethod
    def for_config(
        cls, config: Config, startup: Startup, snapshots: Path, parent: QObject | None = None
    ) -> ContentWatcher:
        """The watcher the running kiosk uses: kiosk.toml's quiet time and publishing,
        starting from what :func:`start_content` served."""
        return cls(
            startup.source,
            snapshots,
            quiet_ms=config.content_quiet_seconds * 1000,
            parent=parent,
            require_publish=config.content_require_publish,
            startup=startup,
        )

    # -- what is in use --------------------------------------------------------------------
    def serve(self, content: Content) -> None:
        """``content`` is shown or about to be: its snapshot is never pruned while it lives."""
        if all(ref() is not content for ref in self._in_use):
            self._in_use.append(weakref.ref(content))

    def in_use(self) -> list[Path]:
        """The snapshots of every Content still alive that this watcher offered or serves."""
        alive = [(ref, ref()) for ref in self._in_use]
        self._in_use = [ref for ref, content in alive if content is not None]
        return self._kept + [content.site.root for _ref, content in alive if content is not None]

    # -- noticing changes ------------------------------------------------------------------
    def _rearm(self, state: FolderState | None) -> None:
        """Watch what the path leads to now, and the folder holding the path itself (a
        rename, removal or link switch shows there)."""
        old = self._watcher.directories() + self._watcher.files()
        if old:
            self._watcher.removePaths(old)
        self._identity = (state.resolved, state.device, state.inode) if state else None
        paths = [str(self.source.absolute().parent)]
        if state is not None:
            paths.append(state.resolved)
            for entry in walk(Path(state.resolved)):
                if len(paths) >= MAX_WATCHED_PATHS:
                    break
                if entry.kind in ("dir", "file"):
                    paths.append(str(entry.path))
        existing = [p for p in paths if os.path.exists(p)]
        if existing:
            self._watcher.addPaths(existing)

    def _on_event(self, _path: str) -> None:
        if not self._event.isActive():
            self._event.start()

    def look(self) -> None:
        """Read the folder's state now; take a snapshot when it has settled."""
        state = folder_state(self.source)
        now = self._clock()
        identity = (state.resolved, state.device, state.inode) if state else None
        if identity != self._identity:
            if state is not None and identity is not None and self._identity is not None:
                log.info("content folder %s now leads to a new folder", self.source)
            self._rearm(state)
        elif state is not None and self._seen is not None and state.signature != self._seen.signature:
            self._rearm(state)  # new files and folders are watched too
        if state != self._seen:
            self._seen = state
            self._seen_since = now
            self.last_change = time.time()
            self._waiting_noted = False
            if state is not None:
                self._settle.start(int(self.quiet_seconds * 1000) + 20)
            return
        if state is None:
            return
        if state.signature == self._done:
            self._published = publish_mark(self.source)  # a touch with nothing new is spent
            return
        left = self._seen_since + self.quiet_seconds - now
        if left > 0:
            self._settle.start(int(left * 1000) + 20)
            return
        if not self._is_published():
            return
        self._start_work(state.signature)

    def _is_published(self) -> bool:
        if not is_publish_required(self.source, self.require_publish):
            return True
        mark = publish_mark(self.source)
        if mark is not None and mark != self._published:
            return True
        if not self._waiting_noted:
            self._waiting_noted = True
            log.info(
                "content folder %s changed; it is published when its %s file is touched",
                self.source,
                PUBLISH_FILE,
            )
        return False

    def check_now(self) -> None:
        """Check the folder now, without waiting for it to be quiet (staff asked for it);
        a folder that requires publishing still waits for its ``.publish``."""
        state = folder_state(self.source)
        if state is None:
            log.error("content folder %s does not exist", self.source)
            return
        self._waiting_noted = False
        if self._is_published():
            self._start_work(None)

    # -- checking a snapshot in the background ---------------------------------------------
    @property
    def is_checking(self) -> bool:
        """A snapshot is being copied and checked now."""
        return self._is_busy

    def _start_work(self, expected: str | None) -> None:
        if self._is_busy:  # until its result is handled here, not until the thread ends
            if expected is None or expected != self._checking:
                self._is_again = True  # something newer than what is being checked
            return
        self._is_busy = True
        self._checking = expected
        publish = publish_mark(self.source)
        self._worker = threading.Thread(
            target=self._work, args=(expected, publish), name="content-check", daemon=True
        )
        self._worker.start()

    def _work(self, expected: str | None, publish: int | None) -> None:
        try:
            checked = check_snapshot(self.source, self.snapshots, publish)
        except Exception as exc:  # noqa: BLE001 - reported to staff, kiosk keeps running
            log.exception("checking new content of %s failed", self.source)
            problem = Problem(self.source, None, "error", f"cannot copy the content folder: {exc}")
            self._report(_Outcome(None, expected, publish, [problem]))
            return
        if checked is not None and expected is not None and checked.signature != expected:
            remove_snapshot(checked.snapshot)  # not the state that was quiet: look again
            checked = None
        self._report(_Outcome(checked, expected, publish, []))

    def _report(self, outcome: _Outcome) -> None:
        """Hand the result to the UI thread, unless the watcher is gone meanwhile (the
        window closed): then nobody serves it, and the snapshot goes too."""
        try:
            self._finished.emit(outcome)
        except RuntimeError:  # the Qt object was deleted
            if outcome.checked is not None:
                remove_snapshot(outcome.checked.snapshot)

    def _on_finished(self, outcome: _Outcome) -> None:
        self._is_busy = False
        checked = outcome.checked
        if self._is_again or (checked is None and not outcome.problems):
            if checked is not None:
                remove_snapshot(checked.snapshot)
            if checked is None:
                log.info("content folder %s changed while copying; will try again", self.source)
            self._is_again = False
            self._seen = None  # start the quiet time anew from the next look
            self.look()
            return
        self._published = outcome.publish
        if checked is None:
            self._done = outcome.expected
            self.last_problems = outcome.problems
            self.rejected.emit(outcome.problems)
            return
        self._done = checked.signature
        self.last_problems = checked.problems
        if not checked.is_valid or checked.content is None:
            for problem in checked.problems:
                if problem.severity == "error":
                    log.error("new content rejected: %s", problem.format(self.source))
            remove_snapshot(checked.snapshot)
            self.rejected.emit(checked.problems)
            return
        content = checked.content
        self.serve(content)
        prune_snapshots(self.snapshots, keep=self.in_use())
        log.info("new content of %s is valid (%d pages)", self.source, len(content.site.pages))
        self.ready.emit(content)


@dataclass
class _Outcome:
    checked: Checked | None
    expected: str | None
    publish: int | None
    problems: list[Problem]
