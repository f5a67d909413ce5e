"""The Argos engine on a tiny random-weight model: batching, and terms that hold regardless.

With random weights the model's own output is nonsense, so any required term in the output is
there because the decoder forced it: these tests show enforcement does not depend on the model.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from glossary.errors import EngineError
from translate.engines.argos import ArgosEngine, Forcing, _Model, assign_spans, find_term
from translate.engines.argos_packages import find_package
from translate.engines.base import Engine, Requirement, plain_requirements

CORPUS = Path(__file__).parent.parent / "data" / "argos" / "corpus.txt"

TERMS = {
    "Sinaloa Cartel": "Cártel de Sinaloa",
    "Gulf Cartel": "Cártel del Golfo",
    "National Guard": "Guardia Nacional",
    "Attorney General's Office": "Fiscalía General de la República",
    "cartels": "cárteles",
    "cartel": "cártel",
    "border": "frontera",
    "fentanyl": "fentanilo",
    "prosecutors": "fiscales",
    "judge": "juez",
    "extradition": "extradición",
    "hitman": "sicario",
    "money launderer": "lavador de dinero",
    "police": "policía",
    "governor": "gobernador",
    "migrants": "migrantes",
    "Supreme Court": "Suprema Corte",
    "Border Patrol": "Patrulla Fronteriza",
    "weapons": "armas",
    "soldiers": "soldados",
    "journalists": "periodistas",
}


def requirements_for(segment: str, terms: dict[str, str] = TERMS) -> list[Requirement]:
    return plain_requirements(segment, terms)


def english_lines() -> list[str]:
    return CORPUS.read_text(encoding="utf-8").splitlines()[0:-1:2]


@pytest.fixture(scope="module")
def engine(argos_home: Path) -> ArgosEngine:
    # a random model never ends a sentence: a short budget keeps the tests fast
    return ArgosEngine(argos_home, max_batch_size=8, decoding_budget=24)


def assert_all_present(texts: Sequence[str], reqs: Sequence[Sequence[Requirement]]) -> None:
    for text, seg_reqs in zip(texts, reqs, strict=True):
        need: dict[str, int] = {}
        for r in seg_reqs:
            need[r.targets[0]] = need.get(r.targets[0], 0) + 1
        for target, count in need.items():
            assert len(find_term(text, [target])) >= count, (target, text)


def test_is_an_engine(argos_home: Path) -> None:
    assert isinstance(ArgosEngine(argos_home), Engine)


def test_one_output_per_segment_and_deterministic(engine: ArgosEngine) -> None:
    segments = ["The cartel moved drugs.", "", "   ", "The judge ruled on Tuesday."]
    first = engine.translate(segments, "en", "es")
    assert len(first) == 4
    assert first[1] == "" and first[2] == ""
    assert first[0] and first[3]
    assert engine.translate(segments, "en", "es") == first


def test_a_batch_is_one_decoder_call_and_matches_one_by_one(argos_home: Path) -> None:
    engine = ArgosEngine(argos_home, max_batch_size=4, decoding_budget=24)
    lines = english_lines()[:12]
    batched = engine.translate(lines, "en", "es")
    assert engine.decode_calls == 1
    alone = [engine.translate([line], "en", "es")[0] for line in lines]
    assert batched == alone


def test_every_required_term_appears_with_random_weights(engine: ArgosEngine) -> None:
    lines = english_lines()
    reqs = [requirements_for(line) for line in lines]
    assert sum(map(len, reqs)) >= 20
    results = engine.translate_detailed(lines, "en", "es", requirements=reqs)
    assert_all_present([r.text for r in results], reqs)
    hows = [t.how for r in results for t in r.terms]
    assert Forcing.FAILED not in hows
    assert hows.count(Forcing.PREFIX) >= 10, "the random model cannot have produced these"
    assert engine.last_terms == [r.terms for r in results]
    assert [t.entry_id for t in results[0].terms] == [r.entry_id for r in reqs[0]]


WORDS = st.sampled_from("the a police said on in near border report city and of".split())


# A term inside another (cartel / Gulf Cartel) and a term twice, as a failing example was:
# "cartel" took the Cártel of "Cártel del Golfo" and the Gulf Cartel was reported failed.
NESTED = ["Attorney General's Office", "police", "Attorney General's Office", "cartel",
          "Gulf Cartel"]


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(WORDS, st.sampled_from(sorted(TERMS))), min_size=1, max_size=14))
@example(NESTED)
@example(["the", "Gulf", "Cartel", "the", "cartel", "Gulf Cartel", "cartel"])
def test_property_required_terms_always_appear(engine: ArgosEngine, words: list[str]) -> None:
    segment = " ".join(words) + "."
    reqs = requirements_for(segment)
    (result,) = engine.translate_detailed([segment], "en", "es", requirements=[reqs])
    assert_all_present([result.text], [reqs])
    assert all(t.how is not Forcing.FAILED for t in result.terms)


@pytest.mark.parametrize("words", [
    NESTED,
    ["Attorney General's Office", "Attorney General's Office", "police", "cartel",
     "Gulf Cartel"],
    ["the", "Attorney General's Office", "the", "Attorney General's Office", "the", "police",
     "the", "cartel", "the", "Gulf Cartel"],
])
def test_a_term_inside_another_term_is_not_counted_for_both(engine: ArgosEngine,
                                                             words: list[str]) -> None:
    segment = " ".join(words) + "."
    reqs = requirements_for(segment)
    assert [r.entry_id for r in reqs].count("Attorney General's Office") == 2
    (result,) = engine.translate_detailed([segment], "en", "es", requirements=[reqs])
    assert [t.how for t in result.terms if t.how is Forcing.FAILED] == []
    assert_all_present([result.text], [reqs])
    # each outcome points at its own occurrence: the Gulf Cartel's Cártel is not the cartel's
    gulf = next(t for t in result.terms if t.entry_id == "Gulf Cartel")
    cartel = next(t for t in result.terms if t.entry_id == "cartel")
    assert gulf.target.lower() == "cártel del golfo" and cartel.target.lower() == "cártel"
    assert len(find_term(result.text, ["cártel"])) >= 2


def test_assign_spans_gives_each_need_its_own_occurrence() -> None:
    text = "El Cártel del Golfo y el cártel"
    # source order puts the shorter term first; it must not take the longer one's word
    got = assign_spans(text, [("cártel",), ("Cártel del Golfo",)], {})
    assert got == {0: (25, 31), 1: (3, 19)}
    # one occurrence for two needs: one is missing (and will be forced), never both counted
    assert len(assign_spans("el cártel", [("cártel",), ("cártel",)], {})) == 1
    # the first need could take either word, the second only one: both are satisfied
    got = assign_spans("cártel y cárteles", [("cártel", "cárteles"), ("cártel",)], {})
    assert got == {0: (9, 17), 1: (0, 6)}
    # a forced span stays with the need it was forced for
    assert assign_spans("cártel cártel", [("cártel",)], {0: (7, 13)}) == {0: (7, 13)}


def test_a_term_found_twice_is_needed_twice(engine: ArgosEngine) -> None:
    segment = "The cartel fought the cartel and the cartel won."
    reqs = requirements_for(segment)
    assert len(reqs) == 3
    (text,) = engine.translate([segment], "en", "es", requirements=[reqs])
    assert len(find_term(text, ["cártel"])) >= 3


def test_a_term_the_model_cannot_spell_still_appears(engine: ArgosEngine) -> None:
    segment = "The cartel paid the judge."
    i = segment.index("judge")
    req = Requirement("x", i, i + 5, "judge", ("Ωμέγα Ξ-7",))
    (result,) = engine.translate_detailed([segment], "en", "es", requirements=[[req]])
    assert "Ωμέγα Ξ-7" in result.text
    assert result.terms[0].how is Forcing.PREFIX


def test_dnt_name_placeholder_lost_falls_back_to_forcing(engine: ArgosEngine) -> None:
    segment = "Police in Nogales arrested El Chapo's son."
    i = segment.index("El Chapo")
    req = Requirement("el-chapo", i, i + 8, "El Chapo", ("El Chapo",), dnt=True)
    (result,) = engine.translate_detailed([segment], "en", "es", requirements=[[req]])
    assert "El Chapo" in result.text
    assert "ZXQ" not in result.text
    assert result.terms[0].how is Forcing.FALLBACK


def test_long_segment_is_chunked_not_truncated(engine: ArgosEngine) -> None:
    segment = " ".join(english_lines() * 2)
    assert len(segment) > 3 * 1000
    reqs = requirements_for(segment)
    (result,) = engine.translate_detailed([segment], "en", "es", requirements=[reqs])
    assert_all_present([result.text], [reqs])
    last = reqs[-1]
    assert last.start > 3000 and find_term(result.text, last.targets)


def test_missing_model_says_what_to_install(tmp_path: Path, argos_home: Path) -> None:
    with pytest.raises(EngineError, match="glosa engines install FILE.argosmodel"):
        ArgosEngine(tmp_path).translate(["The cartel."], "en", "es")
    with pytest.raises(EngineError, match="no Argos model for es->en"):
        ArgosEngine(argos_home).translate(["El cártel."], "es", "en")


def test_requirements_must_match_segments(engine: ArgosEngine) -> None:
    with pytest.raises(ValueError):
        engine.translate(["a", "b"], "en", "es", requirements=[[]])


class CopyTranslator:
    """A stand-in for ctranslate2.Translator that copies the source (after any prefix).

    Its attention is the identity, so it shows where the engine places terms; and it copies
    placeholders, which a random model never does.
    """

    def translate_batch(self, source: list[list[str]], target_prefix: Any = None,
                        **_: Any) -> list[SimpleNamespace]:
        out = []
        for k, src in enumerate(source):
            prefix = list((target_prefix or [None] * len(source))[k] or [])
            hyp = prefix + src[len(prefix):]
            att = [[1.0 if j == min(i, len(src) - 1) else 0.0 for j in range(len(src))]
                   for i in range(len(hyp))]
            out.append(SimpleNamespace(hypotheses=[hyp], attention=[att]))
        return out


@pytest.fixture
def copy_engine(argos_home: Path) -> ArgosEngine:
    import sentencepiece

    package = find_package("en", "es", argos_home)
    engine = ArgosEngine(argos_home)
    sp = sentencepiece.SentencePieceProcessor(model_file=str(package.sentencepiece_model))
    engine._models[("en", "es")] = _Model(package, CopyTranslator(), sp)
    return engine


def test_dnt_placeholder_that_survives_is_replaced_by_the_name(copy_engine: ArgosEngine) -> None:
    segment = "Police in Nogales arrested El Chapo's son."
    i = segment.index("El Chapo")
    req = Requirement("el-chapo", i, i + 8, "El Chapo", ("El Chapo",), dnt=True)
    (result,) = copy_engine.translate_detailed([segment], "en", "es", requirements=[[req]])
    assert result.text == segment
    assert result.terms[0].how is Forcing.PLACEHOLDER


def test_term_is_forced_where_the_attention_points(copy_engine: ArgosEngine) -> None:
    segment = "The cartel moved drugs across the border."
    reqs = requirements_for(segment, {"cartel": "cártel"})
    (text,) = copy_engine.translate([segment], "en", "es", requirements=[reqs])
    assert text.startswith("The cártel ")


def test_term_forced_at_the_start_takes_the_capital(copy_engine: ArgosEngine) -> None:
    segment = "Cartel leaders met in secret."
    reqs = requirements_for(segment, {"cartel": "cártel"})
    (result,) = copy_engine.translate_detailed([segment], "en", "es", requirements=[reqs])
    assert result.text.startswith("Cártel ")
    assert result.terms[0].how is Forcing.PREFIX


def test_underscores_survive_decoding(copy_engine: ArgosEngine) -> None:
    (text,) = copy_engine.translate(["See report_2024_final now."], "en", "es")
    assert "report_2024_final" in text


def test_a_requirement_without_targets_is_reported_not_crashed(engine: ArgosEngine) -> None:
    segment = "The judge ruled."
    req = Requirement("empty", 4, 9, "judge", ())
    (result,) = engine.translate_detailed([segment], "en", "es", requirements=[[req]])
    assert result.terms[0].how is Forcing.FAILED


def test_rounds_are_bounded_for_term_dense_text(argos_home: Path) -> None:
    engine = ArgosEngine(argos_home, decoding_budget=24, max_rounds=2)
    segment = ("The cartel, the judge, the police, the border, the governor, the migrants, "
               "the soldiers and the journalists.")
    reqs = requirements_for(segment)
    assert len(reqs) == 8
    (result,) = engine.translate_detailed([segment], "en", "es", requirements=[reqs])
    assert engine.decode_calls <= 3  # first pass, one single-term round, then all the rest
    assert_all_present([result.text], [reqs])
    assert all(t.how is Forcing.PREFIX for t in result.terms)
