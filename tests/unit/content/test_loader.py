"""The content loader and validator against good and deliberately broken folders."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.content.content import Content, load_content
from kiosk.content.model import Problem
from tests.conftest import ContentBuilder, page_text

Make = Callable[[str], ContentBuilder]


def errors(content: Content) -> list[Problem]:
    return [p for p in content.problems if p.severity == "error"]


def only_problem(content: Content, severity: str = "error") -> Problem:
    found = [p for p in content.problems if p.severity == severity]
    assert len(found) == 1, [p.format(content.site.root) for p in content.problems]
    return found[0]


def test_good_folder_loads_without_problems(make_content: Make) -> None:
    c = make_content("good")
    c.simple("hours", "Godziny otwarcia", "Opening hours")
    c.simple("tax", "Podatki", "Taxes", section="errands", body_pl="Zobacz [godziny](page:hours).")
    content = load_content(c.root)
    assert content.problems == []
    site = content.site
    assert site.office.name("en") == "Test Office"
    assert [s.id for s in site.sections] == ["office", "errands"]
    assert site.hours["mon"].label() == "8:00–16:00"
    assert "sat" not in site.hours  # a day left out is closed
    assert [v.title for v in site.pages_in("office", "pl")] == ["Godziny otwarcia"]
    assert 'href="page:hours"' in content.html(site.pages["tax"].variants["pl"])


def test_malformed_site_toml_reports_parser_line(make_content: Make) -> None:
    c = make_content("bad-toml")
    (c.root / "site.toml").write_text('default_language = "pl"\nlanguages = ["pl", \n[office\n')
    problem = only_problem(load_content(c.root))
    assert problem.path.name == "site.toml"
    assert problem.line == 3
    assert "malformed TOML" in problem.message


def test_malformed_front_matter_reports_line(make_content: Make) -> None:
    c = make_content()
    c.page("x", "pl", "---\ntitle: Ok\nsection: office\nkeywords: [a, b\n---\nTreść.\n")
    c.page("x", "en", page_text("X", "office", "Text."))
    problem = only_problem(load_content(c.root))
    assert problem.path.name == "pl.md"
    assert problem.line is not None and 4 <= problem.line <= 5
    assert "malformed front matter" in problem.message


def test_missing_title_and_section(make_content: Make) -> None:
    c = make_content()
    c.page("x", "pl", "---\nsection: office\n---\nTreść.\n")
    c.page("x", "en", "---\ntitle: X\n---\nText.\n")
    content = load_content(c.root)
    messages = sorted((p.path.name, p.message) for p in errors(content))
    assert messages == [("en.md", "missing section"), ("pl.md", "missing title")]
    # Both versions are broken, so the page is left out of the menus.
    assert "x" not in content.site.pages
    assert "x" in content.site.broken_pages


def test_unknown_section_names_the_known_ones(make_content: Make) -> None:
    c = make_content()
    c.page("x", "pl", page_text("X", "nowhere", "Treść."))
    c.page("x", "en", page_text("X", "office", "Text."))
    problem = only_problem(load_content(c.root))
    assert problem.line == 3
    assert "unknown section 'nowhere'" in problem.message and "office" in problem.message


def test_link_to_missing_page(make_content: Make) -> None:
    c = make_content()
    c.simple("a", "A", "A", body_pl="Pierwsza linia.\n\nZobacz [to](page:nie-ma).")
    content = load_content(c.root)
    problem = only_problem(content)
    assert (problem.path.name, problem.line) == ("pl.md", 7)
    assert problem.message == "link to missing page 'nie-ma'"
    html = content.html(content.site.pages["a"].variants["pl"])
    assert "page:nie-ma" not in html and "to" in html  # the text stays, the link goes


def test_missing_image_and_image_without_alt(make_content: Make) -> None:
    c = make_content()
    c.simple("a", "A", "A", body_pl="![Plan](plan.png)", body_en="![](ok.png)")
    (c.root / "pages" / "a" / "ok.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    content = load_content(c.root)
    found = sorted((p.path.name, p.line, p.message) for p in errors(content))
    assert found == [
        ("en.md", 5, "image 'ok.png' has no alt text; write ![description](ok.png)"),
        ("pl.md", 5, "missing image 'plan.png'"),
    ]


def test_image_is_rewritten_with_alt_caption(make_content: Make) -> None:
    c = make_content()
    c.simple("a", "A", "A", body_pl="![Plan parteru](plan.png)")
    (c.root / "pages" / "a" / "plan.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    content = load_content(c.root)
    assert errors(content) == []
    html = content.html(content.site.pages["a"].variants["pl"])
    assert 'src="kiosk-image:a/plan.png"' in html
    assert '<span class="alt">Plan parteru</span>' in html


def test_image_outside_page_folder_is_refused(make_content: Make) -> None:
    c = make_content()
    c.simple(
        "a", "A", "A", body_pl="![Hasła](../../../etc/passwd)", body_en="![x](file:///etc/x.png)"
    )
    content = load_content(c.root)
    assert len(errors(content)) == 2
    for variant in content.site.pages["a"].variants.values():
        assert "<img" not in content.html(variant)


def test_invalid_utf8_reports_the_line(make_content: Make) -> None:
    c = make_content()
    c.page("x", "pl", "---\ntitle: Zaświadczenie\nsection: office\n---\nŁódź\n".encode("cp1250"))
    c.page("x", "en", page_text("X", "office", "Text."))
    problem = only_problem(load_content(c.root))
    assert problem.line == 2
    assert "not valid UTF-8" in problem.message


def test_forbidden_html_and_schemes_are_errors_and_neutralised(make_content: Make) -> None:
    c = make_content()
    body = """\
    Zwykły tekst.

    <script>alert('x')</script>

    <iframe src="https://example.org"></iframe>
    <style>body { display: none }</style>
    <p onclick="steal()">Kliknij</p>

    [Zły](javascript:alert(1)) i [plik](file:///etc/passwd)
    """
    c.page("x", "pl", page_text("X", "office", body))
    c.page("x", "en", page_text("X", "office", "Text."))
    content = load_content(c.root)
    found = sorted((p.line, p.message) for p in errors(content))
    assert found == [
        (7, "HTML <script> is not allowed in pages"),
        (9, "HTML <iframe> is not allowed in pages"),
        (10, "HTML <style> is not allowed in pages"),
        (11, "HTML event attribute 'onclick' is not allowed"),
        (13, "link scheme 'file:' is not allowed"),
        (13, "link scheme 'javascript:' is not allowed"),
    ]
    html = content.html(content.site.pages["x"].variants["pl"])
    for forbidden in ("<script", "alert", "<iframe", "<style", "onclick", "javascript:", "file:"):
        assert forbidden not in html
    assert "Kliknij" in html and "Zły" in html


def test_outside_addresses_are_text_never_links(make_content: Make) -> None:
    c = make_content()
    body = (
        "[Strona gminy](https://www.mszczonow.pl), [napisz](mailto:urzad@mszczonow.pl), "
        "[zadzwoń](tel:+48468570300), <https://bip.mszczonow.pl>, [46 857 03 00](tel:+48468570300)"
    )
    c.simple("x", "X", "X", body_pl=body)
    content = load_content(c.root)
    assert errors(content) == []
    html = content.html(content.site.pages["x"].variants["pl"])
    assert "<a" not in html and "href" not in html
    assert "Strona gminy (https://www.mszczonow.pl)" in html
    assert "napisz (urzad@mszczonow.pl)" in html
    assert "zadzwoń (+48468570300)" in html
    assert "https://bip.mszczonow.pl" in html
    assert "46 857 03 00</span>" in html  # a number shown as its own text is not repeated


def test_empty_body(make_content: Make) -> None:
    c = make_content()
    c.page("x", "pl", "---\ntitle: X\nsection: office\n---\n\n   \n")
    c.page("x", "en", page_text("X", "office", "Text."))
    problem = only_problem(load_content(c.root))
    assert (problem.line, problem.message) == (5, "page body is empty")


def test_page_missing_in_a_language_is_a_warning(make_content: Make) -> None:
    c = make_content()
    c.page("x", "pl", page_text("Tylko po polsku", "office", "Treść."))
    content = load_content(c.root)
    assert errors(content) == []
    warning = only_problem(content, "warning")
    assert warning.path.name == "en.md"
    assert "missing in 'en'" in warning.message
    # The English visitor gets the Polish version.
    assert content.site.page_variant("x", "en").lang == "pl"  # type: ignore[union-attr]


def test_markdown_features_render(make_content: Make) -> None:
    c = make_content()
    body = """\
    ## Nagłówek

    Akapit z **pogrubieniem** i *kursywą*.

    1. pierwszy
        - zagnieżdżony
    2. drugi

    | Dzień | Godziny |
    |---|---|
    | pon. | 8–16 |
    """
    c.simple("x", "X", "X", body_pl=body)
    content = load_content(c.root)
    html = content.html(content.site.pages["x"].variants["pl"])
    for tag in ("<h2>", "<strong>", "<em>", "<ol>", "<ul>", "<table>", "<th>", "<td>"):
        assert tag in html
    assert html.index("<ol>") < html.index("<ul>") < html.index("</ol>")


def test_broken_site_toml_never_raises(make_content: Make) -> None:
    c = make_content()
    (c.root / "site.toml").write_text(
        'default_language = "de"\nlanguages = "pl"\n[hours]\nmon = "25:00-26:00"\nfunday = "8-9"\n'
    )
    c.simple("x", "X", "X")
    content = load_content(c.root)
    messages = [p.message for p in errors(content)]
    assert any("languages must be a list" in m for m in messages)
    assert any("hours for mon" in m for m in messages)
    assert any("unknown weekday 'funday'" in m for m in messages)
    assert any("[[sections]]" in m for m in messages)
