"""Fixtures for search: a small town-hall site written to tmp_path, and its index."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from search_site import PAGES, write_site

from kiosk.content.content import Content, load_content
from kiosk.search import Analyzers, SearchIndex


@pytest.fixture(scope="session")
def analyzers() -> Analyzers:
    """One set of stemmers for the whole run, as the kiosk keeps one (Stempel loads in ~1 s)."""
    return Analyzers()


@pytest.fixture
def town_dir(tmp_path: Path) -> Path:
    return write_site(tmp_path / "content", PAGES)


@pytest.fixture
def town_content(town_dir: Path) -> Content:
    content = load_content(town_dir)
    assert content.error_count == 0, [p.format() for p in content.problems]
    return content


@pytest.fixture
def town_index(town_content: Content, analyzers: Analyzers) -> Iterator[SearchIndex]:
    index = SearchIndex.build(town_content, analyzers)
    yield index
    index.close()
