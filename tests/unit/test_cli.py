"""The ``kiosk`` command as staff use it: messages, exit codes, no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from kiosk.cli import main
from tests.conftest import ContentBuilder, page_text

Make = Callable[[str], ContentBuilder]


def test_check_bundled_content_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1].startswith("OK: 0 errors")


def test_check_broken_folder_prints_each_problem_and_fails(
    make_content: Make, capsys: pytest.CaptureFixture[str]
) -> None:
    c = make_content("broken")
    c.page("a", "pl", page_text("A", "office", "Zobacz [b](page:b)."))
    c.page("a", "en", page_text("A", "nowhere", "Text."))
    assert main(["check", str(c.root)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "pages/a/en.md:3: error: unknown section 'nowhere' (known: office, errands)",
        "pages/a/pl.md:5: error: link to missing page 'b'",
        "FAILED: 2 errors, 0 warnings in 1 pages (1 language versions), 2 sections",
    ]


def test_check_missing_folder_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["check", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such folder" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["render", "no-such-page", "-o", "x.png"], "unknown page 'no-such-page'"),
        (["render", "home", "-o", "x.png", "--size", "big"], "--size must look like"),
        (["render", "home", "-o", "x.jpg"], "must end in .png"),
        (["render", "home", "-o", "x.png", "--theme", "pink"], "--theme must be one of"),
        (["render", "home", "-o", "x.png", "--lang", "de"], "--lang must be one of"),
        (["render"], "the following arguments are required"),
        (["render", "home", "-o", "x.png", "--at", "tomorrow"], "--at must look like '2026-11-02 10:15'"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_input_gives_one_line_and_nonzero(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str], qapp: object, tmp_path: Path
) -> None:
    args = [str(tmp_path / a) if a.endswith((".png", ".jpg")) else a for a in args]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err and err.count("\n") == 1


@pytest.mark.parametrize("size", ["1080x1920", "1920x1080"])
def test_render_writes_a_png_of_the_requested_size(
    size: str, tmp_path: Path, qapp: object, kiosk_fonts: None
) -> None:
    out = tmp_path / "page.png"
    assert main(["render", "iso-9001", "-o", str(out), "--size", size, "--lang", "en"]) == 0
    image = QImage(str(out))
    width, height = (int(x) for x in size.split("x"))
    assert (image.width(), image.height()) == (width, height)
    # Not a blank image: many distinct colours (text, bars, buttons).
    colours = {image.pixel(x, y) for x in range(0, width, 7) for y in range(0, height, 7)}
    assert len(colours) > 20


def test_render_at_a_moment_shows_that_moments_status(
    tmp_path: Path, qapp: object, kiosk_fonts: None
) -> None:
    """A closed day and an open morning give different home screens (the status card)."""
    images = []
    for moment in ("2025-11-01 10:15", "2026-12-01 10:15"):  # All Saints' Day; a Tuesday
        out = tmp_path / f"home-{moment[:10]}.png"
        assert main(["render", "home", "-o", str(out), "--at", moment]) == 0
        images.append(QImage(str(out)))
    assert images[0].size() == images[1].size() and images[0] != images[1]


def test_python_dash_m_kiosk_works() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "check"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "OK: 0 errors" in result.stdout


def test_render_shows_the_survey_over_the_home_screen(
    tmp_path: Path,
    qapp: object,
    kiosk_fonts: None,
    make_content: Callable[[str], ContentBuilder],
    capsys: pytest.CaptureFixture[str],
) -> None:
    home, survey = tmp_path / "home.png", tmp_path / "survey.png"
    assert main(["render", "home", "-o", str(home)]) == 0
    assert main(["render", "survey", "-o", str(survey)]) == 0
    plain, covered = QImage(str(home)), QImage(str(survey))
    # The survey's panel is light, the overlay around it darkens the screen's corners.
    assert QColor(covered.pixel(540, 960)).lightness() > 200
    assert QColor(covered.pixel(20, 400)).lightness() < QColor(plain.pixel(20, 400)).lightness()
    without = make_content("no-survey")
    without.simple("hours", "Godziny pracy", "Opening hours")
    assert main(["render", "survey", "-o", str(survey), "--content", str(without.root)]) == 2
    assert "there is no survey to show" in capsys.readouterr().err


def test_the_program_leaves_a_render_at_once_after_its_exit_handlers(tmp_path: Path) -> None:
    """``kiosk render`` as a program ends without the interpreter's teardown
    (kiosk.cli.run), but Python's exit handlers run, the PNG is whole and the exit status
    is the command's."""
    out, marker = tmp_path / "home.png", tmp_path / "handlers-ran"
    code = (
        "import atexit, sys\n"
        f"atexit.register(lambda: open({str(marker)!r}, 'w').close())\n"
        "sys.argv = ['kiosk'] + sys.argv[1:]\n"
        "from kiosk.cli import run\n"
        "run()\n"
        "raise SystemExit('run() returned')\n"
    )
    command = [sys.executable, "-c", code, "render", "home", "-o", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert marker.is_file()
    assert QImage(str(out)).size().width() == 1080
    failed = subprocess.run(
        [sys.executable, "-m", "kiosk", "render", "no-such-page", "-o", str(tmp_path / "x.png")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert failed.returncode == 2 and "unknown page 'no-such-page'" in failed.stderr


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("zameldowanie", "'residence-registration' (Zameldowanie)"),  # the Polish title
        ("DOWOD", "'id-card' (Dowód osobisty)"),  # without the accent, in capitals
        ("id-crad", "'id-card' (Dowód osobisty)"),  # a typo in the folder name
    ],
)
def test_an_unknown_page_names_the_pages_meant(
    typed: str, meant: str, capsys: pytest.CaptureFixture[str], qapp: object, tmp_path: Path
) -> None:
    assert main(["render", typed, "-o", str(tmp_path / "x.png")]) == 2
    err = capsys.readouterr().err
    assert f"unknown page '{typed}'; did you mean {meant}" in err and err.count("\n") == 1
    assert main(["render", "xyzzy", "-o", str(tmp_path / "x.png")]) == 2
    assert "a page is named by its folder under pages/ (e.g. '" in capsys.readouterr().err


@pytest.mark.allow_log_warnings
def test_a_preview_of_content_with_errors_says_the_kiosk_would_not_show_it(
    make_content: Make, caplog: pytest.LogCaptureFixture, qapp: object, kiosk_fonts: None, tmp_path: Path
) -> None:
    """Pani Ewa previews a page of a folder with an error elsewhere: the picture is drawn,
    and she is told that the kiosk keeps its last good copy until the error is fixed."""
    c = make_content("one-error")
    c.page("a", "pl", page_text("A", "office", "Tekst strony."))
    c.page("b", "pl", page_text("B", "nowhere", "Tekst."))
    assert main(["--content", str(c.root), "render", "a", "-o", str(tmp_path / "a.png")]) == 0
    assert QImage(str(tmp_path / "a.png")).width() == 1080
    said = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("the kiosk will not show this folder until the errors are fixed" in m for m in said), said
