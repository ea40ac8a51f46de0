"""A content folder loaded, checked and rendered: what the kiosk serves."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.content.loader import load_site
from kiosk.content.model import PageVariant, Site
from kiosk.content.namedays import NameDays, load_namedays
from kiosk.content.notices import Announcement, Tip, load_announcements, load_tips
from kiosk.content.pronunciation import Pronunciation, load_pronunciation
from kiosk.content.sign_video import SignVideo, find_sign_videos
from kiosk.content.survey import Survey, load_survey
from kiosk.content.tree import link_problems
from kiosk.floors.loader import load_floors
from kiosk.floors.model import Floors
from kiosk.problems import Collector, Problem

if TYPE_CHECKING:
    from collections.abc import Callable

    from kiosk.content.markup import PageRenderer, RenderedPage


@dataclass
class Content:
    site: Site
    rendered: dict[tuple[str, str], RenderedPage] = field(default_factory=dict)
    announcements: list[Announcement] = field(default_factory=list)
    tips: list[Tip] = field(default_factory=list)
    namedays: NameDays | None = None
    floors: Floors | None = None  # the building plan; empty when there is none
    pronunciation: Pronunciation = field(default_factory=Pronunciation)
    survey: Survey | None = None  # survey.toml, None when absent or in error
    sign_videos: dict[str, SignVideo] = field(default_factory=dict)  # page id -> its PJM video
    _is_pending: bool = field(default=False, repr=False, compare=False)  # pages not rendered yet
    _problems_only: bool = field(default=False, repr=False, compare=False)  # kiosk check: see PageRenderer
    # Pages checked for their problems but not rendered yet (``check_all``): key -> problems.
    _checked: dict[tuple[str, str], list[Problem]] | None = field(default=None, repr=False, compare=False)

    def active_announcements(self, day: dt.date) -> list[Announcement]:
        return [a for a in self.announcements if a.is_active(day)]

    @property
    def problems(self) -> list[Problem]:
        if self._checked is None:
            self.render_all()
        found = list(self.site.problems)
        for page in self.rendered.values():
            found.extend(page.problems)
        for key, problems in (self._checked or {}).items():
            if key not in self.rendered:
                found.extend(problems)
        return sorted(found, key=lambda p: (str(p.path), p.line or 0))

    @property
    def error_count(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warning_count(self) -> int:
        return sum(1 for p in self.problems if p.severity == "warning")

    def html(self, variant: PageVariant) -> str:
        rendered = self.rendered.get(variant.key)
        if rendered is None and self._checked is not None and variant.key in self._checked:
            # Checked already (``check_all``): only this page is rendered now.
            from kiosk.content.markup import PageRenderer

            rendered = self.rendered[variant.key] = PageRenderer().render(variant, self.site)
        if rendered is None:
            self.render_all()
            rendered = self.rendered[variant.key]
        return rendered.html

    @property
    def is_rendered(self) -> bool:
        return not self._is_pending

    def render_all(self) -> bool:
        """Render every page not rendered yet (``load_content(defer_rendering=True)``);
        True when a page version that cannot be rendered was left out by it."""
        if not self._is_pending:
            return False
        from kiosk.content.markup import PageRenderer  # Markdown: loaded to render, not to list

        self._is_pending = False
        renderer = PageRenderer(self._problems_only)

        def keep(variant: PageVariant, rendered: RenderedPage) -> None:
            self.rendered[variant.key] = rendered

        return self._work_through(renderer, keep)

    def check_all(self) -> None:
        """Find every page's problems, and leave out what cannot be rendered, as
        :meth:`render_all` does, without rendering the pages for showing: each is rendered
        when it is first shown (:meth:`html`). For ``kiosk render``, which shows one page
        and counts the problems of all (``kiosk check``'s way of finding them: the same
        problems and failures, a quarter of the work)."""
        if not self._is_pending or self._checked is not None:
            return
        from kiosk.content.markup import PageRenderer

        checked: dict[tuple[str, str], list[Problem]] = {}

        def keep(variant: PageVariant, found: RenderedPage) -> None:
            checked[variant.key] = found.problems

        self._work_through(PageRenderer(problems_only=True), keep)
        self._checked = checked

    def _work_through(
        self, renderer: PageRenderer, keep: Callable[[PageVariant, RenderedPage], None]
    ) -> bool:
        """Each page version not rendered yet through ``renderer``: ``keep`` what can be
        shown; report and leave out what cannot (a page with no version left is broken).
        True when something was left out."""
        site = self.site
        dropped = False
        for page in list(site.pages.values()):
            for lang, variant in list(page.variants.items()):
                if variant.key in self.rendered:
                    continue  # rendered on its own after check_all()
                rendered = renderer.render(variant, site)
                if rendered.is_failed:
                    site.problems.extend(rendered.problems)
                    del page.variants[lang]
                    dropped = True
                else:
                    keep(variant, rendered)
            for lang, variant in list(page.easy_variants.items()):
                if variant.key in self.rendered:
                    continue
                rendered = renderer.render(variant, site)
                if rendered.is_failed or lang not in page.variants:
                    site.problems.extend(rendered.problems)
                    del page.easy_variants[lang]
                    dropped = True
                else:
                    keep(variant, rendered)
            if not page.variants:
                del site.pages[page.id]
                site.broken_pages.add(page.id)
                self.sign_videos.pop(page.id, None)
        return dropped


def load_content(root: Path, problems_only: bool = False, *, defer_rendering: bool = False) -> Content:
    """Load and render every page of a content folder; never raises for bad content.

    A page version that cannot be rendered is reported and left out like any unusable
    version (the page goes to ``site.broken_pages`` when no version is left), so every
    page in ``site.pages`` has its rendered HTML.

    ``defer_rendering``: the pages are rendered by :meth:`Content.render_all`, called
    when the caller is ready for it (the running kiosk: right after its first screen is
    painted, which shows no page) or on the first use of what needs it (a page's HTML,
    the problems).

    ``problems_only`` (``kiosk check``): the same problems, but the pages' HTML is not
    what the kiosk shows (see :class:`PageRenderer`).
    """
    site = load_site(root)
    site.problems.extend(link_problems(Path(root)))  # nothing may lead out of the folder
    content = Content(site)
    content._is_pending = True  # noqa: SLF001 - its own module
    content._problems_only = problems_only  # noqa: SLF001 - its own module
    collector = Collector()
    if site.accent:
        from kiosk.identity import check_accent

        check_accent(site.accent, Path(root) / "site.toml", collector)
    content.announcements = load_announcements(Path(root), site, collector)
    content.tips = load_tips(Path(root), site, collector)
    content.floors = load_floors(Path(root), site, collector)
    content.survey = load_survey(Path(root), site, collector)
    site.problems.extend(collector.problems)
    content.namedays = load_namedays(Path(root))
    site.problems.extend(content.namedays.problems)
    content.pronunciation = load_pronunciation(Path(root), tuple(site.languages))
    site.problems.extend(content.pronunciation.problems)
    if not defer_rendering:
        content.render_all()
    videos = Collector()
    content.sign_videos = find_sign_videos(site, videos)
    site.problems.extend(videos.problems)
    return content
