"""The number extractor visits only tokens that can start a number (digits and number words):
it must find exactly what visiting every token finds, on any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translate import checks

# words the extractor knows, in odd spellings too (case, accents, compatibility forms)
NUMBER_WORDS = sorted(checks._NUMBER_VOCAB["en"] | checks._NUMBER_VOCAB["es"]) + [
    "Dieciséis", "MILLÓN", "millón", "Veintidós", "hundred", "Hundred", "por", "ciento",
    "Cien", "billion", "bn", "m", "and", "y", "los", "las", "st", "nd", "th", "o", "a",
    "ｔｗｏ", "Mayo", "May", "MAY", "o'clock", "two’s", "ｍｉｌ",
]
OTHER_WORDS = ["the", "cartel", "de", "dijo", "día", "Sinaloa", "pesos", "kilos", "said", "x",
               "é", "ß", "İ", "niño"]
DIGITS = st.from_regex(r"[0-9]{1,4}([.,\u00a0\u202f][0-9]{1,3}){0,3}", fullmatch=True)
SEPARATORS = [" ", " ", "-", ", ", ". ", "'", "’", "%", "\n", "\u0301", "㎏", "²", ""]
PIECE = st.one_of(st.sampled_from(NUMBER_WORDS), st.sampled_from(OTHER_WORDS), DIGITS,
                  st.text(max_size=3))
TEXTS = st.lists(st.tuples(PIECE, st.sampled_from(SEPARATORS)), max_size=14).map(
    lambda parts: "".join(p + sep for p, sep in parts))


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.sampled_from(["en", "es"]))
def test_fast_path_finds_the_same_numbers(text: str, lang: str) -> None:
    assert checks._extract_numbers(text, lang, every_token=False) == \
        checks._extract_numbers(text, lang, every_token=True)


@pytest.mark.parametrize("text, lang", [
    ("Dieciséis soldados y veintidós civiles", "es"),
    ("el 3 de mayo, los dos", "es"),
    ("May 3rd: a hundred and twenty-five, 1.5m", "en"),
    ("no numbers here at all", "en"),
])
def test_fast_path_examples(text: str, lang: str) -> None:
    fast = checks._extract_numbers(text, lang, every_token=False)
    assert fast == checks._extract_numbers(text, lang, every_token=True)
    assert bool(fast) == (text != "no numbers here at all")
