"""The English thesaurus (MyThes, WordNet's synonyms) and the word view it widens."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from translate.lexicon import lexicon_from_pairs, merge_lexicon, word_coverage
from translate.quotes.align import (
    LEXICAL_DISCOUNT,
    PAIR_THRESHOLD,
    SYNONYM_DISCOUNT,
    anchors_of,
    candidates_for,
)
from translate.quotes.extract import Quote
from translate.thesaurus import (
    CachedIndex,
    cached_index,
    english_thesaurus,
    index_cache_path,
    read_index,
)


@pytest.fixture(autouse=True)
def own_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The index cache goes to the test's own $GLOSA_HOME, never the user's."""
    monkeypatch.setenv("GLOSA_HOME", str(tmp_path / "glosa-home"))


def write_mythes(folder: Path, entries: dict[str, list[str]], encoding: str = "UTF-8") -> None:
    """A MyThes thesaurus as LibreOffice's th_gen_idx.pl writes one: the data file (encoding
    line, then ``word|n`` and n sense lines) and its index of byte offsets."""
    data = f"{encoding}\n".encode(encoding)
    index = []
    for word, senses in sorted(entries.items()):
        index.append(f"{word}|{len(data)}")
        data += f"{word}|{len(senses)}\n".encode(encoding)
        data += "".join(f"{s}\n" for s in senses).encode(encoding)
    (folder / "th_en_US_v2.dat").write_bytes(data)
    (folder / "th_en_US_v2.idx").write_bytes(
        f"{encoding}\n{len(index)}\n{chr(10).join(index)}\n".encode(encoding))


ENTRIES = {
    "wet": ["(adj)|damp (similar term)|moist (similar term)|soaked (similar term)|"
            "dry (antonym)", "(noun)|moisture|wetness (generic term)"],
    "feral": ["(adj)|ferine|savage|wild (similar term)"],
    "hubris": ["(noun)|arrogance (generic term)"],
    "zorrito": ["(noun)|little fox|kit (related term)"],
}


def test_reads_synonyms_and_similar_terms_only(tmp_path: Path) -> None:
    write_mythes(tmp_path, ENTRIES)
    thesaurus = english_thesaurus(tmp_path)
    assert thesaurus is not None
    assert thesaurus.synonyms("wet") == {"damp", "moist", "soaked", "moisture"}
    assert thesaurus.synonyms("feral") == {"ferine", "savage", "wild"}
    # a kind (generic term) is not a rendering; several words, related terms are left out
    assert thesaurus.synonyms("hubris") == frozenset()
    assert thesaurus.synonyms("zorrito") == frozenset()
    assert thesaurus.synonyms("absent") == frozenset()


def test_reads_a_latin1_thesaurus(tmp_path: Path) -> None:
    write_mythes(tmp_path, {"café": ["(noun)|java|coffee"], "wet": ENTRIES["wet"]},
                 encoding="ISO8859-1")
    thesaurus = english_thesaurus(tmp_path)
    assert thesaurus is not None
    assert thesaurus.synonyms("cafe") == {"java", "coffee"}
    assert thesaurus.synonyms("wet") >= {"damp"}


def test_no_thesaurus_when_not_installed(tmp_path: Path) -> None:
    assert english_thesaurus(tmp_path) is None


def test_index_skips_its_header_and_bad_lines() -> None:
    assert read_index("UTF-8\n3\nwet|10\nbroken line\ndry|x\n") == {"wet": 10}


def lexicon_with(tmp_path: Path, pairs: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    import dataclasses

    write_mythes(tmp_path, ENTRIES)
    return dataclasses.replace(lexicon_from_pairs(pairs), thesaurus=english_thesaurus(tmp_path))


def test_synonyms_widen_the_word_view_only_when_asked(tmp_path: Path) -> None:
    # the dictionary gives "húmedo" as damp, never wet; the thesaurus knows wet ~ damp
    lexicon = lexicon_with(tmp_path, [("damp", "húmedo"), ("wild", "salvaje")])
    assert word_coverage("húmedo", "es", "wet", "en", lexicon) == (0.0, 0.0)
    assert word_coverage("húmedo", "es", "wet", "en", lexicon, synonyms=True) == (1.0, 1.0)
    assert word_coverage("perros salvajes", "es", "feral dogs", "en", lexicon,
                         synonyms=True) == (0.5, 0.5)
    # a merged list keeps its thesaurus
    assert merge_lexicon(lexicon, [("dog", "perro")]).thesaurus is lexicon.thesaurus
    assert word_coverage("perros salvajes", "es", "feral dogs", "en",
                         merge_lexicon(lexicon, [("dog", "perro")]), synonyms=True) == (1.0, 1.0)


def test_a_quote_linked_through_a_synonym_pairs_but_counts_less(tmp_path: Path) -> None:
    lexicon = lexicon_with(tmp_path, [("damp", "húmedo")])
    story = Quote(text="húmedo", spans=((0, 6),), line=1, index=0)
    originals = ["wet", "illuminated manuscripts"]
    machine = ["mojado", "manuscritos iluminados"]  # the engine's renderings, no help
    ranked = candidates_for(story, machine, [anchors_of(o, "en") for o in originals],
                            anchors_of(story.text, "es"), [None, None], originals, "Damp",
                            lexicon, ("en", "es"))
    assert ranked[0].originals == (0,)
    assert ranked[0].score >= PAIR_THRESHOLD
    assert ranked[0].score == 1.0 - LEXICAL_DISCOUNT - SYNONYM_DISCOUNT
    # without the thesaurus, nothing links them: no pair
    bare = candidates_for(story, machine, [anchors_of(o, "en") for o in originals],
                          anchors_of(story.text, "es"), [None, None], originals, "Damp",
                          lexicon_from_pairs([("damp", "húmedo")]), ("en", "es"))
    assert all(c.score < PAIR_THRESHOLD for c in bare)



def test_quotes_of_one_theme_do_not_pair_through_synonyms(tmp_path: Path) -> None:
    # an invented quote about the same things as an original (soldiers, the border): the
    # thesaurus links half its words, which would pair it without the further discount
    import dataclasses

    write_mythes(tmp_path, {"troop": ["(noun)|soldier"], "frontier": ["(noun)|border"]})
    lexicon = dataclasses.replace(
        lexicon_from_pairs([("soldier", "soldado"), ("border", "frontera")]),
        thesaurus=english_thesaurus(tmp_path))
    text = "Los soldados vigilan la frontera con drones"
    original = "Troops guard the frontier at night"
    story = Quote(text=text, spans=((0, len(text)),), line=1, index=0)
    ranked = candidates_for(story, ["xx"], [anchors_of(original, "en")], anchors_of(text, "es"),
                            [None], [original], "xx", lexicon, ("en", "es"))
    wide = word_coverage(text, "es", original, "en", lexicon, synonyms=True)
    assert wide is not None and min(wide) - LEXICAL_DISCOUNT >= PAIR_THRESHOLD
    assert ranked[0].score == min(wide) - LEXICAL_DISCOUNT - SYNONYM_DISCOUNT
    assert ranked[0].score < PAIR_THRESHOLD


# --------------------------------------------------------------------------------------------
# the cached index: the same lookups as the whole index read into a dictionary


def generated_index(seed: int) -> tuple[str, dict[str, int]]:
    """A MyThes index text with what folding makes tricky: case, accents, headwords that fold
    alike (the first wins), unsorted lines, a bad line, multi-word and apostrophe headwords."""
    import random

    rng = random.Random(seed)
    stems = ["wet", "café", "Cafe", "CAFÉ", "naïve", "naive", "o'clock", "'s gravenhage",
             "New York", "new york", "résumé", "resume", "Ärger", "arger", "zorrito", "ñandú"]
    words = stems + ["".join(rng.choice("abcdeéñü'-") for _ in range(rng.randint(1, 7)))
                     for _ in range(300)]
    rng.shuffle(words)
    lines = [f"{w}|{rng.randint(0, 10**6)}" for w in words]
    lines.insert(5, "broken line")
    text = "UTF-8\n" + f"{len(lines)}\n" + "\n".join(lines) + "\n"
    return text, read_index(text)


@pytest.mark.parametrize("seed", range(5))
def test_cached_index_answers_like_the_whole_index(tmp_path: Path, seed: int) -> None:
    text, expected = generated_index(seed)
    idx = tmp_path / "th_en_US_v2.idx"
    idx.write_bytes(text.encode("utf-8"))
    home = tmp_path / "home"
    built = cached_index(idx, "UTF-8", home)  # builds the cache, answers from the dict
    cached = cached_index(idx, "UTF-8", home)  # from the cache
    assert isinstance(cached, CachedIndex) and dict(built) == expected
    assert dict(cached) == expected and len(cached) == len(expected)
    probes = set(expected) | {"Cafe", "CAFÉ", "café", "New York", "absent", "", "wet ", "WET"}
    for word in probes:
        assert cached.get(word) == expected.get(word), word
    assert "cafe" in cached and "Cafe" not in cached


def test_cache_follows_the_file_and_survives_damage(tmp_path: Path) -> None:
    home = tmp_path / "home"
    write_mythes(tmp_path, ENTRIES)
    assert english_thesaurus(tmp_path, home) is not None
    caches = list((home / "thesaurus").glob("*.sqlite"))
    assert len(caches) == 1
    # a changed thesaurus (other size and time) gets an index of its own
    idx = tmp_path / "th_en_US_v2.idx"
    write_mythes(tmp_path, {**ENTRIES, "dry": ["(adj)|arid (similar term)"]})
    os.utime(idx, ns=(idx.stat().st_atime_ns, idx.stat().st_mtime_ns + 10**9))
    fresh = cached_index(idx, "UTF-8", home)
    assert fresh.get("dry") is not None
    assert index_cache_path(idx, home) != caches[0]
    # a damaged cache is built again, not trusted
    index_cache_path(idx, home).write_bytes(b"not a database")
    again = cached_index(idx, "UTF-8", home)
    assert again.get("dry") == fresh.get("dry")
    assert isinstance(cached_index(idx, "UTF-8", home), CachedIndex)


def test_unwritable_home_reads_the_whole_index(tmp_path: Path) -> None:
    write_mythes(tmp_path, ENTRIES)
    blocker = tmp_path / "home"
    blocker.write_text("a file where the cache folder would be")
    index = cached_index(tmp_path / "th_en_US_v2.idx", "UTF-8", blocker)
    assert isinstance(index, dict) and index.get("feral") is not None


SYSTEM_IDX = Path("/usr/share/mythes/th_en_US_v2.idx")


@pytest.mark.skipif(not SYSTEM_IDX.is_file(), reason="mythes-en-us is not installed")
def test_installed_thesaurus_cached_index_is_identical(tmp_path: Path) -> None:
    raw = SYSTEM_IDX.read_bytes()
    encoding = raw.split(b"\n", 1)[0].decode("ascii").strip()
    expected = read_index(raw.decode(encoding, "replace"))
    cached_index(SYSTEM_IDX, encoding, tmp_path)
    cached = cached_index(SYSTEM_IDX, encoding, tmp_path)
    assert isinstance(cached, CachedIndex)
    assert dict(cached) == expected
