"""Colour themes as data. Every colour the UI paints comes from these tokens.

``PAIRS`` lists every foreground/background combination the UI uses, with the
contrast it must reach, so tests compute the ratios from the tokens themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from kiosk.vocabulary import ThemeName


@dataclass(frozen=True)
class Theme:
    name: str
    is_high_contrast: bool
    background: str  # window background
    surface: str  # tiles, bars, page area
    text: str  # body text on background and surface
    muted: str  # secondary text (summaries, header line)
    bar: str  # top and bottom bars
    bar_text: str
    button: str  # ordinary buttons
    button_text: str
    button_border: str  # button and tile outline, vs surface/background
    accent: str  # selected / pressed state fill
    accent_text: str
    focus: str  # keyboard focus ring: vs every background it can sit on and vs button_border
    link: str
    notice: str  # notice box background
    notice_text: str
    rule: str  # table grid, image frame
    # A disabled control: solid, dimmed (a blend of text and background), never dashed.
    disabled_text: str
    disabled_border: str

    def tokens(self) -> dict[str, str]:
        skip = ("name", "is_high_contrast")
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in skip}


DEFAULT = Theme(
    name=ThemeName.DEFAULT,
    is_high_contrast=False,
    background="#eef2f6",
    surface="#ffffff",
    text="#16202a",
    muted="#3d4b59",
    bar="#dbe4ee",
    bar_text="#0b2a47",
    button="#ffffff",
    button_text="#0b3d6b",
    button_border="#4f6477",
    accent="#0b3d6b",
    accent_text="#ffffff",
    # Black: the focused outline differs from the unfocused one (button_border) by ≥ 3:1
    # as well as from every background; no lighter colour can do both on this palette.
    focus="#000000",
    link="#0a4f99",
    notice="#fff4d6",
    notice_text="#3a2a00",
    rule="#5b6e80",
    disabled_text="#66727e",
    disabled_border="#b9c4cf",
)

YELLOW_ON_BLACK = Theme(
    name=ThemeName.YELLOW_ON_BLACK,
    is_high_contrast=True,
    background="#000000",
    surface="#000000",
    text="#ffff00",
    muted="#ffff00",
    bar="#000000",
    bar_text="#ffff00",
    button="#000000",
    button_text="#ffff00",
    button_border="#ffff00",
    accent="#ffff00",
    accent_text="#000000",
    # Red sits between yellow and black in luminance: ≥ 3:1 against both, so focus
    # changes the outline's colour, not only its thickness.
    focus="#ff0000",
    link="#ffff00",
    notice="#000000",
    notice_text="#ffff00",
    rule="#ffff00",
    disabled_text="#999900",
    disabled_border="#595900",
)

BLACK_ON_YELLOW = Theme(
    name=ThemeName.BLACK_ON_YELLOW,
    is_high_contrast=True,
    background="#ffff00",
    surface="#ffff00",
    text="#000000",
    muted="#000000",
    bar="#ffff00",
    bar_text="#000000",
    button="#ffff00",
    button_text="#000000",
    button_border="#000000",
    accent="#000000",
    accent_text="#ffff00",
    focus="#d00000",
    link="#000000",
    notice="#ffff00",
    notice_text="#000000",
    rule="#000000",
    disabled_text="#666600",
    disabled_border="#a6a600",
)

WHITE_ON_BLACK = Theme(
    name=ThemeName.WHITE_ON_BLACK,
    is_high_contrast=True,
    background="#000000",
    surface="#000000",
    text="#ffffff",
    muted="#ffffff",
    bar="#000000",
    bar_text="#ffffff",
    button="#000000",
    button_text="#ffffff",
    button_border="#ffffff",
    accent="#ffffff",
    accent_text="#000000",
    focus="#ff0000",
    link="#ffffff",
    notice="#000000",
    notice_text="#ffffff",
    rule="#ffffff",
    disabled_text="#999999",
    disabled_border="#595959",
)

THEMES: dict[str, Theme] = {t.name: t for t in (DEFAULT, YELLOW_ON_BLACK, BLACK_ON_YELLOW, WHITE_ON_BLACK)}

TEXT, NON_TEXT = 4.5, 3.0
# (foreground token, background token, minimum ratio in the default theme)
PAIRS: tuple[tuple[str, str, float], ...] = (
    ("text", "background", TEXT),
    ("text", "surface", TEXT),
    ("muted", "background", TEXT),
    ("muted", "surface", TEXT),
    ("bar_text", "bar", TEXT),
    ("button_text", "button", TEXT),
    ("accent_text", "accent", TEXT),
    ("link", "surface", TEXT),
    ("notice_text", "notice", TEXT),
    ("button_border", "background", NON_TEXT),
    ("button_border", "surface", NON_TEXT),
    ("button_border", "bar", NON_TEXT),
    ("focus", "background", NON_TEXT),
    ("focus", "surface", NON_TEXT),
    ("focus", "bar", NON_TEXT),
    ("focus", "button", NON_TEXT),
    ("focus", "button_border", NON_TEXT),  # focused vs unfocused outline (issue 15)
    ("rule", "surface", NON_TEXT),
    ("accent", "surface", NON_TEXT),
)
HIGH_CONTRAST_TEXT = 7.0


def required_ratio(theme: Theme, minimum: float) -> float:
    """High-contrast themes must reach 7:1 for text (WCAG 1.4.6, AAA)."""
    if theme.is_high_contrast and minimum == TEXT:
        return HIGH_CONTRAST_TEXT
    return minimum


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    colour = colour.lstrip("#")
    r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def theme(name: str) -> Theme:
    return THEMES.get(name, DEFAULT)
