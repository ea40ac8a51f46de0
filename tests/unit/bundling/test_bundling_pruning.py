"""Pruning PyInstaller's lists: the spec's rules applied to (dest, src, kind) tuples."""

from __future__ import annotations

import ast
import logging
import re
import shutil
import sys
from collections.abc import Callable, Mapping

import pytest

from packaging_rules import TocEntry, pruning
from tests.unit.bundling.conftest import spec_tree

QT_LIB = "PySide6/Qt/lib"
PLUGINS = "PySide6/Qt/plugins"


def binary(dest: str, kind: str = "BINARY") -> TocEntry:
    return (dest, f"/site-packages/{dest}", kind)


def fake_links(graph: Mapping[str, set[str]]) -> Callable[[str], set[str]]:
    """``links`` for slim_binaries: what a source file links against, by its file name."""
    return lambda src: graph.get(src.rsplit("/", 1)[-1], set())


def names(entries: list[TocEntry]) -> set[str]:
    return {dest.rsplit("/", 1)[-1] for dest, _src, _kind in entries}


# --------------------------------------------------------------------------- the spec


def test_the_spec_only_declares_and_calls() -> None:
    """Logic belongs in packaging_rules (linted, typed, tested), not in the spec."""
    tree = spec_tree()
    logic = [node for node in ast.walk(tree)
             if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.While
                           | ast.For | ast.Lambda)]
    assert not logic, [f"line {node.lineno}: {type(node).__name__}" for node in logic]


@pytest.mark.parametrize("library", [
    "libcups.so.2", "libssl.so.3", "libcrypto.so.3", "libpulse.so.0", "libdbus-1.so.3",
    "libgssapi_krb5.so.2", f"{QT_LIB}/libcups.so.2",
])
def test_system_only_libraries_are_never_bundled(spec_rules: pruning.Rules, library: str) -> None:
    assert pruning.is_system_only(library, spec_rules)
    assert not pruning.binary_wanted(library, spec_rules)


@pytest.mark.parametrize("library", [
    "libcrypt.so.1",  # libxcrypt, not OpenSSL's libcrypto
    "libcupsimage.so.2", "libdbus-glib-1.so.2", "libsslx.so", "libQt6Core.so.6", "libespeak-ng.so.1",
    "libz.so.1", "libpython3.11.so.1.0",
])
def test_other_libraries_are_not_system_only(spec_rules: pruning.Rules, library: str) -> None:
    assert not pruning.is_system_only(library, spec_rules)
    assert pruning.binary_wanted(library, spec_rules)


# --------------------------------------------------------------------------- single files


@pytest.mark.parametrize(("dest", "part"), [
    (f"{PLUGINS}/platforms/libqxcb.so", ("plugins", "platforms", "libqxcb.so")),
    (f"{QT_LIB}/libQt6Core.so.6", ("lib", "libQt6Core.so.6")),
    ("PySide6/Qt/translations/qtbase_pl.qm", ("translations", "qtbase_pl.qm")),
    ("PySide6/plugins/platforms/qwindows.dll", ("plugins", "platforms", "qwindows.dll")),  # Windows wheel
    ("PySide6/Qt6Core.dll", ("lib", "Qt6Core.dll")),
    ("PySide6/QtCore.abi3.so", None),
    ("babel/locale-data/pl.dat", None),
    ("", None),
])
def test_qt_part(dest: str, part: tuple[str, ...] | None) -> None:
    assert pruning.qt_part(dest) == part


@pytest.mark.parametrize(("dest", "kept"), [
    ("babel/locale-data/pl.dat", True),
    ("babel/locale-data/root.dat", True),
    ("babel/locale-data/en_GB.dat", True),
    ("babel/locale-data/de.dat", False),
    ("babel/locale-data/pl_XX.dat", False),
    ("babel/locale-data/LICENSE.unicode", True),
    ("PySide6/Qt/translations/qtbase_pl.qm", True),
    ("PySide6/Qt/translations/qtbase_en.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/translations/qt_pl.qm", True),
    ("PySide6/Qt/qml/QtQuick/qmldir", False),
    ("PySide6/Qt/resources/qtwebengine_resources.pak", False),
    ("kiosk/data/fonts/DejaVuSans.ttf", True),
    ("pymorphy3_dicts_ru/data/words.dawg", False),
    ("pymorphy3_dicts_uk/data/words.dawg", False),  # packed into kiosk/data/morphology
    ("tzdata/zoneinfo/Europe/Warsaw", True),
    ("tzdata/zoneinfo/America/New_York", False),
])
def test_keep_data(spec_rules: pruning.Rules, dest: str, kept: bool) -> None:
    assert pruning.keep_data(dest, spec_rules) is kept


@pytest.mark.parametrize(("dest", "wanted"), [
    (f"{PLUGINS}/platforms/libqxcb.so", True),
    (f"{PLUGINS}/platforms/libqoffscreen.so", True),
    (f"{PLUGINS}/platforms/libqminimal.so", True),
    (f"{PLUGINS}/platforms/libqminimalegl.so", False),
    (f"{PLUGINS}/platforms/libqeglfs.so", False),
    (f"{PLUGINS}/platforms/libqvnc.so", False),
    (f"{PLUGINS}/platformthemes/libqgtk3.so", False),  # a folder that is not listed
    (f"{PLUGINS}/multimedia/libffmpegmediaplugin.so", True),  # sign-language video (issue 18)
    (f"{PLUGINS}/multimedia/libgstreamermediaplugin.so", False),
    ("PySide6/plugins/multimedia/ffmpegmediaplugin.dll", True),
    (f"{PLUGINS}/xcbglintegrations/libqxcb-glx-integration.so", True),  # every plugin of the folder
    (f"{PLUGINS}/imageformats/libqjpeg.so", True),
    (f"{PLUGINS}/imageformats/libqpdf.so", False),
    (f"{PLUGINS}/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
    (f"{PLUGINS}/platforminputcontexts/libcomposeplatforminputcontextplugin.so", True),
    ("PySide6/plugins/platforms/qwindows.dll", True),
    ("PySide6/Qt/qml/QtQuick/libqtquick2plugin.so", False),
    ("rapidfuzz/distance/metrics_cpp_avx2.cpython-311-x86_64-linux-gnu.so", False),
    ("rapidfuzz/distance/metrics_cpp.cpython-311-x86_64-linux-gnu.so", True),
    (f"{QT_LIB}/libQt6Widgets.so.6", True),
    ("PySide6/QtWidgets.abi3.so", True),
])
def test_binary_wanted(spec_rules: pruning.Rules, dest: str, wanted: bool) -> None:
    assert pruning.binary_wanted(dest, spec_rules) is wanted


def test_library_names() -> None:
    assert pruning.is_library_name("Qt6Core.dll") and pruning.is_library_name("libz.so.1")
    assert pruning.is_library_name("libfoo.dylib") and not pruning.is_library_name("base_library.zip")


# --------------------------------------------------------------------------- the whole list

GRAPH = {
    "libqxcb.so": {"libQt6XcbQpa.so.6", "libQt6Gui.so.6"},
    "libQt6XcbQpa.so.6": {"libQt6Gui.so.6", "libxcb-cursor.so.0"},
    "libqgtk3.so": {"libgtk-3.so.0", "libQt6Gui.so.6"},
    "libgtk-3.so.0": {"libcairo.so.2", "libcups.so.2"},
    "libqeglfs.so": {"libQt6EglFSDeviceIntegration.so.6"},
    "libqtquick2plugin.so": {"libQt6Quick.so.6"},
    "QtGui.abi3.so": {"libQt6Gui.so.6", "libpyside6.abi3.so.6.11"},
    "libQt6Gui.so.6": {"libQt6Core.so.6"},
    "libpyside6.abi3.so.6.11": {"libQt6Core.so.6"},
}
BINARIES = [
    binary(f"{PLUGINS}/platforms/libqxcb.so"),
    binary(f"{PLUGINS}/platforms/libqeglfs.so"),
    binary(f"{PLUGINS}/platformthemes/libqgtk3.so"),
    binary("PySide6/Qt/qml/QtQuick/libqtquick2plugin.so"),
    binary("PySide6/QtGui.abi3.so", "EXTENSION"),
    binary("PySide6/libpyside6.abi3.so.6.11"),
    binary(f"{QT_LIB}/libQt6Gui.so.6"),
    binary(f"{QT_LIB}/libQt6Core.so.6"),
    binary(f"{QT_LIB}/libQt6XcbQpa.so.6"),
    binary(f"{QT_LIB}/libQt6EglFSDeviceIntegration.so.6"),
    binary(f"{QT_LIB}/libQt6Quick.so.6"),
    ("libgtk-3.so.0", "/usr/lib/x86_64-linux-gnu/libgtk-3.so.0", "BINARY"),
    ("libcairo.so.2", "/usr/lib/x86_64-linux-gnu/libcairo.so.2", "BINARY"),
    ("libcups.so.2", "/usr/lib/x86_64-linux-gnu/libcups.so.2", "BINARY"),
    ("libxcb-cursor.so.0", "/usr/lib/x86_64-linux-gnu/libxcb-cursor.so.0", "BINARY"),
    ("libespeak-helper.so.1", "/usr/lib/libespeak-helper.so.1", "BINARY"),  # ctypes: linked by nothing
    # a link to a kept library and one to a library that goes
    ("libxcb-cursor.so", "libxcb-cursor.so.0", "SYMLINK"),
    ("libgtk-3.so", "libgtk-3.so.0", "SYMLINK"),
]


def test_slim_binaries_drops_unwanted_files_and_what_only_they_needed(spec_rules: pruning.Rules) -> None:
    kept = pruning.slim_binaries(BINARIES, spec_rules, fake_links(GRAPH), platform="linux")
    assert names(kept) == {
        "libqxcb.so", "QtGui.abi3.so", "libpyside6.abi3.so.6.11", "libQt6Gui.so.6", "libQt6Core.so.6",
        "libQt6XcbQpa.so.6", "libxcb-cursor.so.0", "libxcb-cursor.so", "libespeak-helper.so.1",
    }
    assert kept == [entry for entry in BINARIES if entry in kept], "entries and their order unchanged"


def test_a_library_that_a_kept_file_needs_stays_even_when_a_dropped_one_needs_it(
        spec_rules: pruning.Rules) -> None:
    graph = {**GRAPH, "libqxcb.so": GRAPH["libqxcb.so"] | {"libcairo.so.2"}}
    kept = names(pruning.slim_binaries(BINARIES, spec_rules, fake_links(graph), platform="linux"))
    assert "libcairo.so.2" in kept
    assert "libgtk-3.so.0" not in kept and "libcups.so.2" not in kept  # SYSTEM_ONLY beats being needed


def test_a_link_counts_as_its_target(spec_rules: pruning.Rules) -> None:
    """A plugin that links the unversioned name keeps the versioned library behind it."""
    graph = {**GRAPH, "libqxcb.so": {"libcairo.so"}}
    entries = [*BINARIES, ("libcairo.so", "libcairo.so.2", "SYMLINK")]
    kept = names(pruning.slim_binaries(entries, spec_rules, fake_links(graph), platform="linux"))
    assert {"libcairo.so", "libcairo.so.2"} <= kept


def test_an_unwanted_qt_library_kept_for_a_kept_file_is_named_in_the_log(
        spec_rules: pruning.Rules, caplog: pytest.LogCaptureFixture) -> None:
    graph = {**GRAPH, "libqxcb.so": GRAPH["libqxcb.so"] | {"libQt6Quick.so.6"}}
    with caplog.at_level(logging.INFO, logger="packaging_rules"):
        kept = names(pruning.slim_binaries(BINARIES, spec_rules, fake_links(graph), platform="linux"))
    assert "libQt6Quick.so.6" in kept
    assert "keeping libQt6Quick.so.6: libqxcb.so links against it" in caplog.text


def test_on_macos_only_the_first_cut_applies(spec_rules: pruning.Rules) -> None:
    kept = names(pruning.slim_binaries(BINARIES, spec_rules, fake_links(GRAPH), platform="darwin"))
    assert "libgtk-3.so.0" in kept  # nothing is followed through links there
    assert not {"libqgtk3.so", "libqeglfs.so", "libcups.so.2"} & kept


def test_prune_datas_drops_data_and_links_to_libraries_that_went(spec_rules: pruning.Rules) -> None:
    datas = [
        ("babel/locale-data/pl.dat", "/sp/babel/locale-data/pl.dat", "DATA"),
        ("babel/locale-data/fr.dat", "/sp/babel/locale-data/fr.dat", "DATA"),
        ("PySide6/Qt/translations/qtbase_fr.qm", "/sp/qtbase_fr.qm", "DATA"),
        ("libQt6Core.so.6", f"{QT_LIB}/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Quick.so.6", f"{QT_LIB}/libQt6Quick.so.6", "SYMLINK"),
        ("kiosk/data/sample", "kiosk/data/sample-link", "SYMLINK"),  # not a library: stays
    ]
    binaries = [binary(f"{QT_LIB}/libQt6Core.so.6")]
    assert [dest for dest, _src, _kind in pruning.prune_datas(datas, spec_rules, binaries)] == [
        "babel/locale-data/pl.dat", "libQt6Core.so.6", "kiosk/data/sample",
    ]


def test_top_level_modules() -> None:
    pure = [("kiosk.app", "/src/kiosk/app.py", "PYMODULE"), ("yaml", "/sp/yaml/__init__.py", "PYMODULE")]
    binaries = [binary("PySide6/QtCore.abi3.so", "EXTENSION"), binary("libz.so.1"),
                binary("rapidfuzz/fuzz_cpp.cpython-311-x86_64-linux-gnu.so", "EXTENSION")]
    assert pruning.top_level_modules(pure, binaries) == {"kiosk", "yaml", "PySide6", "rapidfuzz"}


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("objdump") is None,
                    reason="needs Linux and binutils' objdump")
def test_linked_names_reads_the_direct_dependencies_of_a_real_file() -> None:
    ls = shutil.which("ls")
    assert ls is not None
    linked = pruning.linked_names(ls)
    assert any(re.fullmatch(r"libc\.so\.\d+", name) for name in linked), linked
    assert pruning.linked_names("/nonexistent/libnothing.so") == set()
