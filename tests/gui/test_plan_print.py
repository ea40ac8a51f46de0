"""Taking the way along: the way to a room printed through the kiosk's print path (real
Qt printing to PDF), and the QR code of the floor's online plan on paper and on screen."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from kiosk import paths
from kiosk.cli import main
from kiosk.content.content import Content, load_content
from kiosk.floors.directions import directions
from kiosk.floors.printout import PAPER, print_route, way_to
from kiosk.session import Location
from tests.conftest import open_kiosk_window
from tests.gui.test_print import pdf_page_png, pdf_text

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
MOMENT = dt.datetime(2026, 11, 24, 10, 30, tzinfo=ZoneInfo("Europe/Warsaw"))
PLAN_URL = "https://www.mszczonow.pl/plan-urzedu/pietro-1"


def content_with_url(tmp_path: Path, url: str = PLAN_URL) -> Path:
    """The sample content with an online plan for the first floor."""
    folder = tmp_path / "tresc"
    shutil.copytree(paths.bundled_content_dir(), folder)
    toml = folder / "floors" / "floors.toml"
    text = toml.read_text(encoding="utf-8")
    text = text.replace('plan = "pietro-1.svg"\n', f'plan = "pietro-1.svg"\nurl = "{url}"\n', 1)
    toml.write_text(text, encoding="utf-8")
    return folder


def route_pixels(image: QImage) -> int:
    """How many pixels of a page are (near) the printed way's colour."""
    route = QColor(PAPER.route)
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if (
                abs(c.red() - route.red()) + abs(c.green() - route.green()) + abs(c.blue() - route.blue())
                < 40
            ):
                count += 1
    return count


def test_the_way_to_room_14_prints_both_floors_with_the_way_and_the_numbered_steps(
    tmp_path: Path, kiosk_fonts: None
) -> None:
    content = load_content(paths.bundled_content_dir())
    out = tmp_path / "droga.pdf"
    assert print_route(content, "14", "hall", False, "pl", MOMENT, output=out) == 1
    text = pdf_text(out)
    assert "Urząd Miejski w Mszczonowie" in text and "wtorek, 24 listopada 2026" in text
    assert "Pokój 14 · I piętro" in text and "Referat Finansowy" in text
    assert "Skąd: hol przy kiosku" in text
    assert content.floors is not None
    route = way_to(content.floors, content.floors.rooms["14"], "hall", False)
    assert route is not None
    steps = directions(content.floors, route, "pl", content.floors.rooms["14"])
    flat = " ".join(text.split())
    for number, step in enumerate(steps, start=1):
        assert f"{number}. {step.text}" in flat
    assert "Wejdź schodami na I piętro." in flat and "Razem około 20 metrów." in flat
    # Each floor under its name, in the order walked; the floor the way does not reach is not printed.
    assert flat.index("Parter") < flat.index("1. Idź") < flat.index("2. Skręć w prawo. I piętro 3. Wejdź")
    assert "II piętro" not in text
    images = subprocess.run(
        ["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True
    ).stdout
    assert len(images.strip().splitlines()) - 2 >= 2  # the plan of each of the two floors
    page = pdf_page_png(out, 1, tmp_path / "p1")
    assert page.pixelColor(20, 20).name() == "#ffffff"  # paper, whatever the screen's colours
    assert route_pixels(page) > 200  # the way is drawn
    assert zxingcpp.read_barcodes(page) == []  # no online plan given: no QR code


def test_in_english_without_stairs(tmp_path: Path, kiosk_fonts: None) -> None:
    content = load_content(paths.bundled_content_dir())
    out = tmp_path / "way.pdf"
    print_route(content, "14", "hall", True, "en", MOMENT, output=out)
    flat = " ".join(pdf_text(out).split())
    assert "Room 14 · 1st floor" in flat and "Finance" in flat
    assert "No stairs: by lift and ramps." in flat
    assert "Take the lift up to the 1st floor." in flat and "stairs to" not in flat
    assert "Page 1 of 1" in flat


def test_the_floors_online_plan_is_printed_as_a_qr_code_that_decodes(
    tmp_path: Path, kiosk_fonts: None
) -> None:
    content = load_content(content_with_url(tmp_path))
    assert content.floors is not None and content.floors.floor("pietro-1").url == PLAN_URL  # type: ignore[union-attr]
    out = tmp_path / "droga.pdf"
    pages = print_route(content, "14", "hall", False, "pl", MOMENT, output=out)
    decoded = [
        r.text
        for page in range(1, pages + 1)
        for r in zxingcpp.read_barcodes(pdf_page_png(out, page, tmp_path / f"p{page}"))
    ]
    assert decoded == [PLAN_URL]
    flat = " ".join(pdf_text(out).split())
    assert "Zeskanuj, aby otworzyć plan na telefonie" in flat and PLAN_URL in flat
    # A room on a floor without a url, on a way that does not cross the first floor: none.
    out = tmp_path / "kasa.pdf"
    print_route(content, "4", "hall", False, "pl", MOMENT, output=out)
    assert zxingcpp.read_barcodes(pdf_page_png(out, 1, tmp_path / "kasa")) == []
    assert PLAN_URL not in pdf_text(out)


def test_kiosk_print_plan_room_writes_the_way(
    tmp_path: Path, qapp: object, kiosk_fonts: None, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "14.pdf"
    assert main(["print", "plan:14", "-o", str(out), "--lang", "uk", "--step-free"]) == 0
    flat = " ".join(pdf_text(out).split())
    assert "Кімната 14" in flat and "Фінансовий відділ" in flat and "ліфтом" in flat
    assert re.search(r"\b1\. ", flat)
    assert main(["print", "plan:99", "-o", str(tmp_path / "99.pdf")]) != 0
    assert "'99' is not a room of the plan" in capsys.readouterr().err
    assert not (tmp_path / "99.pdf").exists()


@pytest.mark.allow_log_warnings
def test_print_on_the_plan_screen_only_with_a_printer_and_a_way(
    qtbot: QtBot, kiosk_fonts: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_kiosk_window()
    qtbot.addWidget(window)
    window.show()
    kiosk = window.kiosk
    plan = window.plan_screen
    kiosk.open(Location("plan", "14"))
    assert plan.print_button.isHidden()  # no printer
    printed: list[tuple[str, bool, str]] = []

    def to_pdf(
        content: Content,
        room: str,
        position: str,
        step_free: bool,
        lang: str,
        moment: dt.datetime,
        printer_name: str,
    ) -> int:
        printed.append((room, step_free, printer_name))
        return print_route(content, room, position, step_free, lang, moment, output=tmp_path / "out.pdf")

    monkeypatch.setattr(kiosk, "_printer_available", lambda name: True)
    monkeypatch.setattr(kiosk, "_print_route", to_pdf)
    kiosk.set_printer("Office-HP")
    assert plan.print_button.isVisible()
    plan.select_room("3")  # a room, no way yet: nothing to print
    assert plan.print_button.isHidden()
    qtbot.mouseClick(plan.show_route_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(plan.step_free_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(plan.print_button, Qt.MouseButton.LeftButton)
    assert printed == [("3", True, "Office-HP")]
    assert plan.confirmation.text() == "Drukuję. Odbierz wydruk z drukarki."
    assert "Pokój 3" in pdf_text(tmp_path / "out.pdf")
    plan.select_room("4")  # another room: the confirmation was about the last one
    assert plan.confirmation.isHidden()


def test_the_qr_code_of_the_online_plan_is_beside_the_steps_only_when_given(
    qtbot: QtBot, kiosk_fonts: None, tmp_path: Path
) -> None:
    window = open_kiosk_window(content_with_url(tmp_path))
    qtbot.addWidget(window)
    window.show()
    plan = window.plan_screen
    window.kiosk.open(Location("plan", "14"))
    assert plan.qr_box.isVisible() and plan.qr_address.text() == PLAN_URL
    image = plan.qr_image.pixmap().toImage()
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [PLAN_URL]
    assert plan.qr_caption.text() == "Zeskanuj, aby otworzyć plan na telefonie"
    # Beside the steps, below the plan: the plan keeps its size.
    steps, qr = plan.steps_label.geometry(), plan.qr_box.geometry()
    assert qr.left() >= steps.right() and qr.top() < steps.bottom()
    window.kiosk.open(Location("plan", "4"))  # the ground floor has no online plan
    assert plan.qr_box.isHidden() and plan.qr_url == ""
