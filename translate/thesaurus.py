"""An English thesaurus (WordNet's synonyms), to widen the bilingual word list's reach.

A bilingual dictionary lists a word's usual renderings, not every word that can render it:
Apertium and FreeDict give "húmedo" as damp, humid or moist, never "wet", and "salvaje" as
wild, never "feral". WordNet knows that wet is similar to damp and moist, and that feral is
savage. :func:`translate.lexicon.word_coverage` can go one synonym further on the English side
(a synonym's translations), as a weaker view of a quote pair (see
:data:`translate.quotes.align.SYNONYM_DISCOUNT`).

The data is Debian's ``mythes-en-us`` (LibreOffice's English MyThes thesaurus, made from
WordNet; permissive licences, see ``/usr/share/doc/mythes-en-us/copyright``); it is read where
it is installed, never copied into glosa: ``th_en_US_v2.idx`` (``headword|offset``, one a
line, after the encoding and a count) and ``th_en_US_v2.dat``, where each entry is
``headword|n`` and n sense lines ``(pos)|term|term (similar term)|term (generic term)|...``.
Kept: a sense's synonyms (no note) and similar terms (WordNet's adjective clusters: wet ~
damp, moist); left out: generic terms (hypernyms: "hubris" -> "arrogance" is a kind, not a
rendering), related terms and antonyms, and terms of several words.

Data, not a model: nothing is downloaded; when the package is not installed there is no
thesaurus and the aligner does without.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from translate.checks import fold

#: Where Debian's mythes packages put their thesauri.
SYSTEM_MYTHES = Path("/usr/share/mythes")
#: The English thesaurus's file name without its extension (.idx, .dat).
ENGLISH = "th_en_US_v2"
#: Notes of the terms kept besides plain synonyms.
KEPT_NOTES = frozenset({"similar term"})
_NOTE = re.compile(r"^(.*?)\s*\(([^()]*)\)$")


@dataclass(frozen=True, eq=False)
class Thesaurus:
    """A MyThes thesaurus: folded headword -> byte offset of its entry in ``data`` (compared
    and hashed by identity: one per process)."""

    index: Mapping[str, int]
    data: Path
    encoding: str

    def synonyms(self, word: str) -> frozenset[str]:
        """Folded one-word synonyms and similar terms of a folded word, every sense together;
        empty when the thesaurus does not have it."""
        return _synonyms(self, word)


def parse_entry(lines: list[str]) -> frozenset[str]:
    """The kept terms of one entry (its headword line first).

    >>> sorted(parse_entry(["feral|1", "(adj)|ferine|savage|wild (similar term)|"
    ...                     "barbarian (generic term)|tame (antonym)|wild animal"]))
    ['ferine', 'savage', 'wild']
    """
    head, _, count = lines[0].rpartition("|")
    out: set[str] = set()
    for line in lines[1:1 + int(count)] if count.isdigit() else []:
        for term in line.split("|")[1:]:
            match = _NOTE.match(term)
            if match:
                if match.group(2) not in KEPT_NOTES:
                    continue
                term = match.group(1)
            folded = fold(term.strip())
            if folded and " " not in folded and folded != fold(head):
                out.add(folded)
    return frozenset(out)


@lru_cache(maxsize=65536)
def _synonyms(thesaurus: Thesaurus, word: str) -> frozenset[str]:
    offset = thesaurus.index.get(word)
    if offset is None:
        return frozenset()
    with thesaurus.data.open("rb") as fh:
        fh.seek(offset)
        head = fh.readline().decode(thesaurus.encoding, "replace").rstrip("\n")
        _, _, count = head.rpartition("|")
        lines = [head] + [fh.readline().decode(thesaurus.encoding, "replace").rstrip("\n")
                          for _ in range(int(count) if count.isdigit() else 0)]
    return parse_entry(lines)


def read_index(text: str) -> dict[str, int]:
    """A MyThes index (encoding line, entry count, then ``headword|offset`` lines) as folded
    headword -> offset; the first of headwords that fold alike wins.

    >>> read_index("UTF-8\\n2\\nwet|120\\nwét|300\\n")
    {'wet': 120}
    """
    index: dict[str, int] = {}
    for line in text.splitlines()[2:]:
        word, _, offset = line.rpartition("|")
        if word and offset.isdigit():
            index.setdefault(fold(word), int(offset))
    return index


@lru_cache(maxsize=4)
def english_thesaurus(directory: Path = SYSTEM_MYTHES) -> Thesaurus | None:
    """The installed English thesaurus, or ``None`` when it is not installed or cannot be
    read (about 0.2 s to read its index, once per process)."""
    idx, dat = directory / f"{ENGLISH}.idx", directory / f"{ENGLISH}.dat"
    if not idx.is_file() or not dat.is_file():
        return None
    try:
        raw = idx.read_bytes()
        encoding = raw.split(b"\n", 1)[0].decode("ascii", "replace").strip() or "utf-8"
        return Thesaurus(read_index(raw.decode(encoding, "replace")), dat, encoding)
    except (OSError, LookupError):
        return None
