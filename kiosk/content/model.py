"""Plain data describing a loaded content folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# Re-exported for callers that know them from here; they live in kiosk.problems.
from kiosk.problems import Problem as Problem
from kiosk.problems import Severity as Severity

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


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


@dataclass
class Page:
    id: str
    folder: Path
    variants: dict[str, PageVariant] = field(default_factory=dict)

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

    def page_variant(self, page_id: str, lang: str) -> PageVariant | None:
        page = self.pages.get(page_id)
        if page is None:
            return None
        fallback = (self.default_language, *self.languages)
        return page.variant(lang, fallback)
