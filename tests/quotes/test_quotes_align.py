"""Alignment: pairing across languages and every finding kind."""

from __future__ import annotations

import pytest

from glossary.model import Entry, Glossary
from translate.engines.base import MemoryEngine
from translate.quotes.align import (
    PAIR_THRESHOLD,
    Candidate,
    Similarity,
    align_quotes,
    anchors_of,
    assign,
    candidates_for,
    char_similarity,
)
from translate.quotes.extract import Quote


def run(original: str, translation: str, engine: MemoryEngine, mode: str = "excerpt",
        glossary: Glossary | None = None):  # type: ignore[no-untyped-def]
    return align_quotes(original, translation, engine, original_lang="es",
                        translation_lang="en", mode=mode, glossary=glossary,  # type: ignore[arg-type]
                        original_path="o.txt", translation_path="t.txt")


def test_pairs_out_of_order_with_a_split_quote(original: str, translation: str,
                                               engine: MemoryEngine) -> None:
    result = run(original, translation, engine)
    got = {tuple(q.line for q in p.translations): tuple(q.line for q in p.originals)
           for p in result.pairs}
    # the story quotes the originals in another order, and splits the one on line 7 in two
    assert got == {(3,): (9,), (5,): (5,), (7, 7): (7,), (9,): (3,)}
    kinds = {p.originals[0].line: p.kind for p in result.pairs}
    assert kinds[7] == "split"
    assert result.findings == ()
    assert not result.has_errors
    # one batched call for every original sentence, one for every translated one (back)
    assert len(engine.calls) == 2


def test_document_mode_reports_the_unquoted_original(original: str, translation: str,
                                                     engine: MemoryEngine) -> None:
    result = run(original, translation, engine, mode="document")
    assert [(f.rule, f.line, f.path) for f in result.findings] == [("missing", 11, "o.txt")]
    assert result.findings[0].data["original"].startswith("El presupuesto")
    assert result.has_errors


GLOSSARY = Glossary((
    Entry("grupo-criminal", "criminal group", "grupo criminal"),
    Entry("poblacion-civil", "civilian population", "población civil",
          forbidden_en=("civil population",)),
))

# (name, text to change in the translation, replacement, expected finding kind, its line)
FAULTS = [
    ("number", "14 people", "41 people", "number", 5),
    ("date", "March 29", "March 30", "number", 5),
    ("negation", "We are not going to negotiate", "We are going to negotiate", "negation", 9),
    ("name", "Claudia Sheinbaum", "Xóchitl Gálvez", "name", 3),
    ("unsourced", "\"We are not going",
     "\"The army will take over the city police next week,\" Payan said.\n\n"
     "\"We are not going", "unsourced", 9),
    ("term-absent", "any criminal group", "any gang", "term", 9),
    ("term-forbidden", "the civilian population", "the civil population", "term", 7),
    ("low-similarity", "\"We arrested 14 people on March 29,\"",
     "\"On March 29, 14 of them were already behind bars,\"", "low-similarity", 5),
]


@pytest.mark.parametrize("name,old,new,kind,line", FAULTS, ids=[f[0] for f in FAULTS])
def test_each_finding_kind(original: str, translation: str, engine: MemoryEngine, name: str,
                           old: str, new: str, kind: str, line: int) -> None:
    assert old in translation
    result = run(original, translation.replace(old, new), engine, glossary=GLOSSARY)
    found = [(f.rule, f.line) for f in result.findings]
    assert (kind, line) in found, found
    # nothing else is reported on the untouched quotes
    assert all(ln == line for _, ln in found), found
    finding = next(f for f in result.findings if f.rule == kind)
    assert finding.data["translation_line"] == line
    assert finding.data["translation"]
    if kind != "unsourced":
        assert finding.data["original"] and finding.data["original_line"]


def test_merged_quote(engine: MemoryEngine) -> None:
    original = ("«Detuvimos a 14 personas el 29 de marzo», afirmó la fiscal.\n\n"
                "«Nadie debe salir de noche», dijo el alcalde.\n\n"
                "«Hablé con la presidenta Claudia Sheinbaum esta mañana», contó Payan.\n")
    translation = ('"We arrested 14 people on March 29. Nobody should go out at night," '
                   "officials said.\n")
    result = run(original, translation, engine)
    assert [p.kind for p in result.pairs] == ["merged"]
    assert [q.line for q in result.pairs[0].originals] == [1, 3]
    assert result.findings == ()


def test_similarity_is_symmetric_in_f_and_favours_containment() -> None:
    a = "we will not negotiate with any criminal group"
    b = "we will not negotiate"
    ab, ba = char_similarity(a, b), char_similarity(b, a)
    assert abs(ab.f - ba.f) < 1e-9
    assert ba.precision == pytest.approx(1.0) and ba.recall < 0.7
    assert char_similarity(a, "the weather is nice today").f < 0.3


def test_comparing_both_ways_pairs_a_word_the_engine_renders_differently() -> None:
    # the engine renders "trigger" as "gatillo" going out, but the story's "disparador"
    # comes back as "trigger": only the comparison in the originals' language sees the match
    originals = ["trigger.", "It was a very long night for everybody here,"]
    machine = ["gatillo.", "Era una noche muy larga para todo el mundo aquí,"]
    story = Quote(text="disparador", spans=((0, 10),), line=1, index=0)
    args = (story, machine, [anchors_of(o, "en") for o in originals],
            anchors_of(story.text, "es"), [None, None], originals)
    one_way = candidates_for(*args)
    both_ways = candidates_for(*args, mt_translation="Trigger")
    assert one_way[0].score < PAIR_THRESHOLD
    assert both_ways[0].originals == (0,)
    assert both_ways[0].score >= PAIR_THRESHOLD
    assert both_ways[1].score < PAIR_THRESHOLD


def test_a_short_quote_inside_a_longer_one_keeps_its_own_original() -> None:
    # originals: 0 "I am keen to act as a voice for athletes ...", 1 "voice for athletes".
    # The short story quote matches the long original a little better than its own (its
    # words are all in it); taken greedily, the long story quote would be left to share.
    def cand(score: float, i: int) -> Candidate:
        return Candidate(score, Similarity(score, score), (i,))

    short = [cand(0.60, 0), cand(0.59, 1)]
    long = [cand(0.37, 0), cand(0.14, 1)]
    chosen = assign([short, long])
    assert chosen[0].originals == (1,)
    assert chosen[1].originals == (0,)
    # a quote whose only good original is taken still shares it (a split quote)
    assert assign([[cand(0.9, 0)], [cand(0.5, 0), cand(0.1, 1)]])[1].originals == (0,)


def test_word_list_evidence_must_explain_both_quotes() -> None:
    # one word of a long story quote ("grandes") explains all of a two-word original
    # ("greatest gallantry"): coverage 0.2 one way, 1.0 the other. That is not a pair; the
    # original whose engine rendering shares its wording is.
    from translate.lexicon import lexicon_from_pairs

    lexicon = lexicon_from_pairs([("great", "grande")])
    # (the engine's renderings as Apertium gives them: a weak character match both ways)
    originals = ["greatest gallantry", "something that I know that I could never live up to "
                 "but something which is humbling."]
    machine = ["Más sumo gallantry",
               "Algo que sé que nunca podría vivir hasta pero algo cuál es humbling."]
    text = "tan grandes que nunca podré llegar a su altura, pero sí fueron muy aleccionadoras"
    back = "So big that never will be able to arrive to his height, but yes were very " \
        "aleccionadoras"
    story = Quote(text=text, spans=((0, len(text)),), line=1, index=0)
    ranked = candidates_for(story, machine, [anchors_of(o, "en") for o in originals],
                            anchors_of(text, "es"), [None, None], originals, back,
                            lexicon=lexicon, langs=("en", "es"))
    assert [c.originals for c in ranked][0] == (1,)
    by_original = {c.originals: c.score for c in ranked}
    # the word view of the short original counts as its weaker side (0.2), less the discount
    assert by_original[(0,)] < 0.15
    # a word list that explains both quotes whole still pairs them
    whole = candidates_for(Quote(text="grandes", spans=((0, 7),), line=1, index=0), machine,
                           [anchors_of(o, "en") for o in originals], anchors_of("grandes", "es"),
                           [None, None], ["great", "something that I could never live up to"],
                           lexicon=lexicon, langs=("en", "es"))
    assert whole[0].originals == (0,) and whole[0].score >= PAIR_THRESHOLD
