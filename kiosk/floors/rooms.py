"""Finding rooms as visitors ask for them: "14", "pokój 14", "dowody", "USC"."""

from __future__ import annotations

import os

from kiosk.floors.directions import _Words
from kiosk.floors.model import Floors, Room
from kiosk.search.text import fold, words

MIN_STEM = 3  # a word matches a name word that shares all but its last two letters


def _room_words(lang: str, other_langs: tuple[str, ...]) -> set[str]:
    """The words of "Room {number}" in the given languages, to ignore in a query."""
    found: set[str] = set()
    for code in (lang, *other_langs):
        template = _Words(code)._("Room {number}")
        found.update(words(fold(template.replace("{number}", ""))))
    return found


def _is_word_match(query: str, word: str) -> bool:
    if word.startswith(query):
        return True
    shared = len(os.path.commonprefix([query, word]))
    return shared >= max(MIN_STEM, min(len(query), len(word)) - 2) and len(query) >= MIN_STEM + 1


def find_rooms(floors: Floors, query: str, lang: str) -> list[Room]:
    """Rooms matching ``query``: the room with that number first, then rooms whose name
    (in any language of the plan) has every other word of the query."""
    languages = tuple({lang_ for room in floors.rooms.values() for lang_ in room.names})
    ignored = _room_words(lang, (floors.default_language, *sorted(languages)))
    terms = [t for t in words(fold(query)) if t not in ignored]
    if not terms:
        return []
    scored: list[tuple[int, str, Room]] = []
    for room in floors.rooms.values():
        room_id = fold(room.id)
        rest = [t for t in terms if t != room_id]
        is_numbered = len(rest) < len(terms)
        name_words = [w for name in room.names.values() for w in words(fold(name))]
        if not all(any(_is_word_match(t, w) for w in name_words) for t in rest):
            continue
        if not is_numbered and not rest:
            continue
        score = (0 if is_numbered else 1) + (0 if room.names.get(lang) else 1)
        scored.append((score, room.id.zfill(8), room))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [room for _score, _key, room in scored]


def room_for_where(floors: Floors, where: str) -> Room | None:
    """The room a page's "Gdzie" text (its ``room:`` front matter) names, if exactly one.

    ``room: "14"`` names room 14; free text like "kasa – pokój 4, parter" names the
    room whose number is one of its words.
    """
    where = where.strip()
    if where in floors.rooms:
        return floors.rooms[where]
    numbered = [floors.rooms[w] for w in dict.fromkeys(words(where)) if w in floors.rooms]
    return numbered[0] if len(numbered) == 1 else None
