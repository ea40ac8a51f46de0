"""The licence notices of what the bundle carries, gathered at build time.

Python distributions ship their licence files in their ``.dist-info``; system libraries
that PyInstaller copied from a Debian build machine have their copyright file under
``/usr/share/doc/<package>/``. Both are copied into a work folder and listed in an
``INDEX.txt``; the spec places that folder in the bundle.
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from importlib.metadata import PackageMetadata
from pathlib import Path, PurePath, PurePosixPath

from packaging_rules import DataFile, TocEntry

LICENCE_FILE = re.compile(r"(^|/)(licen[cs]es?|copying|notice|authors)([.-]|/|$)", re.IGNORECASE)
SOURCE_SUFFIXES = frozenset({".py", ".pyc", ".pyi"})
DPKG_QUERY = "dpkg-query"


def is_licence_file(path: PurePath | str) -> bool:
    """A licence, copying, notice or authors file, or a file in a ``licenses/`` folder (not code)."""
    path = PurePath(path)
    return bool(LICENCE_FILE.search(path.as_posix())) and path.suffix not in SOURCE_SUFFIXES


def field(meta: PackageMetadata, name: str) -> str:
    """A metadata field, "" when the distribution does not have it."""
    values = meta.get_all(name) or [""]
    return str(values[0])


def declared_licence(meta: PackageMetadata) -> str:
    """A distribution's licence in one short line: its expression, its field or its classifiers.

    Some distributions put the whole licence text in the ``License`` field; then the
    classifiers say it better.
    """
    declared = field(meta, "License-Expression") or field(meta, "License")
    if not declared or len(declared) > 80 or "\n" in declared:
        classifiers = [str(c).split("::")[-1].strip() for c in meta.get_all("Classifier") or []
                       if str(c).startswith("License ::")]
        declared = ", ".join(classifiers) or declared.split("\n")[0][:80]
    return declared


def distributions_of(top_level: Iterable[str], providers: Mapping[str, list[str]], skip: str) -> list[str]:
    """The distributions providing the given top-level modules, without the project (``skip``)."""
    normal = skip.lower().replace("-", "_")
    names = {dist for module in top_level for dist in providers.get(module, [])}
    return sorted(name for name in names if name.lower().replace("-", "_") != normal)


def as_data(out_root: Path, dest: str) -> list[DataFile]:
    """Every file under ``out_root`` as ``datas`` entries under ``dest``, folders kept."""
    return [(str(path), str(PurePosixPath(dest, *path.relative_to(out_root).parent.parts)))
            for path in sorted(out_root.rglob("*")) if path.is_file()]


def python_licences(top_level: Iterable[str], out_root: Path, dest: str,
                    *, project: str = "mszczonow-kiosk") -> list[DataFile]:
    """Copy the licence files of every installed distribution providing a bundled module.

    Writes ``out_root/<Name>-<version>/<file>`` and ``out_root/INDEX.txt`` (one line per
    distribution with its declared licence), plus the licence of the Python runtime,
    which is in the bundle too; returns them as ``datas`` entries under ``dest``.
    """
    shutil.rmtree(out_root, ignore_errors=True)
    out_root.mkdir(parents=True)
    index = ["Python distributions in this bundle and their declared licences", ""]
    providers = importlib.metadata.packages_distributions()
    for name in distributions_of(top_level, providers, project):
        dist = importlib.metadata.distribution(name)
        meta = dist.metadata
        index.append(f"- {meta['Name']} {meta['Version']}: {declared_licence(meta) or 'see files'}")
        for file in dist.files or []:
            if not is_licence_file(file):
                continue
            source = Path(str(dist.locate_file(file)))
            if not source.is_file():
                continue
            target = out_root / f"{meta['Name']}-{meta['Version']}" / file.name
            if target.exists():  # two files with one name (rare): keep both
                target = target.with_name(f"{file.parent.name}-{file.name}")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    version = sys.version.split()[0]
    stdlib = Path(sys.base_prefix) / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (stdlib / "LICENSE.txt", Path(sys.base_prefix) / "LICENSE.txt"):
        if candidate.is_file():
            target = out_root / f"Python-{version}" / "LICENSE.txt"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(candidate, target)
            index.append(f"- Python {version}: PSF-2.0")
            break
    (out_root / "INDEX.txt").write_text("\n".join(index) + "\n", encoding="utf-8")
    return as_data(out_root, dest)


def system_library_paths(binaries: Iterable[TocEntry], prefix: str = sys.prefix) -> dict[str, str]:
    """Paths under which dpkg may know each system library copied into the bundle -> its name.

    Only top-level libraries copied from outside the Python installation (``prefix``)
    come from the system; Debian's merged /usr means a file may be registered with or
    without the ``/usr`` in front.
    """
    candidates: dict[str, str] = {}
    for dest, src, kind in binaries:
        if kind == "SYMLINK" or len(PurePath(dest).parts) != 1 or src.startswith(prefix):
            continue
        real = os.path.realpath(src)
        other = real.removeprefix("/usr") if real.startswith("/usr/") else "/usr" + real
        for path in (src, real, other):
            candidates[path] = PurePath(dest).name
    return candidates


def packages_of(dpkg_output: str, candidates: Mapping[str, str]) -> dict[str, set[str]]:
    """``dpkg-query -S`` output -> Debian package -> the bundled libraries it provided."""
    packages: dict[str, set[str]] = {}
    for line in dpkg_output.splitlines():
        if line.startswith("diversion by "):  # "diversion by PKG from|to: PATH", not ownership
            continue
        owners, _, path = line.partition(": ")
        if path.strip() not in candidates:
            continue
        for package in owners.split(", "):  # a path shared by several packages lists them all
            packages.setdefault(package.split(":")[0], set()).add(candidates[path.strip()])
    return packages


def system_library_notices(binaries: Iterable[TocEntry], out_root: Path, dest: str,
                           *, doc_root: Path = Path("/usr/share/doc")) -> list[DataFile]:
    """Debian copyright files of the system libraries PyInstaller copied from the build machine.

    Nothing on a machine without dpkg (another distribution, Windows, macOS).
    """
    if not sys.platform.startswith("linux") or shutil.which(DPKG_QUERY) is None:
        return []
    candidates = system_library_paths(binaries)
    result = subprocess.run([DPKG_QUERY, "-S", *sorted(candidates)],
                            capture_output=True, text=True, check=False)
    shutil.rmtree(out_root, ignore_errors=True)
    out_root.mkdir(parents=True)
    index = ["System libraries copied from the build machine (Debian packages) and their copyright files", ""]
    for package, libraries in sorted(packages_of(result.stdout, candidates).items()):
        copyright_file = doc_root / package / "copyright"
        if copyright_file.is_file():
            shutil.copyfile(copyright_file, out_root / f"{package}.copyright")
        index.append(f"- {package}: {', '.join(sorted(libraries))}")
    (out_root / "INDEX.txt").write_text("\n".join(index) + "\n", encoding="utf-8")
    return as_data(out_root, dest)
