"""The import page's Columns tab names each column as a person writes it ("Name EN", "Sold
by"); a file headed with exactly what the page shows must import, in either language."""

from __future__ import annotations

from app.catalogue_import.columns import COLUMNS, map_header
from ui.backoffice.catalogue_import import column_heading


def test_the_headings_the_page_shows_are_read_back_as_their_columns():
    shown = [column_heading(c.key) for c in COLUMNS]
    assert "Name EN" in shown and "Sold by" in shown and "SKU" in shown
    assert map_header(shown) == [c.key for c in COLUMNS]


def test_the_english_aliases_the_page_shows_are_read_back_too():
    for column in COLUMNS:
        for alias in column.aliases:
            if alias.isascii():
                others = [column_heading(c.key) for c in COLUMNS if c is not column]
                assert map_header([column_heading(alias), *others])[0] == column.key
