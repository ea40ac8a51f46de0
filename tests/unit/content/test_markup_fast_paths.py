"""The renderer's fast paths (plain text skipped, patterns chosen by the characters in a
text, linear bracket matching, tables only for blocks with '|') render exactly what
Markdown's stock processors render."""

from __future__ import annotations

import random
from pathlib import Path

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
    return renderer


def test_the_fast_paths_are_in_use() -> None:
    md = markup.PageRenderer()._md
    assert type(md.treeprocessors["inline"]).__name__ == "_SelectiveInline"
    assert type(md.inlinePatterns["link"]).__name__ == "LinearLinkInlineProcessor"


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


