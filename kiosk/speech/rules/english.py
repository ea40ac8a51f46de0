"""English reading rules: Polish abbreviations and złoty amounts on English pages.

English pages of a Polish office keep Polish addresses and prices: "ul. Piłsudskiego 1",
"pok. 12", "34 zł". espeak's English voice spells them out; these rules say them in
English ("street", "room", "34 zlotys", "2 zlotys 50 groszy").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kiosk.speech.rules.words import money_rule

DASHES = "–—‒―"
_ZLOTY = re.compile(r"(?<!\w)zł(?!\w)")
_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"\bNo\.(?=\s*\d)", "number"),
        (r"\bapprox\.", "approximately"),
        (r"(?<!\w)[uU]l\.", "street"),
        (r"(?<!\w)[pP]ok\.", "room"),
    )
)
_FULL_HOUR = re.compile(r"\b(\d{1,2}):00\b")
_NUMBER_RANGE = re.compile(rf"(\d)\s*[{DASHES}]\s*(?=\d)")


def _amount(whole: int, grosze: int) -> str:
    words: list[str] = []
    if whole or not grosze:
        words.append(f"{whole} {'zloty' if whole == 1 else 'zlotys'}")
    if grosze:
        words.append(f"{grosze} {'grosz' if grosze == 1 else 'groszy'}")
    return " ".join(words)


_AMOUNTS = money_rule(" ,", ".,", _amount)


def _money(text: str) -> str:
    return _ZLOTY.sub("zloty", _AMOUNTS(text))


def _abbreviations(text: str) -> str:
    for pattern, replacement in _WORDS:
        text = pattern.sub(replacement, text)
    return text


def _hours(text: str) -> str:
    """"8:00–17:00" → "8 to 17": espeak reads "8:00" as "eight zero zero"."""
    return _NUMBER_RANGE.sub(r"\1 to ", _FULL_HOUR.sub(r"\1", text))


RULES: tuple[Callable[[str], str], ...] = (_money, _abbreviations, _hours)
