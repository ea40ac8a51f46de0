"""Plain data describing a loaded content folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# Re-exported for callers that know them from here; they live in kiosk.problems.
from kiosk.problems import Problem as Problem
from kiosk.problems import Severity as Severity

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
EASY_READ_SUFFIX = ".etr"  # pages/<id>/<lang>.etr.md


@dataclass(frozen=True)
class Office:
    names: dict[str, str]
    address: str = ""
    phone: str = ""
    email: str = ""

    def name(self, lang: str) -> str:
        return self.names.get(lang) or next(iter(self.names.values()), "")


@dataclass(frozen=True)
class Section:
    id: str
    titles: dict[str, str]
    order: int = 0
    icon: str = ""

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or next(iter(self.titles.values()), self.id)


@dataclass(frozen=True)
class OpeningHours:
    """Opening hours of one weekday, as minutes after midnight."""

    opens: int
    closes: int

    def label(self) -> str:
        return (
            f"{self.opens // 60}:{self.opens % 60:02d}–{self.closes // 60}:{self.closes % 60:02d}"
        )


@dataclass(frozen=True)
class PageVariant:
    """One language version of a page: its front matter and Markdown body."""

    page_id: str
    lang: str
    title: str
    section: str
    body: str
    path: Path
    body_line: int = 1  # line of the file where the Markdown body starts
    order: int = 0
    summary: str = ""
    keywords: tuple[str, ...] = ()
    room: str = ""
    url: str = ""
    icon: str = ""  # an icon name ("mdi6.card-account-details"), "" for the section's
    is_easy_read: bool = False  # ``<lang>.etr.md``: the easy-to-read version (ETR)

    @property
    def key(self) -> tuple[str, str]:
        """Names this version among a content's rendered pages: ``(page id, "pl")`` or,
        for the easy-to-read version, ``(page id, "pl.etr")``."""
        return (self.page_id, f"{self.lang}{EASY_READ_SUFFIX}" if self.is_easy_read else self.lang)


@dataclass
class Page:
    id: str
    folder: Path
    variants: dict[str, PageVariant] = field(default_factory=dict)
    # Easy-to-read versions by language; each has a regular version in its language.
    easy_variants: dict[str, PageVariant] = field(default_factory=dict)

    def variant(self, lang: str, fallback_order: tuple[str, ...] = ()) -> PageVariant | None:
        """The variant in ``lang``, else the first available in ``fallback_order``."""
        if lang in self.variants:
            return self.variants[lang]
        for other in fallback_order:
            if other in self.variants:
                return self.variants[other]
        return next(iter(self.variants.values()), None)


@dataclass
class Site:
    root: Path
    default_language: str = "pl"
    languages: tuple[str, ...] = ("pl", "en")
    office: Office = field(default_factory=lambda: Office(names={}))
    hours: dict[str, OpeningHours] = field(default_factory=dict)
    closed_days: tuple[str, ...] = ()  # ISO dates of extra closed days
    # site.toml's ``fallback``: for a language, where a missing page is looked for first.
    fallbacks: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cash_hours: dict[str, OpeningHours] = field(default_factory=dict)  # the cash desk ("kasa")
    logo: Path | None = None  # the office's logo (SVG or PNG in the content folder)
    accent: str = ""  # the office's colour "#rrggbb"; "" for the theme's own
    featured: tuple[str, ...] = ()  # page ids of the top tasks on the home screen
    sections: list[Section] = field(default_factory=list)
    pages: dict[str, Page] = field(default_factory=dict)
    broken_pages: set[str] = field(default_factory=set)  # folders with no usable version
    problems: list[Problem] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def pages_in(self, section_id: str, lang: str) -> list[PageVariant]:
        """The pages a visitor sees in a section, in display order."""
        shown = []
        for page in self.pages.values():
            variant = self.page_variant(page.id, lang)
            if variant is not None and variant.section == section_id:
                shown.append(variant)
        return sorted(shown, key=lambda v: (v.order, v.title.casefold()))

    def fallback_order(self, lang: str) -> tuple[str, ...]:
        """Where a page missing in ``lang`` is looked for: site.toml's ``fallback`` for
        ``lang``, then the site's default language, then every language of the site."""
        order = (*self.fallbacks.get(lang, ()), self.default_language, *self.languages)
        return tuple(code for code in dict.fromkeys(order) if code != lang)

    def page_variant(self, page_id: str, lang: str, is_easy_read: bool = False) -> PageVariant | None:
        """The version of a page a visitor of ``lang`` sees: in ``lang``, else in the first
        language of its fallback order; with ``is_easy_read``, that language's
        easy-to-read version when the page has one."""
        page = self.pages.get(page_id)
        if page is None:
            return None
        variant = page.variant(lang, self.fallback_order(lang))
        if is_easy_read and variant is not None:
            return page.easy_variants.get(variant.lang, variant)
        return variant

    def has_easy_read(self, page_id: str, lang: str) -> bool:
        """Whether the version a visitor of ``lang`` sees has an easy-to-read version."""
        variant = self.page_variant(page_id, lang, is_easy_read=True)
        return variant is not None and variant.is_easy_read

    def easy_read_pages(self, lang: str) -> list[PageVariant]:
        """Every page with an easy-to-read version for a visitor of ``lang``, as its
        easy-to-read version, in the order of the sections and of the pages in them."""
        sections = {section.id: number for number, section in enumerate(self.sections)}
        shown = []
        for page_id in self.pages:
            variant = self.page_variant(page_id, lang, is_easy_read=True)
            if variant is not None and variant.is_easy_read:
                regular = self.page_variant(page_id, lang)
                assert regular is not None
                shown.append((sections.get(regular.section, len(sections)), regular.order, variant))
        shown.sort(key=lambda entry: (entry[0], entry[1], entry[2].title.casefold()))
        return [variant for _section, _order, variant in shown]
