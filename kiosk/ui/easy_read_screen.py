"""Every page in easy-to-read text (tekst łatwy do czytania), as a list like a section's.

Opened from the home screen's tile; the controller then chooses easy-to-read text for
the visit, so each page opens in its easy version.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.content.content import Content
from kiosk.i18n import _
from kiosk.session import Location, Session
from kiosk.ui.section_screen import SectionScreen


class EasyReadScreen(SectionScreen):
    def __init__(self, content: Content, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(content, session, parent)
        self.setObjectName("easy-read-screen")

    def open(self, location: Location) -> None:
        self.scroll_area.verticalScrollBar().setValue(0)
        self.retranslate()

    def retranslate(self) -> None:
        lang = self._session.language
        variants = self._content.site.easy_read_pages(lang)
        self.title.setText(_("Easy-to-read text"))
        self._show_tiles(variants)
        # Translators: on the list of easy-to-read pages when there is none.
        self.empty.setText(_("There are no pages in easy-to-read text yet."))
        self.empty.setVisible(not variants)
        self.scroll_buttons.set_texts(_("Scroll up"), _("Scroll down"))
