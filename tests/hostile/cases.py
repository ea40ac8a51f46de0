"""Hostile content: every case builds a broken or pathological content folder.

Each case copies the bundled sample (``kiosk.paths.bundled_content_dir()``), adds one
canary problem that must still be reported (a link to a missing page in
``pages/canary/pl.md``) and then writes its hostile file. Page cases write the hostile
version as ``pages/hostile/pl.md`` next to a good ``en.md``, which must still load.

Run as a script to build every case into a folder and look at them with ``kiosk check``:
``python -m tests.hostile.cases /tmp/hostile``.
"""

from __future__ import annotations

import random
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kiosk import paths

CANARY_FILE = "pages/canary/pl.md"
CANARY_MESSAGE = "error: link to missing page 'nowhere'"
GOOD_PAGE = "opening-hours"  # a sample page no case touches
HOSTILE_PAGE = "pages/hostile/pl.md"

GOOD_EN = "---\ntitle: A good version\nsection: office\n---\nThis English version is fine.\n"


def front(body: str, extra: str = "", title: str = "Wrogi") -> str:
    return f"---\ntitle: {title}\nsection: office\n{extra}---\n{body}\n"


@dataclass(frozen=True)
class Case:
    """One hostile folder: what to write, which file must be named, and how."""

    name: str
    write: Callable[[Path], None]
    bad_file: str = HOSTILE_PAGE  # as ``kiosk check`` prints it (relative, escaped)
    message: str = ""  # a piece of the expected error message
    line: int | None = None  # the expected line, when the case knows it
    is_error: bool = True  # False: content that is fine but must stay fast and safe
    has_line: bool = True  # False for a folder name (a folder has no lines)
    good_variant: str | None = "en"  # the page's other language, which must still load
    html_has: tuple[str, ...] = ()  # pieces the hostile page's pl HTML must contain
    html_lacks: tuple[str, ...] = ()  # and must not
    notes: tuple[str, ...] = field(default=())


def build(case: Case, parent: Path) -> Path:
    """The case's content folder under ``parent`` (a copy of the sample plus the case)."""
    root = parent / case.name
    shutil.copytree(paths.bundled_content_dir(), root)
    canary = root / "pages" / "canary"
    canary.mkdir()
    (canary / "pl.md").write_text(front("Zobacz [tę stronę](page:nowhere)."), encoding="utf-8")
    (canary / "en.md").write_text(GOOD_EN, encoding="utf-8")
    case.write(root)
    return root


def _page(text: str | bytes, en: str | None = GOOD_EN) -> Callable[[Path], None]:
    def write(root: Path) -> None:
        folder = root / "pages" / "hostile"
        folder.mkdir(exist_ok=True)
        data = text.encode("utf-8") if isinstance(text, str) else text
        (folder / "pl.md").write_bytes(data)
        if en is not None:
            (folder / "en.md").write_text(en, encoding="utf-8")

    return write


def _file(name: str, text: str | bytes, mode: str = "w") -> Callable[[Path], None]:
    def write(root: Path) -> None:
        path = root / name
        data = text.encode("utf-8") if isinstance(text, str) else text
        if mode == "a":
            data = path.read_bytes() + data
        elif mode == "prepend":
            data = data + path.read_bytes()
        path.write_bytes(data)

    return write


def _folder(name: str) -> Callable[[Path], None]:
    def write(root: Path) -> None:
        folder = root / "pages" / name
        folder.mkdir()
        (folder / "pl.md").write_text(front("Treść."), encoding="utf-8")

    return write


def _nested_list(levels: int) -> str:
    return "\n".join("    " * level + f"- poziom {level}" for level in range(levels))


def _garbage(size: int, seed: int = 14) -> bytes:
    return random.Random(seed).randbytes(size)


def _table(rows: int) -> str:
    return "| a | b |\n|---|---|\n" + "\n".join(f"| {n} | x |" for n in range(rows))


def _many_links(count: int) -> str:
    return "\n".join(f"[{n}](page:missing-{n})" for n in range(count))


def _svg_page(svg: str) -> Callable[[Path], None]:
    """A page showing ``obrazek.svg`` with the given SVG text (its problem on line 3)."""

    def write(root: Path) -> None:
        _page(front("Plan:\n\n![Plan sali](obrazek.svg)"))(root)
        (root / "pages" / "hostile" / "obrazek.svg").write_text(svg, encoding="utf-8")

    return write


SVG_SHOWN = ("kiosk-image:hostile/obrazek.svg",)  # the picture, when the page shows it
SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n<rect/>\n'

TOML_DEEP = "[" * 50_000 + "]" * 50_000
TOML_HUGE_INT = "9" * 5_000

CASES: tuple[Case, ...] = (
    # --- front matter values that YAML cannot construct ---------------------------------
    Case("room-february-30", _page(front("Treść.", "room: 2026-02-30\n")), message="not a real date", line=4),
    Case(
        "impossible-time",
        _page(front("Treść.", "summary: 2026-01-01 25:61:00\n")),
        message="not a real date or time",
        line=4,
    ),
    Case("int-abc", _page(front("Treść.", "order: !!int abc\n")), message="not a whole number", line=4),
    Case(
        "int-thousands-of-digits",
        _page(front("Treść.", f"order: {TOML_HUGE_INT}\n")),
        message="not a whole number",
        line=4,
    ),
    Case("float-abc", _page(front("Treść.", "order: !!float abc\n")), message="not a number", line=4),
    Case(
        "python-object-tag",
        _page(front("Treść.", "room: !!python/object/apply:os.system [ls]\n")),
        message="room: the value cannot be read",
        line=4,
    ),
    Case(
        "duplicate-front-matter-key",
        _page(front("Treść.", "title: Drugi tytuł\n")),
        message="'title' is given twice (first on line 2)",
        line=4,
        html_has=("Treść",),
    ),
    Case(
        "front-matter-nested-flow",
        _page(front("Treść.", "keywords: " + "[" * 100_000 + "\n")),
        message="nested deeper than 20 levels",
        line=4,
    ),
    Case(
        "front-matter-nested-dashes",
        _page(front("Treść.", "keywords:\n  " + "- " * 60_000 + "x\n")),
        message="nested deeper than 20 levels",
        line=5,
    ),
    Case(
        "front-matter-not-a-mapping",
        _page("---\n- a\n- b\n---\nTreść.\n"),
        message="front matter must be 'key: value' lines",
        line=2,
    ),
    # --- what the file is -------------------------------------------------------------
    Case("empty-file", _page(""), message="must start with front matter", line=1),
    Case("binary-garbage", _page(_garbage(50_000)), message="not valid UTF-8"),
    Case("nul-bytes", _page(front("Treść\x00 z zerem.")), message="control character U+0000", line=5),
    Case(
        "escape-sequences-in-text",
        _page(front("\x1b[2J\x1b[31mczerwony")),
        message="control character U+001B",
        line=5,
    ),
    Case(
        "bom-and-crlf",
        _page(("\ufeff" + front("Linia pierwsza.\n\n[zła](page:nie-ma)")).replace("\n", "\r\n")),
        message="link to missing page 'nie-ma'",
        line=7,
    ),
    Case("cr-only-line-endings", _page(front("Linia.\n\n[zła](page:nie-ma)").replace("\n", "\r")), line=7),
    Case("title-5-mb", _page(front("Treść.", title="T" * 5_000_000)), message="page is too large", line=1),
    Case(
        "title-300-characters",
        _page(front("Treść.", title="T" * 300)),
        message="title is 300 characters",
        line=2,
    ),
    Case("page-300-kb", _page(front("Długi tekst. " * 25_000)), message="page is too large", line=1),
    Case("not-closed-front-matter", _page("---\ntitle: X\n" + "a: b\n" * 1000), message="not closed", line=1),
    # --- Markdown that nests or grows ------------------------------------------------------
    Case("list-nested-300-deep", _page(front(_nested_list(300))), message="lists or quotes nested deeper"),
    Case("list-nested-21-deep", _page(front(_nested_list(22))), message="nested deeper than 20", line=25),
    Case(
        "list-nested-20-deep-is-fine", _page(front(_nested_list(20))), is_error=False, html_has=("poziom 19",)
    ),
    Case(
        "blockquote-1000-deep", _page(front("> " * 1000 + "cytat")), message="lists or quotes nested", line=5
    ),
    Case("html-div-5000-deep", _page(front("<div>" * 5000 + "x" + "</div>" * 5000)), message="HTML elements"),
    Case(
        "html-blockquote-unclosed",
        _page(front("<blockquote>\n" * 3000)),
        message="HTML elements nested deeper",
    ),
    Case(
        "brackets-nested-5000", _page(front("[" * 5000 + "x" + "]" * 5000)), message="square brackets nested"
    ),
    Case(
        "unmatched-brackets-100000",
        _page(front("[" * 100_000)),
        is_error=False,
        html_has=("[[[[",),
    ),
    Case(
        "unmatched-brackets-per-line",
        _page(front("\n".join("[ nawias " + str(n) for n in range(10_000)))),
        is_error=False,
    ),
    Case("table-1000-rows", _page(front(_table(1000))), message="more than 300 rows", line=5),
    Case("table-300-rows-is-fine", _page(front(_table(300))), is_error=False, html_has=("<td>299</td>",)),
    Case(
        "html-table-1000-rows",
        _page(front("<table>" + "<tr><td>x</td></tr>\n" * 1000 + "</table>")),
        message="more than 300 rows",
    ),
    Case("huge-single-line", _page(front("słowo " * 25_000)), is_error=False),
    Case("huge-indentation", _page(front("- a\n" + " " * 150_000 + "b")), is_error=False),
    Case("many-asterisks", _page(front("*" * 100_000)), message="more than 2000 emphasis", line=5),
    Case("many-underscores-and-backticks", _page(front("_`" * 50_000)), message="emphasis or code marks"),
    Case("bold-words-in-one-paragraph", _page(front("**a** " * 30_000)), message="more than 2000", line=5),
    Case("bold-words-in-paragraphs", _page(front("**a** **b**\n\n" * 10_000)), is_error=False),
    Case(
        "links-and-brackets-alternating",
        _page(front(" ".join(f"[{n}](page:canary) [" for n in range(3000)))),
        is_error=False,
    ),
    Case("many-unclosed-tags", _page(front("<a " * 30_000)), message="not closed with '>'", line=5),
    Case("unclosed-html-comment", _page(front("<!--" + " x" * 50_000)), is_error=False),
    Case(
        "links-to-missing-pages-5000",
        _page(front(_many_links(5000))),
        message="link to missing page 'missing-4999'",
        line=5004,
    ),
    # --- Messages that break the file:line rule ---------------------------------------------
    Case(
        "backslash-image-path",
        _page(front("Plan:\n\n![Plan parteru](plany\\parter\\.png)")),
        message="write paths with '/', not '\\'",
        line=7,
    ),
    Case(
        "backslash-escaped-link",
        _page(front("[dokument](C:\\\\dokumenty\\.pdf)")),
        message="link scheme 'C:' is not allowed",
        line=5,
    ),
    Case(
        "script-in-code-span",
        _page(front("Nie wpisuj `<script>` w treści.\n\n    <iframe src=x>")),
        is_error=False,
        html_has=("<code>&lt;script&gt;</code>", "&lt;iframe"),
    ),
    Case("real-script", _page(front("Tekst.\n\n<script>alert(1)</script>")), message="<script>", line=7),
    Case(
        "cdata",
        _page(front("Przed <![CDATA[<b>nic</b>]]> po.")),
        is_error=False,
        html_lacks=("]]>", "CDATA"),
        html_has=("Przed", "po."),
    ),
    Case("link-to-dot-dot", _page(front("[w górę](page:..)")), message="link to missing page '..'", line=5),
    Case(
        "page-folder-with-newline",
        _folder("podatki\n"),
        bad_file="pages/podatki\\n",
        message="page folder name 'podatki\\n'",
        has_line=False,
        good_variant=None,
    ),
    Case(
        "page-folder-with-escape",
        _folder("red\x1b[31m"),
        bad_file="pages/red\\x1b[31m",
        message="must be lowercase",
        has_line=False,
        good_variant=None,
    ),
    Case(
        "page-folder-dots",
        _folder("..."),
        bad_file="pages/...",
        message="must be lowercase",
        has_line=False,
        good_variant=None,
    ),
    Case(
        "page-folder-right-to-left",
        _folder("abc\u202etxt.exe"),
        bad_file="pages/abc\\u202etxt.exe",
        message="must be lowercase",
        has_line=False,
        good_variant=None,
    ),
    # --- SVG pictures in pages: nothing from outside the folder, nothing that runs ------------
    Case(
        "svg-image-absolute-path",
        _svg_page(SVG_HEAD + '<image href="/etc/passwd"/>\n</svg>\n'),
        "pages/hostile/obrazek.svg",
        html_lacks=SVG_SHOWN,
        message="outside the page's folder",
        line=3,
    ),
    Case(
        "svg-image-parent-folder",
        _svg_page(SVG_HEAD + '<image xlink:href="../../site.toml"/>\n</svg>\n'),
        "pages/hostile/obrazek.svg",
        html_lacks=SVG_SHOWN,
        message="outside the page's folder",
        line=3,
    ),
    Case(
        "svg-css-url-file-scheme",
        _svg_page(SVG_HEAD + '<rect style="fill: url(file:///etc/hostname)"/>\n</svg>\n'),
        "pages/hostile/obrazek.svg",
        html_lacks=SVG_SHOWN,
        message="only files in the folder",
        line=3,
    ),
    Case(
        "svg-script",
        _svg_page(SVG_HEAD + "<script>alert(1)</script>\n</svg>\n"),
        "pages/hostile/obrazek.svg",
        html_lacks=SVG_SHOWN,
        message="carries a script",
        line=3,
    ),
    Case(
        "svg-not-svg",
        _svg_page("<html>\n<body/>\n</html>\n"),
        "pages/hostile/obrazek.svg",
        html_lacks=SVG_SHOWN,
        message="not an SVG drawing",
        line=1,
    ),
    # --- TOML files of the content folder ------------------------------------------------------
    Case("site-int-digits", _file("site.toml", f"\nx = {TOML_HUGE_INT}\n", "a"), "site.toml", "5000 digits"),
    Case("site-deep-array", _file("site.toml", f"\nx = {TOML_DEEP}\n", "a"), "site.toml", "nested deeper"),
    Case("site-nul", _file("site.toml", "\n# \x00\n", "a"), "site.toml", "U+0000"),
    Case("site-garbage", _file("site.toml", _garbage(5000)), "site.toml", "not valid UTF-8"),
    Case(
        "site-impossible-closed-day",
        _file("site.toml", 'closed_days = ["2026-02-30"]\n', "prepend"),
        "site.toml",
        "closed_days must be a list of real",
        line=1,
    ),
    Case("site-empty", _file("site.toml", ""), "site.toml", "at least one [[sections]]"),
    Case(
        "announcements-int-digits",
        _file("announcements.toml", f'[[announcement]]\ntext = "x"\norder = {TOML_HUGE_INT}\n'),
        "announcements.toml",
        "5000 digits",
        line=3,
    ),
    Case(
        "announcements-deep-array",
        _file("announcements.toml", f"[[announcement]]\ntext = {TOML_DEEP}\n"),
        "announcements.toml",
        "nested deeper",
        line=2,
    ),
    Case(
        "announcements-impossible-date",
        _file("announcements.toml", '[[announcement]]\ntext = "x"\nvalid_from = 2026-02-30\n'),
        "announcements.toml",
        "malformed TOML",
        line=3,
    ),
    Case(
        "tips-list-of-values",
        _file("tips.toml", 'tip = [1, 2, "x"]\n'),
        "tips.toml",
        "each tip must be",
        line=1,
    ),
    Case(
        "tips-deep-array", _file("tips.toml", f"[[tip]]\ntext = {TOML_DEEP}\n"), "tips.toml", "nested", line=2
    ),
    Case(
        "tips-int-digits",
        _file("tips.toml", f"[[tip]]\ntext = {TOML_HUGE_INT}\n"),
        "tips.toml",
        "digits",
        line=2,
    ),
    Case(
        "namedays-int-digits",
        _file("namedays.toml", f'[days]\n"01-01" = {{ names = ["Jan"], x = {TOML_HUGE_INT} }}\n'),
        "namedays.toml",
        "5000 digits",
        line=2,
    ),
    Case(
        "namedays-deep-array",
        _file("namedays.toml", f'[days]\n"01-01" = {{ names = {TOML_DEEP} }}\n'),
        "namedays.toml",
        "nested deeper",
        line=2,
    ),
    Case("namedays-binary", _file("namedays.toml", _garbage(3000, 2)), "namedays.toml", "not valid UTF-8"),
)


def main(argv: list[str]) -> int:
    """Build every case into the folder given (for a look with ``kiosk check``)."""
    parent = Path(argv[0] if argv else "hostile-content")
    parent.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        shutil.rmtree(parent / case.name, ignore_errors=True)
        build(case, parent)
    sys.stdout.write(f"{len(CASES)} hostile content folders in {parent}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
