"""A page's tables read from its HTML, measured, and written as cards (no Qt)."""

from __future__ import annotations

import pytest

from kiosk.content.tables import (
    SOFT_HYPHEN,
    Box,
    Word,
    cards_html,
    column_needs,
    column_shares,
    fields,
    find_tables,
    measure_cell,
    table_width_needed,
    with_cards,
)

HOURS = (
    "<p>Przed.</p>"
    "<table>\n<thead>\n<tr>\n<th>Dzień</th>\n<th>Urząd</th>\n"
    "<th>Kasa <strong>(pokój 4)</strong></th>\n</tr>\n</thead>\n<tbody>\n"
    "<tr>\n<td>Poniedziałek</td>\n<td>8:00–17:00</td>\n<td>8:15–16:30</td>\n</tr>\n"
    '<tr>\n<td>Sobota</td>\n<td colspan="2">nieczynne &amp; <a href="page:x">zamknięte</a></td>\n</tr>\n'
    "</tbody>\n</table>"
    "<p>Po.</p>"
)


def chars(word: Word) -> float:
    """A measure for tests: 10 px a character, 20 px an image."""
    return 20.0 if word.image else 10.0 * sum(len(text) for text, _style in word.parts)


def test_a_table_is_read_with_its_place_headers_and_cells() -> None:
    (table,) = find_tables(HOURS)
    assert HOURS[table.start : table.end].startswith("<table>")
    assert HOURS[table.start : table.end].endswith("</table>")
    assert table.headers == ["Dzień", "Urząd", "Kasa (pokój 4)"]
    assert table.columns == 3
    monday, saturday = table.rows
    assert [c.text for c in monday] == ["Poniedziałek", "8:00–17:00", "8:15–16:30"]
    assert saturday[1].span == 2
    assert saturday[1].text == "nieczynne & zamknięte"
    assert saturday[1].html == 'nieczynne &amp; <a href="page:x">zamknięte</a>'
    assert HOURS[saturday[1].tag :].startswith('<td colspan="2">')


def test_words_keep_their_styles_and_break_only_at_spaces() -> None:
    (table,) = find_tables(HOURS)
    header = table.header_row[2]
    assert [w.parts for w in header.words()] == [
        (("Kasa", ("th",)),),
        (("(pokój", ("th", "strong")),),
        (("4)", ("th", "strong")),),
    ]
    link = table.rows[1][1]
    assert [w.parts[0] for w in link.words()][-1] == ("zamknięte", ("td", "a"))
    no_break = find_tables("<table><tr><td>pokój\u00a04, 8:00–17:00</td></tr></table>")[0].rows[0][0]
    assert ["".join(t for t, _s in w.parts) for w in no_break.words()] == ["pokój\u00a04,", "8:00–17:00"]


def test_a_nested_table_stays_inside_its_cell_and_an_empty_table_is_no_table() -> None:
    source = "<table><tr><td>a<table><tr><td>b</td></tr></table></td><td>c</td></tr></table><table></table>"
    (table,) = find_tables(source)
    assert table.end == source.index("<table></table>")
    assert [c.text for c in table.rows[0]] == ["a b", "c"]


def test_fields_label_each_value_with_its_column_header() -> None:
    headers = ["Dzień", "Urząd", "Kasa"]
    assert fields(headers, [("Poniedziałek", 1), ("8:00–17:00", 1), ("8:15–16:30", 1)]) == [
        (0, "Dzień"),
        (1, "Urząd"),
        (2, "Kasa"),
    ]
    # An empty cell is left out; a cell repeating its header is not labelled; a span
    # moves the next cell's column on.
    assert fields(headers, [("Sobota", 1), ("", 1), ("Kasa", 1)]) == [(0, "Dzień"), (2, "")]
    assert fields(headers, [("Sobota", 2), ("nieczynna", 1)]) == [(0, "Dzień"), (1, "Kasa")]
    assert fields([], [("a", 1)]) == [(0, "")]


def test_a_column_needs_its_widest_word_and_a_span_shares_it() -> None:
    (table,) = find_tables(HOURS)
    needs, naturals = column_needs(table, lambda cell: measure_cell(cell, chars, 10.0))
    assert needs == [120.0, 100.0, 100.0]  # Poniedziałek; 8:00–17:00; 8:15–16:30 (zamknięte spans 2)
    assert naturals[0] == 120.0
    box = Box(cell_padding=16.0, border=1.0, safety=2.0)
    assert table_width_needed(needs, box) == 320 + 3 * (16 + 2 + 2) + 4 + 2
    spanning = "<table><tr><td>a</td><td>b</td></tr><tr><td colspan='2'>abcdefghij</td></tr></table>"
    (wide,) = find_tables(spanning)
    assert column_needs(wide, lambda cell: measure_cell(cell, chars, 10.0))[0] == [10.0, 90.0]


def test_column_shares_hold_every_widest_word_and_fill_the_table() -> None:
    box = Box(cell_padding=16.0, border=1.0, safety=2.0)
    needs, naturals = [120.0, 100.0, 50.0], [120.0, 400.0, 50.0]
    shares = column_shares(needs, naturals, box, 600.0)
    widths = [share * 600 / 100 for share in shares]
    assert sum(shares) == pytest.approx(100 - 100 * 4 / 600)
    assert all(width >= need + 20 for width, need in zip(widths, needs, strict=True))
    assert widths[1] > widths[0]  # the room left goes to the column that wants it


def test_cards_label_each_line_and_hyphenate_only_words_wider_than_a_card() -> None:
    (table,) = find_tables(HOURS)
    html = cards_html(table)
    assert html.startswith('<table style="-qt-table-type: frame"')
    assert html.count('<td class="card">') == 2
    assert '<p class="card-line"><b>Dzień:</b> Poniedziałek</p>' in html
    assert '<p class="card-line"><b>Urząd:</b> nieczynne &amp; <a href="page:x">zamknięte</a></p>' in html
    assert "Kasa (pokój 4):</b> 8:15–16:30" in html
    (long,) = find_tables("<table><tr><th>Wydział</th></tr><tr><td>silskohospodarskyi i</td></tr></table>")
    assert SOFT_HYPHEN not in cards_html(long)
    assert SOFT_HYPHEN not in cards_html(long, lambda cell: ["i"])  # too short to split
    longer = cards_html(long, lambda cell: ["skohospodarskyi"])
    assert f"sk{SOFT_HYPHEN}o{SOFT_HYPHEN}h" in longer


def test_only_the_tables_that_do_not_fit_become_cards_and_the_rest_get_column_widths() -> None:
    source = HOURS + HOURS.replace("Przed.", "Drugi.")
    tables = find_tables(source)
    out = with_cards(source, tables, [True, False], [[], [30.0, 30.0, 36.0]])
    assert out.count('<td class="card">') == 2
    assert out.count("<table>") == 1
    assert '<th width="30.00%">Dzień</th>' in out and '<th width="36.00%">Kasa' in out
    assert out.startswith("<p>Przed.</p>") and out.endswith("<p>Po.</p>")
    assert with_cards(source, tables, [False, False]) == source
