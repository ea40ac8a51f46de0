"""Volume, reachable on every screen in speech mode (not only while a page is read).

A blind visitor without a keypad finds it like any other item (by touch, or swiping to
it) and uses it with a double tap: each use one step louder, after the loudest the
quietest again; the new volume is said at that volume. The next visitor starts at the
default volume (``Session.reset``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from kiosk.i18n import _, pgettext
from kiosk.session import Session
from kiosk.ui.bars import BarButton
from kiosk.ui.speech_bar import volume_name
from kiosk.vocabulary import Volume


class VolumeItem(BarButton):
    """A control of the bar, shown in speech mode only; ``change_volume(step)`` is the
    controller's."""

    def __init__(
        self, session: Session, change_volume: Callable[[int], None], parent: QWidget | None = None
    ) -> None:
        super().__init__("volume-item", "volume", parent)
        self._session = session
        self._change_volume = change_volume
        self.clicked.connect(self._next)
        session.speech_changed.connect(self.refresh)
        session.language_changed.connect(lambda _lang: self.refresh())
        self.refresh()

    def _next(self) -> None:
        order = list(Volume)
        index = order.index(Volume(self._session.speech_volume))
        self._change_volume(1 if index + 1 < len(order) else -index)

    def refresh(self) -> None:
        self.setVisible(self._session.is_speech_mode)
        text = _("Volume: %(volume)s") % {"volume": volume_name(self._session.speech_volume)}
        # Translators: a short label under an icon of the control bar (about 8 letters at most).
        self.setText(pgettext("control bar", "Volume"))
        self.setAccessibleName(text)
        # Translators: said after the volume item in speech mode.
        self.setAccessibleDescription(_("Each use: one step louder; after the loudest, the quietest."))
