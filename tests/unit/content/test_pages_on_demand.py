"""``kiosk render`` shows one page: the others are checked for the summary of problems,
not rendered (``Content.check_all``), and the page shown is rendered as it is shown."""

from __future__ import annotations

from pathlib import Path

from kiosk import paths
from kiosk.content.content import Content, load_content


def _problems(content: Content) -> list[str]:
    return [problem.format() for problem in content.problems]


def test_a_checked_folder_has_the_problems_and_pages_of_a_rendered_one(tmp_path: Path) -> None:
    from tests.hostile.cases import CASES, build

    folders = [paths.bundled_content_dir()] + [build(case, tmp_path) for case in CASES]
    for folder in folders:
        full = load_content(folder)
        checked = load_content(folder, defer_rendering=True)
        checked.check_all()
        assert checked.rendered == {}, folder  # nothing rendered for showing yet
        assert _problems(checked) == _problems(full), folder
        assert checked.rendered == {}, folder  # counting the problems renders nothing
        assert checked.site.broken_pages == full.site.broken_pages, folder
        assert {p: sorted(page.variants) for p, page in checked.site.pages.items()} == {
            p: sorted(page.variants) for p, page in full.site.pages.items()
        }, folder


def test_a_checked_page_is_rendered_alone_when_shown_as_the_kiosk_renders_it() -> None:
    full = load_content(paths.bundled_content_dir())
    content = load_content(paths.bundled_content_dir(), defer_rendering=True)
    content.check_all()
    variant = content.site.pages["id-card"].variants["pl"]

    assert content.html(variant) == full.html(full.site.pages["id-card"].variants["pl"])
    assert list(content.rendered) == [variant.key]  # that page alone
    assert _problems(content) == _problems(full)  # its problems counted once

    # Everything rendered later (the running kiosk's way) keeps the page rendered first.
    shown = content.rendered[variant.key]
    content.render_all()
    assert content.rendered[variant.key] is shown
    assert set(content.rendered) == set(full.rendered)
    assert all(content.rendered[key].html == page.html for key, page in full.rendered.items())
    assert _problems(content) == _problems(full)
