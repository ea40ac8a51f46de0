"""The kiosk against a browser kiosk, side by side on this machine (issue 20).

    .venv/bin/python benchmarks/bench_vs_browser.py [--page id-card] [--runs 5]

The alternative a town hall would deploy is its own website in a browser's kiosk mode.
This turns the page into a plain HTML page with the same text (the kiosk's own Markdown
rendering), the same fonts (the bundled DejaVu files), the same style sheet (the kiosk's
page CSS at 100 %) and a header bar like the kiosk's, and times, alternating A B A B:

- A: ``kiosk render PAGE -o a.png`` — a cold process that composes the kiosk and draws
  the page screen to a PNG;
- B: ``chromium --headless --screenshot=b.png page.html`` — a cold browser drawing the
  HTML page to a PNG at the same size.

A third run per round times ``kiosk render`` byte-compiled, as an installed kiosk has its
modules (this checkout under ``PYTHONDONTWRITEBYTECODE`` compiles every module at every
start). It prints the medians and their ratio (target ≤ 0.5), and the peak memory of the kiosk's
process against the largest Chromium process (sampled from /proc every 5 ms; target ratio
≤ 0.5). Chromium comes from Debian (``benchmarks/setup-browser.sh``); without it the
benchmark says so and exits 2.
"""

from __future__ import annotations

import argparse
import html
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TIME_RATIO_TARGET = 0.5
MEMORY_RATIO_TARGET = 0.5
SIZE = (1080, 1920)


def browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def page_html(page_id: str, lang: str) -> str:
    """The page as a website would serve it: same text, fonts and styles as the kiosk."""
    from kiosk import paths
    from kiosk.content.content import load_content
    from kiosk.ui.style import page_css
    from kiosk.ui.themes import theme
    from kiosk.vocabulary import ThemeName

    content = load_content(paths.bundled_content_dir())
    variant = content.site.pages[page_id].variants[lang]
    colours = theme(ThemeName.DEFAULT)
    fonts = paths.resource("fonts")
    faces = "\n".join(
        f'@font-face {{ font-family: "DejaVu Sans"; src: url("{(fonts / file).as_uri()}"); '
        f"font-weight: {weight}; }}"
        for file, weight in (("DejaVuSans.ttf", "normal"), ("DejaVuSans-Bold.ttf", "bold"))
    )
    office = html.escape(content.site.office.name(lang))
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(variant.title)}</title>
<style>
{faces}
html, body {{ margin: 0; }}
header {{ background: {colours.bar}; color: {colours.bar_text}; padding: 16px 24px;
          font: bold 30px "DejaVu Sans"; }}
main {{ padding: 16px 32px; }}
h1 {{ font: bold 40px "DejaVu Sans"; }}
nav {{ position: fixed; bottom: 0; left: 0; right: 0; background: {colours.bar}; padding: 16px; }}
nav button {{ font: bold 26px "DejaVu Sans"; min-height: 76px; margin-right: 12px; }}
{page_css(colours, 100)}
</style></head>
<body><header>{office}</header>
<main><h1>{html.escape(variant.title)}</h1>
{content.html(variant)}
</main>
<nav><button>Start</button><button>Wstecz</button><button>Szukaj</button><button>A+</button></nav>
</body></html>
"""


def descendants(pid: int) -> list[int]:
    """``pid`` and every process below it, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def peak_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def timed(command: list[str], out: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds of ``command`` (which must write ``out``) and the peak RSS, in MB, of
    its largest process."""
    out.unlink(missing_ok=True)
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    peaks: dict[int, int] = {}
    while process.poll() is None:
        for pid in descendants(process.pid):
            peaks[pid] = max(peaks.get(pid, 0), peak_kb(pid))
        time.sleep(0.005)
    elapsed = time.perf_counter() - started
    if process.returncode != 0 or not out.is_file():
        raise RuntimeError(f"{command[0]} failed (exit {process.returncode}, {out} missing)")
    return elapsed, max(peaks.values(), default=0) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", default="id-card")
    parser.add_argument("--lang", default="pl")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    chromium = browser()
    if chromium is None:
        print("Chromium is not installed (benchmarks/setup-browser.sh); nothing to compare against.")
        return 2
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        page = work / "page.html"
        page.write_text(page_html(args.page, args.lang), encoding="utf-8")
        kiosk_png, browser_png = work / "a.png", work / "b.png"
        kiosk = [sys.executable, "-m", "kiosk", "render", args.page, "--lang", args.lang,
                 "--size", f"{SIZE[0]}x{SIZE[1]}", "-o", str(kiosk_png)]
        chrome = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                  f"--user-data-dir={work / 'profile'}", f"--window-size={SIZE[0]},{SIZE[1]}",
                  f"--screenshot={browser_png}", page.as_uri()]
        # The kiosk as installed has its modules byte-compiled (the bundle ships bytecode):
        # measured too, with bytecode written for everything it imports by one untimed run.
        installed = dict(os.environ, PYTHONPYCACHEPREFIX=str(work / "bytecode"))
        installed.pop("PYTHONDONTWRITEBYTECODE", None)
        timed(kiosk, kiosk_png, installed)
        installed["PYTHONDONTWRITEBYTECODE"] = "1"
        timed(kiosk, kiosk_png)  # warm the disk cache for both, as a deployed kiosk's would be
        timed(chrome, browser_png)
        ours, compiled, theirs = [], [], []
        for _ in range(args.runs):
            ours.append(timed(kiosk, kiosk_png))
            theirs.append(timed(chrome, browser_png))
            compiled.append(timed(kiosk, kiosk_png, installed))
    a = statistics.median(t for t, _ in ours)
    c = statistics.median(t for t, _ in compiled)
    b = statistics.median(t for t, _ in theirs)
    ma = max(m for _, m in ours)
    mb = max(m for _, m in theirs)
    print(f"page {args.page} ({args.lang}), {SIZE[0]}×{SIZE[1]}, {args.runs} alternating runs each")
    verdict = "met" if a / b <= TIME_RATIO_TARGET else "NOT met"
    print(f"cold start → page drawn to PNG: kiosk render {a:.2f} s, Chromium {b:.2f} s: "
          f"ratio {a / b:.2f}   target ≤ {TIME_RATIO_TARGET}: {verdict}")
    print(f"  the kiosk byte-compiled, as installed: {c:.2f} s: ratio {c / b:.2f}   target ≤ "
          f"{TIME_RATIO_TARGET}: {'met' if c / b <= TIME_RATIO_TARGET else 'NOT met'}")
    print(f"peak memory: kiosk render {ma:.0f} MB, Chromium's largest process {mb:.0f} MB: "
          f"ratio {ma / mb:.2f}   target ≤ {MEMORY_RATIO_TARGET}: "
          f"{'met' if ma / mb <= MEMORY_RATIO_TARGET else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
