"""Full-text search over the kiosk's pages, tolerant of missing diacritics and inflection.

Build a :class:`SearchIndex` from loaded content (on a worker thread if it takes
long), keep one :class:`Analyzers` for the life of the program, and ask
``index.search(text, lang)`` on every keystroke.
"""

from kiosk.search.index import SearchHit, SearchIndex, SearchResults
from kiosk.search.snippet import Highlighted
from kiosk.search.stemming import Analyzers

__all__ = ["Analyzers", "Highlighted", "SearchHit", "SearchIndex", "SearchResults"]
