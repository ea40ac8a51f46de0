"""Opens and closes the PJM player many times with bursts of source changes, in a kiosk
window as the kiosk composes it; run in its own process by ``test_video_stress.py`` so
that a crash or a hang of Qt's FFmpeg backend fails that test instead of killing pytest.

    python -m tests.gui.video_stress CONTENT_DIR ROUNDS SEED

Prints one line per 10 rounds and ``done ROUNDS played=N`` at the end (N: rounds in which
the video was seen playing). Sound goes wherever PULSE_SERVER points (the tests' server).
"""

from __future__ import annotations

import faulthandler
import os
import random
import sys
from pathlib import Path

if not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"


def spin(milliseconds: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def main(content_dir: Path, rounds: int, seed: int) -> int:
    faulthandler.enable()
    faulthandler.dump_traceback_later(240, exit=True)  # a hang shows where it hangs
    from kiosk.app import make_application
    from kiosk.compose import build_kiosk, open_window
    from kiosk.config import Config
    from kiosk.content.content import load_content
    from kiosk.session import Location

    app = make_application()
    content = load_content(content_dir)
    pages = sorted(content.sign_videos)
    kiosk = build_kiosk(Config.defaults(), content, "pl")
    window = open_window(kiosk, 1080, 1920)
    screen = window.video_screen
    rng = random.Random(seed)
    played = 0
    for number in range(1, rounds + 1):
        how = rng.random()
        page = rng.choice(pages)
        if how < 0.4:  # the page's PJM action
            kiosk.open(Location("page", page))
            window.page_screen.pjm_button.click()
        elif how < 0.7:  # the Home tile, then the list
            kiosk.home()
            window.home_screen.pjm_tile.click()
            rng.choice([t for t in screen.tiles if t.isVisible()]).click()
        else:
            kiosk.open(Location("video", page))
        for _ in range(rng.randint(0, 3)):  # a burst of source changes
            spin(rng.randint(0, 60))
            kiosk.open(Location("video", rng.choice(pages)))
        for _ in range(rng.randint(0, 3)):
            spin(rng.randint(0, 80))
            rng.choice([screen.play_button, screen.back_button, screen.replay_button,
                        screen.captions_button]).click()
        spin(rng.randint(0, 300))
        if screen.playback.is_playing or screen.playback.position_ms > 0:
            played += 1
        leave = rng.random()
        if leave < 0.35:  # Back, until off the videos (a burst left some behind in the history)
            while kiosk.session.location.kind == "video":
                window.bottom_bar.back.click()
        elif leave < 0.7:
            window.bottom_bar.home.click()
        else:
            kiosk.end_visit()  # the idle reset
            kiosk.begin_visit()
        if screen.playback.source is not None:
            sys.stdout.write(f"round {number}: the video was not released\n")
            return 1
        if number % 10 == 0:
            sys.stdout.write(f"round {number} played={played}\n")
            sys.stdout.flush()
    window.close()
    spin(50)
    sys.stdout.write(f"done {rounds} played={played}\n")
    sys.stdout.flush()
    faulthandler.cancel_dump_traceback_later()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])))
