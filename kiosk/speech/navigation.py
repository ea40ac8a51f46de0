"""Moving through a reading by paragraph: Previous/Next held down, PageUp/PageDown.

A paragraph is one block of the page body (a paragraph, list item, table row, heading)
as :class:`~kiosk.speech.reading.Utterance` numbers them; the title and the room line,
which are not in the body, are a paragraph each.
"""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.speech.reading import Utterance


def _paragraph(utterances: Sequence[Utterance], index: int) -> tuple[int, int]:
    block = utterances[index].block
    return (0, block) if block >= 0 else (-1, index)


def paragraph_start(utterances: Sequence[Utterance], index: int, step: int) -> int | None:
    """The first utterance of the next (``step`` 1) or previous (-1) paragraph from the
    one ``index`` is in; None when there is none that way."""
    if not utterances:
        return None
    index = min(max(index, 0), len(utterances) - 1)
    starts = [i for i in range(len(utterances))
              if i == 0 or _paragraph(utterances, i) != _paragraph(utterances, i - 1)]
    here = max(i for i in starts if i <= index)
    position = starts.index(here) + (1 if step > 0 else -1)
    return starts[position] if 0 <= position < len(starts) else None
