"""Stripping symbol tables: only files that still have one, on a copy, reused while current."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from packaging_rules import strip

TOOLS = ("cc", "readelf", "strip")
pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or not all(shutil.which(tool) for tool in TOOLS),
    reason="needs Linux, a C compiler and binutils",
)


@pytest.fixture
def unstripped(tmp_path: Path) -> Path:
    """A small shared library built with its symbol table."""
    source = tmp_path / "demo.c"
    source.write_text("int kiosk_demo(int x) { return x + 1; }\n", encoding="utf-8")
    library = tmp_path / "src" / "libdemo.so.1"
    library.parent.mkdir()
    subprocess.run(["cc", "-shared", "-fPIC", "-g", "-o", str(library), str(source)], check=True)
    return library


def test_a_library_with_symbols_is_stripped_on_a_copy(tmp_path: Path, unstripped: Path) -> None:
    assert strip.has_symbol_table(unstripped)
    text_file = tmp_path / "src" / "notes.txt"
    text_file.write_text("not an ELF file", encoding="utf-8")
    entries = [("libdemo.so.1", str(unstripped), "BINARY"), ("libdemo.so", "libdemo.so.1", "SYMLINK"),
               ("notes.txt", str(text_file), "BINARY")]
    out = strip.strip_unstripped(entries, tmp_path / "stripped")
    copy = tmp_path / "stripped" / "libdemo.so.1"
    assert out == [("libdemo.so.1", str(copy), "BINARY"), entries[1], entries[2]]
    assert strip.has_symbol_table(unstripped), "the source is left alone"
    assert not strip.has_symbol_table(copy)
    assert copy.stat().st_size < unstripped.stat().st_size


def test_a_stripped_library_is_left_as_it_is(tmp_path: Path, unstripped: Path) -> None:
    subprocess.run(["strip", str(unstripped)], check=True)
    entries = [("libdemo.so.1", str(unstripped), "BINARY")]
    assert strip.strip_unstripped(entries, tmp_path / "stripped") == entries
    assert not (tmp_path / "stripped").exists()


def test_a_copy_is_reused_until_its_source_changes(tmp_path: Path, unstripped: Path) -> None:
    entries = [("libdemo.so.1", str(unstripped), "BINARY")]
    copy = tmp_path / "stripped" / "libdemo.so.1"
    strip.strip_unstripped(entries, tmp_path / "stripped")
    first = copy.stat().st_mtime_ns
    os.utime(unstripped, ns=(first - 10**9, first - 10**9))  # source older than the copy
    strip.strip_unstripped(entries, tmp_path / "stripped")
    assert copy.stat().st_mtime_ns == first
    os.utime(unstripped, ns=(first + 10**9, first + 10**9))  # source rebuilt since
    strip.strip_unstripped(entries, tmp_path / "stripped")
    assert copy.stat().st_mtime_ns != first
    assert not strip.has_symbol_table(copy)
