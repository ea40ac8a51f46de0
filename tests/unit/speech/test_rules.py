"""The built-in reading rules: what espeak-ng is given for text it reads badly."""

from __future__ import annotations

import pytest

from kiosk.content.pronunciation import LexiconEntry
from kiosk.speech.rules import RULE_SETS, rules_for, speakable
from kiosk.speech.rules.words import polish_ordinal, roman


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        # dates: the day and the year as ordinals in the genitive
        ("16 czerwca 2008 r.", "szesnastego czerwca dwa tysiące ósmego roku"),
        ("3 grudnia 2026", "trzeciego grudnia dwa tysiące dwudziestego szóstego"),
        ("16.06.2008", "szesnastego czerwca dwa tysiące ósmego"),
        ("16.06.2008 r.", "szesnastego czerwca dwa tysiące ósmego roku"),
        ("1 stycznia 2000 r.", "pierwszego stycznia dwutysięcznego roku"),
        (
            "31 grudnia 1999 r.",
            "trzydziestego pierwszego grudnia tysiąc dziewięćset dziewięćdziesiątego dziewiątego roku",
        ),
        ("15 marca", "piętnastego marca"),
        ("22 lutego 2027 r.", "dwudziestego drugiego lutego dwa tysiące dwudziestego siódmego roku"),
        # at the start of a sentence, and a sentence after "r." keeps its full stop
        ("24 grudnia urząd jest nieczynny.", "dwudziestego czwartego grudnia urząd jest nieczynny."),
        (
            "3.05.2027 r. Urząd nieczynny.",
            "trzeciego maja dwa tysiące dwudziestego siódmego roku. Urząd nieczynny.",
        ),
        (
            "Ustawa z 16.06.2008 r. o odpadach",
            "Ustawa z szesnastego czerwca dwa tysiące ósmego roku o odpadach",
        ),
        # not dates
        ("32.13.2008", "32.13.2008"),
        ("40 czerwca", "40 czerwca"),
        # years alone: genitive, or locative after "w"
        ("do 2027 r.", "do dwa tysiące dwudziestego siódmego roku"),
        ("w 2008 r.", "w dwa tysiące ósmym roku"),
        ("w 2026 roku", "w dwa tysiące dwudziestym szóstym roku"),
        (
            "trwa od 2024 do 2029 roku.",
            "trwa od dwa tysiące dwudziestego czwartego do dwa tysiące dwudziestego dziewiątego roku.",
        ),
        ("budżet na 2027 rok", "budżet na dwa tysiące dwudziesty siódmy rok"),
        ("sprawozdanie za 2026 r.", "sprawozdanie za dwa tysiące dwudziesty szósty rok"),
        (
            "od 2024 do 2029 r.",
            "od dwa tysiące dwudziestego czwartego do dwa tysiące dwudziestego dziewiątego roku",
        ),
        # money: złote and grosze with Polish plural forms
        ("32,50 zł", "trzydzieści dwa złote pięćdziesiąt groszy"),
        ("17 zł", "siedemnaście złotych"),
        ("1 000 zł", "tysiąc złotych"),
        ("1\u00a0000 zł", "tysiąc złotych"),
        ("2.500 zł", "dwa tysiące pięćset złotych"),
        ("1 000,50 zł", "tysiąc złotych pięćdziesiąt groszy"),
        ("0,50 zł", "pięćdziesiąt groszy"),
        ("1 zł", "jeden złoty"),
        ("2 zł, 4 zł, 5 zł", "dwa złote, cztery złote, pięć złotych"),
        ("12 zł, 22 zł, 21 zł", "dwanaście złotych, dwadzieścia dwa złote, dwadzieścia jeden złotych"),
        ("2,01 zł", "dwa złote jeden grosz"),
        ("3,03 zł", "trzy złote trzy grosze"),
        ("12,5 zł", "dwanaście złotych pięćdziesiąt groszy"),
        ("50 gr", "pięćdziesiąt groszy"),
        ("100 PLN", "sto złotych"),
        # Roman-numeral floors, the case from the word that follows
        ("II piętro", "drugie piętro"),
        ("na I piętrze", "na pierwszym piętrze"),
        ("z II piętra", "z drugiego piętra"),
        ("pokój 11, I piętro", "pokój 11, pierwsze piętro"),
        ("winda na I i II piętro", "winda na pierwsze i drugie piętro"),
        ("parter", "parter"),
        ("IIII piętro", "IIII piętro"),
        ("Jan Paweł II przyjechał", "Jan Paweł II przyjechał"),
        # the same for other nouns counted with Roman numerals, before or after the noun
        ("Rata: I rata. Termin: do 15 marca.", "Rata: pierwsza rata. Termin: do piętnastego marca."),
        ("na II ratę", "na drugą ratę"),
        ("XXXII sesja", "trzydziesta druga sesja"),
        ("Porządek obrad XXXII sesji", "Porządek obrad trzydziestej drugiej sesji"),
        ("rejon I – miasto", "rejon pierwszy – miasto"),
        ("w rejonie II", "w rejonie drugim"),
        ("do 15. dnia miesiąca", "do piętnastego dnia miesiąca"),
        # clock times: feminine ordinals ("godzina ósma")
        ("8:00–15:30", "od ósmej do piętnastej trzydzieści"),
        ("od 8:00 do 15:30", "od ósmej do piętnastej trzydzieści"),
        ("Wtorek 7:30–15:30", "Wtorek od siódmej trzydzieści do piętnastej trzydzieści"),
        ("w godz. 13:00–16:00", "w godzinach od trzynastej do szesnastej"),
        ("do godz. 6:00", "do godziny szóstej"),
        ("o godz. 15:00", "o godzinie piętnastej"),
        ("godz. 10:00", "godzina dziesiąta"),
        ("Godzina: 22:05", "Godzina: dwudziesta druga zero pięć"),
        # abbreviations and ranges, as before
        ("ul. Piłsudskiego 1, 96-320 Mszczonów", "ulica Piłsudskiego 1, 96-320 Mszczonów"),
        ("przy ul. Tarczyńskiej", "przy ulicy Tarczyńskiej"),
        ("tel. 46 857 03 06, nr 5", "telefon 46 857 03 06, numer 5"),
        ("pok. 12", "pokój 12"),
        ("pokoje 5–6", "pokoje 5 do 6"),
    ],
)
def test_polish_rules(text: str, spoken: str) -> None:
    assert speakable(text, "pl") == spoken


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("ul. Piłsudskiego 1", "street Piłsudskiego 1"),
        ("Room: pok. 12", "Room: room 12"),
        ("The fee is 34 zł.", "The fee is 34 zlotys."),
        ("1 zł", "1 zloty"),
        ("2,50 zł", "2 zlotys 50 groszy"),
        ("12.01 zł", "12 zlotys 1 grosz"),
        ("1,000 zł", "1000 zlotys"),
        ("0.50 zł", "50 groszy"),
        ("prices in zł", "prices in zloty"),
        ("Monday 8:00–17:00, No. 5", "Monday 8 to 17, number 5"),
        # Polish rules do not run on English pages
        ("II piętro", "II piętro"),
        ("16.06.2008", "16.06.2008"),
        ("Mszczonów", "Mszczonów"),
    ],
)
def test_english_rules(text: str, spoken: str) -> None:
    assert speakable(text, "en") == spoken


def test_rule_sets_are_a_table_by_language() -> None:
    assert set(RULE_SETS) >= {"pl", "en"}
    assert rules_for("pl_PL") == RULE_SETS["pl"]
    assert rules_for("en-GB") == RULE_SETS["en"]


def test_a_language_without_rules_passes_text_through() -> None:
    text = "16 czerwca 2008 r., 32,50 zł, II piętro, ul. Piłsudskiego, 8:00–15:30"
    assert rules_for("uk") == ()
    assert speakable(text, "uk") == text


@pytest.mark.parametrize(
    ("number", "form", "words"),
    [
        (16, "masc_gen", "szesnastego"),
        (3, "masc_gen", "trzeciego"),
        (2, "neut_nom", "drugie"),
        (1, "masc_loc", "pierwszym"),
        (2, "fem_nom", "druga"),
        (2, "fem_acc", "drugą"),
        (3, "fem_nom", "trzecia"),
        (23, "fem_gen", "dwudziestej trzeciej"),
        (3008, "masc_gen", "trzy tysiące ósmego"),  # "trzy" is a cardinal: left as it is
        (1900, "masc_gen", "tysiąc dziewięćsetnego"),
    ],
)
def test_polish_ordinals(number: int, form: str, words: str) -> None:
    assert polish_ordinal(number, form) == words  # type: ignore[arg-type]


def test_roman_numerals_only_the_usual_way() -> None:
    assert [roman(n) for n in ("I", "IV", "IX", "XIV", "XXXII")] == [1, 4, 9, 14, 32]
    assert roman("IIII") is None and roman("VX") is None and roman("") is None


# -- staff lexicon on top of the rules -----------------------------------------------


def entries(*pairs: tuple[str, str], ignore_case: bool = False) -> tuple[LexiconEntry, ...]:
    return tuple(LexiconEntry(word, spoken, ignore_case) for word, spoken in pairs)


def test_lexicon_replaces_whole_words_matching_case() -> None:
    lexicon = entries(("USC", "U S C"), ("ePUAP", "e pe u a pe"))
    assert speakable("Idź do USC albo użyj ePUAP.", "pl", lexicon) == "Idź do U S C albo użyj e pe u a pe."
    # not inside a longer word, not in another case
    assert speakable("USCX, usc, ePUAPu", "pl", lexicon) == "USCX, usc, ePUAPu"
    # punctuation around the word is fine
    assert speakable("(USC)", "pl", lexicon) == "(U S C)"


def test_lexicon_can_ignore_case() -> None:
    lexicon = entries(("pszok", "pe szok"), ignore_case=True)
    assert speakable("PSZOK i Pszok", "pl", lexicon) == "pe szok i pe szok"


def test_lexicon_wins_over_the_built_in_rules() -> None:
    # staff say "ul." and "II piętro" their own way; the rules do not touch their words
    lexicon = entries(("ul.", "ulicy"), ("II piętro", "piętro drugie"), ("8:00", "ósma rano"))
    assert speakable("ul. Tarczyńska, II piętro, od 8:00", "pl", lexicon) == (
        "ulicy Tarczyńska, piętro drugie, od ósma rano"
    )
    # a spoken form with digits is sent as written, never read as a number by the rules
    assert speakable("XXXII sesja", "pl", entries(("XXXII", "32."))) == "32. sesja"
    # the longest entry wins where two overlap
    both = entries(("Urząd", "urząd"), ("Urząd Stanu Cywilnego", "U S C"))
    assert speakable("Urząd Stanu Cywilnego", "pl", both) == "U S C"


def test_lexicon_and_rules_together() -> None:
    lexicon = entries(("USC", "U S C"))
    assert speakable("USC: 22 zł, I piętro", "pl", lexicon) == "U S C: dwadzieścia dwa złote, pierwsze piętro"


def test_warm_up_loads_what_the_rules_need_and_changes_nothing() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from kiosk.speech.rules import speakable, warm_up\n"
        "assert 'num2words' not in sys.modules\n"
        "warm_up(('pl', 'en', 'uk'))\n"
        "assert 'num2words' in sys.modules\n"
        "print(speakable('16 czerwca 2008 r.', 'pl'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout == "szesnastego czerwca dwa tysiące ósmego roku\n"
