"""Page limits, image sizes and defensive front matter (the hostile suite covers the
pathological sizes; these are the rules at their edges)."""

from __future__ import annotations

import shutil
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.content import limits
from kiosk.content.content import load_content
from kiosk.content.limits import check_body, image_size
from kiosk.problems import Collector, LineFinder
from tests.conftest import ContentBuilder, page_text

Make = Callable[[str], ContentBuilder]
ROOT = Path(__file__).resolve().parents[3]


def body_errors(body: str) -> list[tuple[int | None, str]]:
    collector = Collector()
    check_body(body, LineFinder(body, None, 5), Path("pl.md"), collector)
    return [(p.line, p.message) for p in collector.problems]


def test_the_documentation_states_every_limit() -> None:
    doc = (ROOT / "docs" / "content.md").read_text(encoding="utf-8")
    assert f"| page file size | {limits.MAX_PAGE_BYTES // 1000} KB |" in doc
    assert f"| title | {limits.MAX_TITLE_CHARS} characters |" in doc
    assert f"| table rows | {limits.MAX_TABLE_ROWS} |" in doc
    assert f"| nesting | {limits.PAGE_NESTING} levels |" in doc
    side = limits.MAX_IMAGE_SIDE
    assert f"| image size | {side} × {side} pixels |" in doc
    assert f"| image file | {limits.MAX_IMAGE_BYTES // 1_000_000} MB |" in doc


def test_a_table_of_300_rows_is_fine_and_301_is_an_error() -> None:
    def table(rows: int) -> str:
        return (
            "Tekst.\n\n| a | b |\n|---|---|\n"
            + "\n".join(f"| {n} | x |" for n in range(rows))
            + "\n\nKoniec."
        )

    assert body_errors(table(300)) == []
    assert body_errors(table(301)) == [(7, "table has more than 300 rows; split it (the page is not shown)")]


def test_a_horizontal_rule_is_not_a_table() -> None:
    assert body_errors("a\n\n---\n" + "| x |\n" * 400) == []


def test_nesting_counts_lists_quotes_and_html() -> None:
    deep_list = "\n".join("    " * n + "- x" for n in range(21))
    assert body_errors("\n".join("    " * n + "- x" for n in range(20))) == []
    assert body_errors(deep_list)[0][0] == 25
    assert body_errors("> " * 21 + "x")[0][1].startswith("lists or quotes nested deeper than 20")
    assert body_errors("<div>" * 21)[0][1].startswith("HTML elements nested deeper")
    assert body_errors("<p>" * 100 + "<br>" * 100) == []  # an unclosed <p> closes the last one
    assert body_errors("[" * 21 + "x" + "]" * 21)[0][1].startswith("square brackets nested")
    assert body_errors("[" * 5000) == []  # unmatched brackets are text


def test_many_unclosed_tags_are_refused_a_few_are_fine() -> None:
    assert body_errors("a <b c\n" * 10 + "x" * 1000) == []
    [(line, message)] = body_errors("x\n" + "<a " * 5000)
    assert line == 6 and "not closed with '>'" in message


def _png(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk))


@pytest.mark.parametrize(
    ("data", "size"),
    [
        (_png(640, 480), (640, 480)),
        (b"GIF89a" + struct.pack("<HH", 300, 200) + b"\0" * 20, (300, 200)),
        (b"BM" + b"\0" * 16 + struct.pack("<ii", 100, -50) + b"\0" * 10, (100, 50)),
        (
            b"\xff\xd8"
            + b"\xff\xe0"
            + struct.pack(">H", 16)
            + b"JFIF\0"
            + b"\0" * 9
            + b"\xff\xc0"
            + struct.pack(">HBHH", 17, 8, 768, 1024)
            + b"\0" * 10,
            (1024, 768),
        ),
        (
            b"RIFF\0\0\0\0WEBPVP8X" + b"\0" * 8 + (4999).to_bytes(3, "little") + (99).to_bytes(3, "little"),
            (5000, 100),
        ),
        (b"\x89PNG\r\n\x1a\n", None),
        (b"<svg/>", None),
    ],
)
def test_image_size_reads_only_the_header(tmp_path: Path, data: bytes, size: tuple[int, int] | None) -> None:
    path = tmp_path / "image"
    path.write_bytes(data)
    assert image_size(path) == size


def test_an_image_over_the_pixel_limit_is_an_error_and_not_shown(make_content: Make) -> None:
    c = make_content()
    c.simple("a", "A", "A", body_pl="![Ogromny plan](plan.png)", body_en="![Small plan](small.png)")
    folder = c.root / "pages" / "a"
    (folder / "plan.png").write_bytes(_png(5000, 100))
    (folder / "small.png").write_bytes(_png(4096, 4096))
    content = load_content(c.root)
    errors = [(p.path.name, p.line, p.message) for p in content.problems if p.severity == "error"]
    assert errors == [
        ("pl.md", 5, "image 'plan.png' is 5000×100 pixels; images may be at most 4096×4096 (scale it down)")
    ]
    html = content.html(content.site.pages["a"].variants["pl"])
    assert "kiosk-image:" not in html and "[Ogromny plan]" in html


def test_a_page_over_a_limit_loses_only_that_language(make_content: Make) -> None:
    c = make_content()
    c.page("a", "pl", page_text("T" * 201, "office", "Treść."))
    c.page("a", "en", page_text("Fine", "office", "Text."))
    content = load_content(c.root)
    [problem] = content.problems
    assert (problem.path.name, problem.line) == ("pl.md", 2)
    assert "title is 201 characters long; at most 200" in problem.message
    assert list(content.site.pages["a"].variants) == ["en"]


def test_a_value_that_cannot_be_built_loses_only_that_key(make_content: Make) -> None:
    c = make_content()
    c.page("a", "pl", "---\ntitle: Sala\nsection: office\nroom: 2026-02-30\norder: !!int abc\n---\nTreść.\n")
    c.page("a", "en", page_text("Hall", "office", "Text."))
    content = load_content(c.root)
    found = [(p.line, p.message.split(" (")[0]) for p in content.problems]
    assert found == [
        (4, "room: '2026-02-30' is not a real date or time"),
        (5, "order: 'abc' is not a whole number that can be read; put it in quotes if it is text"),
    ]
    variant = content.site.pages["a"].variants["pl"]
    assert (variant.title, variant.room, variant.order) == ("Sala", "", 0)


def test_a_key_given_twice_is_an_error_and_the_first_counts(make_content: Make) -> None:
    c = make_content()
    c.page("a", "pl", "---\ntitle: Pierwszy\nsection: office\ntitle: Drugi\n---\nTreść.\n")
    c.page("a", "en", page_text("A", "office", "Text."))
    content = load_content(c.root)
    [problem] = content.problems
    assert (problem.line, problem.message) == (
        4,
        "'title' is given twice (first on line 2); this one is ignored",
    )
    assert content.site.pages["a"].variants["pl"].title == "Pierwszy"


def test_html_in_code_is_text_and_cdata_is_removed(make_content: Make) -> None:
    c = make_content()
    c.simple("a", "A", "A", body_pl="Nie pisz `<script>`.\n\nA <![CDATA[x]]> b.")
    content = load_content(c.root)
    assert [(p.line, p.severity, p.message) for p in content.problems] == [
        (7, "warning", "CDATA sections are not supported and are removed")
    ]
    html = content.html(content.site.pages["a"].variants["pl"])
    assert "<code>&lt;script&gt;</code>" in html
    assert "]]>" not in html and "CDATA" not in html


def test_a_clean_svg_picture_is_shown_and_one_reaching_outside_is_not(tmp_path: Path) -> None:
    root = tmp_path / "c"
    shutil.copytree(paths.bundled_content_dir(), root)
    folder = root / "pages" / "opening-hours"
    good = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="4" height="4"/></svg>\n'
    (folder / "clean.svg").write_text(good, encoding="utf-8")
    (folder / "reach.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg">\n<image href="/usr/share/pixmaps/x.png"/>\n</svg>\n',
        encoding="utf-8",
    )
    page = folder / "pl.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n![Czysty](clean.svg)\n\n![Sięga](reach.svg)\n")
    content = load_content(root)
    html = content.html(content.site.pages["opening-hours"].variants["pl"])
    assert "kiosk-image:opening-hours/clean.svg" in html
    assert "kiosk-image:opening-hours/reach.svg" not in html
    problems = [p for p in content.problems if p.path.name == "reach.svg"]
    assert [(p.line, p.severity) for p in problems] == [(2, "error")], problems
    assert "outside the page's folder" in problems[0].message
