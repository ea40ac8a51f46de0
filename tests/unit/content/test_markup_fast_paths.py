"""The renderer's fast paths (plain text skipped, patterns chosen by the characters in a
text, linear bracket matching, tables only for blocks with '|') render exactly what
Markdown's stock processors render."""

from __future__ import annotations

import random
from pathlib import Path

from markdown.blockprocessors import ReferenceProcessor
from markdown.extensions.tables import TableProcessor
from markdown.treeprocessors import InlineProcessor

from kiosk import paths
from kiosk.content import markup
from kiosk.content.content import load_content
from kiosk.content.model import PageVariant

PIECES = [
    "[", "]", "(", ")", "a", " ", "page:contact", "!", "*", "**", "_", "`", "\n", "\n\n",
    "https://x.pl", "\\", "\\[", "<b>", "&amp;", "  \n", "|", "|---|", "- ", "> ", "ż",
    "[a](https://x.pl)", "[b](page:contact)", "**bold**", "![alt](x.png)", "`code`",
    "# ", "\n## ", "###", "\n===", "\n---", "\n***", "___", "\n[r]: https://x.pl", "[r]", "[r][]",
    "\n    ", "\n1. ", "> > ",
]  # fmt: skip


def stock(renderer: markup.PageRenderer) -> markup.PageRenderer:
    """``renderer`` with Markdown's own processors put back in place of the fast ones."""
    md = renderer._md
    md.treeprocessors.register(InlineProcessor(md), "inline", 20)
    md.treeprocessors.deregister("kiosk_plain_text")
    for name, cls, pattern, priority in markup._LINK_PATTERNS:
        md.inlinePatterns.register(cls(pattern, md), name, priority)
    table = md.parser.blockprocessors["table"]
    assert isinstance(table, TableProcessor)
    md.parser.blockprocessors.register(TableProcessor(md.parser, table.config), "table", 75)
    for name, cls, priority, _needs in markup._NEEDING_BLOCKS:
        md.parser.blockprocessors.register(cls(md.parser), name, priority)
    md.parser.blockprocessors.register(ReferenceProcessor(md.parser), "reference", 15)
    return renderer


def test_the_fast_paths_are_in_use() -> None:
    md = markup.PageRenderer()._md
    assert type(md.treeprocessors["inline"]).__name__ == "_SelectiveInline"
    assert type(md.inlinePatterns["link"]).__name__ == "LinearLinkInlineProcessor"
    assert type(md.parser.blockprocessors["hashheader"]).__name__ == "NeedingHashHeaderProcessor"
    assert type(md.parser.blockprocessors["reference"]).__name__ == "_Reference"
    checking = markup.PageRenderer(problems_only=True)._md.treeprocessors["kiosk_plain_text"]
    assert isinstance(checking, markup._PlainText) and checking.syntax is markup._LINK_OR_HTML_RE


def test_random_markdown_renders_the_same_as_with_the_stock_processors() -> None:
    site = load_content(paths.bundled_content_dir()).site
    fast, slow = markup.PageRenderer(), stock(markup.PageRenderer())
    rng = random.Random(13)
    for number in range(400):
        body = "x " + "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 300)))
        variant = PageVariant("f", "pl", "F", "office", body, Path(f"/nowhere/{number}/pl.md"), 5)
        assert fast.render(variant, site).html == slow.render(variant, site).html, body


def test_the_sample_renders_the_same_as_with_the_stock_processors() -> None:
    content = load_content(paths.bundled_content_dir())
    slow = stock(markup.PageRenderer())
    for (page_id, lang), rendered in content.rendered.items():
        page = content.site.pages[page_id]
        # Easy-to-read versions are rendered as (page id, "pl.etr").
        variant = page.easy_variants[lang[:-4]] if lang.endswith(".etr") else page.variants[lang]
        assert rendered.html == slow.render(variant, content.site).html, page_id




def _problems(content_or_rendered: object) -> list[str]:
    problems = getattr(content_or_rendered, "problems", [])
    return [f"{p.path}:{p.line}:{p.severity}:{p.message}" for p in problems]


def test_problems_only_finds_the_same_problems_in_random_markdown() -> None:
    """``kiosk check`` renders for the problems only (text without '[' or '<' is not
    worked through): every problem and failure is the same, at the same line."""
    site = load_content(paths.bundled_content_dir()).site
    full, check = markup.PageRenderer(), markup.PageRenderer(problems_only=True)
    rng = random.Random(20)
    found = 0
    for number in range(400):
        body = "x " + "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 300)))
        variant = PageVariant("f", "pl", "F", "office", body, Path(f"/nowhere/{number}/pl.md"), 5)
        shown, checked = full.render(variant, site), check.render(variant, site)
        assert _problems(checked) == _problems(shown), body
        assert checked.is_failed == shown.is_failed, body
        found += len(shown.problems)
    assert found > 100  # the bodies have problems to find


def test_problems_only_finds_the_same_problems_in_the_hostile_folders(tmp_path: Path) -> None:
    from tests.hostile.cases import CASES, build

    for case in CASES:
        folder = build(case, tmp_path)
        checked = load_content(folder, problems_only=True)
        assert _problems(checked) == _problems(load_content(folder)), case.name
