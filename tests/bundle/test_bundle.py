"""The installer bundle (issue 9), built from a clean checkout as CI does.

Builds the one-folder bundle with PyInstaller from ``build_installer.spec`` into a
temporary folder, runs ``scripts/bundle_smoke.sh`` on it (check, render, the kiosk itself,
today/search/speak/print when present, the same output as from source, in a clean
environment), and checks what a deployer relies on: the licence notices are in it and it
stays small. Slow (a PyInstaller build, ~20–60 s): skip locally with ``-m "not slow"``.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.sound import SoundServer
from tests.videos import TestVideos, add_video

ROOT = Path(__file__).resolve().parents[2]

# Issue 9 asked for at most 150 MB (150,000,000 bytes, as du counts the folder); issue 18
# raises it to 190 MB for Qt Multimedia's FFmpeg backend (sign-language video). Measured
# on Debian 12, PySide6 6.11.3: 149.1 MB before the video backend.
SIZE_LIMIT_BYTES = 190_000_000

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the smoke script is for Linux bundles"),
]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("bundle")
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
         str(ROOT / "build_installer.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=900, check=False,
    )
    assert result.returncode == 0, f"PyInstaller failed:\n{result.stdout[-3000:]}\n{result.stderr[-6000:]}"
    folder = work / "dist" / "kiosk"
    assert (folder / "kiosk").is_file()
    return folder


def folder_size(folder: Path) -> int:
    """Disk usage in bytes as ``du`` counts it (allocated blocks, links not followed)."""
    total = 0
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            total += os.lstat(os.path.join(dirpath, name)).st_blocks * 512
    return total


def test_the_built_kiosk_passes_the_smoke_test(bundle: Path) -> None:
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "bundle_smoke.sh"), str(bundle)],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_bundle_carries_its_licence_notices_and_catalogs(bundle: Path) -> None:
    internal = bundle / "_internal"
    for relative in (
        "kiosk/data/licenses/THIRD-PARTY.md",
        "kiosk/data/licenses/LGPL-3.0.txt",
        "kiosk/data/licenses/GPL-3.0.txt",
        "kiosk/data/licenses/python-packages/INDEX.txt",
        "kiosk/data/fonts/LICENSE-DejaVu.txt",
        "kiosk/data/namedays/LICENSE-source-data",
        "kiosk/data/locale/pl/LC_MESSAGES/kiosk.mo",
        "babel/locale-data/LICENSE.unicode",
    ):
        assert (internal / relative).is_file(), f"{relative} is missing from the bundle"
    index = (internal / "kiosk/data/licenses/python-packages/INDEX.txt").read_text(encoding="utf-8")
    for distribution in ("PySide6", "Markdown", "nh3", "PyYAML", "babel", "pyttsx3"):
        assert distribution.lower() in index.lower(), f"{distribution} missing from the licence index"


def test_the_bundle_leaves_out_what_the_kiosk_does_not_use(bundle: Path) -> None:
    internal = bundle / "_internal"
    babel_locales = {path.stem for path in (internal / "babel" / "locale-data").glob("*.dat")}
    assert babel_locales <= {"root", "pl", "pl_PL", "en", "en_001", "en_150", "en_US", "en_GB", "uk", "uk_UA"}
    names = {path.name for path in internal.rglob("*")}
    for unwanted in ("libQt6WebEngineCore.so.6", "libQt6Pdf.so.6", "libQt6VirtualKeyboard.so.6",
                     "libqgtk3.so", "libqeglfs.so", "libgtk-3.so.0"):
        assert unwanted not in names
    assert not (internal / "setuptools").exists(), "build tools of the build environment were bundled"


def test_the_bundle_size(bundle: Path) -> None:
    size = folder_size(bundle)
    sys.stdout.write(f"bundle size: {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB)\n")  # shown with -rA
    assert size <= SIZE_LIMIT_BYTES, f"the bundle is {size / 1e6:.1f} MB, over the 190 MB of issue 18"


def test_the_bundled_kiosk_is_heard(bundle: Path, sound_server: SoundServer) -> None:
    """Speech from the bundle reaches the sound device: Qt Multimedia works without its plugins."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(bundle.parent), "QT_QPA_PLATFORM": "offscreen",
           "PULSE_SERVER": sound_server.address, "QT_AUDIO_BACKEND": "pulseaudio"}
    with sound_server.record() as heard:
        result = subprocess.run([str(bundle / "kiosk"), "speak", "iso-9001", "--play", "--limit", "2"],
                                env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 sentences" in result.stdout and result.stdout.rstrip().endswith("on Null Output")
    assert heard.loud_seconds() > 1.0, f"heard {heard.loud_seconds():.2f} s of speech"


def test_the_bundled_kiosk_plays_sign_language_video(bundle: Path, test_videos: TestVideos,
                                                     tmp_path: Path) -> None:
    """The FFmpeg backend came along: the bundle's own player reads the videos (kiosk check
    with no ffprobe to be found) and draws their picture (kiosk render video:PAGE)."""
    content = tmp_path / "content"
    shutil.copytree(bundle / "_internal" / "kiosk" / "data" / "sample", content)
    add_video(content / "pages" / "opening-hours", test_videos.mp4, test_videos.captions)
    add_video(content / "pages" / "contact", test_videos.webm)
    shutil.copyfile(test_videos.mp4, content / "pages" / "id-card" / "pjm.webm")  # H.264 named .webm
    env = {"PATH": str(tmp_path / "no-programs"), "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    checked = subprocess.run([str(bundle / "kiosk"), "check", str(content)], env=env,
                             capture_output=True, text=True, timeout=120, check=False)
    videos = [line for line in checked.stdout.splitlines() if "pjm" in line]
    assert videos, checked.stdout
    assert all(line.startswith("pages/id-card/pjm.webm: error:") for line in videos), checked.stdout
    assert "the picture is h264, not vp9" in checked.stdout
    picture = tmp_path / "video.png"
    rendered = subprocess.run([str(bundle / "kiosk"), "render", "video:opening-hours", "-o", str(picture),
                               "--content", str(content)], env=env, capture_output=True, text=True,
                              timeout=120, check=False)
    assert rendered.returncode == 0, rendered.stdout + rendered.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(picture))
    middle = image.height() // 2
    colours = {image.pixel(x, middle) for x in range(0, image.width(), 4)}
    assert len(colours) > 8, "no video picture in the middle of the player"


def install_packages() -> list[set[str]]:
    """deploy/install.sh's PACKAGES, each entry as its set of alternatives ("new|old")."""
    script = (ROOT / "deploy" / "install.sh").read_text(encoding="utf-8")
    block = re.search(r"^PACKAGES=\((.*?)^\)", script, re.M | re.S)
    assert block, "no PACKAGES=( … ) in deploy/install.sh"
    words = " ".join(line.split("#")[0] for line in block.group(1).splitlines()).split()
    return [set(word.strip('"').split("|")) for word in words]


@functools.cache
def system_libraries() -> dict[str, str]:
    """Library name -> path, as the dynamic loader finds them (this machine's architecture)."""
    multiarch = sysconfig.get_config_var("MULTIARCH") or ""
    found: dict[str, str] = {}
    cache = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True,
                           env={"PATH": "/usr/sbin:/sbin:/usr/bin:/bin"}).stdout
    for line in cache.splitlines()[1:]:
        name, _, path = line.strip().partition(" => ")
        name = name.split(" (")[0]
        if name not in found or (multiarch in path and multiarch not in found[name]):
            found[name] = path
    return found


def owning_package(library: str) -> str:
    """The Debian package holding the system library that the loader finds for ``library``."""
    path = system_libraries().get(library, "")
    if not path:
        return ""
    real = os.path.realpath(path)
    for candidate in dict.fromkeys([path, real, real.removeprefix("/usr"), "/usr" + real]):
        found = subprocess.run(["dpkg-query", "-S", candidate], capture_output=True, text=True, check=False)
        if found.returncode == 0:
            return found.stdout.split(":")[0]
    return ""


@pytest.mark.skipif(shutil.which("dpkg-query") is None or shutil.which("objdump") is None,
                    reason="needs Debian's dpkg and binutils")
def test_what_the_bundle_needs_from_the_system_is_installed_by_the_installer(bundle: Path) -> None:
    bundled = {path.name for path in bundle.rglob("*")}
    needed: dict[str, str] = {}  # library -> a bundled file that links it
    for path in [bundle / "kiosk", *bundle.rglob("*.so*")]:
        if path.is_symlink() or not path.is_file():
            continue
        dump = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True).stdout
        for line in dump.splitlines():
            if line.strip().startswith("NEEDED"):
                needed.setdefault(line.split()[1], path.name)
    from_system = {library: source for library, source in needed.items() if library not in bundled}
    listed = set().union(*install_packages())
    base = {"libc6"}  # the C library (libc, libm, libdl, libpthread, ld-linux…): every system has it
    docs = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    unlisted, undocumented = [], []
    for library, source in sorted(from_system.items()):
        package = owning_package(library)
        assert package, f"{library} (needed by {source}) is on no Debian package of this machine"
        if package not in listed | base:
            unlisted.append(f"{library} ({package}, needed by {source})")
        if package not in base and package not in docs:
            undocumented.append(package)
    assert not unlisted, "not installed by deploy/install.sh: " + ", ".join(unlisted)
    assert not undocumented, "not named in docs/deploy.md: " + ", ".join(sorted(set(undocumented)))
    # … and what the spec leaves out on purpose is indeed taken from the system.
    assert {"libpulse.so.0", "libdbus-1.so.3", "libcrypto.so.3", "libcups.so.2"} <= set(from_system)
