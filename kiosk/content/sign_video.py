"""Polish Sign Language (PJM) videos of pages: finding them, their captions, checking them.

A page folder may hold ``pjm.mp4`` (H.264 video, AAC sound) or ``pjm.webm`` (VP9 video,
Opus sound), and captions for it in ``pjm.vtt`` (WebVTT). Loading the content finds the
videos and reads the captions (cheap: every problem with file:line, like any staff file);
only ``kiosk check`` opens the videos themselves (:func:`probe_video`), because that reads
the container and takes a while per file. No Qt here except in the fallback probe.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.model import Site
from kiosk.problems import Collector, Problem, read_text, size_text

VIDEO_NAMES: tuple[str, ...] = ("pjm.mp4", "pjm.webm")
CAPTIONS_NAME = "pjm.vtt"
# Limits (docs/content.md states them; a test keeps the two in step).
MAX_VIDEO_BYTES = 300_000_000  # a 5-minute 1080p recording at 6 Mbit/s is ~225 MB
MAX_VIDEO_MINUTES = 20  # a page's translation runs 1–5 minutes
MAX_VIDEO_SIDE = 1920  # the kiosk decodes in software: 4K would stutter
MAX_CAPTIONS_BYTES = 1_000_000
# What each container must carry, as ffprobe names the codecs.
CODECS: dict[str, tuple[str, str]] = {".mp4": ("h264", "aac"), ".webm": ("vp9", "opus")}
PROBE_TIMEOUT_S = 30

_TIMESTAMP = r"(?:(\d{1,}):)?(\d{2}):(\d{2})[.,](\d{3})"
_TIMING_RE = re.compile(rf"^\s*{_TIMESTAMP}\s+-->\s+{_TIMESTAMP}(?:\s+.*)?$")
_TAG_RE = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Cue:
    """One caption: shown from ``start_ms`` until ``end_ms``, as plain text."""

    start_ms: int
    end_ms: int
    text: str


@dataclass(frozen=True)
class SignVideo:
    """A page's PJM video and its captions (none when there is no ``pjm.vtt``)."""

    page_id: str
    path: Path
    captions: tuple[Cue, ...] = ()
    captions_path: Path | None = None

    @property
    def has_captions(self) -> bool:
        return bool(self.captions)


def cue_at(cues: tuple[Cue, ...], position_ms: int) -> str:
    """The text of every cue showing at ``position_ms`` (one per line), or ""."""
    return "\n".join(cue.text for cue in cues if cue.start_ms <= position_ms < cue.end_ms)


def _milliseconds(hours: str | None, minutes: str, seconds: str, millis: str) -> int | None:
    if int(minutes) > 59 or int(seconds) > 59:
        return None
    return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(millis)


def _cue_text(lines: list[str]) -> str:
    """The payload without markup: ``<v Anna>``, ``<i>``, ``<c.loud>``, inner timestamps."""
    return "\n".join(" ".join(html.unescape(_TAG_RE.sub("", line)).split()) for line in lines).strip()


def parse_vtt(text: str, path: Path, collector: Collector) -> list[Cue]:
    """The cues of a WebVTT file, in time order; every problem with its line.

    A cue that cannot be read is reported and left out; the others are kept.
    """
    lines = text.split("\n")
    first = lines[0] if lines else ""
    if not re.match(r"^WEBVTT(?:[ \t].*)?$", first):
        collector.error(path, 1, 'not a WebVTT file: the first line must be "WEBVTT"')
        return []
    cues: list[Cue] = []
    index = 1
    while index < len(lines) and lines[index].strip():  # the rest of the header block
        index += 1
    while index < len(lines):
        while index < len(lines) and not lines[index].strip():
            index += 1
        start = index
        while index < len(lines) and lines[index].strip():
            index += 1
        block = lines[start:index]
        if not block or re.match(r"^(NOTE|STYLE|REGION)(?:[ \t]|$)", block[0]):
            continue
        timing_at = 0 if "-->" in block[0] else 1 if len(block) > 1 and "-->" in block[1] else -1
        if timing_at < 0:
            collector.error(
                path, start + 1, "a caption needs a timing line like 00:00:01.000 --> 00:00:04.000"
            )
            continue
        line_number = start + timing_at + 1
        match = _TIMING_RE.match(block[timing_at])
        begin = _milliseconds(*match.groups()[:4]) if match else None
        end = _milliseconds(*match.groups()[4:]) if match else None
        if begin is None or end is None:
            collector.error(
                path,
                line_number,
                f"cannot read the timing {block[timing_at].strip()[:60]!r}: write it like "
                "00:01.000 --> 00:04.500 or 00:00:01.000 --> 00:00:04.500",
            )
            continue
        if end <= begin:
            collector.error(path, line_number, "the caption ends before it starts")
            continue
        payload = _cue_text(block[timing_at + 1 :])
        if not payload:
            collector.warning(path, line_number, "the caption has no text")
            continue
        if cues and begin < cues[-1].start_ms:
            collector.warning(path, line_number, "the caption starts before the one above it")
        cues.append(Cue(begin, end, payload))
    if not cues and not any(p.path == path and p.severity == "error" for p in collector):
        collector.warning(path, None, "the captions file has no captions")
    return sorted(cues, key=lambda cue: (cue.start_ms, cue.end_ms))


def find_sign_videos(site: Site, collector: Collector) -> dict[str, SignVideo]:
    """The PJM video of every page that has one (page id -> video), captions read."""
    videos: dict[str, SignVideo] = {}
    for page in site.pages.values():
        found = [page.folder / name for name in VIDEO_NAMES if (page.folder / name).is_file()]
        captions_path = page.folder / CAPTIONS_NAME
        has_captions = captions_path.is_file()
        if not found:
            if has_captions:
                collector.warning(captions_path, None, "captions without a video (pjm.mp4 or pjm.webm)")
            continue
        video = found[0]
        if len(found) > 1:
            collector.warning(found[1], None, f"the page has two PJM videos; {video.name} is shown")
        size = video.stat().st_size
        if size > MAX_VIDEO_BYTES:
            collector.error(
                video,
                None,
                f"the video is too large ({size_text(size)}; the limit is {size_text(MAX_VIDEO_BYTES)}): "
                "export it at 1080p or less",
            )
            continue
        if size == 0:
            collector.error(video, None, "the video file is empty")
            continue
        cues: list[Cue] = []
        if has_captions:
            text = read_text(captions_path, collector, MAX_CAPTIONS_BYTES, what="captions file")
            if text is not None:
                cues = parse_vtt(text, captions_path, collector)
        videos[page.id] = SignVideo(page.id, video, tuple(cues), captions_path if has_captions else None)
    return videos


# -- kiosk check: opening the videos -----------------------------------------------------


@dataclass(frozen=True)
class VideoInfo:
    """What a probe found in a video file."""

    container: str  # "mp4" or "webm" (as the file really is, whatever its name says)
    video_codec: str  # ffprobe's names: "h264", "vp9", "" when there is no picture
    audio_codec: str  # "aac", "opus", "" when there is no sound
    duration_ms: int
    width: int = 0
    height: int = 0


def probe_video(path: Path) -> VideoInfo | str:
    """Open ``path`` and read its container, codecs and duration; a message when it fails.

    ``ffprobe`` (FFmpeg's) when it is installed: it runs in its own process with a time
    limit, so a damaged file cannot take the checker down, and it names each stream's
    codec exactly. Without it (the kiosk bundle on a machine with no FFmpeg tools), Qt's
    own player reads the file: the same FFmpeg backend that plays it in the kiosk.
    """
    if shutil.which("ffprobe"):
        return _ffprobe(path)
    from kiosk.playback import probe_with_qt

    return probe_with_qt(path)


def _ffprobe(path: Path) -> VideoInfo | str:
    command = [
        "ffprobe", "-v", "error", "-print_format", "json",
        "-show_entries", "format=format_name,duration:stream=codec_type,codec_name,width,height",
        str(path),
    ]  # fmt: skip
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=PROBE_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        return f"the video could not be read within {PROBE_TIMEOUT_S} s"
    except OSError as exc:
        return f"ffprobe could not be run: {exc}"
    if result.returncode != 0:
        reason = (result.stderr.strip().splitlines() or ["unknown format"])[-1]
        return f"the video cannot be read ({reason.removeprefix(str(path) + ': ')})"
    try:
        data = json.loads(result.stdout)
        streams = data.get("streams", [])
        fmt = data.get("format", {})
        video: dict[str, object] = next((s for s in streams if s.get("codec_type") == "video"), {})
        audio: dict[str, object] = next((s for s in streams if s.get("codec_type") == "audio"), {})
        names = str(fmt.get("format_name", ""))
        duration = float(fmt.get("duration") or 0)
    except (ValueError, AttributeError, TypeError):
        return "the video cannot be read (ffprobe gave no usable answer)"
    container = "mp4" if "mp4" in names.split(",") else "webm" if "webm" in names.split(",") else names
    return VideoInfo(
        container,
        str(video.get("codec_name", "")),
        str(audio.get("codec_name", "")),
        int(duration * 1000),
        int(str(video.get("width") or 0)),
        int(str(video.get("height") or 0)),
    )


def check_video(video: SignVideo, probe: VideoInfo | str) -> list[Problem]:
    """The problems a probe of ``video`` shows: unreadable, wrong codec, too long…"""
    path = video.path

    def error(message: str) -> Problem:
        return Problem(path, None, "error", message)

    if isinstance(probe, str):
        return [error(probe)]
    wanted_video, wanted_audio = CODECS[path.suffix]
    expected = path.suffix.lstrip(".")
    problems = []
    advice = "use H.264 video with AAC sound in .mp4, or VP9 video with Opus sound in .webm"
    if probe.container != expected:
        inside = probe.container or "unknown"
        problems.append(error(f"the file is not {expected.upper()} inside (it is {inside}); {advice}"))
    if not probe.video_codec:
        problems.append(error("the file has no picture"))
    elif probe.video_codec != wanted_video:
        problems.append(error(f"the picture is {probe.video_codec}, not {wanted_video}; {advice}"))
    if probe.audio_codec and probe.audio_codec != wanted_audio:
        problems.append(error(f"the sound is {probe.audio_codec}, not {wanted_audio}; {advice}"))
    if probe.duration_ms <= 0:
        problems.append(error("the video has no length (is it complete?)"))
    elif probe.duration_ms > MAX_VIDEO_MINUTES * 60_000:
        minutes = probe.duration_ms / 60_000
        problems.append(error(f"the video is {minutes:.0f} minutes long; at most {MAX_VIDEO_MINUTES}"))
    if max(probe.width, probe.height) > MAX_VIDEO_SIDE:
        problems.append(error(f"the picture is {probe.width}×{probe.height}; at most {MAX_VIDEO_SIDE} pixels "
                              "either way (export it at 1080p)"))
    if video.captions and probe.duration_ms > 0:
        last = max(cue.end_ms for cue in video.captions)
        if video.captions_path is not None and last > probe.duration_ms + 1000:
            problems.append(Problem(video.captions_path, None, "warning",
                                    f"captions run to {last / 1000:.1f} s, the video is "
                                    f"{probe.duration_ms / 1000:.1f} s long"))
    return problems
