"""The data files the spec hands to PyInstaller: the data root and the compiled catalogs."""

from __future__ import annotations

import gettext
import textwrap
from pathlib import Path

from babel.messages.pofile import read_po

from kiosk import paths
from packaging_rules import datafiles

PO = textwrap.dedent('''\
    msgid ""
    msgstr ""
    "Content-Type: text/plain; charset=UTF-8\\n"
    "Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"

    msgid "Home"
    msgstr "Start"

    msgid "%(n)d page"
    msgid_plural "%(n)d pages"
    msgstr[0] "%(n)d strona"
    msgstr[1] "%(n)d strony"
    msgstr[2] "%(n)d stron"
    ''')


def test_catalogs_are_compiled_into_the_work_folder(tmp_path: Path) -> None:
    """Plural forms come from Babel's data for the catalog's language (Polish: three)."""
    source = tmp_path / "locale"
    (source / "pl" / "LC_MESSAGES").mkdir(parents=True)
    (source / "pl" / "LC_MESSAGES" / "kiosk.po").write_text(PO, encoding="utf-8")
    entries = datafiles.compile_catalogs(source, tmp_path / "work", "kiosk/data/locale")
    compiled = tmp_path / "work" / "pl" / "LC_MESSAGES" / "kiosk.mo"
    assert entries == [(str(compiled), "kiosk/data/locale/pl/LC_MESSAGES")]
    assert not (source / "pl" / "LC_MESSAGES" / "kiosk.mo").exists(), "the source folder is left alone"
    catalog = gettext.translation("kiosk", tmp_path / "work", languages=["pl"])
    assert catalog.gettext("Home") == "Start"
    assert [catalog.ngettext("%(n)d page", "%(n)d pages", n) % {"n": n} for n in (1, 3, 5)] == [
        "1 strona", "3 strony", "5 stron"]


def test_a_catalog_without_its_po_is_shipped_as_it_is(tmp_path: Path) -> None:
    only_mo = tmp_path / "locale" / "yy" / "LC_MESSAGES" / "kiosk.mo"
    only_mo.parent.mkdir(parents=True)
    only_mo.write_bytes(b"\xde\x12\x04\x95")
    entries = datafiles.compile_catalogs(tmp_path / "locale", tmp_path / "work", "kiosk/data/locale")
    assert entries == [(str(only_mo), "kiosk/data/locale/yy/LC_MESSAGES")]


def test_the_kiosk_catalogs_compile_to_what_the_po_says(tmp_path: Path) -> None:
    entries = datafiles.compile_catalogs(paths.locale_dir(), tmp_path, "kiosk/data/locale")
    assert ("kiosk/data/locale/pl/LC_MESSAGES") in {dest for _source, dest in entries}
    compiled = gettext.translation("kiosk", tmp_path, languages=["pl"])
    with (paths.locale_dir() / "pl" / "LC_MESSAGES" / "kiosk.po").open("rb") as stream:
        po = read_po(stream, locale="pl")
    singular = [message for message in po
                if message.id and isinstance(message.id, str) and not message.context]
    assert singular
    for message in singular:
        assert compiled.gettext(message.id) == message.string


def test_data_tree_keeps_folders_and_leaves_out_leftovers_and_skipped_folders(tmp_path: Path) -> None:
    root = tmp_path / "data"
    for relative in ("fonts/a.ttf", "sample/pages/x/pl.md", "top.txt", "locale/pl/LC_MESSAGES/kiosk.po",
                     "sample/__pycache__/m.cpython-311.pyc", "sample/pages/x/pl.md~", "sample/.#pl.md",
                     "sample/pages/x/.pl.md.swp", "old.pyc"):
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text("x", encoding="utf-8")
    entries = datafiles.data_tree(root, "kiosk/data", skip=frozenset({"locale"}))
    assert sorted(entries) == sorted([
        (str(root / "fonts/a.ttf"), "kiosk/data/fonts"),
        (str(root / "sample/pages/x/pl.md"), "kiosk/data/sample/pages/x"),
        (str(root / "top.txt"), "kiosk/data"),
    ])


def test_the_kiosk_data_root_goes_in_whole() -> None:
    entries = datafiles.data_tree(paths.data_dir(), "kiosk/data", skip=frozenset({"locale"}))
    places = {f"{dest}/{Path(source).name}" for source, dest in entries}
    for expected in ("kiosk/data/fonts/DejaVuSans.ttf", "kiosk/data/namedays/pl_namedays.json",
                     "kiosk/data/sample/site.toml", "kiosk/data/licenses/THIRD-PARTY.md",
                     "kiosk/data/sample/pages/iso-9001/pl.md"):
        assert expected in places
    assert not any("/locale/" in place for place in places)
