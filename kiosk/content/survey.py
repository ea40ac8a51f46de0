"""The office's satisfaction survey, ``survey.toml`` in the content folder.

::

    id = "satysfakcja-2027-q1"     # names the answers in the statistics
    valid_from = 2027-01-01        # first day the survey is offered
    valid_until = 2027-03-31       # last day it is offered

    [[question]]
    id = "overall"
    type = "scale"                 # 1 to 5
    text = { pl = "…", en = "…" }
    low = { pl = "bardzo źle", en = "very poor" }     # optional words under 1
    high = { pl = "bardzo dobrze", en = "very good" } # optional words under 5

    [[question]]
    id = "purpose"
    type = "choice"                # one of a fixed list
    text = { pl = "…", en = "…" }
    choices = [
      { id = "errand", text = { pl = "…", en = "…" } },
      { id = "information", text = { pl = "…", en = "…" } },
    ]

Up to :data:`MAX_QUESTIONS` questions. Every problem is reported with file and line;
a survey with an error is not offered (a broken question would skew the counts), and
the rest of the content is unaffected.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from kiosk.content.loader import PAGE_ID_RE, is_prepared_language
from kiosk.content.model import Site
from kiosk.content.notices import _date, _entries, _read_toml
from kiosk.problems import Collector as _Collector
from kiosk.problems import LineFinder

SURVEY_FILE = "survey.toml"
MAX_QUESTIONS = 5
MIN_CHOICES = 2
MAX_CHOICES = 6
SCALE: tuple[int, ...] = (1, 2, 3, 4, 5)
QuestionType = Literal["scale", "choice"]
QUESTION_TYPES: tuple[QuestionType, ...] = ("scale", "choice")

NOT_OFFERED = "the survey has errors and is not offered until they are fixed"
_TOP_KEYS = ("id", "valid_from", "valid_until", "question")
_QUESTION_KEYS = ("id", "type", "text", "low", "high", "choices")


def pick_text(texts: dict[str, str], lang: str, fallback: str) -> str:
    return texts.get(lang) or texts.get(fallback) or next(iter(texts.values()), "")


@dataclass(frozen=True)
class Choice:
    id: str
    texts: dict[str, str]

    def text(self, lang: str, fallback: str) -> str:
        return pick_text(self.texts, lang, fallback)


@dataclass(frozen=True)
class Question:
    id: str
    type: QuestionType
    texts: dict[str, str]
    choices: tuple[Choice, ...] = ()
    low: dict[str, str] | None = None
    high: dict[str, str] | None = None

    def text(self, lang: str, fallback: str) -> str:
        return pick_text(self.texts, lang, fallback)

    def answers(self) -> tuple[str, ...]:
        """The answers as stored: "1"…"5" for a scale, the choice ids for a choice."""
        if self.type == "scale":
            return tuple(str(n) for n in SCALE)
        return tuple(c.id for c in self.choices)


@dataclass(frozen=True)
class Survey:
    id: str
    valid_from: dt.date
    valid_until: dt.date
    questions: tuple[Question, ...]

    def is_active(self, day: dt.date) -> bool:
        """Offered from ``valid_from`` to ``valid_until``, both days included."""
        return self.valid_from <= day <= self.valid_until

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


class _Reader:
    def __init__(self, path: Path, finder: LineFinder, site: Site, collector: _Collector) -> None:
        self.path, self.finder, self.site, self.collector = path, finder, site, collector
        self.text = finder.text
        self.errors = 0

    def error(self, line: int | None, message: str) -> None:
        self.errors += 1
        self.collector.error(self.path, line, message)

    def warning(self, line: int | None, message: str) -> None:
        self.collector.warning(self.path, line, message)

    def key_line(self, key: str, start: int | None) -> int | None:
        """The line of ``key = …`` at or after ``start`` (a table's line), else ``start``."""
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for number, line in enumerate(self.text.splitlines(), start=1):
            if number >= (start or 1) and pattern.match(line):
                return number
        return start

    def texts(self, value: Any, key: str, line: int | None) -> dict[str, str] | None:
        languages = self.site.languages
        if isinstance(value, str):
            value = {lang: value for lang in languages}
        if (
            not isinstance(value, dict)
            or not value
            or not all(isinstance(v, str) and v.strip() for v in value.values())
        ):
            example = ", ".join(f'{lang} = "…"' for lang in languages)
            self.error(line, f"{key} must be written {key} = {{ {example} }}")
            return None
        for lang in languages:
            if lang not in value:
                default = self.site.default_language
                self.warning(line, f"{key} has no '{lang}' text; the '{default}' one is shown")
        for lang in value:
            # A language written ahead of adding it to site.toml is kept quietly.
            if lang not in languages and not is_prepared_language(lang, self.site):
                self.error(line, f"'{lang}' in {key} is not one of the site's languages {list(languages)}")
        return {str(k): str(v).strip() for k, v in value.items() if k in languages}

    def ident(self, value: Any, what: str, line: int | None) -> str | None:
        if not isinstance(value, str) or not PAGE_ID_RE.match(value):
            self.error(
                line,
                f"{what} id must be lower-case letters, digits, '-' or '_' (e.g. \"overall\"), got {value!r}",
            )
            return None
        return value

    def choices(self, value: Any, line: int | None) -> tuple[Choice, ...]:
        if not isinstance(value, list):
            self.error(line, 'a choice question needs choices = [ { id = "…", text = { … } }, … ]')
            return ()
        found: list[Choice] = []
        start = line or 1
        for index, entry in enumerate(value, start=1):
            entry_line = line
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                entry_line = self.finder.find(f'"{entry["id"]}"', start) or line
                start = (entry_line or start) + 1
            if not isinstance(entry, dict):
                self.error(entry_line or line, f'choice {index} must be {{ id = "…", text = {{ … }} }}')
                continue
            for key in entry:
                if key not in ("id", "text"):
                    self.warning(entry_line, f"unknown key '{key}' in choice {index} is ignored")
            choice_id = self.ident(entry.get("id"), f"choice {index}", entry_line)
            texts = self.texts(entry.get("text"), "text", entry_line)
            if choice_id is None or texts is None:
                continue
            if any(c.id == choice_id for c in found):
                self.error(entry_line, f"choice id '{choice_id}' is used twice in this question")
                continue
            found.append(Choice(choice_id, texts))
        if not MIN_CHOICES <= len(value) <= MAX_CHOICES:
            self.error(
                line, f"a choice question needs {MIN_CHOICES} to {MAX_CHOICES} choices, got {len(value)}"
            )
        return tuple(found)

    def question(self, entry: dict[str, Any], line: int | None) -> Question | None:
        errors_before = self.errors
        for key in entry:
            if key not in _QUESTION_KEYS:
                self.warning(self.key_line(key, line), f"unknown key '{key}' in [[question]] is ignored")
        question_id = self.ident(entry.get("id"), "question", self.key_line("id", line))
        kind = entry.get("type")
        type_line = self.key_line("type", line)
        if kind not in QUESTION_TYPES:
            self.error(type_line, f'type must be "scale" (1 to 5) or "choice", got {kind!r}')
        texts = self.texts(entry.get("text"), "text", self.key_line("text", line))
        low = high = None
        choices: tuple[Choice, ...] = ()
        if kind == "scale":
            if "choices" in entry:
                self.error(
                    self.key_line("choices", line), "a scale question has no choices (answers are 1 to 5)"
                )
            if "low" in entry:
                low = self.texts(entry["low"], "low", self.key_line("low", line))
            if "high" in entry:
                high = self.texts(entry["high"], "high", self.key_line("high", line))
        elif kind == "choice":
            for key in ("low", "high"):
                if key in entry:
                    self.warning(self.key_line(key, line), f"{key} is only for scale questions; ignored")
            choices = self.choices(entry.get("choices"), self.key_line("choices", line))
        if self.errors > errors_before or question_id is None or texts is None:
            return None
        assert kind in QUESTION_TYPES
        return Question(question_id, kind, texts, choices, low, high)


def load_survey(root: Path, site: Site, collector: _Collector) -> Survey | None:
    """The survey of ``root``, or None when there is none or it has an error."""
    path = root / SURVEY_FILE
    parsed = _read_toml(path, collector)
    if parsed is None:
        if path.is_file():
            collector.warning(path, None, NOT_OFFERED)
        return None
    data, finder = parsed
    reader = _Reader(path, finder, site, collector)
    top = {key: value for key, value in data.items() if key != "question"}
    for key in top:
        if key not in _TOP_KEYS:
            reader.warning(reader.key_line(key, 1), f"unknown key '{key}' is ignored")
    if "id" in data:
        survey_id = reader.ident(data["id"], "survey", reader.key_line("id", 1))
    else:
        survey_id = None
        reader.error(None, 'id is missing: name the survey, e.g. id = "satisfaction-2027-q1"')
    dates: dict[str, dt.date] = {}
    for key in ("valid_from", "valid_until"):
        key_line = reader.key_line(key, 1)
        if key not in data:
            reader.error(None, f"{key} is missing: say when the survey runs, e.g. {key} = 2027-03-31")
            continue
        ok, day = _date(data[key], key, path, key_line, collector)
        if not ok:
            reader.errors += 1
        elif day is not None:
            dates[key] = day
    if len(dates) == 2 and dates["valid_until"] < dates["valid_from"]:
        reader.error(
            reader.key_line("valid_until", 1),
            f"valid_until {dates['valid_until']} is before valid_from {dates['valid_from']}",
        )
    questions: list[Question] = []
    seen: set[str] = set()
    entries = list(_entries({"question": data.get("question", [])}, "question", path, finder, collector))
    if not entries:
        reader.error(None, "the survey has no questions: add [[question]] tables")
    for number, (entry, line) in enumerate(entries, start=1):
        if number > MAX_QUESTIONS:
            reader.error(line, f"at most {MAX_QUESTIONS} questions: question {number} and later are too many")
            break
        question = reader.question(entry, line)
        if question is None:
            continue
        if question.id in seen:
            reader.error(reader.key_line("id", line), f"question id '{question.id}' is used twice")
            continue
        seen.add(question.id)
        questions.append(question)
    if reader.errors or survey_id is None or len(dates) != 2:
        collector.warning(path, None, NOT_OFFERED)
        return None
    return Survey(survey_id, dates["valid_from"], dates["valid_until"], tuple(questions))
