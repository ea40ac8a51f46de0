"""A content folder loaded, checked and rendered: what the kiosk serves."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.content.loader import _Collector, load_site
from kiosk.content.markup import PageRenderer, RenderedPage
from kiosk.content.model import PageVariant, Problem, Site
from kiosk.content.namedays import NameDays, load_namedays
from kiosk.content.notices import Announcement, Tip, load_announcements, load_tips
from kiosk.content.survey import Survey, load_survey


@dataclass
class Content:
    site: Site
    rendered: dict[tuple[str, str], RenderedPage] = field(default_factory=dict)
    announcements: list[Announcement] = field(default_factory=list)
    tips: list[Tip] = field(default_factory=list)
    namedays: NameDays | None = None
    survey: Survey | None = None  # survey.toml, None when absent or in error

    def active_announcements(self, day: dt.date) -> list[Announcement]:
        return [a for a in self.announcements if a.is_active(day)]

    @property
    def problems(self) -> list[Problem]:
        found = list(self.site.problems)
        for page in self.rendered.values():
            found.extend(page.problems)
        return sorted(found, key=lambda p: (str(p.path), p.line or 0))

    @property
    def error_count(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warning_count(self) -> int:
        return sum(1 for p in self.problems if p.severity == "warning")

    def html(self, variant: PageVariant) -> str:
        return self.rendered[(variant.page_id, variant.lang)].html


def load_content(root: Path) -> Content:
    """Load and render every page of a content folder; never raises for bad content."""
    site = load_site(root)
    content = Content(site)
    collector = _Collector()
    content.announcements = load_announcements(Path(root), site, collector)
    content.tips = load_tips(Path(root), site, collector)
    content.survey = load_survey(Path(root), site, collector)
    site.problems.extend(collector.problems)
    content.namedays = load_namedays(Path(root))
    site.problems.extend(content.namedays.problems)
    renderer = PageRenderer()
    for page in site.pages.values():
        for lang, variant in page.variants.items():
            content.rendered[(page.id, lang)] = renderer.render(variant, site)
    return content
