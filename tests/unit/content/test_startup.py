"""The last good content is what starts: broken, missing or unpublished folders after a
restart, snapshots marked valid, pruning, and kiosk.toml's default language."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import shiboken6

from kiosk import paths
from kiosk.config import Config
from kiosk.content import live
from kiosk.content.content import load_content
from kiosk.content.live import (
    ContentWatcher,
    check_snapshot,
    effective_default_language,
    list_snapshots,
    prune_snapshots,
    serving_note,
    start_content,
    valid_snapshots,
)
from kiosk.content.model import Site
from tests.conftest import ContentBuilder, page_text

Make = Callable[[str], ContentBuilder]


@pytest.fixture
def folder(make_content: Make) -> ContentBuilder:
    c = make_content("tresc")
    c.simple("hours", "Godziny", "Hours")
    return c


@pytest.fixture
def snapshots(tmp_path: Path) -> Path:
    return tmp_path / "snapshots"


def start(folder: ContentBuilder, snapshots: Path, **options: bool) -> live.Startup:
    return start_content(folder.root, snapshots, paths.unavailable_content_dir(), **options)


def break_site_toml(folder: ContentBuilder) -> None:
    """A site.toml that fails to parse further down; its [office] is still readable."""
    site = folder.root / "site.toml"
    site.write_text(site.read_text(encoding="utf-8") + "\n[hours\nwed = 08:00\n", encoding="utf-8")


def test_a_valid_folder_is_served_from_a_snapshot_marked_valid(
    folder: ContentBuilder, snapshots: Path
) -> None:
    startup = start(folder, snapshots)
    assert startup.kind == "checked" and not startup.is_degraded
    assert startup.content.site.root.parent == snapshots
    assert "hours" in startup.content.site.pages
    [info] = list_snapshots(snapshots)
    assert info.is_valid and info.source == os.path.abspath(folder.root)
    assert startup.note() == f"Showing the content folder {folder.root}: checked, no errors."


def test_an_unchanged_folder_reuses_its_valid_snapshot(folder: ContentBuilder, snapshots: Path) -> None:
    first = start(folder, snapshots)
    again = start(folder, snapshots)
    assert again.content.site.root == first.content.site.root
    assert len(list_snapshots(snapshots)) == 1


def test_restart_with_a_broken_folder_serves_the_last_valid_snapshot(
    folder: ContentBuilder, snapshots: Path
) -> None:
    good = start(folder, snapshots).content.site.root
    break_site_toml(folder)
    startup = start(folder, snapshots)
    assert startup.kind == "snapshot" and startup.is_degraded
    assert startup.content.site.root == good
    assert [t.title(lang="pl") for t in startup.content.site.sections] == ["Urząd", "Sprawy"]
    # What staff read names their own file, never the copy.
    assert [p.format(folder.root) for p in startup.problems][0].startswith("site.toml:")
    assert all(snapshots not in p.path.parents for p in startup.problems)
    note = startup.note()
    assert str(folder.root) in note and str(snapshots) not in note
    assert "showing its last valid copy, taken" in note
    assert [i.path for i in list_snapshots(snapshots)] == [good]  # the broken copy is gone


def test_restart_with_a_broken_folder_and_no_snapshot_shows_unavailable_with_the_office_name(
    folder: ContentBuilder, snapshots: Path
) -> None:
    break_site_toml(folder)
    startup = start(folder, snapshots)
    assert startup.kind == "unavailable"
    site = startup.content.site
    assert site.office.name("pl") == "Urząd Testowy"
    assert site.office.name("en") == "Test Office"
    assert site.office.phone == "+48 000 000 000"
    assert site.pages and site.sections  # never an empty window
    for lang in site.languages:
        assert startup.content.active_announcements(dt.date(2026, 12, 3))
        assert site.page_variant("unavailable", lang) is not None
    assert "visitors see 'temporarily unavailable'" in startup.note()
    assert list_snapshots(snapshots) == []


def test_a_site_toml_broken_inside_the_office_table_still_gives_the_name(
    folder: ContentBuilder, snapshots: Path
) -> None:
    (folder.root / "site.toml").write_text(
        '[office]\nname = { pl = "Urząd Gminy", en = "Commune Office" }\naddress = "ul. \n', encoding="utf-8"
    )
    startup = start(folder, snapshots)
    assert startup.kind == "unavailable"
    assert startup.content.site.office.name("pl") == "Urząd Gminy"


def test_a_missing_folder_without_a_snapshot_shows_unavailable(tmp_path: Path, snapshots: Path) -> None:
    startup = start_content(tmp_path / "nowhere", snapshots, paths.unavailable_content_dir())
    assert startup.kind == "unavailable"
    assert startup.content.site.office.name("pl") == "Informacja"
    assert [p.message for p in startup.problems] == ["content folder does not exist"]


def test_a_missing_folder_with_a_snapshot_serves_the_snapshot(
    folder: ContentBuilder, snapshots: Path
) -> None:
    good = start(folder, snapshots).content.site.root
    shutil.rmtree(folder.root)
    startup = start(folder, snapshots)
    assert (startup.kind, startup.content.site.root) == ("snapshot", good)


def test_a_folder_with_errors_but_usable_pages_is_shown_when_nothing_better_exists(
    folder: ContentBuilder, snapshots: Path
) -> None:
    folder.page("bad", "pl", page_text("Zła", "nowhere", "Treść."))
    startup = start(folder, snapshots)
    assert startup.kind == "with-errors"
    assert "hours" in startup.content.site.pages and "bad" not in startup.content.site.pages
    assert startup.error_count == 1
    assert not list_snapshots(snapshots)[0].is_valid


@pytest.mark.allow_log_warnings
def test_a_loader_that_crashes_never_stops_the_start(
    folder: ContentBuilder, snapshots: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(root: Path) -> object:
        if Path(root) == paths.unavailable_content_dir():
            return load_content(root)
        raise ValueError("day is out of range for month")

    monkeypatch.setattr(live, "load_content", crash)
    startup = start(folder, snapshots)
    assert startup.kind == "unavailable"
    assert [p.format() for p in startup.problems] == [
        f"{folder.root}: error: cannot read the content folder: day is out of range for month"
    ]


def test_a_link_makes_the_snapshot_invalid(folder: ContentBuilder, snapshots: Path) -> None:
    good = start(folder, snapshots).content.site.root
    (folder.root / "pages" / "hours" / "secret.png").symlink_to("/etc/passwd")
    startup = start(folder, snapshots)
    assert (startup.kind, startup.content.site.root) == ("snapshot", good)
    assert [p.format(folder.root).split(" (")[0] for p in startup.problems] == [
        "pages/hours/secret.png: error: symbolic link"
    ]


def test_an_unpublished_change_is_not_served_after_a_restart(folder: ContentBuilder, snapshots: Path) -> None:
    (folder.root / ".publish-required").touch()
    (folder.root / ".publish").touch()
    published = start(folder, snapshots).content.site.root
    folder.simple("tax", "Podatki", "Taxes", section="errands")  # half a copy, say
    startup = start(folder, snapshots)
    assert (startup.kind, startup.content.site.root) == ("unpublished", published)
    assert "tax" not in startup.content.site.pages
    os.utime(folder.root / ".publish", ns=(0, (folder.root / ".publish").stat().st_mtime_ns + 10**9))
    startup = start(folder, snapshots)
    assert startup.kind == "checked" and "tax" in startup.content.site.pages


def test_pruning_keeps_what_is_in_use_and_the_newest_valid(folder: ContentBuilder, snapshots: Path) -> None:
    served = start(folder, snapshots).content.site.root
    made = []
    for number in range(5):
        folder.simple(f"p{number}", "Strona", "Page")
        checked = check_snapshot(folder.root, snapshots)
        assert checked is not None and checked.is_valid
        made.append(checked.snapshot)
    folder.page("bad", "pl", page_text("Zła", "nowhere", "Treść."))
    broken = check_snapshot(folder.root, snapshots)
    assert broken is not None and not broken.is_valid
    prune_snapshots(snapshots, keep=[served], count=3)
    assert [i.path for i in list_snapshots(snapshots)] == [served, *made[-3:]]
    assert [i.path for i in valid_snapshots(snapshots, folder.root)] == [*reversed(made[-3:]), served]


@pytest.mark.parametrize(
    ("configured", "expected"),
    [("en", "en"), ("pl", "pl"), ("de", "pl"), (None, "pl")],
)
def test_kiosk_toml_default_language_wins_when_the_content_offers_it(
    configured: str | None, expected: str
) -> None:
    site = Site(root=Path("."), default_language="pl", languages=("pl", "en"))
    assert effective_default_language(configured, site) == expected


@pytest.mark.allow_log_warnings
def test_a_snapshot_folder_that_cannot_be_written_still_shows_the_content(
    folder: ContentBuilder, tmp_path: Path
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    startup = start_content(folder.root, blocked / "snapshots", paths.unavailable_content_dir())
    assert startup.kind == "with-errors"
    assert "hours" in startup.content.site.pages
    assert startup.problems[0].message.startswith("cannot copy the content folder:")


def test_the_serving_note_names_the_staff_folder(folder: ContentBuilder, snapshots: Path) -> None:
    startup = start(folder, snapshots)
    note = serving_note(startup.content, folder.root)
    assert note.startswith(f"a checked copy of {folder.root} taken 20")
    assert str(snapshots) not in note
    break_site_toml(folder)
    shutil.rmtree(snapshots)
    unavailable = start(folder, snapshots)
    assert serving_note(unavailable.content, folder.root) == "the 'temporarily unavailable' screen"


def test_the_watcher_for_the_configuration_uses_its_quiet_time_and_publishing(
    folder: ContentBuilder, snapshots: Path, qapp: object
) -> None:
    config = dataclasses.replace(Config.defaults(), content_quiet_seconds=42, content_require_publish=True)
    startup = start(folder, snapshots)
    watcher = ContentWatcher.for_config(config, startup, snapshots)
    try:
        assert (watcher.source, watcher.quiet_seconds, watcher.require_publish) == (folder.root, 42, True)
        assert watcher.in_use() == [startup.content.site.root]
    finally:
        shiboken6.delete(watcher)
