"""The data files the spec hands to PyInstaller: a folder tree, and compiled catalogs."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from packaging_rules import DataFile

EDITOR_SUFFIXES = frozenset({".pyc", ".swp"})


def is_leftover(path: Path) -> bool:
    """A file no one meant to ship: caches and editor leftovers."""
    return (
        "__pycache__" in path.parts
        or path.name.startswith(".#")
        or path.name.endswith("~")
        or path.suffix in EDITOR_SUFFIXES
    )


def data_tree(source: Path, dest: str, *, skip: frozenset[str] = frozenset()) -> list[DataFile]:
    """Every file under ``source`` placed under ``dest`` with its folders kept.

    ``skip`` names first-level folders of ``source`` left out (e.g. ``locale``, whose
    catalogs ``compile_catalogs`` provides).
    """
    out: list[DataFile] = []
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if not path.is_file() or is_leftover(relative) or relative.parts[0] in skip:
            continue
        out.append((str(path), str(PurePosixPath(dest, *relative.parent.parts))))
    return out


def compile_catalogs(locale_src: Path, out_dir: Path, dest: str) -> list[DataFile]:
    """Compile ``<lang>/LC_MESSAGES/<domain>.po`` under ``locale_src`` into ``out_dir``.

    Compiled at build time from the ``.po``, so the bundle never ships a stale ``.mo``.
    A catalog that exists only compiled (no ``.po`` beside it) is shipped as it is.
    """
    out: list[DataFile] = []
    for po_path in sorted(locale_src.glob("*/LC_MESSAGES/*.po")):
        relative = po_path.relative_to(locale_src).with_suffix(".mo")
        mo_path = out_dir / relative
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=relative.parts[0], domain=po_path.stem)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog)
        out.append((str(mo_path), str(PurePosixPath(dest, *relative.parent.parts))))
    for mo_path in sorted(locale_src.glob("*/LC_MESSAGES/*.mo")):
        if not mo_path.with_suffix(".po").exists():
            relative = mo_path.relative_to(locale_src)
            out.append((str(mo_path), str(PurePosixPath(dest, *relative.parent.parts))))
    return out


def pack_folder(source: Path, archive: Path) -> Path:
    """``source`` as a tar.xz (its folder name at the top), rebuilt only when missing.

    Large read-only data the kiosk unpacks once on first use (the Ukrainian morphology
    dictionary: 14 MB as files, 6.8 MB packed) keeps the bundle under its size limit.
    """
    import tarfile

    if not archive.is_file():
        archive.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive, "w:xz", preset=9) as tar:
            for path in sorted(source.rglob("*")):
                if path.is_file() and not is_leftover(path) and "__pycache__" not in path.parts:
                    name = PurePosixPath(source.name) / path.relative_to(source).as_posix()
                    tar.add(path, arcname=str(name))
    return archive
