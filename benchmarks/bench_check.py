"""``kiosk check`` benchmark: a large folder and the pathological pages of the hostile suite.

1. ``kiosk check`` (a real ``python -m kiosk check`` process, start-up included) on 1,000
   pages × 2 languages generated as in ``bench_search.py``. Target ≤ 1 s (issue 20; before the
   problems module and the limits: 2.49 s on the reference machine).
2. Each pathological case of ``tests/hostile/cases.py`` that used to be slow, checked in
   process: thousands of unmatched ``[`` (quadratic: 84 s for one page), broken links
   (each problem re-read the file: 20,000 took 78 s), deep nesting, unclosed tags.
   Target: each ≤ 1 s CPU, and growing linearly (the "×2 size" column stays near 2; a
   page over a limit is refused early, so its column can be lower).

CPU time (``process_time``) is printed next to wall time: the machine is shared, and CPU
time is what the code costs.

Run: ``.venv/bin/python benchmarks/bench_check.py [--pages N] [--repeat N]``
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_search import generate  # noqa: E402
from kiosk.content.content import load_content  # noqa: E402
from tests.hostile.cases import front  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHECK_TARGET_S = 1.0
CASE_TARGET_S = 1.0


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_check(folder: Path, repeat: int) -> tuple[float, float, str]:
    """Best wall and CPU seconds of ``kiosk check FOLDER`` over ``repeat`` runs."""
    walls, cpus, last = [], [], ""
    for _ in range(repeat):
        cpu_before = _child_cpu()
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "kiosk", "check", str(folder)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        walls.append(time.perf_counter() - started)
        cpus.append(_child_cpu() - cpu_before)
        last = (result.stdout.strip().splitlines() or [""])[-1]
    return min(walls), min(cpus), last


def time_load(folder: Path) -> tuple[float, float, int]:
    wall, cpu = time.perf_counter(), time.process_time()
    content = load_content(folder)
    return time.perf_counter() - wall, time.process_time() - cpu, len(content.problems)


def pathological(n: int) -> dict[str, str]:
    """Page bodies of size ``n`` (roughly: n repetitions of the hostile unit)."""
    return {
        "unmatched [": "[" * n,
        "one [ per line": "\n".join(f"[ nawias {k}" for k in range(n // 10)),
        "broken links": "\n".join(f"[{k}](page:missing-{k})" for k in range(n // 20)),
        "links and [ alternating": " ".join(f"[{k}](page:missing-{k}) [" for k in range(n // 30)),
        "unclosed <a": "<a " * (n // 3),
        "nested lists": "\n".join("    " * k + "- x" for k in range(n // 1000)),
        "nested <div>": "<div>" * (n // 5),
        "* and _": "*_" * (n // 2),
    }


def run_cases(scratch: Path, size: int) -> list[tuple[str, float, float, float, int]]:
    rows = []
    for name in pathological(size):
        timings = []
        for scale in (1, 2):
            folder = scratch / f"case-{scale}"
            shutil.rmtree(folder, ignore_errors=True)
            (folder / "pages" / "x").mkdir(parents=True)
            shutil.copy(ROOT / "kiosk" / "data" / "sample" / "site.toml", folder / "site.toml")
            body = pathological(size * scale)[name]
            (folder / "pages" / "x" / "pl.md").write_text(front(body), encoding="utf-8")
            timings.append(time_load(folder))
        (wall, cpu, problems), (_wall2, cpu2, _p2) = timings
        rows.append((name, wall, cpu, cpu2 / cpu if cpu else 0.0, problems))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--size", type=int, default=60_000, help="characters of each pathological page")
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        root = scratch / "content"
        generate(root, args.pages)
        wall, cpu, verdict = time_check(root, args.repeat)
        ok &= wall <= CHECK_TARGET_S
        print(
            f"kiosk check, {args.pages} pages × 2 languages: {wall:.2f} s wall, {cpu:.2f} s CPU "
            f"(target ≤ {CHECK_TARGET_S:.1f} s, issue 20; 2.49 s before it)  [{verdict}]"
        )
        print(f"\npathological pages of ~{args.size // 1000} KB (load_content in process):")
        print(f"  {'case':26} {'wall s':>7} {'CPU s':>7} {'×2 size':>8} {'problems':>9}")
        for name, case_wall, case_cpu, growth, problems in run_cases(scratch, args.size):
            ok &= case_cpu <= CASE_TARGET_S
            print(f"  {name:26} {case_wall:7.2f} {case_cpu:7.2f} {growth:8.1f} {problems:9d}")
    print(
        f"\n{'all targets met' if ok else 'TARGET MISSED'} (targets: check ≤ {CHECK_TARGET_S} s, "
        f"each case ≤ {CASE_TARGET_S} s CPU)"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
