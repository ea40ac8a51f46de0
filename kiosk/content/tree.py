"""Walking a content folder without leaving it: its state, its links, a safe copy.

Staff folders are copied by scripts, USB sticks and network shares, so they can hold
symbolic links (to ``/etc/passwd``, to ``.``, to ``/usr/share``), FIFOs and editor
droppings. Nothing here follows a link or opens anything but a regular file: a link is
reported as an error in the folder (``file: error: symbolic link …``) and never copied,
so a snapshot holds only what is really inside the folder. No Qt here: ``kiosk check``
uses :func:`link_problems` too.
"""

from __future__ import annotations

import fnmatch
import os
import re
import shutil
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.model import Problem

# Never part of the content: version control, editors' temporary and lock files (Emacs'
# ``.#file`` is a dangling link), the kiosk's own mark inside a snapshot, and the files
# that tell the kiosk to publish (touching ``.publish`` changes no content).
SNAPSHOT_MARK = ".kiosk-snapshot.json"
PUBLISH_FILE = ".publish"
PUBLISH_REQUIRED_FILE = ".publish-required"
IGNORED_PATTERNS: tuple[str, ...] = (
    ".git",
    "*.tmp",
    "*~",
    ".#*",
    SNAPSHOT_MARK,
    PUBLISH_FILE,
    PUBLISH_REQUIRED_FILE,
)
_COPY_CHUNK = 1 << 20


_IGNORED_RE = re.compile("|".join(fnmatch.translate(pattern) for pattern in IGNORED_PATTERNS))


def is_ignored(name: str) -> bool:
    return _IGNORED_RE.match(name) is not None


@dataclass(frozen=True)
class Entry:
    """One thing in the folder, as ``lstat`` saw it (links are not followed)."""

    path: Path
    relative: str  # with "/" separators
    kind: str  # "file", "dir", "link" or "other" (FIFO, socket, device)
    size: int
    mtime_ns: int
    target: str = ""  # where a link points, as written in the link


def walk(root: Path) -> Iterator[Entry]:
    """Every entry under ``root`` in a stable order, without following any link.

    A folder that vanishes or cannot be read while walking is skipped: the caller
    compares two walks (or a walk before and after a copy) to notice such changes.
    """
    pending: list[tuple[Path, str]] = [(root, "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError:
            continue
        subfolders: list[tuple[Path, str]] = []
        for entry in entries:
            if is_ignored(entry.name):
                continue
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            path = Path(entry.path)
            relative = prefix + entry.name
            mode = info.st_mode
            if stat.S_ISLNK(mode):
                try:
                    target = os.readlink(path)
                except OSError:
                    target = "?"
                yield Entry(path, relative, "link", 0, info.st_mtime_ns, str(target))
            elif stat.S_ISDIR(mode):
                yield Entry(path, relative, "dir", 0, 0)
                subfolders.append((path, relative + "/"))
            elif stat.S_ISREG(mode):
                yield Entry(path, relative, "file", info.st_size, info.st_mtime_ns)
            else:
                yield Entry(path, relative, "other", 0, info.st_mtime_ns)
        pending.extend(reversed(subfolders))


def tree_signature(root: Path) -> str:
    """A digest of every entry's path, kind, size and modification time (links by
    target): two equal signatures read some time apart mean nobody wrote meanwhile.

    The same walk as :func:`walk`, written lean: the watcher runs it on the UI thread.
    """
    lines: list[str] = []
    pending = [(os.fspath(root), "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            with os.scandir(folder) as scan:
                entries = [e for e in scan if not _IGNORED_RE.match(e.name)]
        except OSError:
            continue
        for entry in entries:
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            relative = prefix + entry.name
            mode = info.st_mode
            if stat.S_ISDIR(mode):
                lines.append(f"{relative}\0d")
                pending.append((entry.path, relative + "/"))
            elif stat.S_ISLNK(mode):
                try:
                    target = os.readlink(entry.path)
                except OSError:
                    target = "?"
                lines.append(f"{relative}\0l\0{info.st_mtime_ns}\0{target}")
            else:
                kind = "f" if stat.S_ISREG(mode) else "o"
                lines.append(f"{relative}\0{kind}\0{info.st_size}\0{info.st_mtime_ns}")
    lines.sort()
    import hashlib  # OpenSSL's: for a watched folder, not for every start

    return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogateescape")).hexdigest()


def shown(text: str) -> str:
    """``text`` with control characters escaped, safe on one line of a message."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def entry_problem(entry: Entry) -> Problem | None:
    """Why ``entry`` cannot be part of the content, or None for a file or folder."""
    if entry.kind == "link":
        return Problem(
            entry.path,
            None,
            "error",
            f"symbolic link (to {shown(entry.target)}) is not allowed: content must be real "
            "files inside the folder; put a copy of the file here instead",
        )
    if entry.kind == "other":
        return Problem(entry.path, None, "error", "not a regular file or folder (a device, pipe or socket)")
    return None


def link_problems(root: Path) -> list[Problem]:
    """An error for every symbolic link and special file in the folder (for the validator)."""
    return [p for p in (entry_problem(e) for e in walk(root)) if p is not None]


def copy_tree(source: Path, target: Path) -> list[Problem]:
    """Copy the folder's regular files and folders into ``target`` (which must not exist).

    Links and special files are not copied; each is an error in the returned problems,
    named by its path in ``source``. A file is opened without following a link and
    copied only if it is still a regular file, so a file swapped for a link during the
    copy is refused too. Raises OSError when ``target`` cannot be written.
    """
    target.mkdir(parents=True)
    problems: list[Problem] = []
    for entry in walk(source):
        problem = entry_problem(entry)
        if problem is not None:
            problems.append(problem)
            continue
        destination = target / entry.relative
        if entry.kind == "dir":
            destination.mkdir(exist_ok=True)
            continue
        problem = _copy_file(entry, destination)
        if problem is not None:
            problems.append(problem)
    return problems


def _copy_file(entry: Entry, destination: Path) -> Problem | None:
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(entry.path, flags)
    except OSError as exc:
        if not entry.path.is_symlink():
            return Problem(entry.path, None, "error", f"cannot read file: {exc.strerror or exc}")
        return Problem(entry.path, None, "error", "symbolic link is not allowed (it replaced a file)")
    with open(descriptor, "rb", closefd=True) as reader:
        info = os.fstat(reader.fileno())
        if not stat.S_ISREG(info.st_mode):
            return Problem(entry.path, None, "error", "not a regular file")
        with open(destination, "wb") as writer:
            shutil.copyfileobj(reader, writer, _COPY_CHUNK)
    os.utime(destination, ns=(info.st_atime_ns, info.st_mtime_ns))
    return None
