"""Numbers in words through num2words, and the few inflections it does not give.

num2words gives cardinals and ordinals (masculine nominative: "szesnasty", "dwa tysiące
ósmy") in Polish, English, Ukrainian and many more languages; Polish speech also needs
the ordinal in other cases ("szesnastego czerwca", "na pierwszym piętrze", "do
piętnastej"). Only the ordinal words are inflected: in "dwa tysiące ósmy" the cardinal
part stays as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

OrdinalForm = Literal[
    "masc_nom",  # (na) dwa tysiące dwudziesty siódmy (rok)
    "masc_gen",  # szesnastego (czerwca), drugiego (piętra)
    "masc_loc",  # (w) dwa tysiące ósmym (roku), (na) pierwszym (piętrze)
    "masc_dat",  # drugiemu (piętru)
    "neut_nom",  # drugie (piętro)
    "fem_nom",  # (godzina) ósma, druga
    "fem_gen",  # (od) ósmej, (do) piętnastej, (trzydziestej drugiej) sesji
    "fem_acc",  # (na) pierwszą (ratę)
]

# Endings of a masculine nominative ordinal ending in -y ("ósmy") and in -i ("trzeci").
_ENDINGS: dict[str, tuple[str, str]] = {
    "masc_nom": ("y", "i"),
    "masc_gen": ("ego", "iego"),
    "masc_loc": ("ym", "im"),
    "masc_dat": ("emu", "iemu"),
    "neut_nom": ("e", "ie"),
    "fem_nom": ("a", "ia"),
    "fem_gen": ("ej", "iej"),
    "fem_acc": ("ą", "ią"),
}


def cardinal(number: int, lang: str) -> str:
    from num2words import num2words

    return str(num2words(number, lang=lang))


def ordinal(number: int, lang: str) -> str:
    """The ordinal as num2words writes it (Polish: masculine nominative)."""
    from num2words import num2words

    return str(num2words(number, lang=lang, to="ordinal"))


def _inflect_word(word: str, form: OrdinalForm) -> str:
    after_y, after_i = _ENDINGS[form]
    if word.endswith("y"):
        return word[:-1] + after_y
    if word.endswith("i"):
        if form in ("fem_nom", "fem_acc") and word[-2:-1] in ("g", "k"):  # drugi → druga, drugą
            return word[:-1] + after_y
        return word[:-1] + after_i
    return word


def polish_ordinal(number: int, form: OrdinalForm) -> str:
    """``number`` as a Polish ordinal in ``form``: 2008, masc_gen → "dwa tysiące ósmego"."""
    ordinal_words = ordinal(number, "pl").split()
    cardinal_words = cardinal(number, "pl").split()
    shared = 0
    while (
        shared < min(len(ordinal_words), len(cardinal_words)) - 1
        and ordinal_words[shared] == cardinal_words[shared]
    ):
        shared += 1
    head, tail = ordinal_words[:shared], ordinal_words[shared:]
    return " ".join(head + [_inflect_word(word, form) for word in tail])


def polish_plural(number: int, one: str, few: str, many: str) -> str:
    """The noun form Polish uses after ``number``: 1 złoty, 2–4 złote, 5 złotych, 22 złote."""
    if number == 1:
        return one
    if number % 10 in (2, 3, 4) and number % 100 not in (12, 13, 14):
        return few
    return many


def roman(numeral: str) -> int | None:
    """The value of a Roman numeral written the usual way (I…MMMCMXCIX), else None."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    if not numeral or any(char not in values for char in numeral):
        return None
    total = 0
    for index, char in enumerate(numeral):
        value = values[char]
        following = values[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total if 0 < total < 4000 and to_roman(total) == numeral else None


def to_roman(number: int) -> str:
    parts = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
             (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out: list[str] = []
    for value, letters in parts:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def money_rule(thousands: str, decimals: str, amount: Callable[[int, int], str]) -> Callable[[str], str]:
    """A rule saying złoty amounts ("1 250,50 zł", "34 PLN") in words: ``amount(złote,
    grosze)`` gives the words; ``thousands`` and ``decimals`` are the separator characters
    the language writes (Polish "1 250,50", English "1,250.50")."""
    grouped = rf"\d{{1,3}}(?:[{re.escape(thousands)}\u00a0\u202f]\d{{3}})+|\d+"
    pattern = re.compile(
        rf"(?<![\d,.])({grouped})(?:[{re.escape(decimals)}](\d{{1,2}}))?\s*(?:zł|PLN)(?!\w)"
    )

    def spoken(match: re.Match[str]) -> str:
        fraction = match.group(2) or ""
        return amount(int(re.sub(r"\D", "", match.group(1))), int(fraction.ljust(2, "0")) if fraction else 0)

    def rule(text: str) -> str:
        return pattern.sub(spoken, text)

    return rule
