"""Golden bad term files, one per defect: the loader must report exactly these places.

Each ``tests/data/glossary/bad/NAME.csv`` (or folder ``NAME/``) has ``NAME.expected``: the
findings, one ``path:line:col: error: message [rule]`` per line, paths relative to ``bad/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.csvfile import collect_glossary, load_glossary
from glossary.errors import ParseError

BAD = Path(__file__).resolve().parents[1] / "data" / "glossary" / "bad"
CASES = sorted(p for p in BAD.iterdir() if p.suffix == ".csv" or p.is_dir())


def test_there_is_a_case_per_defect() -> None:
    names = {p.stem for p in CASES}
    assert {"bom", "crlf", "invalid-utf8", "quote-unterminated", "quote-text-after-closing",
            "quote-bare-in-field", "unknown-column", "empty-required-field", "bad-enum",
            "duplicate-id", "field-count"} <= names


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_bad_file_reports_exact_places(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BAD)
    expected = (BAD / f"{case.stem}.expected").read_text(encoding="utf-8")
    _, findings = collect_glossary([case.name])
    assert "\n".join(f.format() for f in findings) + "\n" == expected
    with pytest.raises(ParseError) as info:
        load_glossary([case.name])
    assert str(info.value).startswith(expected)
