"""The bilingual word list: built from Apertium's compiled dictionaries, and used by the quote
aligner for free renderings that character n-grams miss."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from translate.engines.apertium_lexicon import BIDIX, apertium_lexicon, att_paths, lemma_pairs
from translate.engines.base import MemoryEngine
from translate.lexicon import lexicon_from_pairs, word_coverage
from translate.quotes.align import align_quotes

LEX = lexicon_from_pairs([("worry", "preocupación"), ("concern", "preocuparse"),
                          ("wild", "salvaje"), ("happy", "feliz"), ("network", "red"),
                          ("go", "ir"), ("regret", "lamentar"), ("whole", "todo"),
                          ("life", "vida"), ("feral", "salvaje"), ("dog", "perro"),
                          ("night", "noche")])


@pytest.mark.parametrize("es,en,expected", [
    # a derived form of the dictionary's rendering (first five letters): preocupa-
    ("preocupante", "concerning", (1.0, 1.0)),
    # inflected on both sides: lemmas
    ("Las redes", "the networks", (1.0, 1.0)),
    # the dictionary lists the pair one way only: looked up from either side
    ("lamento", "I regret it", (1.0, 1.0)),
    # nothing in common: nothing covered
    ("descontento", "not happy", (0.0, 0.0)),
    # names and numbers are themselves on both sides
    ("Ruiz llegó con 14", "Ruiz came with 14", (2 / 3, 2 / 3)),
    # auxiliary and light verbs do not count ("vamos" / "going")
    ("vamos a capturarlo", "we are going to stop", (0.0, 0.0)),
    ("vamos", "we are going", None),
])
def test_word_coverage(es: str, en: str, expected: tuple[float, float] | None) -> None:
    got = word_coverage(es, "es", en, "en", LEX)
    assert got == (pytest.approx(expected) if expected is not None else None)


def test_att_paths_reads_the_first_transducer_and_skips_number_loops() -> None:
    dump = "\n".join([
        "0\t1\tw\tr\t0.000000", "1\t2\to\te\t0.000000", "2\t3\t<n>\t<n>\t0.000000",
        "3\t4\tε\t<f>\t0.000000", "4\t0.000000",
        "0\t5\t7\t7\t0.000000", "5\t5\t7\t7\t0.000000", "5\t4\t<num>\t<num>\t0.000000",
        "--", "0\t1\tx\ty\t0.000000", "1\t0.000000"])
    assert list(att_paths(dump)) == [("wo<n>", "re<n><f>")]


def test_lemma_pairs_drop_tags_queue_marks_and_proper_nouns() -> None:
    dump = "\n".join([
        "0\t1\tw\tg\t0", "1\t2\t<adj>\ta\t0", "2\t3\tε\tn\t0", "3\t4\tε\t#\t0",
        "4\t5\tε\t \t0", "5\t6\tε\tx\t0", "6\t7\tε\t<adj>\t0", "7\t0",
        "0\t8\tP\tP\t0", "8\t7\t<np>\t<np>\t0"])
    assert list(lemma_pairs(dump, "en")) == [("w", "gan x")]
    assert list(lemma_pairs(dump, "es")) == [("gan x", "w")]


BIDIX_EN_ES = """<dictionary><alphabet>abcdefghijklmnopqrstuvwxyzáéíóúñ</alphabet>
<sdefs><sdef n="adj"/><sdef n="n"/><sdef n="f"/><sdef n="mf"/></sdefs>
<section id="main" type="standard">
<e><p><l>feral<s n="adj"/></l><r>salvaje<s n="adj"/><s n="mf"/></r></p></e>
<e><p><l>worry<s n="n"/></l><r>preocupación<s n="n"/><s n="f"/></r></p></e>
</section></dictionary>
"""


@pytest.mark.skipif(shutil.which("lt-comp") is None or shutil.which("lt-print") is None,
                    reason="lttoolbox is not installed (make debs)")
def test_apertium_lexicon_is_built_from_compiled_dictionaries_and_cached(
        tmp_path: Path) -> None:
    data = tmp_path / "data" / "apertium-eng-spa"
    data.mkdir(parents=True)
    dix = tmp_path / "bi.dix"
    dix.write_text(BIDIX_EN_ES, encoding="utf-8")
    for name, english_side in BIDIX:
        direction = "lr" if english_side == "en" else "rl"
        subprocess.run(["lt-comp", direction, str(dix), str(data / name)], check=True,
                       capture_output=True)
    home = tmp_path / "home"
    lexicon = apertium_lexicon(home, tmp_path / "data")
    assert lexicon is not None
    assert lexicon.translations("feral", "en") == {"salvaje"}
    assert lexicon.translations("preocupacion", "es") == {"worry"}
    cached = list((home / "apertium" / "lexicon").glob("*.tsv"))
    assert len(cached) == 1
    # a second run reads the cache: changing it shows that it was read
    cached[0].write_text("feral\tferoz\n", encoding="utf-8")
    again = apertium_lexicon(home, tmp_path / "data")
    assert again is not None and again.translations("feral", "en") == {"feroz"}


def test_no_installed_pair_no_lexicon(tmp_path: Path) -> None:
    assert apertium_lexicon(tmp_path / "home", tmp_path / "nothing") is None


ORIGINAL = """“This is concerning,” the director said.

“The feral dogs came back at night,” a neighbour said.
"""
STORY = """«Es preocupante», dijo el director.

«Los perros salvajes volvieron por la noche», dijo un vecino.
"""


def test_the_aligner_pairs_a_free_rendering_through_the_word_list() -> None:
    # an engine that renders word for word and knows neither "concerning" nor "preocupante"
    table = {"the dogs": "los perros", "came back": "volvieron", "at night": "por la noche",
             "los perros": "the dogs", "volvieron": "came back", "por la noche": "at night"}

    def pairs(engine: MemoryEngine) -> dict[int, int]:
        result = align_quotes(ORIGINAL, STORY, engine, original_lang="en",
                              translation_lang="es")
        return {p.translations[0].line: p.originals[0].line for p in result.pairs}

    assert pairs(MemoryEngine(table)).get(1) is None
    assert pairs(MemoryEngine(table, lexicon=LEX)) == {1: 1, 3: 3}
