"""The quarterly ISO 9001 review report as a PDF, with charts drawn by Qt Charts.

Qt Charts (PySide6-Addons, already a dependency of the kiosk) draws into the same
QPainter as the text, so the charts stay vector graphics in the PDF and no other
library is needed. Needs a QApplication (charts are graphics widgets); the command
makes one on the offscreen platform. Every visible string goes through ``_()`` in the
language of the report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QGraphicsScene

from kiosk.i18n import _, ngettext
from kiosk.stats.labels import feature_label, outcome_label, reason_label
from kiosk.stats.report import Report, duration_text

RESOLUTION = 144  # dots per inch of the PDF's coordinate system (text and charts are vector)
FONT_FAMILY = "DejaVu Sans"
BAR_COLOUR = QColor("#1f5f99")
NO_COLOUR = QColor("#b3261e")
ROW_LIMIT = 10
SURVEY_CHART_HEIGHT = 220


def _font(points: float, is_bold: bool = False) -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(points)
    font.setBold(is_bold)
    return font


class _Canvas:
    """A top-to-bottom writer over A4 pages: headings, paragraphs, tables, charts."""

    def __init__(self, path: Path, title: str) -> None:
        self.writer = QPdfWriter(str(path))
        self.writer.setTitle(title)
        self.writer.setCreator("mszczonow-kiosk")
        self.writer.setResolution(RESOLUTION)
        self.writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(16, 16, 16, 16),
                QPageLayout.Unit.Millimeter,
            )
        )
        self.painter = QPainter(self.writer)
        self.painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.writer.pageLayout().paintRectPixels(RESOLUTION)
        self.width = float(rect.width())
        self.height = float(rect.height())
        self.y = 0.0
        self.pages = 1

    def finish(self) -> None:
        self.painter.end()

    def need(self, height: float) -> None:
        if self.y + height > self.height and self.y > 0:
            self.writer.newPage()
            self.pages += 1
            self.y = 0.0

    def text(self, text: str, points: float = 10, is_bold: bool = False, gap: float = 6) -> None:
        font = _font(points, is_bold)
        self.painter.setFont(font)
        metrics = QFontMetricsF(font, self.writer)
        flags = int(Qt.TextFlag.TextWordWrap)
        bounds = metrics.boundingRect(QRectF(0, 0, self.width, 10_000), flags, text)
        self.need(bounds.height() + gap)
        self.painter.setPen(QColor("black"))
        self.painter.drawText(QRectF(0, self.y, self.width, bounds.height() + 2), flags, text)
        self.y += bounds.height() + gap

    def heading(self, text: str) -> None:
        self.need(120)  # never a heading alone at the foot of a page
        self.y += 10
        self.text(text, 14, is_bold=True, gap=8)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> None:
        """Columns by share of the width; the first column left, the rest right-aligned."""
        font = _font(9)
        bold = _font(9, is_bold=True)
        metrics = QFontMetricsF(font, self.writer)
        line = metrics.height() * 1.35
        total = sum(widths)
        columns = [w / total * self.width for w in widths]

        bold_metrics = QFontMetricsF(bold, self.writer)
        wrap = int(Qt.TextFlag.TextWordWrap)

        def draw(cells: Sequence[str], is_header: bool) -> None:
            height = line
            if is_header:  # headings wrap onto more lines; cells are cut short instead
                for cell, width in zip(cells, columns, strict=True):
                    box = bold_metrics.boundingRect(QRectF(0, 0, width - 8, 1000), wrap, cell)
                    height = max(height, box.height() + line * 0.35)
            if not is_header and self.y + height > self.height:
                self.need(height)
                draw(header, True)  # a table that runs onto the next page repeats its headings
            self.need(height)
            self.painter.setFont(bold if is_header else font)
            x = 0.0
            for index, (cell, width) in enumerate(zip(cells, columns, strict=True)):
                align = Qt.AlignmentFlag.AlignLeft if index == 0 else Qt.AlignmentFlag.AlignRight
                rect = QRectF(x, self.y, width - 8, height)
                if is_header:
                    self.painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignBottom) | wrap, cell)
                else:
                    shown = metrics.elidedText(cell, Qt.TextElideMode.ElideRight, width - 8)
                    self.painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), shown)
                x += width
            self.y += height
            if is_header:
                self.painter.drawLine(0, int(self.y), int(self.width), int(self.y))

        draw(header, True)
        for row in rows:
            draw(row, False)
        self.y += 10

    def chart(self, chart: QChart, height: float) -> None:
        self.need(height + 10)
        scene = QGraphicsScene()
        scene.addItem(chart)
        chart.resize(self.width, height)
        target = QRectF(0, self.y, self.width, height)
        scene.render(self.painter, target, QRectF(0, 0, self.width, height))
        scene.removeItem(chart)
        self.y += height + 10


def bar_chart(
    title: str,
    categories: Sequence[str],
    values: Sequence[int],
    *,
    is_horizontal: bool = False,
    colour: QColor = BAR_COLOUR,
    rotate_labels: bool = False,
) -> QChart:
    chart = QChart()
    if title:
        chart.setTitle(title)
    chart.setTitleFont(_font(16, is_bold=True))
    chart.legend().hide()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(0)
    bars = QBarSet(title)
    bars.setColor(colour)
    for value in values:
        bars.append(float(value))
    series: QBarSeries | QHorizontalBarSeries = QHorizontalBarSeries() if is_horizontal else QBarSeries()
    series.append(bars)
    series.setBarWidth(0.8)
    chart.addSeries(series)
    axis_categories = QBarCategoryAxis()
    axis_categories.append(list(categories))
    axis_categories.setLabelsFont(_font(11))
    axis_categories.setTruncateLabels(False)
    if rotate_labels:
        axis_categories.setLabelsAngle(-90)
    axis_values = QValueAxis()
    axis_values.setLabelFormat("%d")
    axis_values.setLabelsFont(_font(11))
    top = max([*values, 1])
    axis_values.setRange(0, top * 1.1)
    axis_values.applyNiceNumbers()
    if is_horizontal:
        chart.addAxis(axis_values, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_categories, Qt.AlignmentFlag.AlignLeft)
    else:
        chart.addAxis(axis_categories, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_values, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_categories)
    series.attachAxis(axis_values)
    return chart


def visits_by_period(report: Report) -> tuple[str, list[str], list[int]]:
    """Visits per day for a month or less, per week (from Monday) for longer ranges."""
    days = report.visits_per_day
    if len(days) <= 31:
        # Translators: the title of the chart of visits per day in the statistics report.
        return _("Visits per day"), [d.strftime("%d.%m") for d, _n in days], [n for _d, n in days]
    weeks: dict[dt.date, int] = {}
    for day, n in days:  # a week cut by the range starts at the range's first day
        monday = max(day - dt.timedelta(days=day.weekday()), days[0][0])
        weeks[monday] = weeks.get(monday, 0) + n
    # Translators: the title of the chart of visits per week (weeks start on the date shown).
    title = _("Visits per week (from Monday)")
    return title, [d.strftime("%d.%m") for d in weeks], list(weeks.values())


def write_pdf(report: Report, path: Path, office: str = "") -> int:
    """Draw ``report`` into ``path``; the number of pages written."""
    # Translators: the title of the quarterly statistics report of the kiosk (PDF).
    title = _("Information kiosk: report for the ISO 9001 management review")
    canvas = _Canvas(path, title)
    try:
        _draw(canvas, report, title, office)
    finally:
        canvas.finish()
    return canvas.pages


def _period(report: Report) -> str:
    first = report.first_day or (report.visits_per_day[0][0] if report.visits_per_day else None)
    last = report.last_day or (report.visits_per_day[-1][0] if report.visits_per_day else None)
    if first is None or last is None:
        # Translators: the report's period when the database holds nothing yet.
        return _("no records yet")
    return f"{first.strftime('%d.%m.%Y')} – {last.strftime('%d.%m.%Y')}"


def _draw(canvas: _Canvas, report: Report, title: str, office: str) -> None:
    canvas.text(title, 18, is_bold=True, gap=4)
    if office:
        canvas.text(office, 12, gap=4)
    # Translators: the period a statistics report covers, e.g. "Period: 01.01.2027 – 31.03.2027".
    canvas.text(_("Period: %(period)s") % {"period": _period(report)}, 12, gap=14)
    answered = sum(p.answers for p in report.helpfulness)
    yes = sum(p.yes for p in report.helpfulness)
    facts = [
        # Translators: summary line of the statistics report.
        _("Visits: %(n)d") % {"n": report.visits},
        # Translators: summary line of the statistics report; a duration like "2 min 05 s".
        _("Mean length of a visit: %(length)s") % {"length": duration_text(report.mean_seconds)},
        # Translators: summary line of the statistics report: visits per language, e.g. "pl 120, en 14".
        _("Visits by language: %(languages)s")
        % {"languages": ", ".join(f"{lang} {n}" for lang, n in report.visits_by_language) or "–"},
        # Translators: summary line of the statistics report.
        _("Pages opened: %(n)d") % {"n": report.page_views},
        # Translators: summary line of the statistics report: answers to "Was this information helpful?".
        _('"Was this helpful?" answers: %(n)d, of them "yes": %(share)s')
        % {"n": answered, "share": f"{yes / answered:.0%}" if answered else "–"},
        # Translators: summary line of the statistics report.
        _("Searches that found nothing: %(n)d") % {"n": report.failed_searches},
    ]
    for line in facts:
        canvas.text(line, 11, gap=3)
    canvas.y += 8
    # Translators: a note under the summary of the statistics report.
    canvas.text(
        _(
            "All figures are anonymous: times are rounded to the hour, nothing a visitor "
            "types is kept except searches without digits, and survey answers are counts."
        ),
        9,
    )

    chart_title, labels, values = visits_by_period(report)
    canvas.chart(bar_chart(chart_title, labels, values, rotate_labels=len(labels) > 14), 330)
    hours = [h for h, n in enumerate(report.visits_per_hour) if n] or [8, 15]
    span = range(min(hours), max(hours) + 1)
    canvas.chart(
        bar_chart(
            # Translators: the title of the chart of visits by hour of the day.
            _("Visits by hour of the day"),
            [f"{h:02d}" for h in span],
            [report.visits_per_hour[h] for h in span],
        ),
        280,
    )

    # Translators: a heading in the statistics report.
    canvas.heading(_("Most opened pages"))
    if report.top_pages:
        pages = list(reversed(report.top_pages[:ROW_LIMIT]))
        canvas.chart(
            bar_chart(
                # Translators: the title of the chart of the most opened pages.
                _("Pages opened"),
                [report.title(p) for p, _n in pages],
                [n for _p, n in pages],
                is_horizontal=True,
            ),
            40 + 34 * len(pages),
        )
    else:
        canvas.text(_("None in this period."))

    # Translators: a heading in the statistics report.
    canvas.heading(_("Least helpful pages"))
    least = report.least_helpful[:ROW_LIMIT]
    if least:
        reasons = [reason_label(r) for r in least[0].reasons]
        canvas.table(
            # Translators: column headings of the table of least helpful pages.
            [_("Page"), _("Yes"), _("No"), _("Share of no"), *reasons],
            [
                [report.title(p.page), str(p.yes), str(p.no), f"{p.no_share:.0%}"]
                + [str(n) for n in p.reasons.values()]
                for p in least
            ],
            [3.2, 0.7, 0.7, 1.0, 2.2, 2.0, 1.8],
        )
    else:
        canvas.text(_("None in this period."))

    # Translators: a heading in the statistics report.
    canvas.heading(_("Searches that found nothing"))
    canvas.text(
        ngettext(
            "%(n)d search found nothing; %(withheld)d of them are not stored (digits or too long).",
            "%(n)d searches found nothing; %(withheld)d of them are not stored (digits or too long).",
            report.failed_searches,
        )
        % {"n": report.failed_searches, "withheld": report.withheld_searches},
        10,
    )
    if report.top_failed_searches:
        # Translators: column headings of the table of searches that found nothing.
        canvas.table([_("Search"), _("Times")], [[q, str(n)] for q, n in report.top_failed_searches], [5, 1])

    # Translators: a heading in the statistics report.
    canvas.heading(_("Accessibility features used"))
    if report.features:
        share = (lambda n: f"{n / report.visits:.0%}") if report.visits else (lambda n: "–")
        canvas.table(
            # Translators: column headings of the table of accessibility features used.
            [_("Feature"), _("Visits"), _("Share of visits")],
            [[feature_label(f, v), str(n), share(n)] for f, v, n in report.features],
            [4, 1, 1],
        )
    else:
        canvas.text(_("None in this period."))

    for result in report.surveys:
        # Translators: a heading in the statistics report; the survey's id follows.
        canvas.heading(_("Satisfaction survey %(survey)s") % {"survey": result.survey})
        outcomes = ", ".join(f"{outcome_label(o)}: {n}" for o, n in result.outcomes.items())
        # Translators: how often the survey was offered, then how each offer ended.
        canvas.text(_("Offered %(n)d times. %(outcomes)s") % {"n": result.offered, "outcomes": outcomes}, 10)
        for question in result.questions:
            canvas.need(SURVEY_CHART_HEIGHT + 90)  # the question stays with its chart
            canvas.text(question.text, 11, is_bold=True, gap=2)
            if question.mean is not None:
                # Translators: under a survey question: how many answered and the mean on the 1–5 scale.
                summary = _("%(n)d answers, mean %(mean)s on a scale of 1 to 5") % {
                    "n": question.total,
                    "mean": f"{question.mean:.2f}",
                }
            else:
                summary = ngettext("%(n)d answer", "%(n)d answers", question.total) % {"n": question.total}
            canvas.text(summary, 10, gap=0)
            canvas.chart(
                bar_chart(
                    "", [question.labels.get(a, a) for a in question.counts], list(question.counts.values())
                ),
                SURVEY_CHART_HEIGHT,
            )
    # Translators: the last line of the statistics report; the date it was made.
    canvas.text(_("Made by 'kiosk stats' on %(day)s.") % {"day": _today_text()}, 8)


def _today_text() -> str:
    from kiosk.today.clock import SystemClock

    return SystemClock().now().strftime("%d.%m.%Y")
