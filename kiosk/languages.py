"""Languages are data: names from Babel (CLDR), never a table of our own.

The list of languages, the default and the order come from ``site.toml``; what a
language is called comes from the Unicode CLDR data that Babel ships, so a new language
needs a catalog and content, not code.
"""

from __future__ import annotations

import functools

from kiosk.i18n import active_language, translate


@functools.cache
def language_name(code: str, in_language: str | None = None, is_label: bool = True) -> str:
    """``code``'s name in ``in_language`` (by default in itself: "Polski", "Українська").

    As a label it starts with a capital; inside a sentence it is written as CLDR writes it
    there ("polski", "Polish"). An unknown code is shown as it is."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(code.replace("-", "_"))
        name = locale.get_display_name(Locale.parse((in_language or code).replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError):
        return code
    if not name:
        return code
    return name[:1].upper() + name[1:] if is_label else name


def other_language_notice(shown: str, visitor: str | None = None) -> str:
    """What a visitor reads when a page is not in their language, naming the language
    it is shown in; in ``visitor``'s language (by default the active one)."""
    lang = visitor or active_language()
    # Translators: shown above a page that has no version in the visitor's language;
    # %(language)s is the name of the language the page is shown in ("polski").
    text = translate(lang, "This page is not available in your language. It is shown in: %(language)s.")
    return text % {"language": language_name(shown, lang, is_label=False)}


MAX_LANGUAGE_BUTTONS = 3  # the bar's short list; more languages get the chooser's grid


def uses_chooser(languages: tuple[str, ...]) -> bool:
    """Whether the bar's Language control opens the chooser's grid of tiles
    (kiosk.ui.language_chooser) rather than its own short list."""
    return len(languages) > MAX_LANGUAGE_BUTTONS
