"""Translation catalogs: complete, translated, current with the code, compiled."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from kiosk import paths

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "translate": (2,)}
# Every catalog present, so a new language is held to the same rules as Polish.
LANGUAGES = sorted(p.parent.parent.name for p in paths.locale_dir().glob("*/LC_MESSAGES/kiosk.po"))
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%")


def extracted() -> set[tuple[str | None, str]]:
    """Every translatable string in the code, as Babel's extractor sees it."""
    found: set[tuple[str | None, str]] = set()
    method_map = [("**.py", "python")]
    for _file, _line, message, _comments, context in extract_from_dir(
        str(paths.package_dir()), method_map, keywords=KEYWORDS, comment_tags=("Translators:",)
    ):
        found.add((context, message[0] if isinstance(message, tuple) else message))
    return found


def catalog(lang: str):  # type: ignore[no-untyped-def]
    path = paths.locale_dir() / lang / "LC_MESSAGES" / "kiosk.po"
    with path.open("rb") as stream:
        return read_po(stream, locale=lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_matches_the_code(lang: str) -> None:
    in_code = extracted()
    messages = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog(lang) if m.id}
    missing = in_code - messages
    stale = messages - in_code
    assert not missing, f"strings missing from the {lang} catalog (run scripts/i18n.sh update): {missing}"
    assert not stale, f"strings in the {lang} catalog no longer in the code: {stale}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_string_is_translated_with_its_placeholders(lang: str) -> None:
    problems = []
    cat = catalog(lang)
    plurals = cat.num_plurals
    for message in cat:
        if not message.id:
            continue
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        if isinstance(message.id, tuple) and len(strings) != plurals:
            problems.append(f"needs {plurals} plural forms: {message.id!r}")
        for string in strings:
            if not string:
                problems.append(f"untranslated: {message.id!r}")
            elif sorted(PLACEHOLDER.findall(string)) != sorted(PLACEHOLDER.findall(ids[-1])):
                problems.append(f"placeholders differ: {message.id!r} → {string!r}")
    assert not problems, problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalog_is_current(lang: str) -> None:
    mo = paths.locale_dir() / lang / "LC_MESSAGES" / "kiosk.mo"
    with mo.open("rb") as stream:
        compiled = gettext.GNUTranslations(stream)
    for message in catalog(lang):
        if not message.id or not (message.string if isinstance(message.string, str) else all(message.string)):
            continue  # untranslated entries are reported by the test above
        if isinstance(message.id, str):
            key = f"{message.context}\x04{message.id}" if message.context else message.id
            assert compiled._catalog.get(key) == message.string, (  # type: ignore[attr-defined]
                f"kiosk.mo is older than kiosk.po (run scripts/i18n.sh compile): {message.id!r}"
            )
        else:
            for index, string in enumerate(message.string):
                assert compiled._catalog.get((message.id[0], index)) == string, message.id  # type: ignore[attr-defined]


def test_polish_plurals_have_three_forms() -> None:
    from kiosk import i18n

    i18n.set_language("pl")
    words = [i18n.ngettext("%(count)d page", "%(count)d pages", n) % {"count": n} for n in (1, 2, 5, 22, 25)]
    assert words == ["1 strona", "2 strony", "5 stron", "22 strony", "25 stron"]


def test_every_catalog_is_tested() -> None:
    assert {"pl", "uk"} <= set(LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_forms_are_babels(lang: str) -> None:
    """The header's Plural-Forms is the one Babel knows for the language (uk: three forms)."""
    from babel import Locale
    from babel.messages.plurals import get_plural

    cat = catalog(lang)
    assert cat.plural_forms == get_plural(Locale.parse(lang)).plural_forms


def test_ukrainian_plurals_have_three_forms() -> None:
    from kiosk import i18n

    try:
        i18n.set_language("uk")
        counts = (1, 2, 5, 11, 21, 22, 25)
        words = [i18n.ngettext("%(count)d page", "%(count)d pages", n) % {"count": n} for n in counts]
    finally:
        i18n.set_language(i18n.SOURCE_LANGUAGE)
    assert words == [
        "1 сторінка",
        "2 сторінки",
        "5 сторінок",
        "11 сторінок",
        "21 сторінка",
        "22 сторінки",
        "25 сторінок",
    ]


def test_catalog_languages_lists_every_compiled_catalog() -> None:
    from kiosk import i18n

    assert set(i18n.catalog_languages()) == {i18n.SOURCE_LANGUAGE, *LANGUAGES}
