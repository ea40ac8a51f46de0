"""Stripping the symbol tables that prebuilt binaries still carry (Linux)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from packaging_rules import TocEntry


def has_symbol_table(path: str | Path) -> bool:
    """An ELF file with a ``.symtab`` section (``readelf``); False for anything else."""
    result = subprocess.run(["readelf", "-S", "-W", str(path)], capture_output=True, text=True, check=False)
    return result.returncode == 0 and " .symtab " in result.stdout


def strip_unstripped(binaries: Iterable[TocEntry], out_dir: Path) -> list[TocEntry]:
    """Strip (a copy under ``out_dir`` of) each ELF file that still has its symbol table.

    Not PyInstaller's ``strip=True``: that strips every file again, and re-stripping
    prebuilt libraries can break them (it did break the FFmpeg libraries of
    PySide6-Addons: "ELF load command address/offset not page-aligned"). The files that
    gain are libpython, the Python extension modules and ICU (~27 MB). A copy stripped by
    an earlier build is reused while it is newer than its source.
    """
    out: list[TocEntry] = []
    for dest, src, kind in binaries:
        if kind == "SYMLINK" or not has_symbol_table(src):
            out.append((dest, src, kind))
            continue
        stripped = out_dir / dest
        if not stripped.exists() or stripped.stat().st_mtime < Path(src).stat().st_mtime:
            stripped.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, stripped)
            subprocess.run(["strip", str(stripped)], check=True)
        out.append((dest, str(stripped), kind))
    return out
