"""``--originals``: quotes of a translation replaced by the words actually said."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate.quotes.align import split_sentences
from translate.quotes.extract import extract_quotes
from translate.quotes.originals import restore_originals

ORIGINALS = """«No vamos a negociar con ningún grupo criminal», dijo Payan.

«La Guardia Nacional tiene instrucciones de proteger a la población civil y de no disparar
contra los manifestantes», afirmó la fiscal.
"""

MACHINE = """El alcalde habló el viernes.

«No vamos a negociar con cualquier grupo criminal», Payan dijo.

La fiscal dijo que la Guardia Nacional tiene «instrucciones para proteger la población civil».

«Todo está bajo control», añadió un funcionario.
"""


def test_full_and_partial_quotes_get_the_original_words() -> None:
    out, done = restore_originals(MACHINE, ORIGINALS, "es")
    assert "«No vamos a negociar con ningún grupo criminal», Payan dijo." in out
    assert "«instrucciones de proteger a la población civil»" in out
    # a quote with no original is left as the engine wrote it
    assert "«Todo está bajo control»" in out
    assert [(r.line, r.original_line, r.partial) for r in done] == [(3, 1, False),
                                                                    (5, 3, True)]
    assert done[0].machine == "No vamos a negociar con cualquier grupo criminal"


def test_nothing_to_restore_leaves_the_text_alone() -> None:
    out, done = restore_originals(MACHINE, "Sin citas aquí.", "es")
    assert out == MACHINE and done == []


GOLDEN = Path(__file__).parent.parent / "data" / "quotes" / "originals"
MULTI = sorted(GOLDEN.glob("*.machine.*.txt"))


@pytest.mark.parametrize("machine", MULTI, ids=[p.name.split(".")[0] for p in MULTI])
def test_quote_over_paragraphs_golden(machine: Path) -> None:
    """A quote over several paragraphs (or a dialogue line the narrator interrupts): the
    original words once, shared out among the parts, each further paragraph opening with the
    mark its language wants, a dialogue line's dashes left alone; golden
    files ``NAME.machine.LANG.txt`` + ``NAME.said.LANG.txt`` -> ``NAME.expected.LANG.txt``."""
    name, _, lang, _ = machine.name.split(".")
    said = (GOLDEN / f"{name}.said.{lang}.txt").read_text(encoding="utf-8")
    out, done = restore_originals(machine.read_text(encoding="utf-8"), said, lang)
    assert out == (GOLDEN / f"{name}.expected.{lang}.txt").read_text(encoding="utf-8")
    assert len(done) == 1
    # what a reader sees: one quotation, every mark paired, no empty or repeated words
    again = [q for q in extract_quotes(out, lang) if q.depth == 0]
    assert len(again) == 1 and not again[0].unclosed
    assert '""' not in out and "“”" not in out and "«»" not in out
    for sentence in split_sentences(done[0].original):
        assert out.count(sentence.rstrip(".,;:")) == 1, sentence
    assert out.count("\n") == machine.read_text(encoding="utf-8").count("\n")


def test_golden_covers_each_way_a_quote_runs_over_paragraphs() -> None:
    assert {p.name.split(".")[0] for p in MULTI} >= {
        "paragraphs-straight", "curly-continuation", "sentences-shared", "one-sentence",
        "guillemets-en", "joined", "dialogue-aside"}
