"""Live content updates: valid content switches at a safe moment, invalid is refused."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from kiosk.content import live as live_content
from kiosk.content.content import load_content
from kiosk.content.live import ContentWatcher, take_snapshot
from kiosk.session import Location, Session
from kiosk.ui.main_window import KioskWindow
from tests.conftest import ContentBuilder, page_text

Make = Callable[[str], ContentBuilder]


@pytest.fixture
def owner() -> Iterator[QObject]:
    """A parent for a watcher, deleted after the test (with the watcher's inotify handle)."""
    holder = QObject()
    yield holder
    shiboken6.delete(holder)


@pytest.fixture
def folder(make_content: Make) -> ContentBuilder:
    c = make_content("live")
    c.simple("hours", "Godziny", "Hours")
    return c


def test_valid_change_is_offered_from_a_snapshot(
    qtbot: QtBot, folder: ContentBuilder, tmp_path: Path, owner: QObject
) -> None:
    watcher = ContentWatcher(folder.root, tmp_path / "snapshots", quiet_ms=100, parent=owner)
    folder.simple("tax", "Podatki", "Taxes", section="errands")
    with qtbot.waitSignal(watcher.ready, timeout=5000) as blocker:
        pass
    content = blocker.args[0]
    assert "tax" in content.site.pages
    assert content.site.root.parent == tmp_path / "snapshots"  # served from a copy
    # Changing the source afterwards does not touch what the kiosk serves.
    (folder.root / "pages" / "tax" / "pl.md").write_text("broken", encoding="utf-8")
    assert "Podatki" in (content.site.root / "pages" / "tax" / "pl.md").read_text(encoding="utf-8")


def test_invalid_change_is_rejected_with_the_problems(
    qtbot: QtBot, folder: ContentBuilder, tmp_path: Path, owner: QObject
) -> None:
    watcher = ContentWatcher(folder.root, tmp_path / "snapshots", quiet_ms=100, parent=owner)
    folder.page("bad", "pl", page_text("Zła", "nowhere", "Treść."))
    folder.page("bad", "en", page_text("Bad", "office", "Text."))
    ready: list[object] = []
    watcher.ready.connect(ready.append)
    with qtbot.waitSignal(watcher.rejected, timeout=5000) as blocker:
        pass
    messages = [p.message for p in blocker.args[0]]
    assert any("unknown section 'nowhere'" in m for m in messages)
    assert ready == []


def test_folder_changing_during_the_copy_is_not_used(
    folder: ContentBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prints = iter(["first", "second"])
    monkeypatch.setattr(live_content, "tree_signature", lambda _root: next(prints))
    assert take_snapshot(folder.root, tmp_path / "snapshots") is None
    assert list((tmp_path / "snapshots").iterdir()) == []  # no half copy left behind


def test_switch_waits_until_the_visitor_goes_home(
    qtbot: QtBot, folder: ContentBuilder, make_content: Make, kiosk_fonts: None
) -> None:
    window = KioskWindow(load_content(folder.root), Session("pl"))
    qtbot.addWidget(window)
    window.show()
    window.session.open(Location("page", "hours"))
    newer = make_content("newer")
    newer.simple("hours", "Godziny pracy", "Opening hours")
    newer.simple("tax", "Podatki", "Taxes", section="errands")
    window.offer_content(load_content(newer.root))
    assert window.page_screen.title.text() == "Godziny"  # not under the visitor's finger
    assert [t.title for t in window.home_screen.tiles] == ["Urząd", "Sprawy"]
    window.session.open(Location("section", "errands"))
    assert window.section_screen.visible_tiles() == []  # still the old content
    window.session.home()
    assert window.content.site.root == newer.root
    window.session.open(Location("section", "errands"))
    assert [t.title for t in window.section_screen.visible_tiles()] == ["Podatki"]


def test_switch_is_immediate_when_nobody_is_using_the_kiosk(
    qtbot: QtBot, folder: ContentBuilder, make_content: Make, kiosk_fonts: None
) -> None:
    window = KioskWindow(load_content(folder.root), Session("pl"))
    qtbot.addWidget(window)
    newer = make_content("newer")
    newer.simple("hours", "Godziny pracy", "Opening hours")
    window.idle_check = lambda: False
    window.offer_content(load_content(newer.root))
    assert window.content.site.root == folder.root  # a visitor is here: wait
    window.idle_check = lambda: True
    window.offer_content(load_content(newer.root))
    assert window.content.site.root == newer.root
