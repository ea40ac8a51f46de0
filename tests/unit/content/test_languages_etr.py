"""site.toml's fallback order, easy-to-read versions (<lang>.etr.md) and the ETR rules."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.content.content import load_content
from kiosk.content.easy_read import MAX_PARAGRAPH_SENTENCES, MAX_SENTENCE_WORDS, MAX_WORD_LETTERS
from kiosk.content.loader import load_site
from tests.conftest import SITE_TOML, ContentBuilder, page_text

Make = Callable[[str], ContentBuilder]
FIVE = SITE_TOML.replace('languages = ["pl", "en"]', 'languages = ["pl", "en", "uk", "de", "cs"]')


def with_site(builder: ContentBuilder, text: str, setting: str = "") -> ContentBuilder:
    """site.toml ``text`` with a top-level ``setting`` put after its languages."""
    if setting:
        head, tail = text.split("\n[office]", 1)
        text = f"{head}{setting}\n\n[office]{tail}"
    (builder.root / "site.toml").write_text(text, encoding="utf-8")
    return builder


def line_of(builder: ContentBuilder, needle: str) -> int:
    lines = (builder.root / "site.toml").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


def messages(root: Path) -> list[str]:
    return [p.format(root) for p in load_content(root).problems]


# -- fallback order ----------------------------------------------------------------------


def test_a_missing_page_is_shown_in_the_first_available_language_of_its_fallback_order(
    make_content: Make,
) -> None:
    builder = with_site(make_content("c"), FIVE, 'fallback = { uk = ["en", "pl"], cs = ["de"] }')
    builder.page("both", "pl", page_text("Po polsku", "office", "Tekst."))
    builder.page("both", "en", page_text("In English", "office", "Text."))
    builder.page("both", "de", page_text("Auf Deutsch", "office", "Text."))
    builder.page("polish", "pl", page_text("Tylko po polsku", "office", "Tekst."))
    site = load_site(builder.root)
    assert site.fallbacks == {"uk": ("en", "pl"), "cs": ("de",)}
    assert site.page_variant("both", "uk").lang == "en"  # uk → en first
    assert site.page_variant("both", "cs").lang == "de"  # cs → de
    assert site.page_variant("both", "en").lang == "en"  # the visitor's own language
    # Not in the order: the site's default language, then any.
    assert site.page_variant("polish", "uk").lang == "pl"
    assert site.page_variant("both", "de").lang == "de"
    # Sections list the same versions as pages show.
    assert [v.lang for v in site.pages_in("office", "uk")] == ["en", "pl"]


def test_without_a_fallback_the_default_language_comes_first(
    make_content: Make,
) -> None:
    builder = with_site(make_content("c"), FIVE)
    builder.page("p", "en", page_text("In English", "office", "Text."))
    builder.page("p", "pl", page_text("Po polsku", "office", "Tekst."))
    site = load_site(builder.root)
    assert site.fallback_order("uk") == ("pl", "en", "de", "cs")
    assert site.page_variant("p", "uk").lang == "pl"


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ('fallback = ["pl"]', "site.toml:{line}: error: fallback must be a table like"),
        ('fallback = { uk = "pl" }', "site.toml:{line}: error: fallback for 'uk' must be a list"),
        ('fallback = { xx = ["pl"] }', "site.toml:{line}: error: fallback for 'xx': not one of languages"),
        ('fallback = { uk = ["pl", "xx"] }', "site.toml:{line}: error: fallback for 'uk': 'xx' is not one"),
        ('fallback = { uk = [1] }', "site.toml:{line}: error: fallback for 'uk' must be a list"),
        ('fallback = { uk = ["uk", "pl"] }', "site.toml:{line}: warning: fallback for 'uk' lists 'uk'"),
        ('fallback = { uk = ["pl", "pl"] }', "site.toml:{line}: warning: fallback for 'uk' lists 'pl' twice"),
    ],
)
def test_a_wrong_fallback_is_reported_at_its_line(
    make_content: Make, setting: str, expected: str
) -> None:
    builder = with_site(make_content("c"), FIVE, setting)
    line = line_of(builder, setting)
    builder.simple("p", "Strona", "Page")
    found = messages(builder.root)
    assert any(m.startswith(expected.format(line=line)) for m in found), found


def test_a_fallback_table_of_its_own_is_reported_at_the_language_line(
    make_content: Make,
) -> None:
    builder = with_site(make_content("c"), FIVE + '\n[fallback]\nuk = ["pl"]\ncs = ["zz"]\n')
    builder.simple("p", "Strona", "Page")
    line = line_of(builder, 'cs = ["zz"]')
    assert any(m.startswith(f"site.toml:{line}: error: fallback for 'cs'") for m in messages(builder.root))


# -- easy-to-read versions -------------------------------------------------------------


def easy_page(builder: ContentBuilder, page_id: str = "hours", body: str = "Urząd jest otwarty.") -> Path:
    builder.simple(page_id, "Godziny otwarcia", "Opening hours", body_pl="Pełny tekst o godzinach.")
    path = builder.root / "pages" / page_id / "pl.etr.md"
    path.write_text(page_text("Kiedy urząd jest otwarty", "office", body), encoding="utf-8")
    return path


def test_an_easy_to_read_version_is_loaded_beside_the_page(make_content: Make) -> None:
    builder = make_content("c")
    easy_page(builder)
    content = load_content(builder.root)
    site = content.site
    assert content.problems == []
    regular, easy = site.page_variant("hours", "pl"), site.page_variant("hours", "pl", is_easy_read=True)
    assert regular is not None and not regular.is_easy_read
    assert easy is not None and easy.is_easy_read and easy.title == "Kiedy urząd jest otwarty"
    assert "Urząd jest otwarty." in content.html(easy)
    assert "Pełny tekst" in content.html(regular)
    assert site.has_easy_read("hours", "pl")
    # English has no easy version: the English page, and no switch.
    assert not site.page_variant("hours", "en", is_easy_read=True).is_easy_read
    assert not site.has_easy_read("hours", "en")
    assert [v.page_id for v in site.easy_read_pages("pl")] == ["hours"]
    assert site.easy_read_pages("en") == []


def test_an_easy_to_read_version_follows_the_fallback(make_content: Make) -> None:
    builder = make_content("c")
    easy_page(builder)
    (builder.root / "pages" / "hours" / "en.md").unlink()
    site = load_content(builder.root).site
    variant = site.page_variant("hours", "en", is_easy_read=True)
    assert variant is not None and variant.lang == "pl" and variant.is_easy_read


def test_an_easy_to_read_version_follows_the_page_rules(make_content: Make) -> None:
    builder = make_content("c")
    builder.simple("hours", "Godziny", "Hours")
    path = builder.root / "pages" / "hours" / "pl.etr.md"
    path.write_text("---\nsection: office\nsurprise: 1\n---\nTekst.\n", encoding="utf-8")
    found = messages(builder.root)
    assert "pages/hours/pl.etr.md:1: error: missing title" in found
    assert "pages/hours/pl.etr.md:3: warning: unknown front matter key 'surprise' is ignored" in found
    assert not load_content(builder.root).site.has_easy_read("hours", "pl")


def test_an_easy_to_read_version_without_its_page_is_not_offered(
    make_content: Make,
) -> None:
    builder = make_content("c")
    builder.page("only", "en", page_text("Only English", "office", "Text."))
    folder = builder.root / "pages" / "only"
    (folder / "pl.etr.md").write_text(page_text("Łatwo", "office", "Tekst."), "utf-8")
    (folder / "xx.etr.md").write_text(page_text("?", "office", "Tekst."), "utf-8")
    found = messages(builder.root)
    expected = "pages/only/pl.etr.md: warning: easy-to-read version without the page"
    assert any(m.startswith(expected) for m in found)
    assert "pages/only/xx.etr.md: warning: 'xx' is not a configured language; file ignored" in found
    assert load_content(builder.root).site.easy_read_pages("pl") == []


# -- the easy-to-read rules ----------------------------------------------------------------


def test_the_rules_are_reported_at_their_lines(make_content: Make) -> None:
    long_sentence = "Słowo " + " ".join(["słowo"] * MAX_SENTENCE_WORDS) + "."
    short = " ".join(["słowo"] * MAX_SENTENCE_WORDS) + "."
    paragraph = "\n".join(["To jest zdanie."] * (MAX_PARAGRAPH_SENTENCES + 1))
    long_word = "a" * (MAX_WORD_LETTERS + 1)
    body = "\n\n".join(
        [
            short,  # line 5: fine
            f"Pierwsze zdanie.\n{long_sentence}",  # lines 7-8: the second is too long
            paragraph,  # lines 10-15
            f"Słowo {long_word} jest długie.",  # line 17
            "- " + "\n- ".join(["Punkt listy."] * 7),  # a list: every item its own paragraph
            "Adres https://example.org/" + "x" * 40 + " i 12345678901234567890123 to nie słowa.",
        ]
    )
    builder = make_content("c")
    easy_page(builder, body=body)
    found = [m for m in messages(builder.root) if "easy-to-read" in m]
    assert found == [
        f"pages/hours/pl.etr.md:8: warning: easy-to-read: a sentence of {MAX_SENTENCE_WORDS + 1} words "
        f"(at most {MAX_SENTENCE_WORDS}): '{long_sentence[:49]}…'",
        f"pages/hours/pl.etr.md:10: warning: easy-to-read: a paragraph of {MAX_PARAGRAPH_SENTENCES + 1} "
        f"sentences (at most {MAX_PARAGRAPH_SENTENCES}): split it or make a list",
        f"pages/hours/pl.etr.md:17: warning: easy-to-read: the word '{long_word}' has "
        f"{MAX_WORD_LETTERS + 1} letters (more than {MAX_WORD_LETTERS}): use a shorter word or explain it",
    ]


def test_abbreviations_do_not_end_a_sentence_and_tables_are_read_by_cell(
    make_content: Make,
) -> None:
    body = (
        "Urząd jest przy ul. Piłsudskiego, np. obok kościoła, a kasa jest tam też, "
        "na parterze, na lewo, dalej, blisko.\n\n"
        "| Dzień | Godziny |\n|---|---|\n| Poniedziałek | od 8:00 do 17:00 |\n"
    )
    builder = make_content("c")
    easy_page(builder, body=body)
    found = [m for m in messages(builder.root) if "easy-to-read" in m]
    expected = "pages/hours/pl.etr.md:5: warning: easy-to-read: a sentence of 19 words"
    assert len(found) == 1 and found[0].startswith(expected)


def test_the_regular_page_is_not_held_to_the_rules(make_content: Make) -> None:
    builder = make_content("c")
    builder.simple("long", "Długa", "Long", body_pl=" ".join(["słowo"] * 40) + ".")
    assert messages(builder.root) == []


def test_the_sample_content_has_six_easy_pages_that_keep_the_rules() -> None:
    content = load_content(paths.bundled_content_dir())
    pages = {v.page_id for v in content.site.easy_read_pages("pl")}
    key_pages = {"departments", "opening-hours", "getting-here", "id-card", "contact"}
    key_pages.add("residence-registration")
    assert key_pages <= pages
    assert [p for p in content.problems if p.path.name.endswith(".etr.md")] == []
