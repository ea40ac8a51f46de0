"""survey.toml: the reader, its validation with file:line, and 'kiosk check'."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from kiosk import paths
from kiosk.content.content import load_content
from kiosk.content.survey import MAX_QUESTIONS
from tests.conftest import ContentBuilder

Make = Callable[[str], ContentBuilder]

GOOD = """\
id = "q1-2027"
valid_from = 2027-01-01
valid_until = 2027-03-31

[[question]]
id = "overall"
type = "scale"
text = { pl = "Jak oceniasz obsługę?", en = "How do you rate the service?" }
low = { pl = "źle", en = "poor" }
high = { pl = "dobrze", en = "good" }

[[question]]
id = "purpose"
type = "choice"
text = { pl = "Po co przyszedłeś?", en = "Why did you come?" }
choices = [
  { id = "errand", text = { pl = "Sprawa", en = "An errand" } },
  { id = "info", text = { pl = "Informacja", en = "Information" } },
]
"""


def folder(make_content: Make, survey: str | None) -> ContentBuilder:
    c = make_content("survey")
    c.simple("hours", "Godziny", "Hours")
    if survey is not None:
        (c.root / "survey.toml").write_text(survey, encoding="utf-8")
    return c


def messages(c: ContentBuilder) -> list[str]:
    return [p.format(c.root) for p in load_content(c.root).problems]


def test_a_good_survey_is_read(make_content: Make) -> None:
    c = folder(make_content, GOOD)
    content = load_content(c.root)
    assert content.problems == []
    survey = content.survey
    assert survey is not None and survey.id == "q1-2027"
    assert [q.id for q in survey.questions] == ["overall", "purpose"]
    overall, purpose = survey.questions
    assert overall.answers() == ("1", "2", "3", "4", "5")
    assert overall.text("en", "pl") == "How do you rate the service?"
    assert purpose.answers() == ("errand", "info")
    assert purpose.choices[1].text("pl", "pl") == "Informacja"
    assert survey.is_active(dt.date(2027, 1, 1)) and survey.is_active(dt.date(2027, 3, 31))
    assert not survey.is_active(dt.date(2026, 12, 31)) and not survey.is_active(dt.date(2027, 4, 1))


def test_no_survey_file_is_fine(make_content: Make) -> None:
    c = folder(make_content, None)
    content = load_content(c.root)
    assert content.survey is None and content.problems == []


def test_the_bundled_sample_survey_is_valid() -> None:
    content = load_content(paths.bundled_content_dir())
    survey = content.survey
    assert survey is not None
    assert len(survey.questions) == 3
    for question in survey.questions:
        assert set(question.texts) == set(content.site.languages)
    assert not [p for p in content.problems if p.path.name == "survey.toml"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ('type = "choice"\ntext = { pl = "Po', 'type = "multiple"\ntext = { pl = "Po'),
            'survey.toml:14: error: type must be "scale" (1 to 5) or "choice", got \'multiple\'',
        ),
        (('id = "overall"', 'id = "Ogólna ocena"'), "survey.toml:6: error: question id must be lower-case"),
        (('id = "info"', 'id = "errand"'), "survey.toml:18: error: choice id 'errand' is used twice"),
        (
            ("valid_until = 2027-03-31", "valid_until = 2026-03-31"),
            "survey.toml:3: error: valid_until 2026-03-31 is before valid_from 2027-01-01",
        ),
        (("valid_until = 2027-03-31", "valid_until = 2027-02-30"), "survey.toml:3: error: malformed TOML"),
        (
            ("valid_until = 2027-03-31", 'valid_until = "soon"'),
            "survey.toml:3: error: valid_until must be a date like 2026-12-31",
        ),
        (
            ('en = "How do you rate the service?" }', 'de = "Wie?" }'),
            "survey.toml:8: error: 'de' in text is not one of the site's languages",
        ),
        (
            ('  { id = "info", text = { pl = "Informacja", en = "Information" } },\n', ""),
            "survey.toml:16: error: a choice question needs 2 to 6 choices, got 1",
        ),
        (('low = { pl = "źle", en = "poor" }', "low = 1"), "survey.toml:9: error: low must be written low ="),
        (('id = "q1-2027"\n', ""), "survey.toml: error: id is missing"),
    ],
)
def test_mistakes_are_reported_with_file_and_line(
    make_content: Make, change: tuple[str, str], expected: str
) -> None:
    old, new = change
    assert old in GOOD
    c = folder(make_content, GOOD.replace(old, new, 1))
    found = messages(c)
    assert any(m.startswith(expected) for m in found), found
    assert load_content(c.root).survey is None  # a survey in error is not offered
    assert any("not offered until they are fixed" in m for m in found)


def test_a_missing_language_is_a_warning_and_the_survey_still_runs(make_content: Make) -> None:
    c = folder(make_content, GOOD.replace(', en = "How do you rate the service?"', ""))
    assert messages(c) == ["survey.toml:8: warning: text has no 'en' text; the 'pl' one is shown"]
    survey = load_content(c.root).survey
    assert survey is not None and survey.questions[0].text("en", "pl") == "Jak oceniasz obsługę?"


def test_at_most_five_questions(make_content: Make) -> None:
    extra = "".join(
        f'\n[[question]]\nid = "q{n}"\ntype = "scale"\ntext = {{ pl = "Pytanie {n}", en = "Question {n}" }}\n'
        for n in range(MAX_QUESTIONS)
    )
    c = folder(make_content, GOOD + extra)
    found = messages(c)
    assert any("error: at most 5 questions: question 6 and later are too many" in m for m in found), found


def test_malformed_toml_and_bad_bytes_do_not_stop_the_content(make_content: Make) -> None:
    c = folder(make_content, 'id = "x\n')
    assert any(m.startswith("survey.toml:1: error: malformed TOML") for m in messages(c))
    assert "hours" in load_content(c.root).site.pages
    (c.root / "survey.toml").write_bytes(b'id = "x"\n\xff\n')
    assert any(m.startswith("survey.toml:2: error: file is not valid UTF-8") for m in messages(c))


def test_unknown_keys_are_warnings(make_content: Make) -> None:
    c = folder(make_content, GOOD.replace('id = "q1-2027"', 'id = "q1-2027"\ncolour = "red"'))
    assert messages(c) == ["survey.toml:2: warning: unknown key 'colour' is ignored"]
    assert load_content(c.root).survey is not None


def test_kiosk_check_reports_the_survey(make_content: Make, capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    from kiosk.commands import check

    c = folder(make_content, GOOD.replace('type = "scale"', 'type = "stars"', 1))
    assert check.run(argparse.Namespace(folder=c.root)) == 1
    out = capsys.readouterr().out
    assert "survey.toml:7: error: type must be \"scale\" (1 to 5) or \"choice\", got 'stars'" in out
    assert "FAILED: 1 error" in out
