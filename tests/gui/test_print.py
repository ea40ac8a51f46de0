"""Printing a page to PDF through the kiosk's print path, and the take-away QR code."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import unicodedata
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kiosk import paths
from kiosk.cli import main
from kiosk.content.content import load_content
from kiosk.printing import print_page
from kiosk.session import Location
from kiosk.ui.page_view import QR_RESOURCE
from tests.conftest import open_kiosk_window

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
MOMENT = dt.datetime(2026, 11, 24, 10, 30, tzinfo=ZoneInfo("Europe/Warsaw"))


def pdf_text(path: Path) -> str:
    """The PDF's text; NFKC turns the font's "ﬁ" ligature back into "fi"."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return unicodedata.normalize("NFKC", text)


def pdf_page_png(path: Path, page: int, out: Path) -> QImage:
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "150",
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(path),
            str(out),
        ],
        check=True,
    )
    return QImage(str(out) + ".png")


def test_print_command_writes_an_a4_pdf_with_header_title_body_and_numbers(
    tmp_path: Path, qapp: object, kiosk_fonts: None
) -> None:
    out = tmp_path / "iso.pdf"
    assert main(["print", "iso-9001", "-o", str(out)]) == 0
    text = pdf_text(out)
    assert "Urząd Miejski w Mszczonowie" in text  # header
    assert "Certyfikat ISO 9001" in text  # title
    assert "od 16 czerwca" in text and "2008" in text  # body, Polish letters intact
    assert "zażółć" not in text and "ę" in text and "ł" in text and "ś" in text
    assert "Strona 1 z 2" in text and "Strona 2 z 2" in text
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert "595.276 x 841.89 pts (A4)" in info or "A4" in info


def test_printout_is_normal_contrast_and_includes_images(
    tmp_path: Path, qapp: object, kiosk_fonts: None
) -> None:
    content = load_content(paths.bundled_content_dir())
    variant = content.site.page_variant("floor-plan", "en")
    assert variant is not None
    out = tmp_path / "plan.pdf"
    assert print_page(content, variant, "en", MOMENT, output=out) >= 1
    images = subprocess.run(
        ["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True
    ).stdout
    assert len(images.strip().splitlines()) >= 3  # a header, a rule, and at least one image
    page = pdf_page_png(out, 1, tmp_path / "p1")
    corner = page.pixelColor(20, 20).name()
    assert corner == "#ffffff"  # white paper, whatever the screen theme
    assert "Tuesday, 24 November 2026" in pdf_text(out)


def test_printed_qr_code_decodes_to_the_page_address(tmp_path: Path, qapp: object, kiosk_fonts: None) -> None:
    content = load_content(paths.bundled_content_dir())
    variant = content.site.page_variant("iso-9001", "pl")
    assert variant is not None and variant.url
    out = tmp_path / "iso.pdf"
    pages = print_page(content, variant, "pl", MOMENT, output=out)
    image = pdf_page_png(out, pages, tmp_path / "last")
    decoded = [r.text for r in zxingcpp.read_barcodes(image)]
    assert decoded == [variant.url]
    assert variant.url in pdf_text(out)


def test_page_on_screen_shows_a_scannable_qr_with_the_address(qtbot: QtBot, kiosk_fonts: None) -> None:
    window = open_kiosk_window()
    window.resize(1080, 1920)
    qtbot.addWidget(window)
    window.show()
    window.kiosk.session.open(Location("page", "opening-hours"))
    body = window.page_screen.body
    url = window.page_screen.variant.url  # type: ignore[union-attr]
    assert url and url in body.toPlainText()
    assert "Zeskanuj, aby otworzyć na telefonie" in body.toPlainText()
    image = body.loadResource(2, QR_RESOURCE)
    assert isinstance(image, QImage) and image.width() >= 250  # ≈ 7 cm on a 24" screen
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [url]
    window.kiosk.session.set_theme("yellow-on-black")  # stays dark-on-light, framed
    image = body.loadResource(2, QR_RESOURCE)
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [url]


@pytest.mark.allow_log_warnings
def test_print_button_only_with_a_printer_and_confirms(
    qtbot: QtBot, kiosk_fonts: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_kiosk_window()
    qtbot.addWidget(window)
    window.show()
    window.kiosk.session.open(Location("page", "iso-9001"))
    window.kiosk.set_printer("")
    assert window.page_screen.print_button.isHidden()
    window.kiosk.set_printer("no-such-printer")
    assert window.page_screen.print_button.isHidden()
    printed: list[tuple[str, str]] = []
    monkeypatch.setattr(window.kiosk, "_printer_available", lambda name: True)
    monkeypatch.setattr(
        window.kiosk,
        "_print_page",
        lambda content, variant, lang, moment, printer_name: (
            printed.append((variant.page_id, printer_name)) or 2
        ),
    )
    window.kiosk.set_printer("Office-HP")
    assert not window.page_screen.print_button.isHidden()
    button = window.page_screen.print_button
    qtbot.waitUntil(lambda: button.isVisible() and button.height() > 0)  # the header made room
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert printed == [("iso-9001", "Office-HP")]
    assert window.page_screen.confirmation.text() == "Drukuję. Odbierz wydruk z drukarki."
