"""Sentence splitting: golden cases (one per defect class) and offset properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translate.segments import replace_segments, segment_text, split_sentences

# (name, text, expected sentences)
SENTENCE_CASES = [
    ("two-sentences", "The cartel denied it. The army did not.",
     ["The cartel denied it.", "The army did not."]),
    ("title-mr", "Mr. Smith met Gen. Ruiz. They spoke.",
     ["Mr. Smith met Gen. Ruiz.", "They spoke."]),
    ("us-mid-sentence", "The U.S. Army paid. Then it left.",
     ["The U.S. Army paid.", "Then it left."]),
    ("eeuu", "Viajó a EE.UU. Luego volvió.", ["Viajó a EE.UU. Luego volvió."]),
    ("spanish-titles", "El Lic. Pérez y la Sra. Ruiz llegaron. Nadie habló.",
     ["El Lic. Pérez y la Sra. Ruiz llegaron.", "Nadie habló."]),
    ("sr-title", "Sr. Gómez, ¿dónde está? No sé.", ["Sr. Gómez, ¿dónde está?", "No sé."]),
    ("decimal", "It rose 1.5 percent. Prices fell.", ["It rose 1.5 percent.", "Prices fell."]),
    ("thousands", "They paid 2,000 pesos. Done.", ["They paid 2,000 pesos.", "Done."]),
    ("initial", "J. Smith arrived. He sat.", ["J. Smith arrived.", "He sat."]),
    ("quote-inside", '"We will not negotiate." The president left.',
     ['"We will not negotiate."', "The president left."]),
    ("guillemets", "«No negociaremos», dijo. Luego se fue.",
     ["«No negociaremos», dijo.", "Luego se fue."]),
    ("spanish-question", "¿Quién fue? ¡Nadie! Así es.", ["¿Quién fue?", "¡Nadie!", "Así es."]),
    ("lowercase-after-dot", "He said approx. five men came.", ["He said approx. five men came."]),
    ("ellipsis", "Wait… Then go.", ["Wait…", "Then go."]),
    ("no-final-period", "The cartel denied it", ["The cartel denied it"]),
]


@pytest.mark.parametrize(("name", "text", "expected"), SENTENCE_CASES,
                         ids=[c[0] for c in SENTENCE_CASES])
def test_sentences(name: str, text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


# (name, markdown, expected (line, sentence) pairs)
MARKDOWN_CASES = [
    ("heading", "# The cartel\n", [(0, "The cartel")]),
    ("list", "- One. Two.\n* Three\n1. Four",
     [(0, "One."), (0, "Two."), (1, "Three"), (2, "Four")]),
    ("quote-block", "> He said no.", [(0, "He said no.")]),
    ("fence", "Text.\n```\ncode here.\n```\nMore.", [(0, "Text."), (4, "More.")]),
    ("rule", "A.\n\n---\n\nB.", [(0, "A."), (4, "B.")]),
    ("table", "| The judge | The cartel |\n|---|---|\n| A | B |",
     [(0, "The judge"), (0, "The cartel"), (2, "A"), (2, "B")]),
    ("emphasis-kept-inside", "**The cartel** denied it.", [(0, "**The cartel** denied it.")]),
]


@pytest.mark.parametrize(("name", "text", "expected"), MARKDOWN_CASES,
                         ids=[c[0] for c in MARKDOWN_CASES])
def test_markdown(name: str, text: str, expected: list[tuple[int, str]]) -> None:
    assert [(s.line, s.text) for s in segment_text(text)] == expected


@given(st.text(alphabet=st.sampled_from(list("ab .!?\n#-*>“”«»¿¡1,EU")), max_size=80))
def test_offsets_and_round_trip(text: str) -> None:
    segments = segment_text(text)
    for seg in segments:
        assert text[seg.start:seg.end] == seg.text
        assert "\n" not in seg.text
        assert seg.text == seg.text.strip()
    assert replace_segments(text, segments, [s.text for s in segments]) == text
    # line alignment survives any replacement without newlines
    out = replace_segments(text, segments, ["X" for _ in segments])
    assert out.count("\n") == text.count("\n")
