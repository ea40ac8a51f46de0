"""The numbers of ``kiosk stats``: one query per table, over a range of days.

:func:`build_report` reads a statistics database into a :class:`Report`; the text,
CSV and PDF outputs and the staff panel's glance are all drawn from that one object,
so they always agree. Page titles and survey texts come from the content, when given.
"""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from kiosk.content.survey import Survey, pick_text
from kiosk.stats.events import HOUR_FORMAT, Reason, SurveyOutcome

TOP = 10


@dataclass(frozen=True)
class PageHelpfulness:
    page: str
    yes: int
    no: int
    reasons: dict[str, int]  # Reason value → count

    @property
    def answers(self) -> int:
        return self.yes + self.no

    @property
    def no_share(self) -> float:
        return self.no / self.answers if self.answers else 0.0


@dataclass(frozen=True)
class QuestionResult:
    question: str
    text: str  # the question in the report's language, or its id
    counts: dict[str, int]  # answer → count, in the survey's order when known
    labels: dict[str, str]  # answer → how to show it
    is_scale: bool

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def mean(self) -> float | None:
        """Mean of a 1–5 scale, None for a choice or with no answers."""
        if not self.is_scale or not self.total:
            return None
        return sum(int(answer) * n for answer, n in self.counts.items()) / self.total


@dataclass(frozen=True)
class SurveyResult:
    survey: str
    outcomes: dict[str, int]  # SurveyOutcome value → count
    questions: list[QuestionResult]

    @property
    def offered(self) -> int:
        return sum(self.outcomes.values())


@dataclass
class Report:
    first_day: dt.date | None  # the range asked for (None: from the first record)
    last_day: dt.date | None
    visits: int = 0
    mean_seconds: float = 0.0
    median_seconds: float = 0.0
    visits_by_language: list[tuple[str, int]] = field(default_factory=list)
    visits_per_day: list[tuple[dt.date, int]] = field(default_factory=list)
    visits_per_hour: list[int] = field(default_factory=lambda: [0] * 24)
    page_views: int = 0
    top_pages: list[tuple[str, int]] = field(default_factory=list)
    helpfulness: list[PageHelpfulness] = field(default_factory=list)  # least helpful first
    failed_searches: int = 0
    withheld_searches: int = 0  # found nothing, query not stored (digits, too long)
    top_failed_searches: list[tuple[str, int]] = field(default_factory=list)
    features: list[tuple[str, str, int]] = field(default_factory=list)  # feature, value, visits
    surveys: list[SurveyResult] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)  # page id → title

    def title(self, page: str) -> str:
        return self.titles.get(page, page)

    @property
    def least_helpful(self) -> list[PageHelpfulness]:
        """Pages with at least one "no", the largest share of "no" first."""
        return [p for p in self.helpfulness if p.no]


def _range_clause(first_day: dt.date | None, last_day: dt.date | None) -> tuple[str, list[str]]:
    parts: list[str] = []
    params: list[str] = []
    if first_day is not None:
        parts.append("hour >= ?")
        params.append(dt.datetime.combine(first_day, dt.time()).strftime(HOUR_FORMAT))
    if last_day is not None:
        parts.append("hour < ?")
        params.append(dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time()).strftime(HOUR_FORMAT))
    return (" WHERE " + " AND ".join(parts)) if parts else "", params


def build_report(
    conn: sqlite3.Connection,
    first_day: dt.date | None = None,
    last_day: dt.date | None = None,
    *,
    titles: dict[str, str] | None = None,
    survey: Survey | None = None,
    lang: str = "",
    top: int = TOP,
) -> Report:
    """The report for the days ``first_day`` to ``last_day`` (both included)."""
    where, params = _range_clause(first_day, last_day)
    report = Report(first_day, last_day, titles=dict(titles or {}))

    per_day: dict[str, int] = defaultdict(int)
    lengths: list[int] = []
    languages: dict[str, int] = defaultdict(int)
    query = f"SELECT hour, lang, seconds FROM visits{where}"
    for hour, lang_code, seconds in conn.execute(query, params):
        per_day[hour[:10]] += 1
        report.visits_per_hour[int(hour[11:13])] += 1
        languages[lang_code] += 1
        lengths.append(seconds)
    report.visits = len(lengths)
    if lengths:
        report.mean_seconds = statistics.fmean(lengths)
        report.median_seconds = float(statistics.median(lengths))
    report.visits_by_language = sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))
    report.visits_per_day = _days_filled(per_day, first_day, last_day)

    rows = conn.execute(
        f"SELECT page, sum(count) AS n FROM page_views{where} GROUP BY page ORDER BY n DESC, page", params
    ).fetchall()
    report.page_views = sum(n for _, n in rows)
    report.top_pages = [(page, n) for page, n in rows[:top]]

    helpful: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for page, answer, reason, n in conn.execute(
        f"SELECT page, answer, reason, sum(count) FROM helpful{where} GROUP BY page, answer, reason", params
    ):
        helpful[page][f"{answer}:{reason}" if reason else answer] += n
    pages = []
    for page, counts in helpful.items():
        reasons = {r.value: counts.get(f"no:{r.value}", 0) for r in Reason}
        pages.append(PageHelpfulness(page, counts.get("yes", 0), counts.get("no", 0), reasons))
    report.helpfulness = sorted(pages, key=lambda p: (-p.no_share, -p.no, p.page))

    searches = conn.execute(
        f"SELECT query, sum(count) AS n FROM failed_searches{where} GROUP BY query ORDER BY n DESC, query",
        params,
    ).fetchall()
    report.failed_searches = sum(n for _, n in searches)
    report.withheld_searches = sum(n for q, n in searches if q == "")
    report.top_failed_searches = [(q, n) for q, n in searches if q][:top]

    report.features = [
        (feature, value, n)
        for feature, value, n in conn.execute(
            f"SELECT feature, value, sum(count) AS n FROM features{where} "
            "GROUP BY feature, value ORDER BY feature, n DESC, value",
            params,
        )
    ]
    report.surveys = _surveys(conn, where, params, survey, lang)
    return report


def _days_filled(
    per_day: dict[str, int], first_day: dt.date | None, last_day: dt.date | None
) -> list[tuple[dt.date, int]]:
    """Every day of the range with its visits, days without any as 0."""
    days = sorted(per_day)
    start = first_day or (dt.date.fromisoformat(days[0]) if days else None)
    end = last_day or (dt.date.fromisoformat(days[-1]) if days else None)
    if start is None or end is None or end < start:
        return []
    out = []
    day = start
    while day <= end:
        out.append((day, per_day.get(day.isoformat(), 0)))
        day += dt.timedelta(days=1)
    return out


def _surveys(
    conn: sqlite3.Connection, where: str, params: list[str], survey: Survey | None, lang: str
) -> list[SurveyResult]:
    outcomes: dict[str, dict[str, int]] = defaultdict(dict)
    for survey_id, outcome, n in conn.execute(
        f"SELECT survey, outcome, sum(count) FROM survey_outcomes{where} GROUP BY survey, outcome", params
    ):
        outcomes[survey_id][outcome] = n
    answers: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for survey_id, question, answer, n in conn.execute(
        f"SELECT survey, question, answer, sum(count) FROM survey_answers{where} "
        "GROUP BY survey, question, answer",
        params,
    ):
        answers[survey_id][question][answer] = n
    results = []
    for survey_id in sorted(set(outcomes) | set(answers)):
        known = survey if survey is not None and survey.id == survey_id else None
        fallback = lang
        questions: list[QuestionResult] = []
        order = [q.id for q in known.questions] if known else []
        order += sorted(q for q in answers[survey_id] if q not in order)
        for question_id in order:
            counts = answers[survey_id].get(question_id, {})
            definition = known.question(question_id) if known else None
            if definition is not None:
                keys = list(definition.answers())
                keys += sorted(a for a in counts if a not in keys)
                is_scale = definition.type == "scale"
                text = definition.text(lang, fallback)
                labels = {c.id: c.text(lang, fallback) for c in definition.choices}
                if definition.low:
                    labels["1"] = f"1 ({pick_text(definition.low, lang, fallback)})"
                if definition.high:
                    labels["5"] = f"5 ({pick_text(definition.high, lang, fallback)})"
            else:
                keys = sorted(counts)
                is_scale = bool(counts) and all(a in {"1", "2", "3", "4", "5"} for a in counts)
                text = question_id
                labels = {}
            if is_scale:
                keys = [k for k in keys if k in {"1", "2", "3", "4", "5"}]
            ordered = {k: counts.get(k, 0) for k in keys}
            questions.append(
                QuestionResult(question_id, text, ordered, {k: labels.get(k, k) for k in keys}, is_scale)
            )
        ordered_outcomes = {o.value: outcomes[survey_id].get(o.value, 0) for o in SurveyOutcome}
        results.append(SurveyResult(survey_id, ordered_outcomes, questions))
    return results


def _range_text(report: Report) -> str:
    first = report.first_day.isoformat() if report.first_day else "the first record"
    last = report.last_day.isoformat() if report.last_day else "the last record"
    return f"{first} to {last}"


def duration_text(seconds: float) -> str:
    minutes, rest = divmod(int(round(seconds)), 60)
    return f"{minutes} min {rest:02d} s"


def format_text(report: Report) -> str:
    """The report for the terminal (staff's own language is English in commands)."""
    out = [f"Kiosk statistics, {_range_text(report)}", ""]
    out.append(
        f"Visits: {report.visits}; mean length {duration_text(report.mean_seconds)}, "
        f"median {duration_text(report.median_seconds)}"
    )
    if report.visits_by_language:
        out.append("  by language: " + ", ".join(f"{lang} {n}" for lang, n in report.visits_by_language))
    busiest = sorted(((n, h) for h, n in enumerate(report.visits_per_hour) if n), reverse=True)[:3]
    if busiest:
        out.append("  busiest hours: " + ", ".join(f"{h:02d}:00 ({n})" for n, h in busiest))
    out += ["", "Visits per day:"]
    out += [f"  {day.isoformat()}  {n}" for day, n in report.visits_per_day if n]
    out += ["", "Visits per hour of the day:"]
    out += [f"  {h:02d}:00  {n}" for h, n in enumerate(report.visits_per_hour) if n]
    out += ["", f"Top pages ({report.page_views} openings, a page counted once per visit):"]
    out += [f"  {n:6d}  {report.title(page)}" for page, n in report.top_pages]
    out += ["", "Least helpful pages (yes / no; reasons):"]
    for p in report.least_helpful[:TOP]:
        reasons = ", ".join(f"{r.replace('_', ' ')} {n}" for r, n in p.reasons.items() if n)
        reasons = reasons or "no reason given"
        out.append(f"  {report.title(p.page)}: {p.yes} / {p.no} ({p.no_share:.0%} no); {reasons}")
    out += [
        "",
        f"Searches that found nothing: {report.failed_searches} "
        f"({report.withheld_searches} not stored: digits or too long)",
    ]
    out += [f"  {n:6d}  {q}" for q, n in report.top_failed_searches]
    out += ["", "Accessibility features (visits that used them):"]
    out += [f"  {n:6d}  {feature.replace('_', ' ')}: {value}" for feature, value, n in report.features]
    for result in report.surveys:
        out += ["", f"Survey {result.survey}: offered {result.offered} times"]
        out.append("  " + ", ".join(f"{o} {n}" for o, n in result.outcomes.items()))
        for q in result.questions:
            mean = f", mean {q.mean:.2f}" if q.mean is not None else ""
            out.append(f"  {q.text} ({q.total} answers{mean})")
            out.append("    " + ", ".join(f"{q.labels.get(a, a)}: {n}" for a, n in q.counts.items()))
    return "\n".join(out) + "\n"


CSV_HEADER = ("section", "item", "detail", "count")


def write_csv(report: Report, stream: TextIO) -> None:
    """The report as one long table (section, item, detail, count) for a spreadsheet."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerow(("range", report.first_day or "", report.last_day or "", ""))
    writer.writerow(("visits", "total", "", report.visits))
    writer.writerow(("visits", "mean_seconds", "", round(report.mean_seconds)))
    writer.writerow(("visits", "median_seconds", "", round(report.median_seconds)))
    for lang, n in report.visits_by_language:
        writer.writerow(("visits_by_language", lang, "", n))
    for day, n in report.visits_per_day:
        writer.writerow(("visits_per_day", day.isoformat(), "", n))
    for hour, n in enumerate(report.visits_per_hour):
        writer.writerow(("visits_per_hour", f"{hour:02d}:00", "", n))
    for page, n in report.top_pages:
        writer.writerow(("top_pages", page, report.title(page), n))
    for p in report.helpfulness:
        writer.writerow(("helpful", p.page, "yes", p.yes))
        writer.writerow(("helpful", p.page, "no", p.no))
        for reason, n in p.reasons.items():
            writer.writerow(("helpful_reason", p.page, reason, n))
    writer.writerow(("failed_searches", "total", "", report.failed_searches))
    writer.writerow(("failed_searches", "not_stored", "", report.withheld_searches))
    for text, n in report.top_failed_searches:
        writer.writerow(("failed_search", text, "", n))
    for feature, value, n in report.features:
        writer.writerow(("feature", feature, value, n))
    for result in report.surveys:
        for outcome, n in result.outcomes.items():
            writer.writerow(("survey_outcome", result.survey, outcome, n))
        for q in result.questions:
            for answer, n in q.counts.items():
                writer.writerow(("survey_answer", f"{result.survey}/{q.question}", answer, n))
            if q.mean is not None:
                writer.writerow(("survey_mean", f"{result.survey}/{q.question}", "", f"{q.mean:.2f}"))


def open_report_database(path: Path) -> sqlite3.Connection:
    """A connection for reading a statistics database (see :func:`kiosk.stats.store.connect`)."""
    from kiosk.stats import store

    return store.connect(path, is_writer=False)
