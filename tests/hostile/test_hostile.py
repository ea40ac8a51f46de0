"""The hostile-content suite: every case of ``cases.py`` against ``kiosk check`` and
``load_content``.

For each case: ``kiosk check`` (a real subprocess) names the bad file with its line as
``file:line: error:``, prints no traceback and no control character, exits 1, still
reports the folder's other problem (the canary), and finishes within a generous time
bound (a sanity guard against quadratic or runaway checking; the real figures are in
``benchmarks/bench_check.py``). In process, ``load_content`` never raises, every good
page still renders, and the hostile page's other language still loads.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.content.content import load_content
from tests.hostile.cases import CANARY_FILE, CANARY_MESSAGE, CASES, GOOD_PAGE, Case, build

ROOT = Path(__file__).resolve().parents[2]
# Generous: checking any of these takes well under a second on the reference machine;
# before the limits some took minutes. The machine running the tests may be busy.
CHECK_SECONDS = 20.0
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

IDS = [case.name for case in CASES]


@pytest.fixture(params=CASES, ids=IDS)
def case_folder(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Case, Path]:
    case: Case = request.param
    return case, build(case, tmp_path)


def run_check(folder: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "check", str(folder)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=ROOT,
        timeout=120,
    )
    return result, time.perf_counter() - started


def test_kiosk_check_names_the_file_and_line_and_keeps_going(case_folder: tuple[Case, Path]) -> None:
    case, folder = case_folder
    result, seconds = run_check(folder)
    out = result.stdout
    assert "Traceback" not in out + result.stderr, result.stderr[-2000:]
    assert result.stderr == "", result.stderr[-2000:]
    assert not CONTROL_RE.search(out.replace("\n", "")), "control characters printed"
    assert seconds < CHECK_SECONDS, f"checking took {seconds:.1f} s"
    lines = out.splitlines()
    # The folder's other problem is still reported: one bad file does not hide the rest.
    assert any(line.startswith(f"{CANARY_FILE}:") and CANARY_MESSAGE in line for line in lines), out[-3000:]
    assert result.returncode == 1  # the canary alone is an error
    errors_here = [line for line in lines if line.startswith(case.bad_file) and ": error: " in line]
    if not case.is_error:
        assert errors_here == [], errors_here[:5]
        return
    where = re.escape(case.bad_file) + (r":(\d+)" if case.has_line else "")
    matching = [line for line in errors_here if re.match(where + ": error: ", line) and case.message in line]
    assert matching, f"no '{case.bad_file}:line: error: …{case.message}…' in:\n" + "\n".join(lines[:40])
    if case.line is not None:
        found = {int(m.group(1)) for line in matching if (m := re.match(where, line))}
        assert case.line in found, (case.line, matching[:5])


def test_load_content_never_raises_and_good_pages_render(case_folder: tuple[Case, Path]) -> None:
    case, folder = case_folder
    content = load_content(folder)
    site = content.site
    good = site.pages[GOOD_PAGE]
    for lang in site.languages:
        variant = good.variants[lang]
        assert content.html(variant).strip(), f"{GOOD_PAGE}/{lang} rendered empty"
    canary = site.pages["canary"]
    assert content.html(canary.variants["pl"]).strip()
    if case.good_variant is not None and case.bad_file.startswith("pages/hostile/"):
        hostile = site.pages.get("hostile")
        assert hostile is not None and case.good_variant in hostile.variants
        assert content.html(hostile.variants[case.good_variant]).strip()
    if case.html_has or case.html_lacks:
        html = content.html(site.pages["hostile"].variants["pl"])
        for piece in case.html_has:
            assert piece in html
        for piece in case.html_lacks:
            assert piece not in html
    # Every page the site lists can be shown.
    for page in site.pages.values():
        for variant in page.variants.values():
            assert (page.id, variant.lang) in content.rendered
    for problem in content.problems:
        formatted = problem.format(folder)
        assert not CONTROL_RE.search(formatted), formatted
