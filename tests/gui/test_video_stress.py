"""Stability of Qt Multimedia's FFmpeg backend under the PJM player: 100 opens and closes
with bursts of source changes, with sound, offscreen, in a process of its own
(``tests/gui/video_stress.py``), so that a crash or a hang fails the test.

The backend crashed or deadlocked before when players came and went quickly; the kiosk
therefore keeps one player for the whole run (``kiosk/playback.py``). This test is what
says that is enough.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.gui.test_video_player import make_video_content
from tests.sound import SoundServer
from tests.videos import TestVideos

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 100


def test_opening_and_closing_the_player_100_times_neither_crashes_nor_hangs(
    tmp_path: Path, test_videos: TestVideos, sound_server: SoundServer, seed: int = 20261203
) -> None:
    """~50 s. More seeds: ``python -m tests.gui.video_stress CONTENT 100 SEED``."""
    content = make_video_content(tmp_path / "content", test_videos)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PULSE_SERVER": sound_server.address}
    with sound_server.record() as heard:
        try:
            result = subprocess.run(
                [sys.executable, "-m", "tests.gui.video_stress", str(content), str(ROUNDS), str(seed)],
                cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
            )
        except subprocess.TimeoutExpired as exc:
            pytest.fail(f"the player hung: no end within 300 s\n{exc.stdout!r}")
    tail = result.stdout[-2000:] + result.stderr[-4000:]
    assert result.returncode == 0, f"exit status {result.returncode} (a negative one is a signal):\n{tail}"
    done = re.search(r"^done (\d+) played=(\d+)$", result.stdout, re.M)
    assert done and int(done.group(1)) == ROUNDS, tail
    assert int(done.group(2)) >= ROUNDS // 2, f"the video played in only {done.group(2)} rounds"
    assert "Traceback" not in result.stderr, tail
    assert heard.loud_seconds() > 2.0, "the videos' sound was not heard"
