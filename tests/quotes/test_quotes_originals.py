"""``--originals``: quotes of a translation replaced by the words actually said."""

from __future__ import annotations

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
