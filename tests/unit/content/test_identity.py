"""site.toml's identity settings as `kiosk check` reports them: featured pages, icons,
the logo and the accent colour's contrast against the themes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kiosk.content.content import Content, load_content
from kiosk.content.identity import is_known_icon
from kiosk.identity import accent_for, accent_shortfalls, themed
from kiosk.ui.themes import DEFAULT, THEMES, YELLOW_ON_BLACK
from tests.conftest import SITE_TOML, ContentBuilder, page_text

Make = Callable[[str], ContentBuilder]

GOOD_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 12"><path d="M0 0H10V12Z"/></svg>\n'
PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2b2b3e90000000049454e44ae426082"
)


def folder(make_content: Make, top: str = "", sections: str = "") -> ContentBuilder:
    """A small folder whose site.toml starts with ``top`` (top-level settings)."""
    c = make_content("content")
    text = SITE_TOML.replace('languages = ["pl", "en"]\n', 'languages = ["pl", "en"]\n' + top)
    (c.root / "site.toml").write_text(text + sections, encoding="utf-8")
    c.simple("hours", "Godziny", "Hours")
    c.simple("tax", "Podatki", "Taxes", section="errands")
    return c


def report(content: Content) -> list[str]:
    return [p.format(content.site.root) for p in content.problems]


def line_of(c: ContentBuilder, needle: str) -> int:
    lines = (c.root / "site.toml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if needle in line)


def test_a_good_identity_is_read_without_problems(make_content: Make) -> None:
    c = folder(make_content, 'logo = "logo.svg"\naccent = "#9B1C2E"\nfeatured = ["tax", "hours"]\n')
    (c.root / "logo.svg").write_text(GOOD_SVG, encoding="utf-8")
    content = load_content(c.root)
    assert report(content) == []
    site = content.site
    assert site.logo == c.root / "logo.svg"
    assert site.accent == "#9b1c2e"
    assert site.featured == ("tax", "hours")


def test_the_sample_content_has_a_logo_an_accent_and_top_tasks(bundled_content_dir: object) -> None:
    from pathlib import Path

    content = load_content(Path(str(bundled_content_dir)))
    site = content.site
    assert site.logo is not None and site.logo.name == "logo.svg"
    assert not accent_shortfalls(site.accent, DEFAULT)
    assert len(site.featured) >= 4 and all(page in site.pages for page in site.featured)
    assert all(is_known_icon(section.icon) for section in site.sections)
    assert not [p for p in content.problems if "icon" in p.message or "accent" in p.message]


def test_a_featured_page_that_does_not_exist_is_an_error_with_its_line(make_content: Make) -> None:
    c = folder(make_content, 'featured = [\n  "tax",\n  "passport",\n]\n')
    content = load_content(c.root)
    assert report(content) == [
        f"site.toml:{line_of(c, 'passport')}: error: featured page 'passport' does not exist (see pages/)"
    ]
    assert content.site.featured == ("tax",)


def test_featured_must_be_a_list_of_ids(make_content: Make) -> None:
    c = folder(make_content, 'featured = "tax"\n')
    assert report(load_content(c.root)) == [
        f"site.toml:{line_of(c, 'featured')}: error: featured must be a list of page ids like "
        '["id-card", "local-taxes"]'
    ]


def test_an_unknown_icon_is_a_warning_with_its_line_and_the_default_icon(make_content: Make) -> None:
    sections = (
        '\n[[sections]]\nid = "town"\ntitle = { pl = "Gmina", en = "Town" }\nicon = "mdi6.no-such-icon"\n'
    )
    c = folder(make_content, sections=sections)
    content = load_content(c.root)
    line = line_of(c, "no-such-icon")
    assert len(report(content)) == 1
    assert report(content)[0].startswith(
        f"site.toml:{line}: warning: section 'town': unknown icon 'mdi6.no-such-icon'"
    )
    town = content.site.section("town")
    assert town is not None and town.icon == ""  # drawn with the default icon


def test_a_page_icon_is_checked_in_its_front_matter(make_content: Make) -> None:
    c = folder(make_content)
    c.page("tax", "pl", page_text("Podatki", "errands", "Treść.", icon="mdi6.cash-multiple"))
    c.page("tax", "en", page_text("Taxes", "errands", "Text.", icon="fa.money"))
    content = load_content(c.root)
    assert report(content) == [
        "pages/tax/en.md:4: warning: page 'tax': unknown icon 'fa.money' (use a name like "
        '"mdi6.card-account-details" from mdi6.*, ph.*); the default icon is shown'
    ]
    assert content.site.pages["tax"].variants["pl"].icon == "mdi6.cash-multiple"
    assert content.site.pages["tax"].variants["en"].icon == ""


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../logo.svg", "must be a file inside the content folder"),
        ("/etc/logo.svg", "must be a file inside the content folder"),
        ("logo.gif", "must be an .svg or .png file"),
        ("missing.svg", "logo file 'missing.svg' is missing"),
    ],
)
def test_a_logo_outside_the_folder_or_missing_is_an_error(
    make_content: Make, name: str, expected: str
) -> None:
    c = folder(make_content, f'logo = "{name}"\n')
    (c.root / "logo.gif").write_bytes(b"GIF89a")
    content = load_content(c.root)
    found = [p for p in content.problems if p.severity == "error"]
    assert len(found) == 1 and expected in found[0].message, report(content)
    assert found[0].line == line_of(c, "logo =")
    assert content.site.logo is None


def test_a_logo_that_is_not_a_clean_image_is_an_error(make_content: Make) -> None:
    c = folder(make_content, 'logo = "logo.svg"\n')
    (c.root / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>\n')
    assert report(load_content(c.root)) == ["logo.svg:2: error: logo carries a script; remove it"]
    (c.root / "logo.svg").write_text("<html>\n<body/>\n")
    assert report(load_content(c.root))[0].startswith("logo.svg:3: error: logo is not valid SVG")


def test_png_logos_are_checked_by_their_signature(make_content: Make) -> None:
    c = folder(make_content, 'logo = "herb.png"\n')
    (c.root / "herb.png").write_bytes(PNG_1X1)
    assert report(load_content(c.root)) == []
    (c.root / "herb.png").write_bytes(b"not a png at all")
    assert report(load_content(c.root)) == ["herb.png: error: logo is not a PNG image"]


def test_a_faint_accent_is_reported_with_its_line_and_not_used(make_content: Make) -> None:
    c = folder(make_content, 'accent = "#7fb2e5"\n')  # light blue: 2.0:1 on the grey background
    content = load_content(c.root)
    (problem,) = content.problems
    assert problem.severity == "warning" and problem.line == line_of(c, "accent")
    assert "accent #7fb2e5 has a contrast of 2.0:1 with #eef2f6 in the 'default' theme" in problem.message
    assert "at least 4.5:1 is needed" in problem.message
    assert accent_for("#7fb2e5", DEFAULT) == DEFAULT.accent


def test_an_accent_that_is_not_a_colour_is_a_warning(make_content: Make) -> None:
    c = folder(make_content, 'accent = "red"\n')
    content = load_content(c.root)
    assert report(content) == [
        f"site.toml:{line_of(c, 'accent')}: warning: "
        "accent must be a colour like \"#9b1c1c\", got 'red'; ignored"
    ]
    assert content.site.accent == ""


def test_high_contrast_asks_seven_to_one_and_keeps_its_own_colours() -> None:
    crimson = "#9b1c2e"
    assert accent_shortfalls(crimson, DEFAULT) == []
    assert accent_for(crimson, DEFAULT) == crimson
    assert themed(DEFAULT, crimson).accent == crimson
    shortfall = accent_shortfalls(crimson, YELLOW_ON_BLACK)
    assert shortfall and all(s.required == 7.0 for s in shortfall)
    # A colour passing 7:1 against a theme is still not used there: the visitor chose it.
    for theme in THEMES.values():
        if theme.is_high_contrast:
            strongest = "#ffffff" if theme.background == "#000000" else "#000000"
            assert accent_for(strongest, theme) == theme.accent
            assert themed(theme, crimson) is theme


def test_an_identity_setting_written_inside_office_is_reported(make_content: Make) -> None:
    c = folder(make_content)
    text = (c.root / "site.toml").read_text(encoding="utf-8")
    email = 'email = "urzad@example.org"\n'
    (c.root / "site.toml").write_text(text.replace(email, email + 'logo = "logo.svg"\n'))
    assert report(load_content(c.root)) == [
        f"site.toml:{line_of(c, 'logo =')}: warning: unknown setting 'office.logo' is ignored "
        "(write it before [office]: after a [table] line a setting belongs to it)"
    ]
