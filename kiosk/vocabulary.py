"""One source for each vocabulary the kiosk uses in more than one place.

``StrEnum`` members compare equal to their text, so files (``kiosk.toml``, command-line
options) and code speak the same words.
"""

from __future__ import annotations

from enum import StrEnum


class Screen(StrEnum):
    """The kinds of screen a visitor can be on (``Location.kind``)."""

    HOME = "home"
    SECTION = "section"
    PAGE = "page"
    SEARCH = "search"
    PLAN = "plan"
    EASY_READ = "easy-read"  # the list of every page in easy-to-read text
    VIDEO = "video"  # sign-language (PJM) video: the list, or one page's video


class ThemeName(StrEnum):
    """The colour themes: the default one and the high-contrast schemes, in the order
    the contrast control offers them."""

    DEFAULT = "default"
    YELLOW_ON_BLACK = "yellow-on-black"
    BLACK_ON_YELLOW = "black-on-yellow"
    WHITE_ON_BLACK = "white-on-black"


HIGH_CONTRAST: tuple[ThemeName, ...] = tuple(t for t in ThemeName if t is not ThemeName.DEFAULT)


class SpeechRate(StrEnum):
    SLOW = "slow"
    NORMAL = "normal"
    FAST = "fast"


class Volume(StrEnum):
    QUIET = "quiet"
    NORMAL = "normal"
    LOUD = "loud"


FONT_SCALES: tuple[int, ...] = (100, 125, 150, 175, 200, 250, 300)
"""Text sizes in percent, smallest first."""
