"""By paragraph through a reading: the title and the room line are one each, then the
body's blocks."""

from __future__ import annotations

from kiosk.speech.navigation import paragraph_start
from kiosk.speech.reading import ROOM, TEXT, TITLE, Utterance

READING = [
    Utterance("Odpady", TITLE),
    Utterance("Gdzie: pokój 14", ROOM),
    Utterance("Pierwsze zdanie.", TEXT, block=0),
    Utterance("Drugie zdanie.", TEXT, block=0),
    Utterance("Trzecie zdanie.", TEXT, block=0),
    Utterance("Nowy akapit.", TEXT, block=1),
    Utterance("Jego drugie zdanie.", TEXT, block=1),
    Utterance("Ostatni.", TEXT, block=2),
]


def test_next_paragraph_goes_to_the_first_sentence_of_the_next_block() -> None:
    assert paragraph_start(READING, 0, 1) == 1  # title → room line
    assert paragraph_start(READING, 1, 1) == 2
    assert paragraph_start(READING, 3, 1) == 5  # from the middle of a paragraph
    assert paragraph_start(READING, 5, 1) == 7
    assert paragraph_start(READING, 7, 1) is None  # nothing after the last


def test_previous_paragraph_goes_to_the_start_of_the_one_before() -> None:
    assert paragraph_start(READING, 6, -1) == 2
    assert paragraph_start(READING, 5, -1) == 2
    assert paragraph_start(READING, 2, -1) == 1
    assert paragraph_start(READING, 0, -1) is None
    assert paragraph_start([], 0, 1) is None
