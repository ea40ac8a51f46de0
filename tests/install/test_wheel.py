"""A normal install (a wheel, as ``pip install .`` makes) carries every bundled file.

Builds the wheel from the files a clean clone would have, installs it into a fresh
virtual environment and runs ``kiosk today``, ``kiosk check`` and ``kiosk render`` there,
from a folder outside the repository with a clean environment: name days shown, no
error and no warning that the same command from source does not give, a PNG written.

Offline by design, so that it runs on a machine without network:
- the wheel is built with ``--no-build-isolation`` from this environment's setuptools (a
  pinned dev dependency), because an isolated build downloads setuptools from an index;
- the fresh environment gets only the kiosk from the wheel (``--no-deps --no-index``); its
  dependencies, hundreds of MB of Qt, are the ones already installed here, reached through
  a ``.pth`` file that appends this environment's site-packages to ``sys.path``. Python
  processes ``.pth`` files only in site directories, so the editable install of the source
  tree that lives in that folder stays inert, and the test checks that ``kiosk`` is
  imported from the wheel.
"""

from __future__ import annotations

import gettext
import importlib.metadata
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest
from babel.messages.pofile import read_po

from packaging_rules.datafiles import is_leftover

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "kiosk" / "data"
CATALOG = "kiosk/data/locale/pl/LC_MESSAGES/kiosk.mo"
# What the kiosk cannot do without (fonts, name days, sample content, licences, the catalog).
EXPECTED = ("fonts/DejaVuSans.ttf", "fonts/DejaVuSans-Bold.ttf", "namedays/pl_namedays.json",
            "namedays/pl_namedays_genitive.json", "sample/site.toml", "sample/pages/iso-9001/pl.md",
            "licenses/THIRD-PARTY.md", "locale/pl/LC_MESSAGES/kiosk.mo")
# Lines that must never appear in the output of a command run from the installed wheel.
FORBIDDEN = re.compile(r"cannot read bundled|Traceback|\bERROR\b|\bCRITICAL\b|: error:", re.IGNORECASE)
PROBLEM = re.compile(r"\b(WARNING|ERROR|CRITICAL)\b|: (warning|error):|Traceback")
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2} [\d:,]+ ")

pytestmark = pytest.mark.skipif(sys.platform.startswith("win"), reason="venv layout of POSIX systems")


def source_files() -> list[Path]:
    """The files a clean clone has (tracked or about to be added, not ignored), as on disk."""
    if shutil.which("git") and (ROOT / ".git").exists():
        listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                                cwd=ROOT, capture_output=True, text=True, check=True).stdout
        return [ROOT / name for name in listed.split("\0") if name and (ROOT / name).is_file()]
    skip = {".git", ".venv", "build", "dist", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}
    return [path for path in ROOT.rglob("*")
            if path.is_file() and not skip & set(path.relative_to(ROOT).parts)]


def build_requirements_met() -> bool:
    """Whether this environment can build the wheel itself (pyproject's build-system)."""
    try:
        return int(importlib.metadata.version("setuptools").split(".")[0]) >= 77
    except importlib.metadata.PackageNotFoundError:
        return False


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    kiosk: Path  # the console script the wheel installed
    run_dir: Path
    env: dict[str, str]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    work = tmp_path_factory.mktemp("wheel")
    clone = work / "clone"
    for path in source_files():
        target = clone / path.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work / "dist"), str(clone)]
    if build_requirements_met():
        build.insert(5, "--no-build-isolation")
    result = subprocess.run(build, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, f"pip wheel failed:\n{result.stdout}\n{result.stderr}"
    (wheel,) = (work / "dist").glob("mszczonow_kiosk-*.whl")

    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    result = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                             "--no-deps", "--no-index", str(wheel)],
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, f"pip install failed:\n{result.stdout}\n{result.stderr}"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (Path(site) / "zz-kiosk-test-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n",
                                                               encoding="utf-8")

    run_dir = work / "elsewhere"  # outside the repository: nothing found relative to the cwd
    (run_dir / "home").mkdir(parents=True)
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(run_dir / "home"),
           "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
    yield Installed(wheel, venv, venv / "bin" / "kiosk", run_dir, env)
    shutil.rmtree(work, ignore_errors=True)


def run(installed: Installed, program: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(program), *args], cwd=installed.run_dir, env=installed.env,
                          capture_output=True, text=True, timeout=120, check=False)


def problems(output: str) -> set[str]:
    return {TIMESTAMP.sub("", line) for line in output.splitlines() if PROBLEM.search(line)}


def run_both(installed: Installed, *args: str,
             source_args: tuple[str, ...] | None = None) -> subprocess.CompletedProcess[str]:
    """Run from the wheel and from source (with ``source_args`` if given): the wheel's run
    succeeds with no error line and no warning the source's run does not give."""
    from_wheel = run(installed, installed.kiosk, *args)
    output = from_wheel.stdout + from_wheel.stderr
    assert from_wheel.returncode == 0, f"kiosk {' '.join(args)} exited {from_wheel.returncode}:\n{output}"
    forbidden = [line for line in output.splitlines() if FORBIDDEN.search(line)]
    assert not forbidden, f"kiosk {' '.join(args)} from the wheel:\n" + "\n".join(forbidden)
    from_source = run(installed, Path(sys.executable).parent / "kiosk", *(source_args or args))
    extra = problems(output) - problems(from_source.stdout + from_source.stderr)
    assert not extra, f"kiosk {' '.join(args)}: only from the wheel:\n" + "\n".join(sorted(extra))
    return from_wheel


def test_the_wheel_carries_the_whole_data_root(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        in_wheel = {name for name in wheel.namelist() if name.startswith("kiosk/data/")}
        in_source = {str(PurePosixPath("kiosk/data", path.relative_to(DATA).as_posix()))
                     for path in source_files() if path.is_relative_to(DATA) and not is_leftover(path)}
        assert in_source - in_wheel == set(), "bundled files missing from the wheel"
        for expected in EXPECTED:
            assert f"kiosk/data/{expected}" in in_wheel
        catalog = gettext.GNUTranslations(wheel.open(CATALOG))
    # The compiled catalog in the wheel says what the .po says (setuptools copies it; nothing compiles it).
    with (DATA / "locale" / "pl" / "LC_MESSAGES" / "kiosk.po").open("rb") as stream:
        po = read_po(stream, locale="pl")
    for message in po:
        if message.id and isinstance(message.id, str) and not message.context:
            assert catalog.gettext(message.id) == message.string, message.id


def test_the_compiled_catalog_is_committed() -> None:
    """The wheel copies kiosk.mo as it is, so a clean clone must have it."""
    if not (shutil.which("git") and (ROOT / ".git").exists()):
        pytest.skip("not a git checkout")
    tracked = subprocess.run(["git", "ls-files", "--error-unmatch", CATALOG], cwd=ROOT,
                             capture_output=True, text=True, check=False)
    assert tracked.returncode == 0, f"{CATALOG} is not committed: a clean clone's wheel has no Polish"


def test_the_kiosk_runs_from_the_wheel_not_the_source_tree(installed: Installed) -> None:
    result = run(installed, installed.venv / "bin" / "python", "-c",
                 "import kiosk, kiosk.paths as p; print(kiosk.__file__); print(p.data_dir())")
    assert result.returncode == 0, result.stderr
    module, data = result.stdout.splitlines()
    assert Path(module).is_relative_to(installed.venv), module
    assert Path(data).is_relative_to(installed.venv) and Path(data, "fonts", "DejaVuSans.ttf").is_file()


def test_today_shows_the_name_days(installed: Installed) -> None:
    result = run_both(installed, "today", "--date", "2026-06-26", "--time", "10:00")
    assert "imieniny: Jana, Pawła" in result.stdout  # both name-day files: nominative and genitive
    assert re.search(r"imieniny: \w+", run_both(installed, "today").stdout)


def test_check_passes_on_the_bundled_content(installed: Installed) -> None:
    result = run_both(installed, "check")
    assert "OK: 0 errors" in result.stdout


def test_render_writes_the_home_screen(installed: Installed) -> None:
    run_both(installed, "render", "home", "-o", "x.png", source_args=("render", "home", "-o", "source.png"))
    png = installed.run_dir / "x.png"
    assert png.is_file() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 20_000
