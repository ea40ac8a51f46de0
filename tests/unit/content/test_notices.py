"""Announcements and tips: date filtering at the boundaries, and their validation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from kiosk import paths
from kiosk.content.content import load_content
from tests.conftest import ContentBuilder

Make = Callable[[str], ContentBuilder]


def folder(make_content: Make, announcements: str = "", tips: str = "") -> ContentBuilder:
    c = make_content("notices")
    c.simple("hours", "Godziny", "Hours")
    if announcements:
        (c.root / "announcements.toml").write_text(announcements, encoding="utf-8")
    if tips:
        (c.root / "tips.toml").write_text(tips, encoding="utf-8")
    return c


def test_dates_are_inclusive_at_both_ends(make_content: Make) -> None:
    c = folder(
        make_content,
        """
[[announcement]]
text = { pl = "Grudzień", en = "December" }
page = "hours"
valid_from = 2026-12-01
valid_until = 2026-12-31
""",
    )
    content = load_content(c.root)
    assert content.problems == []
    (announcement,) = content.announcements
    assert announcement.page == "hours"
    assert content.active_announcements(dt.date(2026, 11, 30)) == []
    assert content.active_announcements(dt.date(2026, 12, 1)) == [announcement]
    assert content.active_announcements(dt.date(2026, 12, 31)) == [announcement]
    assert content.active_announcements(dt.date(2027, 1, 1)) == []
    assert announcement.text("en", "pl") == "December"


def test_bad_announcements_are_reported_with_lines(make_content: Make) -> None:
    c = folder(
        make_content,
        """[[announcement]]
text = { pl = "Zła data", en = "Bad date" }
valid_from = 2026-13-01

[[announcement]]
text = { pl = "Odwrotnie", en = "Backwards" }
valid_from = "2026-12-31"
valid_until = "2026-12-01"

[[announcement]]
text = { pl = "Brak strony", en = "No page" }
page = "nowhere"

[[announcement]]
text = { pl = "Tylko po polsku" }
valid_until = "jutro"
""",
    )
    content = load_content(c.root)
    found = sorted((p.line, p.severity, p.message) for p in content.problems)
    assert len(found) == 1  # an impossible date is a TOML syntax error, with its line
    assert found[0][:2] == (3, "error") and found[0][2].startswith("malformed TOML")
    (c.root / "announcements.toml").write_text(
        (c.root / "announcements.toml").read_text().replace("2026-13-01", "2026-12-01")
    )
    content = load_content(c.root)
    found = sorted((p.line, p.severity, p.message) for p in content.problems)
    assert found == [
        (5, "error", "valid_until 2026-12-01 is before valid_from 2026-12-31"),
        (10, "error", "link to missing page 'nowhere'"),
        (14, "error", "valid_until must be a date like 2026-12-31, got 'jutro'"),
        (14, "warning", "no 'en' text; the 'pl' one is shown"),
    ]
    assert [a.texts["pl"] for a in content.announcements] == ["Zła data", "Brak strony"]


def test_tips_need_text(make_content: Make) -> None:
    c = folder(
        make_content,
        tips="""[[tip]]
text = { pl = "Jeden", en = "One" }

[[tip]]
txt = "typo"

[tips]
x = 1
""",
    )
    content = load_content(c.root)
    messages = sorted((p.line, p.message) for p in content.problems)
    assert (4, 'text must be written text = { pl = "…", en = "…" }') in messages
    assert (7, "unknown table 'tips' (use [[tip]])") in messages
    assert [t.text("pl", "pl") for t in content.tips] == ["Jeden"]


def test_bundled_sample_has_expired_current_and_future_announcements() -> None:
    content = load_content(paths.bundled_content_dir())
    day = dt.date(2026, 11, 24)
    active = content.active_announcements(day)
    expired = [a for a in content.announcements if a.valid_until and a.valid_until < day]
    future = [a for a in content.announcements if a.valid_from and a.valid_from > day]
    assert active and expired and future
    assert len(content.tips) >= 8
    assert all({"pl", "en"} <= set(t.texts) for t in content.tips)


def test_text_in_a_prepared_language_is_kept_out_without_a_message(make_content: Make) -> None:
    """uk has an interface catalog: its texts may be written before the site lists it."""
    c = folder(
        make_content,
        announcements='[[announcement]]\ntext = { pl = "Zamknięte", en = "Closed", uk = "Зачинено" }\n',
        tips='[[tip]]\ntext = { pl = "Jeden", en = "One", uk = "Одна", xx = "?" }\n',
    )
    c.page("hours", "uk", "---\ntitle: Години\nsection: office\n---\nТекст.\n")
    c.page("hours", "xx", "---\ntitle: X\nsection: office\n---\nX.\n")
    content = load_content(c.root)
    messages = sorted((p.path.name, p.severity, p.message) for p in content.problems)
    assert messages == [
        ("tips.toml", "error", "'xx' is not one of the site's languages ['pl', 'en']"),
        ("xx.md", "warning", "'xx' is not a configured language; file ignored"),
    ]
    assert content.announcements[0].texts == {"pl": "Zamknięte", "en": "Closed"}
    assert set(content.site.pages["hours"].variants) == {"pl", "en"}


def test_bundled_sample_is_clean_in_ukrainian_too(tmp_path: Path) -> None:
    """With uk listed, every page, announcement and tip has its Ukrainian text."""
    import shutil

    root = tmp_path / "sample"
    shutil.copytree(paths.bundled_content_dir(), root)
    site = root / "site.toml"
    site.write_text(
        site.read_text(encoding="utf-8").replace('"en"]', '"en", "uk"]', 1),
        encoding="utf-8",
    )
    content = load_content(root)
    problems = [(p.path.name, p.message) for p in content.problems]
    assert problems == [("en.md", "page 'sesje-rady' is missing in 'en'")]
    assert all("uk" in page.variants for page in content.site.pages.values())
    assert all("uk" in a.texts for a in content.announcements)
    assert all("uk" in t.texts for t in content.tips)
    assert all(section.title("uk") != section.title("en") for section in content.site.sections)
