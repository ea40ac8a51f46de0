"""Per-language word analysis: which index keys a word stands for.

A word is indexed as its folded form (for prefix search) plus a few folded *keys*
that its other grammatical forms share: "podatku", "podatków" and "podatek" all
give the key "podatek", so a visitor typing any of them finds a page with any other.

Polish uses two stemmers together. Measured on 197 inflected forms of 57
town-hall words (typed with / without diacritics, found the page with the base
form): Snowball's Polish stemmer alone 80% / 80%, Stempel's original table alone
79% / 76%, simplemma's lemmatizer 93% / 81% (4.2 s and 410 MB to load), Stempel's
PoliMorf table 93% / 85% (3.7 s, 170 MB), Snowball + Stempel 94% / 94%, and with
Snowball's stem also taken without the "mobile e" of -ek/-ec ("wniosek" →
"wniosk", like "wniosku") 96% / 96% for 0.6 s and 40 MB: that is what is used.
(Snowball + PoliMorf: 98% / 97%, 3.7 s, 170 MB; simplemma + Snowball: 99% / 98%,
4.2 s, 410 MB; worth it only if memory and start-up time stop mattering.)
Visitors often type without diacritics, and stemmers read word endings, so a
Polish query word typed without any also gets the keys of its ending with the
diacritics restored ("podatkow" → "podatków" → "podatek"); the index keeps only
those keys that some page has.

English uses Snowball's English (Porter 2) stemmer.

Ukrainian uses pymorphy3 with its Ukrainian dictionary (pymorphy3-dicts-uk, from the
VESUM dictionary): a word's keys are the dictionary forms of its readings. Measured
on 56 inflected queries residents would type against the Ukrainian sample pages
(``benchmarks/eval_uk_morphology.py``; hit: a wanted page in the first three):
folding alone 70%, Snowball's Russian stemmer (Snowball has no Ukrainian) 89%,
simplemma 98% (0.45 s, 65 MB to load), pymorphy3 100% (0.05 s, 21 MB), both together
100% (0.7 s, 94 MB); every query 1.5–1.8 ms. Apostrophes (' ’ ‘ ʼ) are read as one
("сім’я" is "сім'я" for the dictionary) and folded away, so "сімя" meets them too.

Other languages use a dictionary listed in :data:`LEMMATIZERS`, else Snowball where
it has one, else folding alone.

Analyzers are not cheap to make (the Stempel table) and are safe to share between
threads, so keep one :class:`Analyzers` for the life of the program and pass it to
every index build.
"""

from __future__ import annotations

import gzip
import itertools
import logging
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

from kiosk.search.text import APOSTROPHE, fold, is_word, same_apostrophe

log = logging.getLogger(__name__)

MIN_KEY_LENGTH = 3  # shorter stems ("ć" from a mangled word) would match anything
MIN_STEMMED_LENGTH = 4  # shorter words are kept as they are
_QUERY_CACHE_SIZE = 50_000  # visitor input is unbounded; the cache must not be

SNOWBALL_LANGUAGES: dict[str, str] = {
    "en": "english",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "cs": "czech",
    "lt": "lithuanian",
    "ru": "russian",
    "nl": "dutch",
    "pt": "portuguese",
    "sv": "swedish",
    "da": "danish",
    "no": "norwegian",
    "fi": "finnish",
    "hu": "hungarian",
    "ro": "romanian",
    "sr": "serbian",
    "tr": "turkish",
}

_MOBILE_E_RE = re.compile(r"e([kc])$")
# Letters a visitor may have typed without their diacritic, and what they may stand for.
_RESTORABLE: dict[str, str] = {
    "a": "aą",
    "c": "cć",
    "e": "eę",
    "l": "lł",
    "n": "nń",
    "o": "oó",
    "s": "sś",
    "z": "zźż",
}
_RESTORED_TAIL = 4  # Polish inflection lives in the last few letters


class Analyzer(Protocol):
    """Turns one word into the keys that its other forms share."""

    lang: str

    def keys(self, word: str) -> tuple[str, ...]:
        """Folded keys of a case-folded word from a page (its folded form excluded)."""
        ...

    def query_keys(self, word: str) -> tuple[str, ...]:
        """Folded keys worth looking up for a case-folded word a visitor typed."""
        ...


class _CachingAnalyzer:
    """Caches keys per word; stemmer objects keep state, so calls are serialised."""

    lang: str

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._lock = threading.Lock()
        self._keys: dict[str, tuple[str, ...]] = {}
        self._query_keys: dict[str, tuple[str, ...]] = {}

    def keys(self, word: str) -> tuple[str, ...]:
        word = same_apostrophe(word)
        found = self._keys.get(word)
        if found is None:
            with self._lock:
                found = self._finish(word, self._stems(word))
                self._keys[word] = found
        return found

    def query_keys(self, word: str) -> tuple[str, ...]:
        word = same_apostrophe(word)
        found = self._query_keys.get(word)
        if found is None:
            with self._lock:
                found = self._finish(word, self._query_stems(word))
                if len(self._query_keys) >= _QUERY_CACHE_SIZE:
                    self._query_keys.clear()
                self._query_keys[word] = found
        return found

    @staticmethod
    def _finish(word: str, stems: Iterable[str]) -> tuple[str, ...]:
        surface = fold(word)
        found = {fold(stem) for stem in stems if stem}
        found.discard(surface)
        return tuple(sorted(key for key in found if len(key) >= MIN_KEY_LENGTH))

    def _stems(self, word: str) -> Iterable[str]:  # called with the lock held
        return ()

    def _query_stems(self, word: str) -> Iterable[str]:  # called with the lock held
        return self._stems(word)


class PlainAnalyzer(_CachingAnalyzer):
    """Folding only, for a language without a stemmer."""


class SnowballAnalyzer(_CachingAnalyzer):
    """One Snowball stemmer (English: Porter 2)."""

    def __init__(self, lang: str, algorithm: str) -> None:
        super().__init__(lang)
        import snowballstemmer

        self._stem: Callable[[str], str] = snowballstemmer.stemmer(algorithm).stemWord

    def _stems(self, word: str) -> Iterable[str]:
        if len(word) < MIN_STEMMED_LENGTH or not is_word(word):
            return ()
        return (self._stem(word),)


def load_stempel() -> Callable[[str], str | None] | None:
    """Stempel's original stemming table, or None (logged) when it cannot be read."""
    try:
        from importlib.resources import files

        from pystempel import Stemmer
        from pystempel.streams import DataInputStream

        table = files("pystempel.data.original") / "stemmer_20000.tbl.gz"
        with table.open("rb") as raw, gzip.GzipFile(fileobj=raw) as stream:
            # Without a size DataInputStream skips its progress bar on stderr.
            stemmer: Any = Stemmer.from_stream(DataInputStream(stream))
    except Exception:  # a missing stemmer costs recall, never the search itself
        log.warning("Polish Stempel stemmer unavailable; using Snowball only", exc_info=True)
        return None

    def stem(word: str) -> str | None:
        result = stemmer(word)
        return str(result) if result else None

    return stem


class PolishAnalyzer(_CachingAnalyzer):
    """Snowball and Stempel together, tolerant of missing diacritics (module notes)."""

    def __init__(self, stempel: Callable[[str], str | None] | None = None) -> None:
        super().__init__("pl")
        import snowballstemmer

        self._snowball: Callable[[str], str] = snowballstemmer.stemmer("polish").stemWord
        self._stempel = stempel

    def _stems(self, word: str) -> Iterable[str]:
        if len(word) < MIN_STEMMED_LENGTH or not is_word(word):
            return ()
        word = word.replace(APOSTROPHE, "")  # Polish has none; a stray one must not split
        stem = self._snowball(word)
        stems = [stem]
        mobile = _MOBILE_E_RE.search(stem)
        if mobile and len(stem) > MIN_STEMMED_LENGTH:
            stems.append(stem[: mobile.start()] + mobile.group(1))
        if self._stempel is not None:
            stems.append(self._stempel(word) or "")
        return stems

    def _query_stems(self, word: str) -> Iterable[str]:
        stems = list(self._stems(word))
        if len(word) >= MIN_STEMMED_LENGTH and word.isalpha() and word == fold(word):
            for form in restorations(word):
                stems.extend(self._stems(form))
        return stems


Lemmatizer = Callable[[str], Iterable[str]]


def dictionary_path(lang: str, installed: str) -> str:
    """Where pymorphy3's dictionary for ``lang`` is: the installed package's folder, or in
    the installer bundle (which carries it packed, to stay small) the folder it is
    unpacked into once, in the kiosk's cache."""
    if (Path(installed) / "meta.json").is_file():
        return installed
    import tarfile

    import platformdirs

    from kiosk import paths

    archive = paths.resource("morphology", f"pymorphy3_dicts_{lang}.tar.xz")
    if not archive.is_file():
        return installed  # pymorphy3 then says what is missing
    cache = Path(platformdirs.user_cache_dir("mszczonow-kiosk", appauthor=False)) / "morphology"
    target = cache / f"{lang}-{archive.stat().st_size}"
    if not (target / "data" / "meta.json").is_file():
        partial = cache / f".{lang}-{os.getpid()}"
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        with tarfile.open(archive, "r:xz") as tar:
            tar.extractall(partial, filter="data")
        shutil.rmtree(target, ignore_errors=True)
        partial.rename(target)
    return str(target / "data")


def load_pymorphy(lang: str) -> Lemmatizer | None:
    """pymorphy3 with its dictionary for ``lang`` ("uk": pymorphy3-dicts-uk), or None (logged).

    A word's keys are the dictionary forms of all its readings ("податку" → "податок";
    "шлюбу" → "шлюб"); a word the dictionary lacks gets its likeliest predicted one.
    """
    try:
        import importlib

        import pymorphy3

        # The dictionary package by name, not through entry points: a frozen bundle
        # carries the package but not necessarily its metadata.
        dictionary: Any = importlib.import_module(f"pymorphy3_dicts_{lang}")
        # Its "Loading dictionaries from …" notes would reach staff's terminal and the log.
        logging.getLogger("pymorphy3").setLevel(logging.WARNING)
        morph: Any = pymorphy3.MorphAnalyzer(path=dictionary_path(lang, dictionary.get_path()), lang=lang)
    except Exception:  # a missing dictionary costs recall, never the search itself
        log.warning("pymorphy3 dictionary for %r unavailable; folding only", lang, exc_info=True)
        return None

    def lemmas(word: str) -> Iterable[str]:
        parses = morph.parse(word)
        if not parses:
            return ()
        if not morph.word_is_known(word):
            return (str(parses[0].normal_form),)
        return {str(parse.normal_form) for parse in parses}

    return lemmas


# Languages whose words are reduced by a morphological dictionary; see the module notes.
LEMMATIZERS: dict[str, Callable[[str], Lemmatizer | None]] = {
    "uk": load_pymorphy,
}


class LemmaAnalyzer(_CachingAnalyzer):
    """Keys are the dictionary forms (lemmas) a morphological library gives a word."""

    def __init__(self, lang: str, lemmatizer: Lemmatizer) -> None:
        super().__init__(lang)
        self._lemmas = lemmatizer

    def _stems(self, word: str) -> Iterable[str]:
        if len(word) < MIN_STEMMED_LENGTH or not is_word(word):
            return ()
        return self._lemmas(word)


def restorations(word: str, tail: int = _RESTORED_TAIL) -> Iterable[str]:
    """``word`` with the diacritics its last letters may have lost ("podatkow" → "podatków")."""
    head, end = word[:-tail], word[-tail:]
    choices = [_RESTORABLE.get(letter, letter) for letter in end]
    for letters in itertools.product(*choices):
        form = head + "".join(letters)
        if form != word:
            yield form


class Analyzers:
    """The analyzer of each language, made on first use and then shared."""

    def __init__(self, chosen: dict[str, Analyzer] | None = None) -> None:
        """``chosen``: analyzers to use instead of the usual ones (to compare them)."""
        self._lock = threading.Lock()
        self._made: dict[str, Analyzer] = dict(chosen or {})

    def for_language(self, lang: str) -> Analyzer:
        with self._lock:
            analyzer = self._made.get(lang)
            if analyzer is None:
                analyzer = _make_analyzer(lang)
                self._made[lang] = analyzer
            return analyzer


def _make_analyzer(lang: str) -> Analyzer:
    if lang == "pl":
        return PolishAnalyzer(load_stempel())
    load = LEMMATIZERS.get(lang)
    if load is not None:
        lemmatizer = load(lang)
        if lemmatizer is not None:
            return LemmaAnalyzer(lang, lemmatizer)
    algorithm = SNOWBALL_LANGUAGES.get(lang)
    if algorithm is not None:
        try:
            return SnowballAnalyzer(lang, algorithm)
        except Exception:
            log.warning("no Snowball stemmer for %r; folding only", lang, exc_info=True)
    return PlainAnalyzer(lang)
