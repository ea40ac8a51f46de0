"""Markdown → safe HTML for the page view, and the checks that go with it.

The body is rendered by the ``markdown`` package; a tree processor rewrites links and
images into the kiosk's own forms, and ``nh3`` sanitises the final HTML so that raw
HTML written by staff can never run script, load a file or leave the application.

Rendering is linear in the page: each problem's line is found from the page body already
in memory, searching on from the previous problem's line, and the link patterns find the
closing bracket of every ``[`` from one pass over the text (Markdown's own search goes to
the end of the paragraph for each unmatched ``[``, which is quadratic).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

import markdown
import nh3
from markdown import inlinepatterns
from markdown.blockprocessors import (
    BlockProcessor,
    BlockQuoteProcessor,
    HashHeaderProcessor,
    HRProcessor,
    ReferenceProcessor,
    SetextHeaderProcessor,
)
from markdown.extensions import Extension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension, TableProcessor
from markdown.treeprocessors import InlineProcessor, Treeprocessor
from markdown.util import AtomicString

from kiosk.content.limits import check_image
from kiosk.content.model import PageVariant, Site
from kiosk.content.svg import scan_svg
from kiosk.problems import LineFinder, Problem, Severity, shorten

PAGE_SCHEME = "page:"
ROOM_SCHEME = "room:"  # [pokój 14](room:14): the building plan with the way to room 14
ROOM_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
IMAGE_SCHEME = "kiosk-image:"
SHOWN_SCHEMES = ("http://", "https://", "mailto:", "tel:")
SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# Markdown keeps a backslash-escaped character as STX, its code, ETX until the end.
_ESCAPED_RE = re.compile(r"\x02(\d+)\x03")
# Characters that start an inline pattern (code, escape, link, image, autolink, raw HTML,
# entity, emphasis, line break); text without any is plain and skips the patterns.
_INLINE_START_RE = re.compile(r"[`\\\[<&*_\x02]|  \n")
# What can make a link (also an autolink), an image or raw HTML in a text: where problems come from.
_LINK_OR_HTML_RE = re.compile(r"[\[<]")
_BRACKET_TOKEN_RE = re.compile(r"[\[\]]")
_CDATA_RE = re.compile(r"<!\[CDATA\[.*?\]\]>", re.DOTALL)

FORBIDDEN_TAGS = frozenset(
    {
        "script",
        "iframe",
        "style",
        "object",
        "embed",
        "form",
        "input",
        "button",
        "link",
        "meta",
        "base",
        "frame",
        "frameset",
        "applet",
        "svg",
        "math",
        "textarea",
        "select",
    }
)
ALLOWED_TAGS = frozenset(
    {
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "p",
        "br",
        "hr",
        "ul",
        "ol",
        "li",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "code",
        "pre",
        "blockquote",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "a",
        "img",
        "span",
        "div",
        "sup",
        "sub",
        "dl",
        "dt",
        "dd",
        "abbr",
        "small",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt", "title"},
    "th": {"align", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
    "span": {"class"},
    "p": {"class"},
    "div": {"class"},
    "ol": {"start"},
    "abbr": {"title"},
}


@dataclass
class RenderedPage:
    html: str
    linked_pages: list[str] = field(default_factory=list)
    images: list[tuple[str, str]] = field(default_factory=list)  # (file, alt text)
    problems: list[Problem] = field(default_factory=list)
    is_failed: bool = False  # the page could not be rendered at all (see problems)


def shown_address(href: str) -> str:
    """How an outside address is written for the visitor to read."""
    for prefix in ("mailto:", "tel:"):
        if href.startswith(prefix):
            return href[len(prefix) :]
    return href


def _same_address(text: str, href: str) -> bool:
    """Whether the link text already shows its address (so it is not written twice)."""
    if text in (href, shown_address(href)):
        return True
    if href.startswith("tel:"):
        digits = "".join(c for c in text if c.isdigit())
        number = "".join(c for c in href if c.isdigit())
        return bool(digits) and number.endswith(digits)
    return False


def _as_written(text: str) -> str:
    """An href or src as staff wrote it (Markdown's escapes turned back into backslashes)."""
    return _ESCAPED_RE.sub(lambda m: "\\" + chr(int(m.group(1))), text)


def _unescaped(text: str) -> str:
    """An href or src as Markdown means it (a backslash-escaped dot is a dot)."""
    return _ESCAPED_RE.sub(lambda m: chr(int(m.group(1))), text)


class _LinkRewriter(Treeprocessor):
    """Turns links and images into what the kiosk can show safely."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.variant: PageVariant | None = None
        self.site: Site | None = None
        self.result = RenderedPage(html="")
        self.finder = LineFinder("", None)
        self.cursor = 1

    def start(self, variant: PageVariant, site: Site) -> None:
        self.variant, self.site = variant, site
        self.result = RenderedPage(html="")
        self.finder = LineFinder(variant.body, None, variant.body_line)
        self.cursor = variant.body_line

    def problem_line(self, needle: str) -> int | None:
        """The line of ``needle``: searched from the previous problem's line on (problems
        come in the order of the page), then from the top of the body."""
        if not needle:
            return None
        line = self.finder.find(needle, self.cursor)
        if line is None:
            line = self.finder.find(needle, self.finder.first_line)
        if line is not None:
            self.cursor = line
        return line

    def _problem(self, severity: Severity, needle: str, message: str) -> None:
        variant = self.variant
        assert variant is not None
        self.result.problems.append(Problem(variant.path, self.problem_line(needle), severity, message))

    def run(self, root: ET.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        for element in list(root.iter()):
            if element.tag == "a":
                self._link(element)
            elif element.tag == "img":
                self._image(element, parents.get(element))

    @staticmethod
    def _to_text(element: ET.Element, suffix: str = "") -> None:
        """Make a link plain text, with its address written after it when given."""
        element.attrib.clear()
        element.tag = "span"
        if suffix:
            element.set("class", "address")
            if len(element):
                last = element[-1]
                last.tail = (last.tail or "") + suffix
            else:
                element.text = (element.text or "") + suffix

    def _link(self, element: ET.Element) -> None:
        assert self.site is not None
        raw = (element.get("href") or "").strip()
        written, href = _as_written(raw), _unescaped(raw)
        shown = shorten(written)
        text = "".join(element.itertext()).strip()
        if href.startswith(PAGE_SCHEME):
            target = href[len(PAGE_SCHEME) :]
            if target in self.site.pages or target in self.site.broken_pages:
                element.attrib.clear()
                element.set("href", PAGE_SCHEME + target)
                self.result.linked_pages.append(target)
            else:
                self._problem("error", written, f"link to missing page '{shorten(target)}'")
                element.attrib.clear()
                element.tag = "span"
                element.set("class", "broken")
            return
        if href.startswith(ROOM_SCHEME) and ROOM_ID_RE.match(href[len(ROOM_SCHEME) :]):
            # Whether the room exists is checked with the building plan (kiosk.floors).
            element.attrib.clear()
            element.set("href", href)
            return
        if href.startswith(SHOWN_SCHEMES):
            address = shown_address(href)
            suffix = "" if _same_address(text, href) else f" ({address})"
            self._to_text(element, suffix)
            if not suffix:
                element.set("class", "address")
            return
        scheme = SCHEME_RE.match(href)
        if scheme:
            self._problem("error", written, f"link scheme '{shorten(scheme.group(1))}:' is not allowed")
        elif href.startswith("#"):
            self._problem("warning", written, "links within a page are not supported; shown as text")
        else:
            self._problem(
                "error",
                written or text,
                f"link '{shown}' is not allowed; use page:<page-id> or an https:// address",
            )
        self._to_text(element)

    def _svg_is_safe(self, image: Path, needle: str, shown: str) -> bool:
        """An SVG picture is shown only when it draws nothing from outside the page's folder
        and runs nothing; each problem is reported at its line in the SVG file."""
        scan = scan_svg(image, "the page's folder")
        for line, message in scan.problems:
            self.result.problems.append(Problem(image, line, "error", f"image {message}"))
        if not scan.is_safe:
            self._problem("error", needle, f"image '{shown}' is not shown: see the problems in the file")
        return scan.is_safe

    def _image(self, element: ET.Element, parent: ET.Element | None) -> None:
        variant = self.variant
        assert variant is not None
        raw = (element.get("src") or "").strip()
        written, src = _as_written(raw), _unescaped(raw)
        shown = shorten(written)
        alt = (element.get("alt") or "").strip()
        needle = f"]({written}" if written else "![]"
        ok = True
        if not alt:
            self._problem(
                "error", needle, f"image '{shown}' has no alt text; write ![description]({shown})"
            )
            ok = False
        relative = PurePosixPath(src)
        if "\\" in written:
            self._problem(
                "error", needle, f"image '{shown}': write paths with '/', not '\\' (e.g. plans/floor.png)"
            )
            ok = False
        elif SCHEME_RE.match(src) or src.startswith("/") or ".." in relative.parts or not src:
            self._problem("error", needle, f"image '{shown}' must be a file in the page's folder")
            ok = False
        elif not (variant.path.parent / relative).is_file():
            self._problem("error", needle, f"missing image '{shown}'")
            ok = False
        else:
            image = variant.path.parent / relative
            too_large = check_image(image)
            if too_large is not None:
                self._problem("error", needle, f"image '{shown}' {too_large}")
                ok = False
            elif image.suffix.lower() == ".svg":
                ok = self._svg_is_safe(image, needle, shown)
        if ok:
            self.result.images.append((src, alt))
            element.attrib.clear()
            element.set("src", f"{IMAGE_SCHEME}{variant.page_id}/{relative.as_posix()}")
            element.set("alt", alt)
            caption = ET.Element("span", {"class": "alt"})
            caption.text = alt
            element.tail = element.tail or ""
            if parent is not None:
                index = list(parent).index(element)
                br = ET.Element("br")
                parent.insert(index + 1, br)
                parent.insert(index + 2, caption)
                caption.tail, element.tail = element.tail, ""
                if parent.tag == "p" and len(parent) == 3 and not (parent.text or "").strip():
                    parent.set("class", "figure")
        else:
            element.attrib.clear()
            element.tag = "span"
            element.set("class", "missing-image")
            element.text = f"[{alt}]" if alt else "[?]"


class _PlainText(Treeprocessor):
    """Marks text with no inline syntax at all as atomic, so that the inline patterns
    (about fifteen, each tried on every piece of text) skip it; the output is the same.

    For the problems alone (``kiosk check``), ``syntax`` is only what can make a link, an
    image or raw HTML: text without a ``[`` or ``<`` is left as it is (its emphasis is
    not worked out), since every problem a page can have comes from those."""

    def __init__(self, md: markdown.Markdown, syntax: re.Pattern[str] = _INLINE_START_RE) -> None:
        super().__init__(md)
        self.syntax = syntax

    def run(self, root: ET.Element) -> None:
        search = self.syntax.search
        for element in root.iter():
            text = element.text
            if text and not isinstance(text, AtomicString) and not search(text):
                element.text = AtomicString(text)
            tail = element.tail
            if tail and not isinstance(tail, AtomicString) and not search(tail):
                element.tail = AtomicString(tail)


class _Brackets:
    """Finds the ``]`` closing a ``[``: a short scan settles a link; past a few dozen
    brackets the closing bracket of every ``[`` of the text is found in one pass.

    Markdown asks about one ``[`` after another while it replaces each link it finds by a
    placeholder, so the text changes between questions. Where a ``[`` closes depends only
    on the text after it, so the answer found on an earlier text still holds when the
    text after the ``[`` is unchanged (checked by comparing it, a C-speed comparison).
    """

    SHORT_SCAN = 64

    def __init__(self) -> None:
        self.base = ""
        self.closing: dict[int, int] = {}  # position after '[' → position of its ']' in base
        self.by_distance: dict[int, int | None] = {}  # the same as distances from base's end

    def close_of(self, data: str, index: int) -> int | None:
        """Where the ``]`` closing the ``[`` just before ``index`` is, or None."""
        if data is self.base:
            return self.closing.get(index)
        depth = 1
        for count, match in enumerate(_BRACKET_TOKEN_RE.finditer(data, index)):
            if count >= self.SHORT_SCAN:
                break
            depth += 1 if match.group(0) == "[" else -1
            if depth == 0:
                return match.start()
        else:
            return None
        distance = len(data) - index
        if distance in self.by_distance and data.endswith(self.base[len(self.base) - distance :]):
            close = self.by_distance[distance]
            return None if close is None else len(data) - close
        self._index(data)
        return self.closing.get(index)

    def _index(self, data: str) -> None:
        self.base, self.closing, opened = data, {}, []
        for match in _BRACKET_TOKEN_RE.finditer(data):
            if match.group(0) == "[":
                opened.append(match.end())
            elif opened:
                self.closing[opened.pop()] = match.start()
        end = len(data)
        self.by_distance = {end - start: end - close for start, close in self.closing.items()}
        self.by_distance.update((end - start, None) for start in opened)


def _linear(cls: type[inlinepatterns.LinkInlineProcessor]) -> type[inlinepatterns.LinkInlineProcessor]:
    """``cls`` with a link text search that costs O(1) for an unmatched ``[``."""

    class Linear(cls):  # type: ignore[valid-type,misc]
        brackets: _Brackets

        def getText(self, data: str, index: int) -> tuple[str, int, bool]:  # noqa: N802 - markdown's API
            end = self.brackets.close_of(data, index)
            if end is None:
                return "", len(data), False
            return data[index:end], end + 1, True

    Linear.__name__ = f"Linear{cls.__name__}"
    return Linear


# The link patterns of markdown.inlinepatterns.build_inlinepatterns: name, class, regex, priority.
_LINK_PATTERNS = (
    ("reference", inlinepatterns.ReferenceInlineProcessor, inlinepatterns.REFERENCE_RE, 170),
    ("link", inlinepatterns.LinkInlineProcessor, inlinepatterns.LINK_RE, 160),
    ("image_link", inlinepatterns.ImageInlineProcessor, inlinepatterns.IMAGE_LINK_RE, 150),
    (
        "image_reference",
        inlinepatterns.ImageReferenceInlineProcessor,
        inlinepatterns.IMAGE_REFERENCE_RE,
        140,
    ),
    ("short_reference", inlinepatterns.ShortReferenceInlineProcessor, inlinepatterns.REFERENCE_RE, 130),
    (
        "short_image_ref",
        inlinepatterns.ShortImageReferenceInlineProcessor,
        inlinepatterns.IMAGE_REFERENCE_RE,
        125,
    ),
)


# The characters that must be in a text for each of Markdown's inline patterns to match.
_PATTERN_NEEDS = {
    "backtick": "`\\",
    "escape": "\\",
    "reference": "[",
    "link": "[",
    "image_link": "[",
    "image_reference": "[",
    "short_reference": "[",
    "short_image_ref": "[",
    "autolink": "<",
    "automail": "<",
    "linebreak": "\n",
    "html": "<",
    "entity": "&",
    "em_strong": "*_",
}
_HANDLE_INLINE = "_InlineProcessor__handleInline"
_APPLY_PATTERN = "_InlineProcessor__applyPattern"


class _SelectiveInline(InlineProcessor):
    """Markdown's inline processor, trying on each text only the patterns whose first
    characters occur in it (a text with one ``**`` needs 1 of the 15 patterns, not all).

    It overrides the processor's private loop (Markdown is pinned; ``extendMarkdown``
    keeps the stock processor when that loop is not there, and a test compares the
    output with the stock processor's)."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.needs: list[str | None] = []

    def run(self, tree: ET.Element, ancestors: list[str] | None = None) -> ET.Element:
        if len(self.needs) != len(self.inlinePatterns):
            patterns = self.inlinePatterns
            names = {id(patterns[name]): name for name in _PATTERN_NEEDS if name in patterns}
            self.needs = [_PATTERN_NEEDS.get(names.get(id(p), "")) for p in self.inlinePatterns]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, pattern_index: int = 0) -> str:  # noqa: N802
        if isinstance(data, AtomicString):
            return data
        apply = getattr(self, _APPLY_PATTERN)
        start = 0
        count = len(self.inlinePatterns)
        while pattern_index < count:
            needs = self.needs[pattern_index]
            if needs is not None and not any(char in data for char in needs):
                pattern_index, start = pattern_index + 1, 0  # as when the pattern does not match
                continue
            data, matched, start = apply(self.inlinePatterns[pattern_index], data, pattern_index, start)
            if not matched:
                pattern_index += 1
        return data


class _PipeTable(TableProcessor):
    """The tables extension's block processor, asked only about blocks with a ``|`` (it
    splits the first line of every block character by character to find out)."""

    def test(self, parent: ET.Element, block: str) -> bool:
        return "|" in block and super().test(parent, block)


def _needing(cls: type[BlockProcessor], needs: str) -> type[BlockProcessor]:
    """``cls`` asked about a block only when the block has one of the characters its
    pattern cannot match without (a C-speed ``in`` instead of a regex over the block)."""

    class Needing(cls):  # type: ignore[valid-type,misc]
        def test(self, parent: ET.Element, block: str) -> bool:
            return any(char in block for char in needs) and bool(super().test(parent, block))

    Needing.__name__ = f"Needing{cls.__name__}"
    return Needing


class _Reference(ReferenceProcessor):
    """Reference definitions (``[id]: address``) looked for only in blocks with a ``]:``."""

    def run(self, parent: ET.Element, blocks: list[str]) -> bool:
        if "]:" not in blocks[0]:
            return False  # as when its pattern does not match: the block stays
        return bool(super().run(parent, blocks))


# Block processors of markdown.blockprocessors.build_block_parser whose patterns need a
# character: name, class, priority, the characters (one of which must be in the block).
_NEEDING_BLOCKS = (
    ("hashheader", HashHeaderProcessor, 70, "#"),
    ("setextheader", SetextHeaderProcessor, 60, "=-"),
    ("hr", HRProcessor, 50, "-_*"),
    ("quote", BlockQuoteProcessor, 20, ">"),
)


class _KioskExtension(Extension):
    def __init__(self, problems_only: bool = False) -> None:
        super().__init__()
        self.problems_only = problems_only

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - markdown's API
        self.rewriter = _LinkRewriter(md)
        md.treeprocessors.register(self.rewriter, "kiosk_links", 1)
        plain = _PlainText(md, _LINK_OR_HTML_RE) if self.problems_only else _PlainText(md)
        md.treeprocessors.register(plain, "kiosk_plain_text", 25)  # before "inline" (20)
        if hasattr(InlineProcessor, _HANDLE_INLINE) and hasattr(InlineProcessor, _APPLY_PATTERN):
            md.treeprocessors.register(_SelectiveInline(md), "inline", 20)
        blocks = md.parser.blockprocessors
        for name, cls, priority, needs in _NEEDING_BLOCKS:
            if name in blocks and type(blocks[name]) is cls:
                blocks.register(_needing(cls, needs)(md.parser), name, priority)
        if "reference" in blocks and type(blocks["reference"]) is ReferenceProcessor:
            blocks.register(_Reference(md.parser), "reference", 15)
        if "table" in md.parser.blockprocessors:
            table = md.parser.blockprocessors["table"]
            assert isinstance(table, TableProcessor)
            md.parser.blockprocessors.register(_PipeTable(md.parser, table.config), "table", 75)
        brackets = _Brackets()
        for name, cls, pattern, priority in _LINK_PATTERNS:
            processor = _linear(cls)(pattern, md)
            processor.brackets = brackets
            md.inlinePatterns.register(processor, name, priority)


class _RawHtmlScanner(HTMLParser):
    """Finds raw HTML in a Markdown body that the kiosk will refuse or drop."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, Severity, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag in FORBIDDEN_TAGS:
            self.found.append((line, "error", f"HTML <{tag}> is not allowed in pages"))
        elif tag not in ALLOWED_TAGS:
            self.found.append((line, "warning", f"HTML <{shorten(tag, 30)}> is not supported and is removed"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(
                    (line, "error", f"HTML event attribute '{shorten(name, 30)}' is not allowed")
                )
            elif name in ("href", "src") and value and SCHEME_RE.match(value.strip()):
                scheme = SCHEME_RE.match(value.strip())
                assert scheme is not None
                if scheme.group(1).lower() not in ("http", "https", "mailto", "tel", "page", "room"):
                    self.found.append(
                        (line, "error", f"link scheme '{shorten(scheme.group(1), 30)}:' is not allowed")
                    )

    def unknown_decl(self, data: str) -> None:
        if data.upper().startswith("CDATA["):
            message = "CDATA sections are not supported and are removed"
            self.found.append((self.getpos()[0], "warning", message))


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "href":
        return value if value.startswith((PAGE_SCHEME, ROOM_SCHEME)) else None
    if attribute == "src":
        return value if value.startswith(IMAGE_SCHEME) else None
    return value


class PageRenderer:
    """Renders page bodies; one instance is reused (building Markdown is not free).

    :meth:`render` never raises: a page that cannot be rendered (which the limits checked
    on loading should make impossible) gives a :class:`RenderedPage` with ``is_failed``
    and an error, and the renderer starts afresh for the next page.
    """

    def __init__(self, problems_only: bool = False) -> None:
        """``problems_only``: for ``kiosk check``, which shows no page: the same problems
        (and failures) are found, but text that cannot hold a link, an image or raw HTML
        is not worked through for its emphasis, and the HTML is not sanitised (nh3
        reports nothing), so ``html`` is not the kiosk's and is never to be shown."""
        self.problems_only = problems_only
        self._build()

    def _build(self) -> None:
        self._extension = _KioskExtension(self.problems_only)
        self._md = markdown.Markdown(
            # Instances, not names: a name is looked up among the installed packages' entry
            # points (importlib.metadata reads every package's metadata: ~30 ms per process).
            extensions=[TableExtension(), SaneListExtension(), self._extension],
            output_format="html",
        )

    def render(self, variant: PageVariant, site: Site) -> RenderedPage:
        try:
            return self._render(variant, site)
        except (Exception, RecursionError) as exc:  # noqa: BLE001 - one page must not stop the rest
            self._build()
            reason = f"{type(exc).__name__}: {shorten(str(exc), 80)}"
            problem = Problem(variant.path, variant.body_line, "error", f"page cannot be shown ({reason})")
            return RenderedPage(html="", problems=[problem], is_failed=True)

    def _render(self, variant: PageVariant, site: Site) -> RenderedPage:
        rewriter = self._extension.rewriter
        rewriter.start(variant, site)
        self._md.reset()
        raw = self._md.convert(variant.body)
        result = rewriter.result
        self._check_raw_html(rewriter)
        if self.problems_only:
            return result  # sanitising finds no problem: the HTML is for showing only
        if "<![" in raw:
            raw = _CDATA_RE.sub("", raw)
        result.html = nh3.clean(
            raw,
            tags=set(ALLOWED_TAGS),
            attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
            url_schemes={"page", "room", "kiosk-image"},
            link_rel=None,
            strip_comments=True,
            attribute_filter=_attribute_filter,
        )
        return result

    def _check_raw_html(self, rewriter: _LinkRewriter) -> None:
        """Report the raw HTML staff wrote, and only that: Markdown keeps each piece of it
        aside (code spans and code blocks are text, so ``<script>`` there is not HTML)."""
        variant = rewriter.variant
        assert variant is not None
        rewriter.cursor = variant.body_line
        for block in self._md.htmlStash.rawHtmlBlocks:
            if not isinstance(block, str) or "<" not in block:
                continue
            first = next((line.strip() for line in block.split("\n") if line.strip()), "")
            line = rewriter.problem_line(first) or variant.body_line
            scanner = _RawHtmlScanner()
            scanner.feed(block)
            scanner.close()
            for offset, severity, message in scanner.found:
                rewriter.result.problems.append(Problem(variant.path, line + offset - 1, severity, message))
