from __future__ import annotations

from pathlib import Path

import pytest

from glossary.csvfile import collect_glossary, format_terms, load_glossary
from glossary.errors import ParseError

HEADER = "id,en,es,kind,pos,gender\n"


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def test_good_file_loads(tmp_path: Path) -> None:
    p = write(tmp_path, "t.csv", HEADER + "cartel,cartel,cártel,general,noun,m\n")
    g = load_glossary([p])
    assert g["cartel"].es == "cártel"
    assert g["cartel"].source is not None and g["cartel"].source.line == 2


def test_errors_are_collected_with_places(tmp_path: Path) -> None:
    p = write(tmp_path, "t.csv", HEADER + "a,,x,general,noun,m\nb,b,b,gang,noun,m\n")
    _, findings = collect_glossary([p])
    places = [(f.line, f.col, f.rule) for f in findings]
    assert (2, 3, "empty-field") in places
    assert (3, 7, "bad-value") in places
    with pytest.raises(ParseError, match="2 errors in glossary"):
        load_glossary([p])


def test_round_trip(tmp_path: Path) -> None:
    p = write(tmp_path, "t.csv", HEADER + 'x-y,"a, b","say ""hi""",general,noun,\n')
    g = load_glossary([p])
    q = write(tmp_path, "u.csv", format_terms(g.entries))
    assert load_glossary([q]).entries == g.entries


def test_only_approved_entries_are_enforced(tmp_path: Path) -> None:
    p = write(tmp_path, "t.csv", "id,en,es,status,direction\n"
              "a,gang,pandilla,approved,both\nb,plaza,plaza,proposed,both\n"
              "c,narco,narco,deprecated,both\nd,kingpin,capo,approved,en-es\n")
    g = load_glossary([p])
    assert [e.id for e in g.for_direction("en", "es")] == ["a", "d"]
    assert [e.id for e in g.for_direction("es", "en")] == ["a"]
    # the same subset object each time, so its content hash and matchers are made once
    # (the quote checks ask for it once per quote pair)
    assert g.for_direction("en", "es") is g.for_direction("en", "es")
    assert g.for_direction("en", "es") is not g.for_direction("es", "en")
    assert [e.id for e in g.of_kinds({"general"})] == ["a", "b", "c", "d"]
    assert g.of_kinds({"general"}) is g.of_kinds({"general"})
    assert len(g.of_kinds({"person"})) == 0
    assert g["b"].covers("en", "es") and not g["b"].applies("en", "es")
