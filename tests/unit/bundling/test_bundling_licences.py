"""Licence notices: which files are licences, what a distribution declares, what is copied."""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from packaging_rules import licences


@pytest.mark.parametrize("path", [
    "LICENSE", "LICENSE.txt", "LICENCE.md", "COPYING", "COPYING.LESSER", "NOTICE", "AUTHORS.rst",
    "PyYAML-6.0.3.dist-info/licenses/LICENSE", "babel-2.18.0.dist-info/LICENSE",
    "pkg-1.0.dist-info/licenses/vendored/APACHE-2.0.txt",  # anything in a licenses/ folder
    "pystempel/data/original/LICENSE-stempel", "license-MIT",
])
def test_licence_files(path: str) -> None:
    assert licences.is_licence_file(path)


@pytest.mark.parametrize("path", [
    "holidays/license.py",  # code, not a notice
    "pkg/licenses/__init__.py", "stubs/LICENSE.pyi", "pkg/licensing.md", "pkg/unlicensed.txt",
    "notice_board.txt", "babel/locale-data/pl.dat", "README.md",
])
def test_not_licence_files(path: str) -> None:
    assert not licences.is_licence_file(path)


def metadata(tmp_path: Path, text: str) -> importlib.metadata.PackageMetadata:
    info = tmp_path / "demo-1.0.dist-info"
    info.mkdir()
    header = "Metadata-Version: 2.4\nName: demo\nVersion: 1.0\n"
    (info / "METADATA").write_text(header + text, encoding="utf-8")
    return importlib.metadata.PathDistribution(info).metadata


def test_declared_licence_prefers_the_expression(tmp_path: Path) -> None:
    meta = metadata(tmp_path, "License-Expression: MIT\nLicense: whatever\n")
    assert licences.declared_licence(meta) == "MIT"


def test_a_licence_text_in_the_field_gives_way_to_the_classifiers(tmp_path: Path) -> None:
    meta = metadata(tmp_path, "License: Copyright (c) someone\n        Permission is hereby granted\n"
                              "Classifier: License :: OSI Approved :: BSD License\n"
                              "Classifier: Programming Language :: Python\n")
    assert licences.declared_licence(meta) == "BSD License"


def test_no_declared_licence(tmp_path: Path) -> None:
    assert licences.declared_licence(metadata(tmp_path, "")) == ""


def test_distributions_of_bundled_modules_without_the_project() -> None:
    providers = {"yaml": ["PyYAML"], "kiosk": ["mszczonow-kiosk"], "PySide6": ["PySide6_Essentials",
                 "PySide6_Addons"], "_yaml": ["PyYAML"]}
    found = licences.distributions_of({"yaml", "_yaml", "kiosk", "PySide6", "json"}, providers,
                                      "mszczonow_kiosk")
    assert found == ["PySide6_Addons", "PySide6_Essentials", "PyYAML"]


def test_python_licences_copies_the_notices_of_the_bundled_distributions(tmp_path: Path) -> None:
    out = tmp_path / "licenses"
    (out / "stale").mkdir(parents=True)  # left from an earlier build: removed
    entries = licences.python_licences({"yaml", "markdown", "kiosk", "json"}, out, "kiosk/data/licenses/py")
    index = (out / "INDEX.txt").read_text(encoding="utf-8")
    yaml_version = importlib.metadata.version("PyYAML")
    assert f"- PyYAML {yaml_version}: MIT" in index
    assert "- Markdown " in index
    assert "kiosk" not in index.lower()  # the project itself is not a third party
    assert not (out / "stale").exists()
    copied = out / f"PyYAML-{yaml_version}" / "LICENSE"
    assert copied.is_file() and "Permission is hereby granted" in copied.read_text(encoding="utf-8")
    assert (str(copied), f"kiosk/data/licenses/py/PyYAML-{yaml_version}") in entries
    assert (str(out / "INDEX.txt"), "kiosk/data/licenses/py") in entries
    assert all(Path(source).is_file() for source, _dest in entries)


def test_system_library_paths() -> None:
    binaries = [
        ("libz.so.1", "/usr/lib/x86_64-linux-gnu/libz.so.1", "BINARY"),
        ("libpython3.11.so.1.0", f"{sys.prefix}/lib/libpython3.11.so.1.0", "BINARY"),  # not the system's
        ("PySide6/Qt/lib/libQt6Core.so.6", "/sp/PySide6/Qt/lib/libQt6Core.so.6", "BINARY"),  # not top level
        ("libz.so", "libz.so.1", "SYMLINK"),
    ]
    candidates = licences.system_library_paths(binaries, prefix=sys.prefix)
    assert candidates["/usr/lib/x86_64-linux-gnu/libz.so.1"] == "libz.so.1"
    real = os.path.realpath("/usr/lib/x86_64-linux-gnu/libz.so.1")
    assert candidates[real] == "libz.so.1"
    assert set(candidates.values()) == {"libz.so.1"}
    assert any(path.startswith("/lib/") or not path.startswith("/usr") for path in candidates)  # merged /usr


def test_packages_of_dpkg_output() -> None:
    candidates = {"/usr/lib/x86_64-linux-gnu/libz.so.1": "libz.so.1",
                  "/lib/x86_64-linux-gnu/libz.so.1": "libz.so.1",
                  "/usr/lib/x86_64-linux-gnu/libpng16.so.16": "libpng16.so.16"}
    output = ("zlib1g:amd64: /lib/x86_64-linux-gnu/libz.so.1\n"
              "libpng16-16:amd64: /usr/lib/x86_64-linux-gnu/libpng16.so.16\n"
              "diversion by foo from: /usr/lib/x86_64-linux-gnu/libz.so.1\n"
              "zlib1g:amd64: /usr/share/doc/zlib1g\n"
              "libfoo1:amd64, libfoo1:i386: /usr/lib/x86_64-linux-gnu/libpng16.so.16\n")
    assert licences.packages_of(output, candidates) == {"zlib1g": {"libz.so.1"},
                                                        "libpng16-16": {"libpng16.so.16"},
                                                        "libfoo1": {"libpng16.so.16"}}


def a_system_library() -> Path | None:
    """zlib as the dynamic loader finds it for this machine (Python itself needs it)."""
    multiarch = sysconfig.get_config_var("MULTIARCH") or ""
    result = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=False,
                            env={"PATH": "/usr/sbin:/sbin:/usr/bin:/bin"})
    found = [line.strip().partition(" => ")[2] for line in result.stdout.splitlines()
             if line.strip().startswith("libz.so.1 (")]
    found.sort(key=lambda path: multiarch not in path)
    return Path(found[0]) if found else None


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("dpkg-query") is None,
                    reason="needs Debian's dpkg")
def test_system_library_notices_on_this_machine(tmp_path: Path) -> None:
    library = a_system_library()
    if library is None:
        pytest.skip("no zlib known to the dynamic loader")
    entries = licences.system_library_notices([("libz.so.1", str(library), "BINARY")], tmp_path / "out",
                                              "kiosk/data/licenses/system-libraries")
    index = (tmp_path / "out" / "INDEX.txt").read_text(encoding="utf-8")
    assert "- zlib1g: libz.so.1" in index
    assert (tmp_path / "out" / "zlib1g.copyright").is_file()
    assert {dest for _source, dest in entries} == {"kiosk/data/licenses/system-libraries"}
    assert len(entries) == 2
