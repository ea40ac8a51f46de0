"""Live content updates: valid content switches at a safe moment, invalid is refused."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from kiosk import paths
from kiosk.content import live as live_content
from kiosk.content.content import Content, load_content
from kiosk.content.live import KEEP_SNAPSHOTS, ContentWatcher, list_snapshots, start_content, take_snapshot
from kiosk.session import Location
from tests.conftest import SITE_TOML, ContentBuilder, open_kiosk_window, page_text

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


@pytest.mark.allow_log_warnings
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
    window = open_kiosk_window(folder.root)
    qtbot.addWidget(window)
    window.show()
    window.kiosk.session.open(Location("page", "hours"))
    newer = make_content("newer")
    newer.simple("hours", "Godziny pracy", "Opening hours")
    newer.simple("tax", "Podatki", "Taxes", section="errands")
    window.kiosk.offer_content(load_content(newer.root))
    assert window.page_screen.title.text() == "Godziny"  # not under the visitor's finger
    assert [t.title for t in window.home_screen.tiles] == ["Urząd", "Sprawy"]
    window.kiosk.session.open(Location("section", "errands"))
    assert window.section_screen.visible_tiles() == []  # still the old content
    window.kiosk.session.home()
    assert window.kiosk.content.site.root == newer.root
    window.kiosk.session.open(Location("section", "errands"))
    assert [t.title for t in window.section_screen.visible_tiles()] == ["Podatki"]


def test_switch_is_immediate_when_nobody_is_using_the_kiosk(
    qtbot: QtBot, folder: ContentBuilder, make_content: Make, kiosk_fonts: None
) -> None:
    window = open_kiosk_window(folder.root)
    qtbot.addWidget(window)
    newer = make_content("newer")
    newer.simple("hours", "Godziny pracy", "Opening hours")
    window.kiosk.begin_visit()
    window.kiosk.offer_content(load_content(newer.root))
    assert window.kiosk.content.site.root == folder.root  # a visitor is here: wait
    window.kiosk.end_visit()
    assert window.kiosk.content.site.root == newer.root  # switched at the reset
    window.kiosk.offer_content(load_content(folder.root))
    assert window.kiosk.content.site.root == folder.root  # nobody here: at once
    window.kiosk.offer_content(load_content(newer.root))
    assert window.kiosk.content.site.root == newer.root


# --- updates that always arrive, never half (issue 14) ------------------------------------


class FakeClock:
    """The watcher's clock, moved by the test: quiet periods pass without waiting."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def quick_watcher(source: Path, snapshots: Path, owner: QObject, **options: Any) -> ContentWatcher:
    """A watcher on real time with a short quiet time and a fast periodic look."""
    return ContentWatcher(source, snapshots, quiet_ms=200, poll_ms=100, parent=owner, **options)


def clocked_watcher(
    source: Path, snapshots: Path, owner: QObject, clock: FakeClock, **options: Any
) -> ContentWatcher:
    """A watcher whose 10 s quiet time runs on ``clock``; the test calls ``look()``."""
    return ContentWatcher(
        source, snapshots, quiet_ms=10_000, poll_ms=60_000, parent=owner, clock=clock, **options
    )


def newer_folder(make_content: Make, name: str = "newer") -> ContentBuilder:
    newer = make_content(name)
    newer.simple("hours", "Godziny pracy", "Opening hours")
    newer.simple("tax", "Podatki", "Taxes", section="errands")
    return newer


def test_a_folder_moved_away_and_copied_anew_still_updates(
    qtbot: QtBot, folder: ContentBuilder, make_content: Make, tmp_path: Path, owner: QObject
) -> None:
    watcher = quick_watcher(folder.root, tmp_path / "snapshots", owner)
    newer = newer_folder(make_content)
    with qtbot.waitSignal(watcher.ready, timeout=10_000) as blocker:
        folder.root.rename(tmp_path / "old-content")
        shutil.copytree(newer.root, folder.root)
    assert "tax" in blocker.args[0].site.pages
    # The new folder is watched too: the next edit arrives.
    with qtbot.waitSignal(watcher.ready, timeout=10_000) as blocker:
        folder.simple("waste", "Odpady", "Waste", section="errands")
    assert "waste" in blocker.args[0].site.pages


def test_a_folder_removed_and_recreated_still_updates(
    qtbot: QtBot, folder: ContentBuilder, tmp_path: Path, owner: QObject
) -> None:
    watcher = quick_watcher(folder.root, tmp_path / "snapshots", owner)
    with qtbot.waitSignal(watcher.ready, timeout=10_000) as blocker:
        shutil.rmtree(folder.root)
        again = ContentBuilder(folder.root)
        again.simple("tax", "Podatki", "Taxes", section="errands")
    assert list(blocker.args[0].site.pages) == ["tax"]
    with qtbot.waitSignal(watcher.ready, timeout=10_000) as blocker:
        again.simple("waste", "Odpady", "Waste", section="errands")
    assert sorted(blocker.args[0].site.pages) == ["tax", "waste"]


def test_switching_a_symbolic_link_to_a_new_folder_updates(
    qtbot: QtBot, folder: ContentBuilder, make_content: Make, tmp_path: Path, owner: QObject
) -> None:
    current = tmp_path / "current"
    current.symlink_to(folder.root)
    watcher = quick_watcher(current, tmp_path / "snapshots", owner)
    newer = newer_folder(make_content, "release-2")
    with qtbot.waitSignal(watcher.ready, timeout=10_000) as blocker:
        (tmp_path / "current.new").symlink_to(newer.root)
        os.replace(tmp_path / "current.new", current)  # the atomic deploy
    content = blocker.args[0]
    assert "tax" in content.site.pages
    assert content.site.root.parent == tmp_path / "snapshots"
    with qtbot.waitSignal(watcher.ready, timeout=10_000) as blocker:
        newer.simple("waste", "Odpady", "Waste", section="errands")
    assert "waste" in blocker.args[0].site.pages


def test_a_slow_copy_is_published_only_when_quiet_and_complete(
    qtbot: QtBot, folder: ContentBuilder, tmp_path: Path, owner: QObject
) -> None:
    clock = FakeClock()
    watcher = clocked_watcher(folder.root, tmp_path / "snapshots", owner, clock)
    offered: list[object] = []
    watcher.ready.connect(offered.append)
    watcher.rejected.connect(offered.append)
    for number in range(6):  # a USB stick: one file every two seconds
        folder.simple(f"page-{number}", f"Strona {number}", f"Page {number}", section="errands")
        watcher.look()
        clock.advance(2)
        watcher.look()
        assert not watcher.is_checking
    assert offered == [] and not (tmp_path / "snapshots").exists()
    clock.advance(8)  # ten quiet seconds since the last file
    with qtbot.waitSignal(watcher.ready, timeout=5000) as blocker:
        watcher.look()
    assert sorted(blocker.args[0].site.pages) == ["hours", *(f"page-{n}" for n in range(6))]


def test_a_page_written_in_two_halves_is_not_accepted_after_the_first(
    qtbot: QtBot, folder: ContentBuilder, tmp_path: Path, owner: QObject
) -> None:
    clock = FakeClock()
    watcher = clocked_watcher(folder.root, tmp_path / "snapshots", owner, clock)
    text = page_text("Podatki", "errands", "Pierwsza połowa treści.\n\nDruga połowa treści.")
    half = len(text) // 2 + 10
    folder.page("tax", "pl", text[:half])  # a valid page on its own
    watcher.look()
    clock.advance(4)
    watcher.look()
    assert not watcher.is_checking
    with (folder.root / "pages" / "tax" / "pl.md").open("a", encoding="utf-8") as page:
        page.write(text[half:])
    watcher.look()
    clock.advance(6)  # ten seconds after the first half, six after the second
    watcher.look()
    assert not watcher.is_checking
    clock.advance(4)
    with qtbot.waitSignal(watcher.ready, timeout=5000) as blocker:
        watcher.look()
    variant = blocker.args[0].site.pages["tax"].variants["pl"]
    assert "Druga połowa treści." in variant.body


def test_a_folder_that_requires_publishing_waits_for_the_publish_file(
    qtbot: QtBot, folder: ContentBuilder, tmp_path: Path, owner: QObject
) -> None:
    (folder.root / ".publish-required").touch()
    clock = FakeClock()
    watcher = clocked_watcher(folder.root, tmp_path / "snapshots", owner, clock)
    folder.simple("tax", "Podatki", "Taxes", section="errands")
    watcher.look()
    clock.advance(60)
    watcher.look()
    assert not watcher.is_checking  # quiet and stable, but not published
    (folder.root / ".publish").touch()
    watcher.look()
    clock.advance(10)
    with qtbot.waitSignal(watcher.ready, timeout=5000) as blocker:
        watcher.look()
    assert "tax" in blocker.args[0].site.pages
    # The next change waits for the next touch of .publish.
    folder.simple("waste", "Odpady", "Waste", section="errands")
    watcher.look()
    clock.advance(60)
    watcher.look()
    assert not watcher.is_checking


def test_the_publish_setting_works_without_the_marker_file(
    qtbot: QtBot, folder: ContentBuilder, tmp_path: Path, owner: QObject
) -> None:
    clock = FakeClock()
    watcher = clocked_watcher(folder.root, tmp_path / "snapshots", owner, clock, require_publish=True)
    folder.simple("tax", "Podatki", "Taxes", section="errands")
    watcher.look()
    clock.advance(60)
    watcher.look()
    assert not watcher.is_checking
    (folder.root / ".publish").write_text("")
    watcher.look()
    clock.advance(10)
    with qtbot.waitSignal(watcher.ready, timeout=5000):
        watcher.look()


def test_a_snapshot_being_served_is_never_pruned(
    qtbot: QtBot, folder: ContentBuilder, tmp_path: Path, owner: QObject
) -> None:
    snapshots = tmp_path / "snapshots"
    (folder.root / "pages" / "hours" / "plan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    clock = FakeClock()
    watcher = clocked_watcher(folder.root, snapshots, owner, clock)

    def update(number: int) -> Content:
        folder.simple(f"news-{number}", f"Wiadomość {number}", f"News {number}")
        watcher.look()
        clock.advance(10)
        with qtbot.waitSignal(watcher.ready, timeout=5000) as blocker:
            watcher.look()
        content: Content = blocker.args[0]
        return content

    served = update(0)  # on screen during the whole visit
    for number in range(1, 7):  # several updates during one visit, each offered, none shown
        update(number)
    assert (served.site.root / "pages" / "hours" / "plan.png").is_file()
    assert len(list_snapshots(snapshots)) <= KEEP_SNAPSHOTS + 2  # served, pending, newest
    old_root = served.site.root
    del served  # the visit ends: the window lets go of it
    update(7)
    assert not old_root.exists()


@pytest.mark.allow_log_warnings
def test_rejected_problems_name_the_staff_files_not_the_snapshot(
    qtbot: QtBot, folder: ContentBuilder, tmp_path: Path, owner: QObject
) -> None:
    watcher = quick_watcher(folder.root, tmp_path / "snapshots", owner)
    with qtbot.waitSignal(watcher.rejected, timeout=10_000) as blocker:
        folder.page("bad", "pl", page_text("Zła", "nowhere", "Treść."))
        (folder.root / "pages" / "hours" / "secret.png").symlink_to("/etc/passwd")
    shown = [p.format(folder.root) for p in blocker.args[0] if p.severity == "error"]
    assert [line.split(": error: ")[0] for line in shown] == ["pages/bad/pl.md:3", "pages/hours/secret.png"]
    assert all(str(tmp_path / "snapshots") not in p.format() for p in blocker.args[0])
    assert watcher.last_problems == blocker.args[0]
    assert list_snapshots(tmp_path / "snapshots") == []  # the rejected copy is gone


def test_restart_with_a_broken_folder_serves_the_valid_snapshot_and_watches_on(
    qtbot: QtBot, folder: ContentBuilder, tmp_path: Path, owner: QObject
) -> None:
    snapshots = tmp_path / "snapshots"
    bundled = paths.unavailable_content_dir()
    good = start_content(folder.root, snapshots, bundled).content.site.root
    site = folder.root / "site.toml"
    site.write_text("[office\n", encoding="utf-8")
    startup = start_content(folder.root, snapshots, bundled)
    assert (startup.kind, startup.content.site.root) == ("snapshot", good)
    watcher = quick_watcher(folder.root, snapshots, owner, startup=startup)
    assert watcher.last_problems == startup.problems  # staff see what to fix
    with qtbot.waitSignal(watcher.ready, timeout=10_000) as blocker:
        site.write_text(SITE_TOML, encoding="utf-8")  # staff fix it
    assert blocker.args[0].site.root != good
    assert good.is_dir()  # still on screen until the window switches


def test_touching_publish_with_nothing_new_checks_nothing_and_is_spent(
    qtbot: QtBot, folder: ContentBuilder, tmp_path: Path, owner: QObject
) -> None:
    (folder.root / ".publish-required").touch()
    clock = FakeClock()
    watcher = clocked_watcher(folder.root, tmp_path / "snapshots", owner, clock)
    (folder.root / ".publish").touch()  # e.g. the git pull unit, after a pull that changed nothing
    watcher.look()
    clock.advance(60)
    watcher.look()
    assert not watcher.is_checking and not (tmp_path / "snapshots").exists()
    folder.simple("tax", "Podatki", "Taxes", section="errands")  # a slow copy begins later
    watcher.look()
    clock.advance(60)
    watcher.look()
    assert not watcher.is_checking  # the earlier touch does not publish it


def test_restart_with_broken_content_and_no_snapshot_is_never_an_empty_window(
    qtbot: QtBot, folder: ContentBuilder, tmp_path: Path, kiosk_fonts: None
) -> None:
    site = folder.root / "site.toml"
    site.write_text(site.read_text(encoding="utf-8") + "\n[[sections]\n", encoding="utf-8")
    startup = start_content(folder.root, tmp_path / "snapshots", paths.unavailable_content_dir())
    assert startup.kind == "unavailable"
    window = open_kiosk_window(startup.content)
    qtbot.addWidget(window)
    assert window.top_bar.office.text() == "Urząd Testowy"  # read from the broken site.toml
    assert [t.title for t in window.home_screen.tiles] == ["Informacja"]
    window.kiosk.session.open(Location("page", "unavailable"))
    assert window.page_screen.title.text() == "Informacje chwilowo niedostępne"


def test_the_snapshot_a_caller_took_itself_is_kept_while_updates_arrive(
    qtbot: QtBot, folder: ContentBuilder, tmp_path: Path, owner: QObject
) -> None:
    """The runtime before its integration: take_snapshot, load_content, then a watcher
    told nothing of what it serves; that snapshot still survives several updates."""
    snapshots = tmp_path / "snapshots"
    first = take_snapshot(folder.root, snapshots)
    assert first is not None
    clock = FakeClock()
    watcher = clocked_watcher(folder.root, snapshots, owner, clock)
    for number in range(KEEP_SNAPSHOTS + 2):
        folder.simple(f"news-{number}", f"Wiadomość {number}", f"News {number}")
        watcher.look()
        clock.advance(10)
        with qtbot.waitSignal(watcher.ready, timeout=5000):
            watcher.look()
    assert (first / "pages" / "hours" / "pl.md").is_file()


def test_a_watcher_closed_during_a_check_ends_it_quietly(
    folder: ContentBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    failures: list[object] = []
    monkeypatch.setattr(threading, "excepthook", failures.append)
    closed = threading.Event()
    check = live_content.check_snapshot

    def check_after_close(*args: Any) -> object:
        closed.wait(timeout=30)
        return check(*args)

    monkeypatch.setattr(live_content, "check_snapshot", check_after_close)
    holder = QObject()
    watcher = ContentWatcher(folder.root, tmp_path / "snapshots", parent=holder)
    watcher.check_now()
    worker = watcher._worker
    assert worker is not None
    shiboken6.delete(holder)  # the window closes while the copy is being checked
    closed.set()
    worker.join(timeout=30)
    assert not worker.is_alive() and failures == []
    assert list_snapshots(tmp_path / "snapshots") == []  # nobody serves it: not kept
