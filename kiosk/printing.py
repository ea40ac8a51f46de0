"""Printing a page: A4, the office and date on top, the page in normal contrast.

The same code path writes a PDF (``kiosk print``, tests) and prints on the kiosk's
printer without a dialog (visitors cannot operate a print dialog).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import QFont, QImage, QImageReader, QPageLayout, QPageSize, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk.content.content import Content
from kiosk.content.markup import IMAGE_SCHEME
from kiosk.content.model import PageVariant
from kiosk.i18n import translate
from kiosk.languages import other_language_notice
from kiosk.qr import qr_image
from kiosk.table_fit import TableFitter
from kiosk.today.header import date_text

log = logging.getLogger(__name__)

PRINT_CSS = """
body { font-family: "DejaVu Sans"; font-size: 11pt; color: #000000; }
h1 { font-size: 18pt; margin-bottom: 6pt; }
h2 { font-size: 14pt; margin-top: 12pt; }
h3, h4 { font-size: 12pt; }
p, li { line-height: 130%; }
table { border-color: #000000; border-style: solid; border-collapse: collapse; }
th { background-color: #e6e6e6; font-weight: bold; }
th, td { padding: 4pt; border-color: #000000; }
a { color: #000000; text-decoration: underline; }
span.alt { font-style: italic; font-size: 9pt; }
p.notice { font-style: italic; }
p.meta { font-size: 10pt; }
td.card { border: 1pt solid #000000; padding: 4pt; }
p.card-line { margin-top: 0pt; margin-bottom: 2pt; }
"""
PRINT_TABLE_TAG = '<table border="1" cellspacing="0" width="100%">'
MARGINS_MM = QMarginsF(18, 22, 18, 20)  # room for the running header and page numbers
QR_RESOURCE = "kiosk-qr:print"


def printer_available(name: str) -> bool:
    """Whether a printer is configured and known to the system ("default" = its default)."""
    if not name:
        return False
    if name == "default":
        return not QPrinterInfo.defaultPrinter().isNull()
    return name in QPrinterInfo.availablePrinterNames()


def print_document(content: Content, variant: PageVariant, lang: str, width_px: int) -> QTextDocument:
    """The page as a document for paper, images and QR code included.

    ``width_px`` is the text width in the document's logical pixels (1/96 inch): rich
    text scales images from those to the printer's resolution.
    """
    site = content.site
    parts = [f"<h1>{html.escape(variant.title)}</h1>"]
    if variant.lang != lang:
        parts.append(f'<p class="notice">{html.escape(other_language_notice(variant.lang, lang))}</p>')
    if variant.room:
        where = translate(lang, "Where: %(room)s") % {"room": variant.room}
        parts.append(f'<p class="meta">{html.escape(where)}</p>')
    document = QTextDocument()
    document.setDefaultStyleSheet(PRINT_CSS)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(11)
    document.setDefaultFont(font)
    # A table stays a table on paper when its words fit the page; only a very wide one
    # becomes cards, as on the screen (kiosk.table_fit).
    body = content.html(variant)
    if "<table" in body:
        def image_width(src: str) -> float:
            path = site.root / "pages" / src.removeprefix(IMAGE_SCHEME)
            return float(min(width_px, QImageReader(str(path)).size().width()))

        fitter = TableFitter(PRINT_CSS, font, PRINT_TABLE_TAG, 1.0, image_width)
        body = fitter.fit(body, width_px - 2 * document.documentMargin())
    parts.append(body.replace("<table>", PRINT_TABLE_TAG))
    for src, _alt in content.rendered[variant.key].images:
        image = QImage(str(site.root / "pages" / variant.page_id / src))
        if image.width() > width_px:
            image = image.scaledToWidth(width_px, Qt.TransformationMode.SmoothTransformation)
        document.addResource(
            QTextDocument.ResourceType.ImageResource.value,
            QUrl(f"{IMAGE_SCHEME}{variant.page_id}/{src}"),
            image,
        )
    if variant.url:
        module = 4  # about 4 cm for a typical address: easy to scan from a printout
        document.addResource(
            QTextDocument.ResourceType.ImageResource.value, QUrl(QR_RESOURCE), qr_image(variant.url, module)
        )
        caption = html.escape(translate(lang, "Scan to open on your phone"))
        parts.append(f'<p><img src="{QR_RESOURCE}"><br>{caption}<br><b>{html.escape(variant.url)}</b></p>')
    document.setHtml("<body>" + "".join(parts) + "</body>")
    return document


def _printer(output: Path | None, printer_name: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if output is not None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
    elif printer_name and printer_name != "default":
        printer.setPrinterName(printer_name)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    printer.setFullPage(False)
    return printer


def print_page(
    content: Content,
    variant: PageVariant,
    lang: str,
    moment: datetime,
    output: Path | None = None,
    printer_name: str = "",
) -> int:
    """Print (or with ``output`` write a PDF); returns the number of pages."""
    return print_pages(
        lambda width_px: print_document(content, variant, lang, width_px),
        content,
        lang,
        moment,
        output,
        printer_name,
        what=f"{variant.page_id} ({lang})",
    )


def print_pages(
    make_document: Callable[[int], QTextDocument],
    content: Content,
    lang: str,
    moment: datetime,
    output: Path | None = None,
    printer_name: str = "",
    what: str = "",
) -> int:
    """Print a document on A4 with the office and date on top and page numbers below
    (or with ``output`` write a PDF); returns the number of pages. ``make_document`` gets
    the text width in the document's logical pixels (1/96 inch)."""
    printer = _printer(output, printer_name)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(f"cannot print to {output or printer_name or 'the default printer'}")
    try:
        page = printer.pageRect(QPrinter.Unit.DevicePixel)
        dpi = printer.resolution()
        document = make_document(int(page.width() * 96 / dpi))
        document.documentLayout().setPaintDevice(printer)
        document.setPageSize(QSizeF(page.width(), page.height()))
        pages = document.pageCount()
        office = content.site.office.name(lang)
        day = date_text(moment.date(), lang)
        small = QFont("DejaVu Sans")
        small.setPointSizeF(9)
        for index in range(pages):
            if index:
                printer.newPage()
            painter.save()
            painter.translate(0, -index * page.height())
            document.drawContents(painter, QRectF(0, index * page.height(), page.width(), page.height()))
            painter.restore()
            painter.setFont(small)
            painter.setPen(Qt.GlobalColor.black)
            band = dpi * 10 / 25.4  # the header and footer sit in the top and bottom margins
            top = QRectF(0, -band, page.width(), band * 0.8)
            painter.drawText(top, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), office)
            painter.drawText(top, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom), day)
            bottom = QRectF(0, page.height() + band * 0.2, page.width(), band * 0.8)
            numbers = translate(lang, "Page %(page)d of %(pages)d") % {"page": index + 1, "pages": pages}
            painter.drawText(bottom, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), numbers)
    finally:
        painter.end()
    log.info("printed %s on %d pages to %s", what, pages, output or printer_name)
    return pages
