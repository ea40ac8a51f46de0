"""The page body: sanitised HTML in a read-only browser that never leaves the kiosk."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QTextDocument, QTextOption
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

from kiosk.site.markup import IMAGE_SCHEME, PAGE_SCHEME
from kiosk.ui.widgets import make_kinetic

log = logging.getLogger(__name__)


class PageView(QTextBrowser):
    """Shows one page's HTML; page links become ``page_requested`` signals."""

    page_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page-body")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAcceptDrops(False)
        self.setTabChangesFocus(False)
        option = self.document().defaultTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)
        self.document().setDocumentMargin(18)
        self.anchorClicked.connect(self._on_anchor)
        self._images_dir: Path | None = None
        self._frame_colour = "#000000"
        self._image_cache: dict[tuple[str, int, str], QImage] = {}
        make_kinetic(self)

    def show_html(self, html: str, css: str, images_dir: Path | None, frame_colour: str) -> None:
        """Replace the document; ``images_dir`` is the content's ``pages/`` folder."""
        self._images_dir = images_dir
        self._frame_colour = frame_colour
        self.document().setDefaultStyleSheet(css)
        # Qt's rich text draws table grids from attributes, not from CSS alone.
        html = html.replace("<table>", '<table border="1" cellspacing="0" width="100%">')
        self.setHtml(f"<body>{html}</body>")

    def top_position(self) -> int:
        """Document position shown at the top of the view (to keep the reader's place)."""
        return self.cursorForPosition(QPoint(4, 4)).position()

    def scroll_to_position(self, position: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(min(position, max(0, self.document().characterCount() - 1)))
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - 4)

    def _on_anchor(self, url: QUrl) -> None:
        href = url.toString()
        if href.startswith(PAGE_SCHEME):
            self.page_requested.emit(href[len(PAGE_SCHEME) :])
        else:  # the sanitiser leaves no other links; never open anything outside
            log.warning("ignored link %r", href)

    def loadResource(self, kind: int, name: QUrl | str) -> object:  # noqa: N802 - Qt override
        # Only the kiosk's own images are ever loaded; anything else gets an empty image
        # (returning None from this override upsets PySide's reference counting).
        href = name.toString() if isinstance(name, QUrl) else name
        if kind != QTextDocument.ResourceType.ImageResource.value or not href.startswith(IMAGE_SCHEME):
            return QImage()
        return self._image(href[len(IMAGE_SCHEME) :])

    def _image(self, relative: str) -> QImage:
        if self._images_dir is None:
            return QImage()
        width = max(120, self.viewport().width() - 60)
        key = (relative, width, self._frame_colour)
        if key in self._image_cache:
            return self._image_cache[key]
        path = (self._images_dir / relative).resolve()
        if self._images_dir.resolve() not in path.parents:
            return QImage()
        image = QImage(str(path))
        if image.isNull():
            log.warning("cannot load image %s", path)
            return image
        if image.width() > width:
            image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        image = image.convertToFormat(QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        pen = QPen(QColor(self._frame_colour))
        pen.setWidth(4)
        painter.setPen(pen)
        painter.drawRect(image.rect().adjusted(2, 2, -2, -2))
        painter.end()
        self._image_cache[key] = image
        return image
