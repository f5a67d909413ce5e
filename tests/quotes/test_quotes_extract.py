"""Quote extraction: one golden story per convention or defect, plus properties."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translate.quotes.extract import extract_quotes, find_speaker

CASES = sorted((Path(__file__).parent.parent / "data" / "quotes" / "extract").glob("*.txt"))


@pytest.mark.parametrize("story", CASES, ids=[p.name.split(".")[0] for p in CASES])
def test_golden(story: Path) -> None:
    lang = story.name.split(".")[-2]
    expected = json.loads(story.with_name(story.name.split(".")[0] + ".expected.json")
                          .read_text(encoding="utf-8"))
    got = [{"text": q.text, "line": q.line, "speaker": q.speaker, "depth": q.depth,
            "dialogue": q.dialogue, "partial": q.partial, "unclosed": q.unclosed}
           for q in extract_quotes(story.read_text(encoding="utf-8"), lang)]
    assert got == expected


def test_golden_cases_cover_each_convention() -> None:
    names = {p.name.split(".")[0] for p in CASES}
    assert {"curly-en", "straight-en", "guillemets-es", "apostrophes-en", "nested-en",
            "multiparagraph-en", "multiparagraph-es", "partial-en", "dialogue-es",
            "unclosed-en"} <= names


def test_spans_point_at_the_words() -> None:
    text = "Ella dijo: «No hay trato».\n\n“Nunca,” dijo Ruiz."
    quotes = extract_quotes(text, "es")
    assert [text[q.start:q.end] for q in quotes] == ["No hay trato", "Nunca,"]
    assert [q.line for q in quotes] == [1, 3]


def test_apostrophes_are_not_quotes() -> None:
    assert extract_quotes("Payan’s men don’t talk about the ’90s or the officers’ guns.",
                          "en") == []


@pytest.mark.parametrize("before,after,lang,who", [
    ("", ", said Payan.", "en", "Payan"),
    ("", ", Payan said.", "en", "Payan"),
    ("", ", according to the investigator.", "en", "the investigator"),
    ("", ", dijo el presidente.", "es", "el presidente"),
    ("", ", según Ana Torres.", "es", "Ana Torres"),
    ("La fiscal García declaró: ", "", "es", "La fiscal García"),
    ("He said ", "", "en", None),
    ("", ". Later, the mayor said nothing.", "en", None),
])
def test_speakers(before: str, after: str, lang: str, who: str | None) -> None:
    assert find_speaker(before, after, lang) == who


@given(st.text(alphabet=st.sampled_from(list("ab “”«»\"‘’—\n.,")), max_size=60))
def test_extraction_is_total_and_spans_are_in_bounds(text: str) -> None:
    for q in extract_quotes(text, "es"):
        assert all(0 <= s <= e <= len(text) for s, e in q.spans)
        assert q.line >= 1
