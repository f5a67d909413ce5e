"""The desk glossary shipped in ``glossary/terms/``: it loads cleanly and holds what the desk needs.

These tests read the real data files, so a bad edit to a term file (a stray quote, a duplicate
id, a BOM from a spreadsheet, a must-have term misspelt) fails here before it reaches a user.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.csvfile import collect_glossary, default_terms_dir, load_glossary
from glossary.model import Glossary

TERM_FILES = sorted(default_terms_dir().glob("*.csv"))


@pytest.fixture(scope="module")
def desk() -> Glossary:
    return load_glossary([default_terms_dir()])


def test_shipped_glossary_loads_without_findings() -> None:
    _, findings = collect_glossary([default_terms_dir()])
    assert [f for f in findings if f.is_error] == []


def test_domain_files_are_present() -> None:
    names = {p.name for p in TERM_FILES}
    assert {"cartels.csv", "parties.csv", "institutions.csv", "legal.csv"} <= names


@pytest.mark.parametrize("path", TERM_FILES, ids=lambda p: p.name)
def test_file_bytes_are_utf8_lf_with_final_newline(path: Path) -> None:
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf"), "BOM"
    data.decode("utf-8")
    assert b"\r" not in data, "CR line ending"
    assert data.endswith(b"\n") and not data.endswith(b"\n\n")


def test_ids_unique_across_files() -> None:
    ids: list[str] = []
    for path in TERM_FILES:
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            ids.append(line.split(",", 1)[0])
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert dupes == []
