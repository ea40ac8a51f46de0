"""What the speech engine is given instead of the page's text: per-language reading rules.

espeak-ng reads many things on a town-hall page badly: "16.06.2008" as digits, "32,50 zł"
as "thirty-two comma fifty", "II piętro" as the letters "i i", "godz." as "gots". Each
language has a rule set (:data:`RULE_SETS`, keyed by language code); a rule is a function
from text to text, applied in order. A language without a rule set is passed through as
written. On top of the rules, staff entries from ``pronunciation.toml``
(:class:`kiosk.content.pronunciation.LexiconEntry`) replace whole words first, and their
spoken forms are kept away from the rules: staff entries always win.

The page keeps its text; only what is spoken changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import cache

from kiosk.content.pronunciation import LexiconEntry
from kiosk.speech.rules import english, polish

Rule = Callable[[str], str]

RULE_SETS: Mapping[str, tuple[Rule, ...]] = {
    "pl": polish.RULES,
    "en": english.RULES,
}
"""The built-in rule sets by language code (``pl_PL`` falls back to ``pl``)."""

# Each staff replacement is held as one private-use character while the rules run: not a
# letter, a digit or a space, so no rule can change it or read it as part of a number.
_HOLD_BASE = 0xF0000
_HELD = re.compile("[\U000f0000-\U000ffffd]")


def rules_for(lang: str) -> tuple[Rule, ...]:
    """The rule set of ``lang``, or of its base language; none for other languages."""
    return RULE_SETS.get(lang) or RULE_SETS.get(lang.split("_")[0].split("-")[0]) or ()


@cache
def _lexicon(entries: tuple[LexiconEntry, ...]) -> tuple[re.Pattern[str], dict[str, str], dict[str, str]]:
    """One pattern for all entries (longest first); spoken forms by word, exact and folded."""
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    alternatives: list[str] = []
    for entry in sorted(entries, key=lambda entry: -len(entry.word)):
        word = re.escape(entry.word)
        if entry.ignore_case:
            alternatives.append(f"(?i:{word})")
            folded.setdefault(entry.word.casefold(), entry.spoken)
        else:
            alternatives.append(word)
            exact.setdefault(entry.word, entry.spoken)
    # A whole word: no letter or digit may touch it on either side.
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
    return pattern, exact, folded


def warm_up(languages: Sequence[str]) -> None:
    """Load what the rules load on first use (num2words, month names: ~20–50 ms here),
    so that the first Listen of the day does not pay for it. Call once after start-up,
    when the first screen is shown (e.g. from a zero-delay timer)."""
    for lang in languages:
        speakable("1 stycznia 2000 r., 1,01 zł, I piętro, 8:00–9:30", lang)


def speakable(text: str, lang: str, lexicon: Sequence[LexiconEntry] = ()) -> str:
    """``text`` as the engine should read it in ``lang``: staff entries, then the rules."""
    entries = tuple(entry for entry in lexicon if entry.word)
    held: list[str] = []
    if entries:
        pattern, exact, folded = _lexicon(entries)

        def hold(match: re.Match[str]) -> str:
            found = match.group(0)
            spoken = exact.get(found)
            held.append(spoken if spoken is not None else folded.get(found.casefold(), found))
            return chr(_HOLD_BASE + len(held) - 1)

        text = pattern.sub(hold, text)
    for rule in rules_for(lang):
        text = rule(text)
    if held:
        text = _HELD.sub(lambda match: held[ord(match.group(0)) - _HOLD_BASE], text)
    return text


__all__ = ["RULE_SETS", "Rule", "rules_for", "speakable", "warm_up"]
