"""The length prior: it orders candidates whose lexical evidence is weak, and never makes or
unmakes a pair."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translate.quotes import align
from translate.quotes.align import (
    LENGTH_WEIGHT,
    PAIR_THRESHOLD,
    Candidate,
    Similarity,
    anchors_of,
    assign,
    candidates_for,
)
from translate.quotes.extract import Quote
from translate.quotes.length_prior import (
    MAX_DEVIATIONS,
    SPANISH_PER_ENGLISH,
    length_deviation,
    length_log_prior,
)

RANKING = Path(__file__).parent.parent / "data" / "quotes" / "ranking"
CASES = sorted(RANKING.glob("*.json"))


def rank(case: dict[str, Any]) -> list[Candidate]:
    """The candidates of a recorded case (the engine's renderings as Apertium gave them, no
    word list), best first."""
    text = case["translation"]
    story = Quote(text=text, spans=((0, len(text)),), line=1, index=0)
    originals = case["originals"]
    return candidates_for(story, case["machine"],
                          [anchors_of(o, case["original_lang"]) for o in originals],
                          anchors_of(text, case["translation_lang"]), [None] * len(originals),
                          originals, case["back"],
                          langs=(case["original_lang"], case["translation_lang"]))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_recorded_ranking_cases(path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    assert rank(case)[0].originals == (case["expected"],), case["why"]


@pytest.mark.parametrize("path", [p for p in CASES if "against-a-long" in p.stem],
                         ids=lambda p: p.stem)
def test_without_the_prior_the_long_sentence_wins(path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # the cases above are ones the prior decides: the lexical score alone prefers the wrong,
    # long original, and nothing pairs (both under the threshold)
    case = json.loads(path.read_text(encoding="utf-8"))
    monkeypatch.setattr(align, "LENGTH_WEIGHT", 0.0)
    ranked = rank(case)
    assert ranked[0].originals != (case["expected"],)
    assert all(c.score < PAIR_THRESHOLD for c in ranked)
    assert assign([ranked]) == {}


def test_a_one_word_quote_picks_the_short_candidate() -> None:
    # equal lexical evidence: the one-word original, not the thirty-word one
    text = "descontenta"
    story = Quote(text=text, spans=((0, len(text)),), line=1, index=0)
    originals = ["When the council met on Tuesday the members argued for three hours about "
                 "the budget, the roads, the water and the schools, and in the end they "
                 "decided nothing at all", "displeased"]
    machine = ["xx", "xx"]  # an engine that knows neither: the lexical scores tie at zero
    ranked = candidates_for(story, machine, [anchors_of(o, "en") for o in originals],
                            anchors_of(text, "es"), [None, None], originals,
                            langs=("en", "es"))
    assert ranked[0].score == ranked[1].score
    assert ranked[0].originals == (1,)
    assert ranked[0].prior > ranked[1].prior


def cand(score: float, i: int, prior: float = 0.0) -> Candidate:
    return Candidate(score, Similarity(score, score), (i,), prior)


def test_the_prior_never_makes_a_pair() -> None:
    # a length-perfect original under the threshold stays unpaired (an invented quote is
    # `unsourced`, whatever its length)
    assert assign([[cand(PAIR_THRESHOLD - 0.01, 0, 0.0)]]) == {}


def test_the_prior_never_unmakes_a_pair() -> None:
    # an excerpt of a long original, just over the threshold, ranks under a short original
    # with no evidence; it is still paired with its long original
    long = cand(PAIR_THRESHOLD + 0.01, 0, length_log_prior(200, 12, "en", "es"))
    short = cand(PAIR_THRESHOLD - 0.02, 1, 0.0)
    ranked = sorted([long, short], key=lambda c: -c.rank)
    assert ranked[0] is short
    assert assign([ranked])[0].originals == (0,)


def test_a_short_part_of_a_split_quote_still_shares_its_original() -> None:
    # a long original quoted in two parts: the first part takes it; the second, short part
    # ranks a short original with no evidence first, and still shares the long one
    first = [cand(0.8, 0, length_log_prior(200, 150, "en", "es"))]
    second = sorted([cand(PAIR_THRESHOLD + 0.02, 0, length_log_prior(200, 10, "en", "es")),
                     cand(0.3, 1, 0.0)], key=lambda c: -c.rank)
    assert second[0].originals == (1,)
    chosen = assign([first, second])
    assert chosen[0].originals == (0,) and chosen[1].originals == (0,)


def test_the_prior_decides_between_tied_pairs() -> None:
    # two originals with the same evidence: the plausible length wins the assignment
    near = cand(0.5, 0, length_log_prior(10, 12, "en", "es"))
    far = cand(0.5, 1, length_log_prior(60, 12, "en", "es"))
    assert assign([sorted([far, near], key=lambda c: -c.rank)])[0].originals == (0,)


def test_largest_penalty_is_small() -> None:
    floor = math.log(math.erfc(MAX_DEVIATIONS / math.sqrt(2)))
    assert length_log_prior(1, 5000, "en", "es") == pytest.approx(floor)
    # a pair at the threshold keeps a positive weight in the assignment
    assert PAIR_THRESHOLD + LENGTH_WEIGHT * floor > 0


@given(st.integers(1, 400), st.integers(1, 400))
def test_prior_is_the_same_whichever_side_is_the_original(en: int, es: int) -> None:
    forward = length_log_prior(en, es, "en", "es")
    assert forward == pytest.approx(length_log_prior(es, en, "es", "en"))
    assert length_deviation(en, es, "en", "es") == pytest.approx(
        length_deviation(es, en, "es", "en"))
    assert math.log(math.erfc(MAX_DEVIATIONS / math.sqrt(2))) - 1e-9 <= forward <= 0.0


@given(st.integers(1, 200), st.integers(1, 400), st.integers(1, 400))
def test_prior_falls_away_from_the_expected_length(en: int, a: int, b: int) -> None:
    # on either side of c * English characters, the further the Spanish length, the less
    # plausible the pair
    low, high = sorted((a, b))
    expected = SPANISH_PER_ENGLISH * en
    if low >= expected:
        assert length_log_prior(en, high, "en", "es") <= length_log_prior(en, low, "en", "es")
    elif high <= expected:
        assert length_log_prior(en, low, "en", "es") <= length_log_prior(en, high, "en", "es")
