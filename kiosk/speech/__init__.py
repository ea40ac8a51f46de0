"""Speech: pages read aloud and the spoken interface of speech mode.

- ``engine``: the ``SpeechEngine`` interface, the pyttsx3, silent and recording
  backends, and ``select_engine()`` (priority list, silent last resort).
- ``reading``: a page's title, room line and body HTML → utterances in reading order
  (``variant_utterances(content, variant, screen_lang)`` for a page of the content).
- ``rules``: what the engine is given instead of the text: per-language reading rules
  (dates, money, Roman numerals, times) and the staff's ``pronunciation.toml`` entries.
- ``player``: ``SpeechPlayer``, the Qt object the UI drives (import it from
  ``kiosk.speech.player``; it needs QtMultimedia, so it is not imported here).

Nothing outside this package imports pyttsx3.
"""

from kiosk.speech.engine import (
    RATE_STEPS,
    SilentEngine,
    SpeechEngine,
    SpeechError,
    select_engine,
)
from kiosk.speech.reading import Utterance, page_utterances, split_sentences

__all__ = [
    "RATE_STEPS",
    "SilentEngine",
    "SpeechEngine",
    "SpeechError",
    "Utterance",
    "page_utterances",
    "select_engine",
    "split_sentences",
]
