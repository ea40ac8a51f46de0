"""Short sign-language test videos, made with the ``ffmpeg`` program.

The sample content ships no video (an office records its own), so the tests make
their own: a 2-3 s test picture at a tiny size with a tone (so that sound can be heard
on the test sound server), in both formats the kiosk takes, and WebVTT captions.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

CAPTIONS = """\
WEBVTT

intro
00:00.000 --> 00:01.000
Urząd jest otwarty
od poniedziałku do piątku.

NOTE the second cue carries markup the kiosk drops

00:01.000 --> 00:02.500
<v Tłumaczka>W poniedziałek <b>do 17:00</b>.</v>
"""
CUE_TEXTS = ("Urząd jest otwarty\nod poniedziałku do piątku.", "W poniedziałek do 17:00.")


@dataclass(frozen=True)
class TestVideos:
    mp4: Path  # H.264/AAC, 3 s, 440 Hz tone
    webm: Path  # VP9/Opus, 2 s, 660 Hz tone
    captions: Path  # WebVTT for the mp4
    silent_mp4: Path  # H.264, no sound track, 2 s

    __test__ = False  # not a test class for pytest


def ffmpeg_reason() -> str:
    """Why the test videos cannot be made ("" when they can)."""
    if shutil.which("ffmpeg") is None:
        return "the ffmpeg program is not installed (Debian: ffmpeg; scripts/setup.sh installs it)"
    return ""


def _ffmpeg(*arguments: str) -> None:
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", *arguments],
                   check=True, timeout=120, stdin=subprocess.DEVNULL)


def make_video(path: Path, seconds: float = 3, tone_hz: int = 440, size: str = "160x120",
               has_sound: bool = True) -> Path:
    """A test picture (and a tone) in the format ``path``'s suffix names (.mp4 or .webm)."""
    picture = ["-f", "lavfi", "-i", f"testsrc2=size={size}:rate=15:duration={seconds}"]
    sound = ["-f", "lavfi", "-i", f"sine=frequency={tone_hz}:duration={seconds}"] if has_sound else []
    if path.suffix == ".webm":
        codecs = ["-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "200k",
                  "-c:a", "libopus", "-b:a", "48k"]
    else:
        codecs = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                  "-c:a", "aac", "-b:a", "64k"]
    if not has_sound:
        codecs = [c for c in codecs if c not in ("-c:a", "aac", "-b:a", "64k", "libopus", "48k")]
    _ffmpeg(*picture, *sound, *codecs, "-shortest", str(path))
    return path


def make_test_videos(folder: Path) -> TestVideos:
    folder.mkdir(parents=True, exist_ok=True)
    captions = folder / "pjm.vtt"
    captions.write_text(CAPTIONS, encoding="utf-8")
    return TestVideos(
        mp4=make_video(folder / "pjm.mp4", 3, 440),
        webm=make_video(folder / "pjm.webm", 2, 660),
        captions=captions,
        silent_mp4=make_video(folder / "silent.mp4", 2, has_sound=False),
    )


def add_video(page_folder: Path, video: Path, captions: Path | None = None) -> Path:
    """Copy a test video (and captions) into a page folder as the page's PJM video."""
    target = page_folder / ("pjm" + video.suffix)
    shutil.copyfile(video, target)
    if captions is not None:
        shutil.copyfile(captions, page_folder / "pjm.vtt")
    return target
