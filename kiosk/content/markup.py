"""Markdown → safe HTML for the page view, and the checks that go with it.

The body is rendered by the ``markdown`` package; a tree processor rewrites links and
images into the kiosk's own forms, and ``nh3`` sanitises the final HTML so that raw
HTML written by staff can never run script, load a file or leave the application.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import PurePosixPath

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from kiosk.content.loader import line_of
from kiosk.content.model import PageVariant, Problem, Severity, Site

PAGE_SCHEME = "page:"
ROOM_SCHEME = "room:"  # [pokój 14](room:14): the building plan with the way to room 14
ROOM_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
IMAGE_SCHEME = "kiosk-image:"
SHOWN_SCHEMES = ("http://", "https://", "mailto:", "tel:")
SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")

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


class _LinkRewriter(Treeprocessor):
    """Turns links and images into what the kiosk can show safely."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.variant: PageVariant | None = None
        self.site: Site | None = None
        self.result = RenderedPage(html="")

    def _problem(self, severity: Severity, needle: str, message: str) -> None:
        variant = self.variant
        assert variant is not None
        text = variant.path.read_text(encoding="utf-8") if variant.path.is_file() else ""
        line = line_of(text, needle, variant.body_line) if needle else None
        self.result.problems.append(Problem(variant.path, line, severity, message))

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
        href = (element.get("href") or "").strip()
        text = "".join(element.itertext()).strip()
        if href.startswith(PAGE_SCHEME):
            target = href[len(PAGE_SCHEME) :]
            if target in self.site.pages or target in self.site.broken_pages:
                element.attrib.clear()
                element.set("href", PAGE_SCHEME + target)
                self.result.linked_pages.append(target)
            else:
                self._problem("error", href, f"link to missing page '{target}'")
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
            self._problem("error", href, f"link scheme '{scheme.group(1)}:' is not allowed")
        elif href.startswith("#"):
            self._problem("warning", href, "links within a page are not supported; shown as text")
        else:
            self._problem(
                "error",
                href or text,
                f"link '{href}' is not allowed; use page:<page-id> or an https:// address",
            )
        self._to_text(element)

    def _image(self, element: ET.Element, parent: ET.Element | None) -> None:
        variant = self.variant
        assert variant is not None
        src = (element.get("src") or "").strip()
        alt = (element.get("alt") or "").strip()
        needle = f"]({src}" if src else "![]"
        ok = True
        if not alt:
            self._problem(
                "error", needle, f"image '{src}' has no alt text; write ![description]({src})"
            )
            ok = False
        relative = PurePosixPath(src)
        if SCHEME_RE.match(src) or src.startswith("/") or ".." in relative.parts or not src:
            self._problem("error", needle, f"image '{src}' must be a file in the page's folder")
            ok = False
        elif not (variant.path.parent / relative).is_file():
            self._problem("error", needle, f"missing image '{src}'")
            ok = False
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


class _KioskExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - markdown's API
        self.rewriter = _LinkRewriter(md)
        md.treeprocessors.register(self.rewriter, "kiosk_links", 1)


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
            self.found.append((line, "warning", f"HTML <{tag}> is not supported and is removed"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((line, "error", f"HTML event attribute '{name}' is not allowed"))
            elif name in ("href", "src") and value and SCHEME_RE.match(value.strip()):
                scheme = SCHEME_RE.match(value.strip())
                assert scheme is not None
                if scheme.group(1).lower() not in ("http", "https", "mailto", "tel", "page", "room"):
                    self.found.append(
                        (line, "error", f"link scheme '{scheme.group(1)}:' is not allowed")
                    )


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "href":
        return value if value.startswith((PAGE_SCHEME, ROOM_SCHEME)) else None
    if attribute == "src":
        return value if value.startswith(IMAGE_SCHEME) else None
    return value


class PageRenderer:
    """Renders page bodies; one instance is reused (building Markdown is not free)."""

    def __init__(self) -> None:
        self._extension = _KioskExtension()
        self._md = markdown.Markdown(
            extensions=["tables", "sane_lists", self._extension], output_format="html"
        )

    def render(self, variant: PageVariant, site: Site) -> RenderedPage:
        rewriter = self._extension.rewriter
        rewriter.variant, rewriter.site = variant, site
        rewriter.result = RenderedPage(html="")
        self._md.reset()
        raw = self._md.convert(variant.body)
        result = rewriter.result
        result.html = nh3.clean(
            raw,
            tags=set(ALLOWED_TAGS),
            attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
            url_schemes={"page", "room", "kiosk-image"},
            link_rel=None,
            strip_comments=True,
            attribute_filter=_attribute_filter,
        )
        if "<" in variant.body:
            scanner = _RawHtmlScanner()
            scanner.feed(variant.body)
            scanner.close()
            for line, severity, message in scanner.found:
                result.problems.append(
                    Problem(variant.path, variant.body_line + line - 1, severity, message)
                )
        return result
