"""The search index: SQLite FTS5 in memory, over words we fold and stem ourselves.

One FTS5 table per language holds one row per page a visitor can open in that
language. A page missing in a language is indexed there in the language it falls
back to (as :meth:`Site.page_variant` shows it when browsing sections), so search
finds everything that browsing shows; its hit says which language its text is in.

FTS5's own tokenizer cannot fold "ł" nor stem Polish, so each field is stored as
processed text: every word becomes its folded form followed by its stem keys
(:mod:`kiosk.search.stemming`), and queries are built from the same keys. The
visitor's query is cut into words here and each word quoted, so no input can reach
FTS5 as syntax. Every word must match (each as a prefix, for search as you type,
or by a stem key); when no page has them all, any may.

Ranking: FTS5's bm25 with columns weighted title > keywords > summary > body picks
the best hundred candidates; these are then sorted by how well the query words
match their title, then their keywords, keeping bm25's order among equals, and the
first twenty also by whether their snippet has the very word typed or only a
relative. (bm25 alone adds up every form a word matched in, so a body using the
form typed could beat a title using another.)

Threads: :meth:`SearchIndex.build` may run on a worker thread; the index it returns
may then be searched from any thread (the connection is opened with
``check_same_thread=False`` and every use of it holds the index's lock).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import logging
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.search.snippet import Span, highlight, lead, snippet
from kiosk.search.stemming import Analyzer, Analyzers
from kiosk.search.text import fold, html_to_text, one_line, words

if TYPE_CHECKING:
    from kiosk.content.content import Content
    from kiosk.content.model import PageVariant

log = logging.getLogger(__name__)

COLUMN_WEIGHTS = (10.0, 5.0, 2.0, 1.0)  # title, keywords, summary, body
FTS_PREFIXES = "1 2 3"  # prefix lengths FTS5 indexes: the first keystrokes stay fast
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 10
RERANKED = 100  # best bm25 candidates re-sorted by what their titles and keywords match
SNIPPETS_COMPARED = 20  # first candidates whose snippets are made, then compared
STEM_PREFIX_LENGTH = 5  # a stem this long also finds longer stems ("regist" → "registr")
SUGGESTION_MIN_SCORE = 80.0  # rapidfuzz ratio, 0–100 ("lodz" is not "złóż")
SUGGESTION_MIN_LENGTH = 3
_TITLE_WORD_WEIGHT = 5  # a word in titles and keywords is a likelier suggestion


@dataclass(frozen=True)
class SearchHit:
    """One page found. ``lang`` is the language of its text (a fallback page's may differ)."""

    page_id: str
    lang: str
    title: str
    title_spans: tuple[Span, ...]
    section_id: str
    section_title: str
    snippet: str
    snippet_spans: tuple[Span, ...]
    snippet_html: str
    score: float  # bm25 relevance, higher is better; hits are ordered by title match first
    is_easy_read: bool = False  # the text found is the page's easy-to-read version


@dataclass(frozen=True)
class SearchResults:
    """The best ``hits`` of ``total`` matching pages; ``suggestion`` only when none match."""

    query: str
    lang: str
    hits: tuple[SearchHit, ...] = ()
    total: int = 0
    suggestion: str | None = None


@dataclass(frozen=True)
class _Row:
    page_id: str
    lang: str
    title: str
    section_id: str
    section_title: str
    keywords: str
    summary: str
    body: str
    title_words: tuple[str, ...]
    keyword_words: tuple[str, ...]
    is_easy_read: bool = False
    # The folded title and keyword words, each once: what ranking compares (made once
    # when indexing, not for each of the hundred candidates of every keystroke).
    title_folded: tuple[str, ...] = ()
    keyword_folded: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Table:
    name: str
    lang: str
    rows: list[_Row]
    tokens: list[str]  # sorted: every folded word and stem key in the table
    token_set: frozenset[str]
    spellings: dict[str, str]  # folded word → how pages spell it most often
    frequency: dict[str, int]  # folded word → weighted count, to rank suggestions
    suggestion_words: list[str]
    surfaces: list[str]  # sorted: every folded word of the table's text
    key_surfaces: dict[str, tuple[str, ...]]  # stem key → the folded words that have it
    keys: list[str]  # sorted: every stem key
    has_easy_read: bool = False  # some pages have a second row: their easy-to-read text

    @functools.cached_property
    def ranked_sql(self) -> str:
        """The best rows of a MATCH, each with how many rows matched in all."""
        return (
            f"SELECT rowid, rank, count(*) OVER () FROM {self.name} WHERE {self.name} MATCH ? "
            "ORDER BY rank LIMIT ?"
        )

    @functools.cached_property
    def all_ranked_sql(self) -> str:
        return f"SELECT rowid, rank FROM {self.name} WHERE {self.name} MATCH ? ORDER BY rank"

    def has_prefix(self, prefix: str) -> bool:
        at = bisect.bisect_left(self.tokens, prefix)
        return at < len(self.tokens) and self.tokens[at].startswith(prefix)

    def matches(self, term: _Term) -> dict[str, int]:
        """Each folded word of the text that ``term`` matches, and how well.

        2 when it is the word typed (it begins with it) or one of its forms (shares a
        stem key), 1 when only related (it or one of its keys begins with a long stem
        key of the typed word). Worked out once per query from the vocabulary, so that
        snippets and titles look each word up instead of comparing it with every term.
        """
        found: dict[str, int] = {}
        for prefix in term.stem_prefixes:  # related words: 1 (the typed word's forms: 2)
            found.update(dict.fromkeys(_with_prefix(self.surfaces, prefix), 1))
            for key in _with_prefix(self.keys, prefix):
                found.update(dict.fromkeys(self.key_surfaces[key], 1))
        for key in term.keys:
            if key in self.spellings:
                found[key] = 2
            found.update(dict.fromkeys(self.key_surfaces.get(key, ()), 2))
        if term.typed_prefix is not None:
            found.update(dict.fromkeys(_with_prefix(self.surfaces, term.typed_prefix), 2))
        return found


def _with_prefix(ordered: list[str], prefix: str) -> list[str]:
    """The items of the sorted list ``ordered`` that begin with ``prefix``."""
    start = bisect.bisect_left(ordered, prefix)
    end = bisect.bisect_left(ordered, prefix + "\U0010ffff", start)
    return ordered[start:end]


@dataclass(frozen=True)
class _Term:
    """One query word and the index tokens it may stand for."""

    typed: str  # case-folded, as typed
    prefixes: tuple[str, ...]  # for FTS5, none the prefix of another
    exact: tuple[str, ...]  # for FTS5, none covered by a prefix
    typed_prefix: str | None  # the typed word folded, when some indexed word begins so
    keys: frozenset[str]  # its stem keys that the index has
    stem_prefixes: tuple[str, ...]  # long stem keys also standing for longer words

    @property
    def is_known(self) -> bool:
        return bool(self.prefixes or self.exact)

    def fts(self) -> str:
        options = [f'"{_quote(p)}"*' for p in self.prefixes]
        options += [f'"{_quote(e)}"' for e in self.exact]
        return "(" + " OR ".join(options) + ")"


def _quote(token: str) -> str:
    return token.replace('"', '""')


class SearchIndex:
    """Full-text search over one :class:`Content`; build a new one when content changes."""

    def __init__(
        self, connection: sqlite3.Connection, tables: dict[str, _Table], analyzers: Analyzers
    ) -> None:
        self._connection = connection
        self._tables = tables
        self._analyzers = analyzers
        self._lock = threading.Lock()
        self._folded: dict[str, str] = {}  # a word of page text → its folded form

    @classmethod
    def build(cls, content: Content, analyzers: Analyzers | None = None) -> SearchIndex:
        """Index every page of ``content`` in each of the site's languages.

        Pass the program's one :class:`Analyzers` to spare reloading stemmers.
        """
        analyzers = analyzers or Analyzers()
        connection = sqlite3.connect(":memory:", check_same_thread=False)
        tables: dict[str, _Table] = {}
        for number, lang in enumerate(content.site.languages):
            rows = list(_visible_rows(content, lang))
            tables[lang] = _build_table(connection, f"pages_{number}", lang, rows, analyzers)
        return cls(connection, tables, analyzers)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._tables)

    def page_count(self, lang: str) -> int:
        table = self._tables.get(lang)
        return len(table.rows) if table else 0

    def _fold(self, word: str) -> str:
        folded = self._folded.get(word)
        if folded is None:  # bounded by the words of the content
            folded = self._folded[word] = fold(word)
        return folded

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def search(self, query: str, lang: str, limit: int = 20, is_easy_read: bool = False) -> SearchResults:
        """Pages in ``lang`` matching every word of ``query`` (any word if none match all).

        A page with an easy-to-read version is found by either text, once; its hit shows
        the easy-to-read text when ``is_easy_read`` (the visitor chose easy text) and that
        text matches too. Never raises for any ``query``; an empty one finds nothing.
        """
        table = self._tables.get(lang)
        if table is None or limit <= 0 or not isinstance(query, str) or not query.strip():
            return SearchResults(query, lang)
        analyzer = self._analyzers.for_language(lang)
        terms = _terms(table, analyzer, query)
        known = [term for term in terms if term.is_known]
        if not known:
            return SearchResults(query, lang, suggestion=self._suggest(table, terms))
        total = 0
        ranked: list[tuple[int, float]] = []
        fetched = max(limit, RERANKED)
        if len(known) == len(terms):
            total, ranked = self._run(table, " AND ".join(t.fts() for t in known), fetched)
        if total == 0 and len(terms) > 1:
            total, ranked = self._run(table, " OR ".join(t.fts() for t in known), fetched)
        matches = _QueryMatch(known, table, self._folded, self._fold)
        candidates = [(table.rows[rowid - 1], score) for rowid, score in ranked]
        if table.has_easy_read:
            candidates = _one_per_page(candidates, is_easy_read)
        tiers = {row.page_id: matches.tier(row) for row, _ in candidates}
        candidates.sort(key=lambda candidate: tiers[candidate[0].page_id], reverse=True)
        shown = [
            self._hit(row, score, matches)
            for row, score in candidates[: max(limit, SNIPPETS_COMPARED)]
        ]
        # Among the first, a text with the very word typed goes before one with a relative.
        shown.sort(key=lambda hit: (tiers[hit[0].page_id], hit[1]), reverse=True)
        return SearchResults(query, lang, tuple(hit for hit, _ in shown[:limit]), total)

    def _run(self, table: _Table, match: str, limit: int) -> tuple[int, list[tuple[int, float]]]:
        """(count, [(rowid, score)]) of an FTS5 query, best first."""
        with self._lock:
            try:
                # One evaluation of the query gives both the count and the best rows
                # (bm25 is worked out for every row found either way).
                if table.has_easy_read:  # a page's two texts are one page found
                    found = self._connection.execute(table.all_ranked_sql, (match,)).fetchall()
                    total = len({table.rows[rowid - 1].page_id for rowid, _rank in found})
                    ranked = found[:limit]
                else:
                    ranked = self._connection.execute(table.ranked_sql, (match, limit)).fetchall()
                    total = ranked[0][2] if ranked else 0
                if not total:
                    return 0, []
            except sqlite3.Error as exc:  # a bug of ours; the visitor just sees no results
                # Not the query, nor SQLite's message (it quotes the query): a visitor's
                # search may be personal. The details go to the debug level only.
                log.warning("search query failed: %s", type(exc).__name__)
                log.debug("search query %r failed", match, exc_info=True)
                return 0, []
        return int(total), [(int(found[0]), -float(found[1])) for found in ranked]

    def _hit(self, row: _Row, score: float, matches: _QueryMatch) -> tuple[SearchHit, int]:
        """The hit, and how well the words of its snippet match (see :meth:`_Term.strength`)."""
        strength = matches.strength(row.lang)
        is_match = matches.is_match(row.lang)
        title = highlight(row.title, is_match)
        shown = snippet(row.body, is_match) or snippet(row.summary, is_match)
        if shown is None:
            shown = lead(row.summary or row.body)
        text_strength = max((strength(shown.text[a:b]) for a, b in shown.spans), default=0)
        hit = SearchHit(
            page_id=row.page_id,
            lang=row.lang,
            title=row.title,
            title_spans=title.spans,
            section_id=row.section_id,
            section_title=row.section_title,
            snippet=shown.text,
            snippet_spans=shown.spans,
            snippet_html=shown.html,
            score=score,
            is_easy_read=row.is_easy_read,
        )
        return hit, text_strength

    def _suggest(self, table: _Table, terms: list[_Term]) -> str | None:
        """The query with each unknown word replaced by the closest indexed word."""
        if not terms or not table.suggestion_words:
            return None
        from rapidfuzz import fuzz, process

        suggested: list[str] = []
        for term in terms:
            typed = fold(term.typed)
            if len(typed) < SUGGESTION_MIN_LENGTH:
                return None
            candidates = process.extract(
                typed,
                table.suggestion_words,
                scorer=fuzz.ratio,
                limit=5,
                score_cutoff=SUGGESTION_MIN_SCORE,
            )
            if not candidates:
                return None
            word = max(candidates, key=lambda c: (c[1], table.frequency[c[0]], c[0]))[0]
            suggested.append(table.spellings[word])
        return " ".join(suggested)


def _one_per_page(candidates: list[tuple[_Row, float]], is_easy_read: bool) -> list[tuple[_Row, float]]:
    """Each page once, where its better text ranked; as the text the visitor chose
    (easy-to-read or not) when that text matched too."""
    chosen: dict[str, tuple[_Row, float]] = {}
    for row, score in candidates:
        first = chosen.get(row.page_id)
        if first is None:
            chosen[row.page_id] = (row, score)
        elif row.is_easy_read == is_easy_read:
            chosen[row.page_id] = (row, first[1])
    return list(chosen.values())


def _terms(table: _Table, analyzer: Analyzer, query: str) -> list[_Term]:
    terms: list[_Term] = []
    for word in words(query[:MAX_QUERY_CHARS])[:MAX_QUERY_WORDS]:
        surface = fold(word)
        typed_prefix = surface if table.has_prefix(surface) else None
        keys: set[str] = set()
        stem_prefixes: set[str] = set()
        for key in analyzer.query_keys(word):
            if len(key) >= STEM_PREFIX_LENGTH and table.has_prefix(key):
                keys.add(key)
                stem_prefixes.add(key)
            elif key in table.token_set:
                keys.add(key)
        candidates = sorted(stem_prefixes | ({typed_prefix} if typed_prefix else set()), key=len)
        prefixes = [p for n, p in enumerate(candidates) if not p.startswith(tuple(candidates[:n]))]
        exact = sorted(k for k in keys - stem_prefixes if not k.startswith(tuple(prefixes)))
        terms.append(
            _Term(
                typed=word,
                prefixes=tuple(prefixes),
                exact=tuple(exact),
                typed_prefix=typed_prefix,
                keys=frozenset(keys),
                stem_prefixes=tuple(sorted(stem_prefixes)),
            )
        )
    return terms


WordStrength = Callable[[str], int]


class _WordStrengths(dict[str, int]):
    """A word of page text → how well it matches the query (see :meth:`_QueryMatch.strength`),
    worked out the first time a snippet or title of this query meets the word. Snippets
    test every word they scan, and most words recur, so a word met again costs one
    look-up in C instead of a Python call."""

    def __init__(self, best: dict[str, int], folded: dict[str, str], fold_word: Callable[[str], str]) -> None:
        super().__init__()
        self._best, self._folded, self._fold = best, folded, fold_word

    def __missing__(self, word: str) -> int:
        surface = self._folded.get(word)
        found = self[word] = self._best.get(self._fold(word) if surface is None else surface, 0)
        return found


class _QueryMatch:
    """The words of one query, matched against the words of a table's text."""

    def __init__(
        self,
        terms: list[_Term],
        table: _Table,
        folded: dict[str, str],
        fold_word: Callable[[str], str],
    ) -> None:
        self._each = [table.matches(term) for term in terms]
        self._gets = [found.get for found in self._each]
        best: dict[str, int] = self._each[0] if len(self._each) == 1 else {}
        for found in self._each if len(self._each) > 1 else ():
            for surface, strength in found.items():
                if strength > best.get(surface, 0):
                    best[surface] = strength
        self._best = best
        # Every word of page text met by this query's snippets and titles → its strength.
        self._strengths = _WordStrengths(best, folded, fold_word)

    def strength(self, lang: str) -> WordStrength:
        """How well a word of page text matches the best of the query words (0: not at all).

        ``lang`` is the language of the text: every word of a table's text, whatever
        its language, was analysed with its own language's analyzer when indexed.
        """
        return self._strengths.__getitem__  # a word met before costs one dict look-up

    def is_match(self, lang: str) -> WordStrength:
        """Whether a word of page text matches any query word (non-zero: as :meth:`strength`)."""
        return self._strengths.__getitem__

    def tier(self, row: _Row) -> tuple[int, int]:
        """How well the query words match the title, then the keywords.

        bm25 adds up every form a word matched in (typed "taxes" meets "taxes" and
        "tax"), so a body using the very form typed can beat a title using another;
        sorting on this first keeps pages about the words ahead of pages mentioning them,
        and a title with the word typed ahead of a title with a related one.
        """
        titles, keywords = row.title_folded, row.keyword_folded
        title_tier = keyword_tier = 0
        for get in self._gets:  # each query word: its best title word, its best keyword
            title_tier += max(map(get, titles, _ZEROS), default=0)
            keyword_tier += max(map(get, keywords, _ZEROS), default=0)
        return title_tier, keyword_tier


_ZEROS = itertools.repeat(0)


def _visible_rows(content: Content, lang: str) -> Iterator[_Row]:
    site = content.site
    for page_id in sorted(site.pages):
        variant = site.page_variant(page_id, lang)
        if variant is None:
            continue
        yield _row(content, variant, lang)
        easy = site.page_variant(page_id, lang, is_easy_read=True)
        if easy is not None and easy.is_easy_read:
            yield _row(content, easy, lang)


def _row(content: Content, variant: PageVariant, lang: str) -> _Row:
    site = content.site
    rendered = content.rendered.get(variant.key)
    body = html_to_text(rendered.html) if rendered is not None else one_line(variant.body)
    section = site.section(variant.section)
    title, keywords = one_line(variant.title), " ".join(variant.keywords)
    title_words, keyword_words = tuple(words(title)), tuple(words(keywords))
    return _Row(
        page_id=variant.page_id,
        lang=variant.lang,
        title=title,
        section_id=variant.section,
        section_title=section.title(lang) if section else variant.section,
        keywords=keywords,
        summary=one_line(variant.summary),
        body=body,
        title_words=title_words,
        keyword_words=keyword_words,
        is_easy_read=variant.is_easy_read,
        title_folded=tuple(dict.fromkeys(fold(word) for word in title_words)),
        keyword_folded=tuple(dict.fromkeys(fold(word) for word in keyword_words)),
    )


class _Processor:
    """Turns fields into indexed text, collecting the vocabulary on the way."""

    def __init__(self, analyzers: Analyzers) -> None:
        self._analyzers = analyzers
        self._done: dict[str, dict[str, str]] = {}  # lang → word → indexed text
        self.tokens: set[str] = set()
        self.counts: Counter[str] = Counter()
        self.key_surfaces: dict[str, set[str]] = {}  # stem key → folded words having it

    def __call__(self, text: str, lang: str, weight: int = 1) -> str:
        found = words(text)
        if weight == 1:
            self.counts.update(found)
        else:
            self.counts.update({word: weight for word in found})
        done = self._done.setdefault(lang, {})
        try:
            return " ".join([done[word] for word in found])
        except KeyError:  # words not met before: analyse them
            analyzer = self._analyzers.for_language(lang)
            for word in set(found).difference(done):
                surface = fold(word)
                all_keys = analyzer.keys(word)
                for key in all_keys:
                    self.key_surfaces.setdefault(key, set()).add(surface)
                # A long key that begins the word is found by its prefix query anyway.
                keys = [
                    key
                    for key in all_keys
                    if len(key) < STEM_PREFIX_LENGTH or not surface.startswith(key)
                ]
                done[word] = " ".join((surface, *keys))
                self.tokens.add(surface)
                self.tokens.update(keys)
        return " ".join([done[word] for word in found])


def _build_table(
    connection: sqlite3.Connection, name: str, lang: str, rows: list[_Row], analyzers: Analyzers
) -> _Table:
    connection.execute(
        f"CREATE VIRTUAL TABLE {name} USING fts5(title, keywords, summary, body, "
        f"content='', tokenize='unicode61 remove_diacritics 0', prefix='{FTS_PREFIXES}')"
    )
    weights = ", ".join(str(w) for w in COLUMN_WEIGHTS)
    connection.execute(f"INSERT INTO {name}({name}, rank) VALUES ('rank', 'bm25({weights})')")
    process = _Processor(analyzers)
    connection.executemany(
        f"INSERT INTO {name}(rowid, title, keywords, summary, body) VALUES (?, ?, ?, ?, ?)",
        (
            (
                number,
                process(row.title, row.lang, _TITLE_WORD_WEIGHT),
                process(row.keywords, row.lang, _TITLE_WORD_WEIGHT),
                process(row.summary, row.lang),
                process(row.body, row.lang),
            )
            for number, row in enumerate(rows, start=1)
        ),
    )
    # Bulk inserts leave the index in several segments that every query reads and
    # merges; one merged segment makes each query's reading cheaper (~0.04 s per 2,000 pages).
    connection.execute(f"INSERT INTO {name}({name}) VALUES ('optimize')")
    spellings: dict[str, str] = {}
    frequency: Counter[str] = Counter()
    for word, count in process.counts.most_common():
        folded = fold(word)
        spellings.setdefault(folded, word)  # the most common spelling comes first
        frequency[folded] += count
    suggestion_words = sorted(
        w for w in frequency if len(w) >= SUGGESTION_MIN_LENGTH and w.isalpha()
    )
    return _Table(
        name=name,
        lang=lang,
        rows=rows,
        tokens=sorted(process.tokens),
        token_set=frozenset(process.tokens),
        spellings=spellings,
        frequency=dict(frequency),
        suggestion_words=suggestion_words,
        surfaces=sorted(spellings),
        key_surfaces={key: tuple(sorted(found)) for key, found in process.key_surfaces.items()},
        keys=sorted(process.key_surfaces),
        has_easy_read=any(row.is_easy_read for row in rows),
    )

