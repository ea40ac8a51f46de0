"""PJM videos in a content folder: found, captions read with file:line, checked by
``kiosk check`` (container, codecs, length) with ffprobe and with Qt's own player."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.content import sign_video
from kiosk.content.content import load_content
from kiosk.content.sign_video import Cue, SignVideo, VideoInfo, check_video, cue_at, parse_vtt
from kiosk.problems import Collector
from tests.conftest import ContentBuilder
from tests.videos import CUE_TEXTS, TestVideos, add_video

ROOT = Path(__file__).resolve().parents[3]


def parse(text: str) -> tuple[list[Cue], list[str]]:
    collector = Collector()
    cues = parse_vtt(text, Path("pjm.vtt"), collector)
    return cues, [p.format() for p in collector]


def test_captions_are_read_in_time_order_without_markup() -> None:
    cues, problems = parse(
        "WEBVTT - Godziny otwarcia\nKind: captions\n\nNOTE\nnot a cue --> really\n\n"
        "2\n00:01:02.500 --> 00:01:04.000 line:90%\nDruga &amp; <i>ostatnia</i>\n\n"
        "1\n00:00.000 --> 00:02.000\n<v Anna>Pierwsza</v>\nlinia\n"
    )
    assert problems == ["pjm.vtt:12: warning: the caption starts before the one above it"]
    assert cues == [Cue(0, 2000, "Pierwsza\nlinia"), Cue(62_500, 64_000, "Druga & ostatnia")]
    assert cue_at(tuple(cues), 1999) == "Pierwsza\nlinia"
    assert cue_at(tuple(cues), 2000) == ""
    assert cue_at(tuple(cues), 63_000) == "Druga & ostatnia"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Untitled\n\n00:00.000 --> 00:01.000\nx\n",
         ['pjm.vtt:1: error: not a WebVTT file: the first line must be "WEBVTT"']),
        ("WEBVTTX\n", ['pjm.vtt:1: error: not a WebVTT file: the first line must be "WEBVTT"']),
        ("WEBVTT\n\n00:00.000 --> 00:01.000\nok\n\n00:02.000 -> 00:03.000\nbad\n",
         ["pjm.vtt:6: error: a caption needs a timing line like 00:00:01.000 --> 00:00:04.000"]),
        ("WEBVTT\n\nid\n00:00.000 --> 00:61.000\nx\n",
         ["pjm.vtt:4: error: cannot read the timing '00:00.000 --> 00:61.000': write it like "
          "00:01.000 --> 00:04.500 or 00:00:01.000 --> 00:00:04.500"]),
        ("WEBVTT\n\n00:05.000 --> 00:04.000\nx\n", ["pjm.vtt:3: error: the caption ends before it starts"]),
        ("WEBVTT\n\n\n\n00:05.000 --> 00:06.000\n<b></b>\n",
         ["pjm.vtt:5: warning: the caption has no text",
          "pjm.vtt: warning: the captions file has no captions"]),
        ("WEBVTT\n", ["pjm.vtt: warning: the captions file has no captions"]),
    ],
)
def test_caption_problems_name_their_line(text: str, expected: list[str]) -> None:
    assert parse(text)[1] == expected


def test_a_bad_cue_is_left_out_and_the_others_kept() -> None:
    cues, problems = parse(
        "WEBVTT\n\n00:00.000 --> 00:01.000\none\n\nxx --> yy\ntwo\n\n00:02.000 --> 00:03.000\nthree\n"
    )
    assert [c.text for c in cues] == ["one", "three"]
    assert len(problems) == 1 and problems[0].startswith("pjm.vtt:6: error: cannot read the timing")


def test_the_loader_finds_videos_and_captions(make_content: object, tmp_path: Path) -> None:
    builder: ContentBuilder = make_content()  # type: ignore[operator]
    for page in ("hours", "fees", "both", "lonely", "huge", "empty"):
        builder.simple(page, page.title(), page.title())
    pages = builder.root / "pages"
    (pages / "hours" / "pjm.mp4").write_bytes(b"\0" * 64)
    (pages / "hours" / "pjm.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.500\nGodziny\n", encoding="utf-8")
    (pages / "fees" / "pjm.webm").write_bytes(b"\0" * 64)
    (pages / "fees" / "pjm.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\n", encoding="utf-8")
    (pages / "both" / "pjm.mp4").write_bytes(b"\0" * 64)
    (pages / "both" / "pjm.webm").write_bytes(b"\0" * 64)
    (pages / "lonely" / "pjm.vtt").write_text("WEBVTT\n", encoding="utf-8")
    with (pages / "huge" / "pjm.mp4").open("wb") as big:
        big.truncate(sign_video.MAX_VIDEO_BYTES + 1)  # sparse: no disk used
    (pages / "empty" / "pjm.webm").write_bytes(b"")
    content = load_content(builder.root)
    assert set(content.sign_videos) == {"hours", "fees", "both"}
    hours = content.sign_videos["hours"]
    assert hours.path == pages / "hours" / "pjm.mp4"
    assert hours.captions == (Cue(0, 1500, "Godziny"),) and hours.has_captions
    assert not content.sign_videos["fees"].has_captions
    assert content.sign_videos["both"].path.name == "pjm.mp4"
    shown = [p.format(builder.root) for p in content.problems]
    assert "pages/both/pjm.webm: warning: the page has two PJM videos; pjm.mp4 is shown" in shown
    assert "pages/lonely/pjm.vtt: warning: captions without a video (pjm.mp4 or pjm.webm)" in shown
    assert "pages/fees/pjm.vtt:3: warning: the caption has no text" in shown
    assert any(s.startswith("pages/huge/pjm.mp4: error: the video is too large") for s in shown)
    assert "pages/empty/pjm.webm: error: the video file is empty" in shown
    assert content.site.page_variant("huge", "pl") is not None  # the page itself stays


def test_a_probe_is_judged_against_the_formats_the_kiosk_plays(tmp_path: Path) -> None:
    video = SignVideo("p", tmp_path / "pjm.webm", (Cue(0, 9000, "x"),), tmp_path / "pjm.vtt")
    good = VideoInfo("webm", "vp9", "opus", 8500, 640, 480)
    assert check_video(video, good) == []
    assert check_video(video, VideoInfo("webm", "vp9", "", 8500)) == []  # a silent video is fine
    messages = [p.message for p in check_video(video, VideoInfo("mp4", "h264", "aac", 0, 3840, 2160))]
    assert messages[0].startswith("the file is not WEBM inside (it is mp4)")
    assert messages[1].startswith("the picture is h264, not vp9")
    assert messages[2].startswith("the sound is aac, not opus")
    assert messages[3] == "the video has no length (is it complete?)"
    assert messages[4].startswith("the picture is 3840×2160; at most 1920")
    long = check_video(video, VideoInfo("webm", "vp9", "opus", 21 * 60_000))
    assert [p.message for p in long] == ["the video is 21 minutes long; at most 20"]
    short = check_video(video, VideoInfo("webm", "vp9", "opus", 3000))
    assert [(p.path.name, p.severity) for p in short] == [("pjm.vtt", "warning")]
    assert check_video(video, "the video cannot be read (x)")[0].message == "the video cannot be read (x)"


def test_the_limits_are_the_ones_the_staff_guide_states() -> None:
    doc = (ROOT / "docs" / "content.md").read_text(encoding="utf-8")
    assert f"| video file | {sign_video.MAX_VIDEO_BYTES // 1_000_000} MB |" in doc
    assert f"| video length | {sign_video.MAX_VIDEO_MINUTES} minutes |" in doc
    assert f"| video picture | {sign_video.MAX_VIDEO_SIDE} pixels either way |" in doc
    assert f"| captions file | {sign_video.MAX_CAPTIONS_BYTES // 1_000_000} MB |" in doc


def _content_with_videos(builder: ContentBuilder, videos: TestVideos) -> Path:
    pages = builder.root / "pages"
    builder.simple("hours", "Godziny", "Hours")
    builder.simple("fees", "Opłaty", "Fees")
    builder.simple("wrong", "Zły", "Wrong")
    builder.simple("broken", "Zepsuty", "Broken")
    add_video(pages / "hours", videos.mp4, videos.captions)
    add_video(pages / "fees", videos.webm)
    shutil.copyfile(videos.mp4, pages / "wrong" / "pjm.webm")  # H.264 in a .webm name
    (pages / "broken" / "pjm.mp4").write_bytes(b"not a video at all" * 100)
    return builder.root


def run_check(root: Path, path_env: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": path_env}
    return subprocess.run([sys.executable, "-m", "kiosk", "check", str(root)], capture_output=True, text=True,
                          env=env, timeout=120, check=False)


@pytest.mark.parametrize("prober", ["ffprobe", "qt"])
def test_kiosk_check_opens_the_videos(make_content: object, test_videos: TestVideos, prober: str) -> None:
    """With ffprobe, and without it (the bundle on a kiosk): Qt's own player reads them."""
    root = _content_with_videos(make_content(), test_videos)  # type: ignore[operator]
    if prober == "ffprobe":
        path_env = os.environ["PATH"]
        assert shutil.which("ffprobe"), "ffprobe comes with ffmpeg"
    else:
        path_env = str(Path(sys.executable).parent)  # python, but no ffprobe
        assert shutil.which("ffprobe", path=path_env) is None
    result = run_check(root, path_env)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if "pjm" in line]
    assert lines[0].startswith("pages/broken/pjm.mp4: error: the video cannot be read (")
    advice = "use H.264 video with AAC sound in .mp4, or VP9 video with Opus sound in .webm"
    assert lines[1:] == [
        f"pages/wrong/pjm.webm: error: the file is not WEBM inside (it is mp4); {advice}",
        f"pages/wrong/pjm.webm: error: the picture is h264, not vp9; {advice}",
        f"pages/wrong/pjm.webm: error: the sound is aac, not opus; {advice}",
    ]
    assert re.search(r"^FAILED: 4 errors, \d+ warnings? in 4 pages", result.stdout, re.M)


def test_the_test_videos_are_what_they_claim(test_videos: TestVideos) -> None:
    from kiosk.content.sign_video import _ffprobe

    assert _ffprobe(test_videos.mp4) == VideoInfo("mp4", "h264", "aac", 3000, 160, 120)
    webm = _ffprobe(test_videos.webm)
    assert isinstance(webm, VideoInfo) and (webm.container, webm.video_codec, webm.audio_codec) == (
        "webm", "vp9", "opus")
    cues, problems = parse(test_videos.captions.read_text(encoding="utf-8"))
    assert problems == [] and tuple(c.text for c in cues) == CUE_TEXTS
