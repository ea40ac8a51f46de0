"""``kiosk check [DIR]`` — validate a content folder for staff."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.content.content import Content
    from kiosk.problems import Problem


def register(sub: Any) -> None:
    parser = sub.add_parser("check", help="validate a content folder")
    parser.add_argument(
        "folder",
        nargs="?",
        type=Path,
        default=None,
        help="content folder (default: kiosk.toml's, else the bundled sample)",
    )
    parser.add_argument(
        "--config", type=Path, default=argparse.SUPPRESS, help="kiosk.toml (default: the system's)"
    )
    parser.set_defaults(func=run, quick_exit=True)  # done once its report is written (kiosk.cli.run)


def run(args: argparse.Namespace) -> int:
    from kiosk.commands import UsageError
    from kiosk.compose import content_source, read_config
    from kiosk.content.content import load_content

    config, _problems = read_config(getattr(args, "config", None))
    root = content_source(config, args.folder or getattr(args, "content", None))
    if not root.is_dir():
        raise UsageError(f"no such folder: {root}")
    content = load_content(root, problems_only=True)  # its pages are not shown
    problems = content.problems + video_problems(content)
    problems.sort(key=lambda p: (str(p.path), p.line or 0))
    for problem in problems:
        sys.stdout.write(problem.format(root) + "\n")
    site = content.site
    variants = sum(len(p.variants) for p in site.pages.values())
    easy = sum(len(p.easy_variants) for p in site.pages.values())
    easy_note = f", {easy} easy-to-read" if easy else ""
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = sum(1 for p in problems if p.severity == "warning")
    verdict = "FAILED" if errors else "OK"
    sys.stdout.write(
        f"{verdict}: {errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''} "
        f"in {len(site.pages)} pages ({variants} language versions{easy_note}), "
        f"{len(site.sections)} sections\n"
    )
    return 1 if errors else 0


def video_problems(content: Content) -> list[Problem]:
    """Open every sign-language video (the kiosk itself only finds them): readable,
    container and codecs, length, picture size, captions within the video."""
    from kiosk.content.sign_video import check_video, probe_video

    found: list[Problem] = []
    for video in content.sign_videos.values():
        found += check_video(video, probe_video(video.path))
    return found
