"""Live content updates: watch the content folder, validate a snapshot, switch safely.

Staff (or a git pull) change the folder while the kiosk runs. The kiosk never reads a
half-copied folder: after the folder has been quiet for a moment, it is copied into a
snapshot, the copy is checked to be unchanged from the source, then loaded and
validated in a background thread. Valid content is offered through ``ready``; the
window switches to it at a safe moment (see KioskWindow.offer_content). Invalid
content is reported through ``rejected`` and the last good content stays.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import threading
import time
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kiosk.content.content import Content, load_content
from kiosk.content.model import Problem

log = logging.getLogger(__name__)
KEEP_SNAPSHOTS = 3


def fingerprint(root: Path) -> str:
    """A digest of every file's path, size and modification time under ``root``."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.relative_to(root)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def take_snapshot(source: Path, snapshots: Path) -> Path | None:
    """Copy ``source`` into a new folder under ``snapshots``; None if it changed meanwhile."""
    before = fingerprint(source)
    target = snapshots / f"content-{time.strftime('%Y%m%d-%H%M%S')}-{before[:8]}"
    if target.exists():
        return target
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    snapshots.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source, partial, ignore=shutil.ignore_patterns(".git", "*.tmp", "*~", ".#*"))
    if fingerprint(source) != before:
        shutil.rmtree(partial, ignore_errors=True)
        return None
    partial.rename(target)
    return target


def prune_snapshots(snapshots: Path, keep: Path | None) -> None:
    folders = sorted((p for p in snapshots.glob("content-*") if p.is_dir()), key=lambda p: p.name)
    for old in folders[:-KEEP_SNAPSHOTS]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)


class ContentWatcher(QObject):
    """Watches one content folder; emits ``ready(Content)`` or ``rejected(list)``."""

    ready = Signal(object)  # Content
    rejected = Signal(object)  # list[Problem]
    _loaded = Signal(object, object)  # from the worker thread: (Content | None, problems)

    def __init__(
        self, source: Path, snapshots: Path, quiet_ms: int = 2000, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)  # each watcher holds an inotify instance: parent it
        self.source = source
        self.snapshots = snapshots
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._changed)
        self._watcher.fileChanged.connect(self._changed)
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(quiet_ms)
        self._quiet.timeout.connect(self.check_now)
        self._loaded.connect(self._on_loaded)
        self._worker: threading.Thread | None = None
        self._is_again = False
        self.last_problems: list[Problem] = []
        self.last_change: float | None = None
        self._watch_all()

    def _watch_all(self) -> None:
        paths = [str(p) for p in [self.source, *self.source.rglob("*")] if ".git" not in p.parts]
        current = set(self._watcher.directories()) | set(self._watcher.files())
        new = [p for p in paths if p not in current]
        if new:
            self._watcher.addPaths(new)

    def _changed(self, _path: str) -> None:
        self.last_change = time.time()
        self._quiet.start()  # restart: wait until the folder has been quiet

    def check_now(self) -> None:
        """Snapshot, load and validate now (in a background thread)."""
        self._watch_all()
        if self._worker is not None and self._worker.is_alive():
            self._is_again = True
            return
        self._worker = threading.Thread(target=self._work, name="content-check", daemon=True)
        self._worker.start()

    def _work(self) -> None:
        try:
            snapshot = take_snapshot(self.source, self.snapshots)
            if snapshot is None:
                log.info("content folder changed while copying; will try again")
                self._loaded.emit(None, None)
                return
            content = load_content(snapshot)
            self._loaded.emit(content, content.problems)
        except Exception as exc:  # noqa: BLE001 - reported to staff, kiosk keeps running
            log.exception("checking new content failed")
            problem = Problem(self.source, None, "error", f"cannot read the content folder: {exc}")
            self._loaded.emit(None, [problem])

    def _on_loaded(self, content: Content | None, problems: list[Problem] | None) -> None:
        if self._is_again or (content is None and problems is None):
            self._is_again = False
            self._quiet.start()
            return
        problems = problems or []
        self.last_problems = problems
        errors = [p for p in problems if p.severity == "error"]
        if content is None or errors:
            for problem in errors:
                log.error("new content rejected: %s", problem.format(content.site.root if content else None))
            self.rejected.emit(problems)
            return
        log.info("new content is valid: %s", content.site.root)
        prune_snapshots(self.snapshots, content.site.root)
        self.ready.emit(content)
