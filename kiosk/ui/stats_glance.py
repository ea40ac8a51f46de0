"""The staff panel's last 30 days at a glance: visits per day, the five least helpful
pages and the five searches that most often found nothing.

:func:`glance_report` reads the database (a few milliseconds for 30 days; it opens
the file read-side while the kiosk's writer thread keeps writing, which WAL allows);
:class:`StatsGlance` only shows a :class:`~kiosk.stats.report.Report`.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.i18n import _, ngettext
from kiosk.stats import store
from kiosk.stats.report import Report, build_report
from kiosk.ui.widgets import set_role

log = logging.getLogger(__name__)

GLANCE_DAYS = 30
GLANCE_ROWS = 5


def glance_report(path: Path, today: dt.date, titles: dict[str, str] | None = None) -> Report | None:
    """The report for the 30 days up to ``today``; None when there are no statistics."""
    if not path.is_file():
        return None
    try:
        conn = store.connect(path, is_writer=False)
    except (store.StatsDatabaseError, sqlite3.Error) as exc:
        log.warning("statistics cannot be read: %s", exc)
        return None
    try:
        first = today - dt.timedelta(days=GLANCE_DAYS - 1)
        return build_report(conn, first, today, titles=titles, top=GLANCE_ROWS)
    except sqlite3.Error as exc:
        log.warning("statistics cannot be read: %s", exc)
        return None
    finally:
        conn.close()


def page_titles(site: Any, lang: str) -> dict[str, str]:
    """Page id → its title in ``lang`` (or the nearest language), for the report."""
    titles: dict[str, str] = {}
    for page_id in site.pages:
        variant = site.page_variant(page_id, lang)
        if variant is not None:
            titles[page_id] = variant.title
    return titles


def _charts_available() -> bool:
    """Qt Charts is in PySide6-Addons; the installer bundle leaves it out (its size), so
    there the visits per day are written as text instead of drawn."""
    try:
        import PySide6.QtCharts  # noqa: F401
    except ImportError:
        return False
    return True


class StatsGlance(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stats-glance")
        self.report: Report | None = None
        self.title = QLabel()
        set_role(self.title, "heading")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.has_chart = _charts_available()
        self.chart_view: Any
        if self.has_chart:
            from PySide6.QtCharts import QChartView

            self.chart_view = QChartView()
            self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.chart_view.setMinimumHeight(220)
        else:
            self.chart_view = QLabel()  # the visits per day as text
            self.chart_view.setWordWrap(True)
        self.helpful_title = QLabel()
        self.helpful_list = QLabel()
        self.search_title = QLabel()
        self.search_list = QLabel()
        for label in (self.helpful_title, self.search_title):
            label.setStyleSheet("font-weight: bold;")
        for label in (self.title, self.helpful_title, self.search_title):
            label.setWordWrap(True)  # never wider than the panel at large text sizes
        for label in (self.helpful_list, self.search_list):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # Side by side when both fit, one above the other at large text sizes.
        self._lists = QGridLayout()
        self._is_side_by_side: bool | None = None
        self._arrange_lists(is_side_by_side=True)
        lists = self._lists
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.chart_view, 1)
        layout.addLayout(lists)
        self.retranslate()

    def _arrange_lists(self, is_side_by_side: bool) -> None:
        if is_side_by_side == self._is_side_by_side:
            return
        self._is_side_by_side = is_side_by_side
        grid = self._lists
        for label in (self.helpful_title, self.helpful_list, self.search_title, self.search_list):
            grid.removeWidget(label)
        if is_side_by_side:
            grid.addWidget(self.helpful_title, 0, 0)
            grid.addWidget(self.search_title, 0, 1)
            grid.addWidget(self.helpful_list, 1, 0)
            grid.addWidget(self.search_list, 1, 1)
        else:
            column = (self.helpful_title, self.helpful_list, self.search_title, self.search_list)
            for row, label in enumerate(column):
                grid.addWidget(label, row, 0)

    def _fit_lists(self) -> None:
        """Side by side only when every line of both lists fits in half the width."""
        widest = 0
        for label in (self.helpful_title, self.helpful_list, self.search_title, self.search_list):
            metrics = label.fontMetrics()
            widest = max([widest, *(metrics.horizontalAdvance(line) for line in label.text().splitlines())])
        self._arrange_lists(is_side_by_side=2 * widest + 40 <= self.width())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_lists()

    def show_report(self, report: Report | None) -> None:
        """Show ``report`` (from :func:`glance_report`); None: statistics are off or empty."""
        self.report = report
        self.retranslate()

    def least_helpful_lines(self) -> list[str]:
        if self.report is None:
            return []
        return [
            # Translators: a line in the staff panel: a page and how many said it was not helpful.
            _("%(page)s: %(no)d of %(answers)d said no")
            % {"page": self.report.title(p.page), "no": p.no, "answers": p.answers}
            for p in self.report.least_helpful[:GLANCE_ROWS]
        ]

    def failed_search_lines(self) -> list[str]:
        if self.report is None:
            return []
        return [
            ngettext("%(query)s (%(n)d time)", "%(query)s (%(n)d times)", n) % {"query": query, "n": n}
            for query, n in self.report.top_failed_searches[:GLANCE_ROWS]
        ]

    def retranslate(self) -> None:
        # Translators: the heading of the statistics in the staff panel.
        self.title.setText(_("The last 30 days"))
        # Translators: a heading in the staff panel's statistics.
        self.helpful_title.setText(_("Least helpful pages"))
        # Translators: a heading in the staff panel's statistics.
        self.search_title.setText(_("Searches that found nothing"))
        report = self.report
        if report is None:
            # Translators: the staff panel when no statistics are kept or none recorded yet.
            self.summary.setText(_("No statistics yet. They are kept when kiosk.toml has statistics = true."))
            self.chart_view.hide()
            self.helpful_list.setText("")
            self.search_list.setText("")
            return
        visits = ngettext("%(n)d visit", "%(n)d visits", report.visits) % {"n": report.visits}
        # Translators: in the staff panel, the number of pages opened in the last 30 days.
        pages = ngettext("%(n)d page opened", "%(n)d pages opened", report.page_views)
        self.summary.setText(f"{visits} · {pages % {'n': report.page_views}}")
        days = report.visits_per_day
        # Translators: the title of the chart of visits per day in the staff panel.
        title = _("Visits per day")
        if self.has_chart:
            from kiosk.stats.pdf import bar_chart

            labels = [day.strftime("%d.%m") for day, _n in days]
            chart = bar_chart(title, labels, [n for _day, n in days], rotate_labels=True)
            self.chart_view.setChart(chart)
        else:
            self.chart_view.setText(f"{title}: " + " · ".join(f"{day:%d.%m} {n}" for day, n in days))
        self.chart_view.show()
        none = _("None in this period.")
        self.helpful_list.setText("\n".join(self.least_helpful_lines()) or none)
        self.search_list.setText("\n".join(self.failed_search_lines()) or none)
        self._fit_lists()
