"""Benchmark of the installer bundle (issue 9). Prints figures; asserts nothing.

    ./scripts/bundle.sh && .venv/bin/python benchmarks/bench_bundle.py [BUNDLE_DIR]

- size of the bundle folder (as ``du`` counts it) and its largest files
- wall time of ``kiosk --help``, ``check``, ``today`` and ``render home`` (start-up to the
  first screen drawn) from the bundle
  and from source (``.venv/bin/kiosk``): median of 5 fresh processes after one warm-up,
  same clean environment (``env -i``, offscreen) and working directory for both
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
SIZE_LIMIT_BYTES = 190_000_000  # issue 18 (150 MB before Qt Multimedia's FFmpeg backend)


def disk_usage(folder: Path) -> tuple[int, list[tuple[int, Path]]]:
    total = 0
    files: list[tuple[int, Path]] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            info = path.lstat()
            total += info.st_blocks * 512
            if name in filenames and not path.is_symlink():
                files.append((info.st_size, path.relative_to(folder)))
    return total, sorted(files, reverse=True)


def timed(command: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def median_time(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    timed(command, env, cwd)  # warm-up: file cache, fontconfig cache
    times = [timed(command, env, cwd) for _ in range(RUNS)]
    return statistics.median(times), min(times)


def main() -> int:
    bundle = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "dist" / "kiosk").resolve()
    program = bundle / ("kiosk.exe" if sys.platform == "win32" else "kiosk")
    source = ROOT / ".venv" / "bin" / "kiosk"
    if not program.is_file():
        print(f"no bundle at {bundle}: build it with ./scripts/bundle.sh")
        return 1

    total, files = disk_usage(bundle)
    print(f"bundle: {bundle}")
    print(f"  size {total / 2**20:.1f} MiB ({total / 1e6:.1f} MB), {len(files)} files; "
          f"limit {SIZE_LIMIT_BYTES / 1e6:.0f} MB: {'within' if total <= SIZE_LIMIT_BYTES else 'OVER'}")
    print("  largest files:")
    for size, path in files[:10]:
        print(f"    {size / 2**20:6.1f} MiB  {path}")

    with tempfile.TemporaryDirectory(prefix="kiosk-bench-bundle-") as folder:
        work = Path(folder)
        (work / "home").mkdir()
        env = {"PATH": "/usr/bin:/bin", "HOME": str(work / "home"), "QT_QPA_PLATFORM": "offscreen",
               "LANG": "C.UTF-8"}
        png = str(work / "home.png")
        commands = {
            "kiosk --help": ["--help"],
            "kiosk check": ["check"],
            "kiosk today": ["today", "--date", "2026-06-26", "--time", "10:00"],
            "kiosk render home": ["render", "home", "-o", png],
        }
        print(f"\nstart-up, median of {RUNS} runs (min), clean environment:")
        print(f"  {'command':<20} {'bundle':>16} {'source':>16}")
        for label, arguments in commands.items():
            bundled, bundled_min = median_time([str(program), *arguments], env, work)
            if source.is_file():
                from_source, source_min = median_time([str(source), *arguments], env, work)
                source_text = f"{from_source * 1000:6.0f} ms ({source_min * 1000:4.0f})"
            else:
                source_text = "no .venv"
            print(f"  {label:<20} {bundled * 1000:6.0f} ms ({bundled_min * 1000:4.0f}) {source_text:>16}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
