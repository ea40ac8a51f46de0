"""The office's accent colour against the kiosk's themes.

The accent (``accent = "#RRGGBB"`` in site.toml) paints icons, chevrons, the status
card's band and selected controls, so it must read as text does: at least 4.5:1 against
every background it sits on and against the text drawn on it in the default theme, 7:1
in a high-contrast one (WCAG 1.4.3 / 1.4.6). A colour that fails is reported by the
validator with its line and the theme's own colour is used instead; in high contrast the
theme's own colours always win (the visitor chose them).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.problems import Collector, LineFinder
from kiosk.ui.themes import TEXT, THEMES, Theme, contrast, required_ratio


@dataclass(frozen=True)
class AccentShortfall:
    theme: str
    against: str  # the token it fails against ("surface", "background", "accent_text")
    ratio: float
    required: float


def accent_shortfalls(accent: str, theme: Theme) -> list[AccentShortfall]:
    """Where ``accent`` is too faint in ``theme`` (empty: it reads everywhere)."""
    required = required_ratio(theme, TEXT)
    found = []
    for token in ("background", "surface", "accent_text"):
        ratio = contrast(accent, getattr(theme, token))
        if ratio < required:
            found.append(AccentShortfall(theme.name, token, ratio, required))
    return found


def accent_for(accent: str, theme: Theme) -> str:
    """The colour to paint as the accent: the office's when it reads well in a theme
    that is not high contrast, else the theme's own."""
    if not accent or theme.is_high_contrast or accent_shortfalls(accent, theme):
        return theme.accent
    return accent


def themed(theme: Theme, accent: str) -> Theme:
    """``theme`` with the office's accent where it may be used."""
    from dataclasses import replace

    colour = accent_for(accent, theme)
    return theme if colour == theme.accent else replace(theme, accent=colour)


def check_accent(accent: str, path: Path, collector: Collector) -> None:
    """A warning with the line of ``accent`` for each theme that would not use it
    because it is too faint there (high-contrast themes never use it: not reported)."""
    if not accent:
        return
    try:
        finder = LineFinder(path.read_text(encoding="utf-8", errors="replace"))
        line = finder.key("accent")
    except OSError:
        line = None
    for theme in THEMES.values():
        if theme.is_high_contrast:
            continue
        shortfalls = accent_shortfalls(accent, theme)
        if not shortfalls:
            continue
        worst = min(shortfalls, key=lambda s: s.ratio)
        colour = getattr(theme, worst.against)
        collector.warning(
            path,
            line,
            f"accent {accent} has a contrast of {worst.ratio:.1f}:1 with {colour} in the "
            f"'{theme.name}' theme; at least {worst.required:g}:1 is needed, so the kiosk uses "
            f"its own colour {theme.accent} there (choose a darker colour)",
        )
