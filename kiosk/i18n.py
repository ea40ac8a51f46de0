"""Translation at display time.

Source strings are English. ``_()``, ``ngettext()`` and ``pgettext()`` look the string
up in the catalog of the *active* language each time they are called, so widgets call
them from ``retranslate()``, never at import. Catalogs are gettext ``.mo`` files under
``kiosk/data/locale`` managed with Babel (see ``scripts/i18n.sh``).
"""

from __future__ import annotations

import gettext as _gettext
import logging

from kiosk import paths

log = logging.getLogger(__name__)
DOMAIN = "kiosk"
SOURCE_LANGUAGE = "en"

_catalogs: dict[str, _gettext.NullTranslations] = {}
_active: str = SOURCE_LANGUAGE


def catalog(lang: str) -> _gettext.NullTranslations:
    """The catalog for ``lang`` (``pl_PL`` → ``pl`` → source strings); never raises."""
    if lang not in _catalogs:
        try:
            _catalogs[lang] = _gettext.translation(
                DOMAIN, localedir=str(paths.locale_dir()), languages=[lang, lang.split("_")[0]]
            )
        except OSError:
            if lang.split("_")[0] != SOURCE_LANGUAGE:
                log.warning("no translation catalog for %r; showing English", lang)
            _catalogs[lang] = _gettext.NullTranslations()
    return _catalogs[lang]


def catalog_languages() -> tuple[str, ...]:
    """Every language the interface can be shown in: the source language and each catalog."""
    found = {SOURCE_LANGUAGE}
    root = paths.locale_dir()
    if root.is_dir():
        found.update(p.parent.parent.name for p in root.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return tuple(sorted(found))


def set_language(lang: str) -> None:
    global _active
    _active = lang


def active_language() -> str:
    return _active


def N_(message: str) -> str:  # noqa: N802 - gettext's name for it
    """Marks ``message`` for the catalog; it is translated later, at display time."""
    return message


def _(message: str) -> str:
    return catalog(_active).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return catalog(_active).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return catalog(_active).pgettext(context, message)


def translate(lang: str, message: str) -> str:
    """``message`` in a given language, whatever is active (for speech, print…)."""
    return catalog(lang).gettext(message)
