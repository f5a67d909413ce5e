"""Property-based round trips: CSV format/read and TBX export/import keep every field."""

from __future__ import annotations

import tempfile
from pathlib import Path

from glossary_strategies import entry_lists
from hypothesis import given, settings

from glossary.csvfile import format_terms, load_glossary


@settings(max_examples=150, deadline=None)
@given(entry_lists())
def test_csv_round_trip(entries: list) -> None:  # type: ignore[type-arg]
    text = format_terms(entries)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.csv"
        path.write_text(text, encoding="utf-8")
        loaded = load_glossary([path]).entries
        assert list(loaded) == entries
        # and writing again gives the same bytes
        assert format_terms(loaded) == text


@settings(max_examples=150, deadline=None)
@given(entry_lists())
def test_tbx_round_trip(entries: list) -> None:  # type: ignore[type-arg]
    from glossary.tbx import format_tbx, parse_tbx

    xml = format_tbx(entries)
    loaded = parse_tbx(xml.encode("utf-8"), "t.tbx").entries
    assert list(loaded) == entries
    assert format_tbx(loaded) == xml
