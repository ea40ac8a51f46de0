"""Render a theme's tokens and the visitor's font scale into QSS and page CSS.

Sizes are in pixels at 100% and multiplied by the scale, so that *everything* —
bars, buttons, tiles, notices, page text — grows together.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.ui.themes import Theme

# Pixel sizes at 100%. The body is 26 px (≥ 22) and nothing is below 20 px (≥ 18).
BODY_PX = 26
SMALL_PX = 20
BUTTON_PX = 22
GLYPH_PX = 20  # "A−", "A+" in the control bar: 50 px at 300%
# A page's actions (easy text, plan, sign language, print) at 300%: 50 px, not 55, so
# that two or three share a row in portrait instead of one row each above the text.
PAGE_ACTION_PX = 20
TILE_PX = 28
TITLE_PX = 36
OFFICE_PX = 30
H2_PX = 30
H3_PX = 26
TARGET_PX = 64  # minimum height of a touch target at 100% (≥ 44)
GAP_PX = 12  # space between targets (≥ 8)
BORDER_PX = 2  # a control's outline
FOCUS_PX = 6  # focus ring width: three times the outline, in a colour ≥ 3:1 from it
MEASURE_CHARS = 70  # line length of page text in average characters (≤ 80)
# The bars and their buttons (the "chrome") grow at three quarters of the text's pace
# (250% at 300%), so that the page keeps most of the screen, yet at 300% the smallest
# chrome text (20 px at 100%) is 50 px, a capital letter ≥ 35 px (EN 301 549 5.1.4:
# 0.7° at 700 mm on a 21.5" 1080×1920 panel).
CHROME_PACE = 0.75
CAP_HEIGHT_AT_LARGEST = 35  # px, for every text on screen at the largest size


@dataclass(frozen=True)
class Metrics:
    """Pixel sizes for one font scale."""

    scale: int

    def px(self, base: int) -> int:
        return max(1, round(base * self.scale / 100))

    @property
    def body(self) -> int:
        return self.px(BODY_PX)

    @property
    def small(self) -> int:
        return self.px(SMALL_PX)

    @property
    def target(self) -> int:
        """Touch-target height: 64 px at 100% (≥ 44), then growing with the label."""
        return max(TARGET_PX, round(self.px(BUTTON_PX) * 1.9))

    @property
    def gap(self) -> int:
        return self.px(GAP_PX)

    @property
    def chrome(self) -> Metrics:
        """Metrics for bars and buttons: they grow at CHROME_PACE of the text's pace."""
        return Metrics(100 + round((self.scale - 100) * CHROME_PACE))

    @property
    def focus(self) -> int:
        return self.chrome.px(FOCUS_PX)


def office_px(scale: int) -> int:
    """The office's name in the identity strip: 24 px, then with the chrome (50 at 300%)."""
    return max(24, Metrics(scale).chrome.px(20))


BAR_LABEL_PX = 20
BAR_BORDER_MAX, BAR_FOCUS_MAX = 3, 8  # px: nine controls share 1080 px in portrait


def bar_label_px(scale: int) -> int:
    """The label under a control-bar icon. Nine controls share 1080 px in portrait, so
    labels keep one size (the icons grow instead); at the largest size the bar shows icons
    alone (its large variant), so no label is ever below the cap height asked there."""
    return BAR_LABEL_PX


def bar_border_px(scale: int) -> tuple[int, int]:
    """A control-bar button's outline and its focus ring: thinner than elsewhere at
    large sizes (the slots are narrow), the ring always at least twice the outline."""
    chrome = Metrics(scale).chrome
    border = min(chrome.px(BORDER_PX), BAR_BORDER_MAX)
    return border, max(2 * border + 2, min(Metrics(scale).focus, BAR_FOCUS_MAX))


def stylesheet(theme: Theme, scale: int) -> str:
    """The application's QSS for a theme at a font scale."""
    m = Metrics(scale)
    c = m.chrome
    t = theme
    pad = m.px(10)
    bar_label = bar_label_px(scale)
    # The attract screen is seen before a visitor chooses a size: it keeps its own.
    a = Metrics(100)
    bar_border, bar_focus = bar_border_px(scale)
    return f"""

QWidget#KioskWindow, QStackedWidget, QScrollArea, QScrollArea > QWidget > QWidget {{
    background: {t.background}; color: {t.text};
}}
QWidget {{ color: {t.text}; font-size: {m.body}px; }}
QLabel {{ background: transparent; }}
QLabel[role="office"] {{ font-size: {office_px(scale)}px; font-weight: bold; color: {t.bar_text}; }}
QLabel[role="header-line"], QLabel[role="status"] {{ font-size: {c.small}px; color: {t.bar_text}; }}
QLabel[role="title"] {{ font-size: {m.px(TITLE_PX)}px; font-weight: bold; }}
QLabel[role="title"][reading="true"] {{ background: {t.accent}; color: {t.accent_text}; }}
QLabel[role="screen-title"] {{ font-size: {c.px(TITLE_PX)}px; font-weight: bold; }}
QLabel[role="hint"] {{ font-size: {c.body}px; color: {t.muted}; }}
QLineEdit {{
    background: {t.surface}; color: {t.text}; border: {c.px(2)}px solid {t.button_border};
    font-size: {c.px(TILE_PX)}px; padding: {c.px(6)}px;
}}
QLineEdit:focus {{ border: {m.focus}px solid {t.focus}; }}
QLabel[role="heading"] {{ font-size: {m.px(H3_PX)}px; font-weight: bold; }}
QLabel[role="lead"] {{ font-size: {m.body}px; color: {t.muted}; }}
QLabel[role="notice"] {{
    background: {t.notice}; color: {t.notice_text}; border: {m.px(2)}px solid {t.rule};
    padding: {pad}px; font-size: {m.body}px;
}}
QLabel[role="tile-title"] {{ font-size: {m.px(TILE_PX)}px; font-weight: bold; color: {t.button_text}; }}
QLabel[role="tile-detail"] {{ font-size: {m.small}px; color: {t.button_text}; }}
QLabel[role="tile-title"][selected="true"], QLabel[role="tile-detail"][selected="true"] {{
    color: {t.accent_text};
}}
QWidget[role="bar"] {{ background: {t.bar}; color: {t.bar_text}; }}
QWidget[role="bar"][edge="top"] {{ border-bottom: {m.px(3)}px solid {t.button_border}; }}
QWidget[role="bar"][edge="bottom"] {{ border-top: {m.px(3)}px solid {t.button_border}; }}
QWidget[role="bar"][edge="left"] {{ border-right: {m.px(3)}px solid {t.button_border}; }}
QPushButton, QToolButton {{
    background: {t.button}; color: {t.button_text};
    border: {c.px(BORDER_PX)}px solid {t.button_border}; border-radius: {c.px(8)}px;
    min-height: {c.target - 2 * c.px(2)}px; min-width: {c.target - 2 * c.px(2)}px;
    padding: 0 {c.px(14)}px; font-size: {c.px(BUTTON_PX)}px; font-weight: bold;
}}
QToolButton[role="bar-button"] {{
    min-height: 0; min-width: 0; padding: {c.px(4)}px 0; border-radius: {c.px(10)}px;
    font-size: {bar_label}px; font-weight: normal; border-width: {bar_border}px;
}}
QToolButton[role="bar-button"]:focus {{ border-width: {bar_focus}px; }}
QToolButton[role="bar-button"][glyph="true"] {{
    font-size: {c.px(GLYPH_PX)}px; font-weight: bold; padding: 0;
}}
QPushButton[role="tile"] {{ padding: {m.px(16)}px; text-align: left; }}
QPushButton[role="page-action"] {{
    padding: 0 {c.px(6)}px; font-size: {max(BUTTON_PX, c.px(PAGE_ACTION_PX))}px;
}}
QPushButton[role="key"] {{
    min-width: 56px; min-height: 56px; padding: 0 {c.px(2)}px; font-size: {c.px(GLYPH_PX)}px;
}}
QPushButton[role="announcement"] {{
    padding: {m.px(16)}px; background: {t.notice}; border-radius: 0;
    border-left-width: {m.px(10)}px;
}}
QPushButton[role="announcement"] QLabel {{ color: {t.notice_text}; }}
QPushButton:pressed, QToolButton:pressed {{ background: {t.accent}; color: {t.accent_text}; }}
QPushButton:checked, QToolButton:checked {{ background: {t.accent}; color: {t.accent_text}; }}
QPushButton:disabled, QToolButton:disabled {{
    border-style: solid; border-color: {t.disabled_border}; color: {t.disabled_text};
    background: {t.background};
}}
QPushButton:focus, QToolButton:focus {{ border: {m.focus}px solid {t.focus}; outline: none; }}
QFrame[role="attract"] {{ background: {t.background}; }}
QLabel[role="attract-office"] {{
    font-size: {a.px(TITLE_PX) * 3 // 2}px; font-weight: bold; color: {t.bar_text};
}}
QLabel[role="attract-tip"] {{ font-size: {a.px(H2_PX)}px; }}
QLabel[role="attract-tip-title"] {{
    font-size: {a.px(TILE_PX)}px; font-weight: bold; color: {t.button_text};
}}
QLabel[role="attract-lead"] {{ font-size: {a.px(H3_PX)}px; color: {t.muted}; }}
QFrame[role="attract-card"], QLabel[role="attract-news"] {{
    background: {t.surface}; border: {a.px(2)}px solid {t.rule}; border-radius: {a.px(16)}px;
}}
QLabel[role="attract-news"] {{ font-size: {a.px(H2_PX)}px; padding: {a.px(24)}px; }}
QLabel[role="attract-start"] {{
    font-size: {a.px(TITLE_PX) * 3 // 2}px; font-weight: bold; color: {t.accent_text}; background: {t.accent};
    border-radius: {a.px(24)}px; padding: {a.px(32)}px;
}}
QFrame[role="overlay"] {{ background: {"#000000" if t.is_high_contrast else "rgba(10, 20, 30, 170)"}; }}
QFrame[role="dialog"] {{
    background: {t.surface}; color: {t.text}; border: {c.px(4)}px solid {t.button_border};
    border-radius: {c.px(10)}px;
}}
QLabel[role="dialog-title"] {{ font-size: {m.px(TITLE_PX)}px; font-weight: bold; }}
QLabel[role="pin"] {{ font-size: {c.px(TITLE_PX)}px; font-weight: bold; letter-spacing: {c.px(8)}px; }}
QPlainTextEdit {{
    background: {t.surface}; color: {t.text}; border: {c.px(2)}px solid {t.button_border};
    font-family: "DejaVu Sans Mono"; font-size: {c.small}px;
}}
QTextBrowser {{
    background: {t.surface}; color: {t.text}; border: {m.px(2)}px solid {t.button_border};
    selection-background-color: {t.accent}; selection-color: {t.accent_text};
}}
QTextBrowser:focus {{ border: {m.focus}px solid {t.focus}; }}
QScrollBar:vertical {{ background: {t.surface}; width: {m.px(16)}px; }}
QScrollBar::handle:vertical {{ background: {t.button_border}; min-height: {m.px(40)}px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; }}
"""


def page_css(theme: Theme, scale: int) -> str:
    """The default style sheet of the page document (Qt's rich-text CSS subset)."""
    m = Metrics(scale)
    t = theme
    return f"""
body {{ color: {t.text}; background-color: {t.surface}; font-size: {m.body}px;
        font-family: "DejaVu Sans"; }}
p, li, td, th {{ line-height: 150%; }}
p {{ margin-top: {m.px(6)}px; margin-bottom: {m.px(14)}px; }}
h2 {{ font-size: {m.px(H2_PX)}px; margin-top: {m.px(24)}px; margin-bottom: {m.px(10)}px; }}
h3, h4, h5, h6 {{ font-size: {m.px(H3_PX)}px; margin-top: {m.px(18)}px; margin-bottom: {m.px(8)}px; }}
a {{ color: {t.link}; text-decoration: underline; font-weight: bold; }}
span.address {{ font-weight: bold; }}
span.broken {{ text-decoration: line-through; }}
span.missing-image {{ color: {t.notice_text}; background-color: {t.notice}; }}
p.qr {{ margin-top: {m.px(24)}px; }}
span.qr-caption {{ font-weight: bold; }}
span.alt {{ font-size: {m.small}px; font-style: italic; color: {t.muted}; }}
table {{ border-color: {t.rule}; border-style: solid; border-collapse: collapse; margin-top: {m.px(8)}px;
         margin-bottom: {m.px(16)}px; }}
th {{ background-color: {t.notice}; color: {t.notice_text}; font-weight: bold; text-align: left; }}
th, td {{ border-color: {t.rule}; padding: {m.px(8)}px; }}
li {{ margin-bottom: {m.px(6)}px; }}
table.card {{ margin-top: 0px; margin-bottom: 0px; }}
td.card {{ border: {m.px(2)}px solid {t.rule}; padding: {m.px(10)}px {m.px(6)}px;
           background-color: {t.surface}; }}
p.card-line {{ margin-top: 0px; margin-bottom: {m.px(4)}px; }}
code, pre {{ font-family: "DejaVu Sans Mono"; }}
"""
