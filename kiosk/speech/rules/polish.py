"""Polish reading rules: dates, money, floors, clock times and office abbreviations.

- "16 czerwca 2008 r." and "16.06.2008 r." → "szesnastego czerwca dwa tysiące ósmego
  roku"; "w 2008 r." → "w dwa tysiące ósmym roku".
- "32,50 zł" → "trzydzieści dwa złote pięćdziesiąt groszy" (1 złoty, 2–4 złote,
  5+ złotych; 1 grosz, 2–4 grosze, 5+ groszy).
- "II piętro" → "drugie piętro", "na I piętrze" → "na pierwszym piętrze"; the same for
  instalments, sessions, areas… ("I rata" → "pierwsza rata").
- "8:00–15:30" → "od ósmej do piętnastej trzydzieści".
- "godz.", "ul.", "tel.", "nr"… in words, in the case the preceding word asks for.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from kiosk.speech.rules.words import (
    OrdinalForm,
    cardinal,
    money_rule,
    polish_ordinal,
    polish_plural,
    roman,
)

LANG = "pl"
DASHES = "–—‒―"
@cache
def _months() -> tuple[str, ...]:
    """Month names in the genitive ("czerwca"), from CLDR's format context."""
    from babel.dates import get_month_names

    names = get_month_names("wide", context="format", locale=LANG)
    return tuple(str(names[number]) for number in range(1, 13))


# -- dates ----------------------------------------------------------------------------

_NEXT_SENTENCE = re.compile(r"\s+[\"'„“«(\[]*[^\W\d_]")


def _roku(match: re.Match[str], noun: str = "roku") -> str:
    """"r." as a word; its dot stays when it also ends a sentence that another follows."""
    following = match.string[match.end():]
    starts_sentence = _NEXT_SENTENCE.match(following)
    if starts_sentence and starts_sentence.group(0)[-1].isupper():
        return noun + "."
    return noun


# The case of "rok" after a preposition: "w 2008 r." → "w … ósmym roku" (locative),
# "przed 2008 r." → "… ósmym rokiem", "na 2027 r." → "na … siódmy rok"; else the genitive.
_YEAR_FORMS: tuple[tuple[frozenset[str], OrdinalForm, str], ...] = (
    (frozenset({"w", "we", "o", "po"}), "masc_loc", "roku"),
    (frozenset({"przed", "nad", "pod", "między"}), "masc_loc", "rokiem"),
    (frozenset({"na", "za"}), "masc_nom", "rok"),
)


def _date(match: re.Match[str], day: int, month: str) -> str | None:
    """The date of ``match`` (groups 3 and 4: the year and "r.", if any) in words."""
    if not 1 <= day <= 31:
        return None
    year, r = match.group(3), match.group(4)
    words = [polish_ordinal(day, "masc_gen"), month]
    if year:
        words.append(polish_ordinal(int(year), "masc_gen"))
        if r:
            words.append(_roku(match))
    return " ".join(words)


_NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)(\s*r\.)?")


def _numeric_dates(text: str) -> str:
    def spoken(match: re.Match[str]) -> str:
        day, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            return match.group(0)
        return _date(match, day, _months()[month - 1]) or match.group(0)

    return _NUMERIC_DATE.sub(spoken, text)


@cache
def _written_date() -> re.Pattern[str]:
    months = "|".join(_months())
    return re.compile(
        rf"(?<![\d.,])(\d{{1,2}})\s+({months})\b(?:\s+(\d{{4}})(?!\d)(\s*r\.)?)?", re.IGNORECASE
    )


def _written_dates(text: str) -> str:
    def spoken(match: re.Match[str]) -> str:
        return _date(match, int(match.group(1)), match.group(2)) or match.group(0)

    return _written_date().sub(spoken, text)


_YEAR = re.compile(r"(?:\b(\w+)\s+)?(?<![\d.,])(\d{4})(?:\s*(r\.)|\s+(rok|roku|rokiem)\b)")
_YEAR_RANGE = re.compile(
    rf"(?<![\d.,])(\d{{4}})(?:\s*[-{DASHES}]\s*|\s+do\s+)(\d{{4}})(?:\s*(r\.)|\s+(roku)\b)"
)


def _years(text: str) -> str:
    """"do 2027 r." → "do dwa tysiące dwudziestego siódmego roku"; after "w", the locative;
    "2024–2029 r." → "dwa tysiące dwudziestego czwartego do dwa tysiące dwudziestego
    dziewiątego roku"."""

    def year_range(match: re.Match[str]) -> str:
        first, last = (polish_ordinal(int(match.group(n)), "masc_gen") for n in (1, 2))
        return f"{first} do {last} {match.group(4) or _roku(match)}"

    def spoken(match: re.Match[str]) -> str:
        before, year, written = match.group(1), int(match.group(2)), match.group(4)
        form: OrdinalForm = "masc_gen"
        noun = "roku"
        for prepositions, case, word in _YEAR_FORMS:
            if before and before.lower() in prepositions:
                form, noun = case, word
        if written == "rok":  # "rok" written out tells its own case
            form = "masc_nom"
        elif written == "rokiem":
            form = "masc_loc"
        elif written == "roku" and form != "masc_loc":
            form = "masc_gen"
        prefix = f"{before} " if before else ""
        return f"{prefix}{polish_ordinal(year, form)} {written or _roku(match, noun)}"

    return _YEAR.sub(spoken, _YEAR_RANGE.sub(year_range, text))


# -- money ----------------------------------------------------------------------------

_GROSZE = re.compile(r"(?<![\d,.])(\d+)\s*gr\b\.?")


def _amount(whole: int, grosze: int) -> str:
    words: list[str] = []
    if whole or not grosze:
        words += [cardinal(whole, LANG), polish_plural(whole, "złoty", "złote", "złotych")]
    if grosze:
        words += [cardinal(grosze, LANG), polish_plural(grosze, "grosz", "grosze", "groszy")]
    return " ".join(words)


# Thousands are grouped with a space, a no-break or thin space, or a dot ("1.000 zł").
_AMOUNTS = money_rule(" .", ",", _amount)


def _money(text: str) -> str:
    def grosze(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return f"{cardinal(number, LANG)} {polish_plural(number, 'grosz', 'grosze', 'groszy')}"

    return _GROSZE.sub(grosze, _AMOUNTS(text))


# -- Roman numerals: floors, instalments, sessions… ---------------------------------

# Nouns counted with Roman numerals in office texts; the noun's ending tells the case
# (and its gender) the ordinal takes: "II piętro" → "drugie piętro", "na I piętrze" →
# "na pierwszym piętrze", "I rata" → "pierwsza rata", "XXXII sesji" → "trzydziestej
# drugiej sesji", "rejon II" → "rejon drugi".
_COUNTED: dict[str, OrdinalForm] = {
    "piętro": "neut_nom", "piętra": "masc_gen", "piętrze": "masc_loc", "piętrem": "masc_loc",
    "piętru": "masc_dat",
    "rata": "fem_nom", "raty": "fem_gen", "racie": "fem_gen", "ratę": "fem_acc", "ratą": "fem_acc",
    "sesja": "fem_nom", "sesji": "fem_gen", "sesję": "fem_acc", "sesją": "fem_acc",
    "kadencja": "fem_nom", "kadencji": "fem_gen", "kadencję": "fem_acc",
    "rejon": "masc_nom", "rejonu": "masc_gen", "rejonie": "masc_loc",
    "etap": "masc_nom", "etapu": "masc_gen", "etapie": "masc_loc",
    "kwartał": "masc_nom", "kwartału": "masc_gen", "kwartale": "masc_loc",
    "półrocze": "neut_nom", "półrocza": "masc_gen", "półroczu": "masc_loc",
}
_ROMAN = r"[IVXL]+"
_ROMAN_LIST = rf"{_ROMAN}(?:(?:\s*[,{DASHES}-]\s*|\s+(?:i|oraz|lub|albo)\s+){_ROMAN})*"
_NOUNS = "|".join(sorted(_COUNTED, key=len, reverse=True))
_NUMERAL_NOUN = re.compile(rf"\b({_ROMAN_LIST})\s+({_NOUNS})\b")
_NOUN_NUMERAL = re.compile(rf"\b({_NOUNS})\s+({_ROMAN_LIST})\b")
_NUMERAL = re.compile(rf"\b{_ROMAN}\b")


def _ordinals(numerals: str, noun: str) -> str | None:
    """"I i II" before or after ``noun`` as ordinals in its case; None if not numerals."""
    if any(roman(numeral) is None for numeral in _NUMERAL.findall(numerals)):
        return None
    form = _COUNTED[noun]
    return _NUMERAL.sub(lambda found: polish_ordinal(roman(found.group(0)) or 0, form), numerals)


def _roman_numerals(text: str) -> str:
    def before(match: re.Match[str]) -> str:
        words = _ordinals(match.group(1), match.group(2))
        return match.group(0) if words is None else f"{words} {match.group(2)}"

    def after(match: re.Match[str]) -> str:
        words = _ordinals(match.group(2), match.group(1))
        return match.group(0) if words is None else f"{match.group(1)} {words}"

    return _NOUN_NUMERAL.sub(after, _NUMERAL_NOUN.sub(before, text))


# -- "15. dnia" -----------------------------------------------------------------------

_DAY_OF_MONTH = re.compile(r"(?<![\d.,])(\d{1,2})\.\s+(dnia)\b")


def _day_ordinals(text: str) -> str:
    """"do 15. dnia miesiąca" → "do piętnastego dnia miesiąca"."""

    def spoken(match: re.Match[str]) -> str:
        day = int(match.group(1))
        return f"{polish_ordinal(day, 'masc_gen')} {match.group(2)}" if 1 <= day <= 31 else match.group(0)

    return _DAY_OF_MONTH.sub(spoken, text)


# -- clock times ----------------------------------------------------------------------

_TIME = r"([01]?\d|2[0-4]):([0-5]\d)"
_TIME_RANGE = re.compile(rf"(?<![\d:])(?:\b((?i:od))\s+)?{_TIME}\s*[-{DASHES}]\s*{_TIME}(?![\d:])")
_CLOCK = re.compile(rf"(?<![\d:])(?:\b((?i:godzina):?\s+))?{_TIME}(?![\d:])")


def _clock(hour: str, minute: str, form: OrdinalForm = "fem_gen") -> str | None:
    h, m = int(hour), int(minute)
    if h == 0 or h > 24 or (h == 24 and m):
        return None  # "0:30" stays as written
    words = [polish_ordinal(h, form)]
    if m:
        words += ["zero", cardinal(m, LANG)] if m < 10 else [cardinal(m, LANG)]
    return " ".join(words)


def _times(text: str) -> str:
    def time_range(match: re.Match[str]) -> str:
        start, end = _clock(match.group(2), match.group(3)), _clock(match.group(4), match.group(5))
        if start is None or end is None:
            return match.group(0)
        return f"{match.group(1) or 'od'} {start} do {end}"

    def clock(match: re.Match[str]) -> str:
        noun = match.group(1)
        words = _clock(match.group(2), match.group(3), "fem_nom" if noun else "fem_gen")
        if words is None:
            return match.group(0)
        return f"{noun}{words}" if noun else words

    return _CLOCK.sub(clock, _TIME_RANGE.sub(time_range, text))


# -- abbreviations --------------------------------------------------------------------

_PREPOSITIONS = r"(?:przy|na|z|ze|do|od|w|we|obok|za|przed)"
_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), replacement)
    for pattern, replacement in (
        (r"\bm\.\s?in\.", "między innymi"),
        (r"\btzn\.", "to znaczy"),
        (r"\btj\.", "to jest"),
        (r"\btzw\.", "tak zwany"),
        (r"\bitp\.", "i tym podobne"),
        (r"\b(w|we)\s+godz\.", r"\1 godzinach"),
        (r"\b(do|od)\s+godz\.", r"\1 godziny"),
        (r"\b(o|po)\s+godz\.", r"\1 godzinie"),
        (r"\bgodz\.", "godzina"),
        (rf"\b({_PREPOSITIONS})\s+ul\.", r"\1 ulicy"),
        (r"\bul\.", "ulica"),
        (rf"\b({_PREPOSITIONS})\s+al\.", r"\1 alei"),
        (r"\bal\.", "aleja"),
        (r"\btel\.", "telefon"),
        (r"\bnr\b\.?", "numer"),
        (r"\bpok\.", "pokój"),
    )
)
_R = re.compile(r"(?<=\d)\s*r\.")
_NUMBER_RANGE = re.compile(rf"(\d)\s*[{DASHES}]\s*(?=\d)")


def _abbreviations(text: str) -> str:
    for pattern, replacement in _WORDS:
        text = pattern.sub(replacement, text)
    return _R.sub(lambda match: " " + _roku(match), text)


def _ranges(text: str) -> str:
    """"8–16" → "8 do 16" (espeak reads the dash as nothing)."""
    return _NUMBER_RANGE.sub(r"\1 do ", text)


RULES: tuple[Callable[[str], str], ...] = (
    _numeric_dates,
    _written_dates,
    _years,
    _abbreviations,  # before the times: "o godz. 15:00" → "o godzinie piętnastej"
    _times,  # before the ranges: "8:00–15:30" is a range of times, not "00–15"
    _ranges,  # before the money: "20–200 zł" → "20 do dwieście złotych"
    _money,
    _roman_numerals,
    _day_ordinals,
)
