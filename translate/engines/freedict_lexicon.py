"""FreeDict's English-Spanish dictionaries as a word list, to widen Apertium's.

Apertium's bilingual dictionaries list the one or two renderings its rules need: "broma" is
"prank" or "jest" there, never "joke", and "grave" is never "serious", so the quote aligner
could not link "una broma pesada" with "some sort of sick joke". FreeDict's eng-spa and
spa-eng (Debian ``dict-freedict-eng-spa``, ``dict-freedict-spa-eng``: about 5,900 and 4,500
headwords, GPL) are small general dictionaries with such everyday senses. They are dictd
databases: an ``.index`` of ``headword<TAB>offset<TAB>length`` (base64 numbers) into a
``.dict.dz`` (gzip that dictzip can seek in; plain gzip reads it whole: 80 kB). An entry is
the headword with its pronunciation on the first line, then its translations, comma
separated, optionally in numbered senses ("1. bromear" / "2. broma, burla, chanza").

Data, not a model: nothing is downloaded; when the packages are not installed the list is
simply empty and the aligner uses Apertium's alone.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from pathlib import Path

#: Where Debian's dictd packages put their databases.
SYSTEM_DICTD = Path("/usr/share/dictd")
#: The two databases, and whether English is the headword side.
DATABASES = (("freedict-eng-spa", True), ("freedict-spa-eng", False))
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_SENSE = re.compile(r"^\d+\.\s*")
_TAG = re.compile(r"<[^>]*>")


def _number(text: str) -> int:
    """A dictd base64 number (most significant digit first).

    >>> _number("B"), _number("BA"), _number("Bm")
    (1, 64, 102)
    """
    value = 0
    for ch in text:
        value = value * 64 + _B64.index(ch)
    return value


def dictd_entries(index: str, data: bytes) -> Iterator[tuple[str, str]]:
    """(headword, entry text) of a dictd database; the database's own header entries
    (``00-database-...``, ``00databaseinfo``) are left out."""
    for line in index.splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or parts[0].startswith("00"):
            continue
        start, length = _number(parts[1]), _number(parts[2])
        yield parts[0], data[start:start + length].decode("utf-8", "replace")


def entry_translations(entry: str) -> list[str]:
    """The translations of one FreeDict entry: every line after the headword's, sense
    numbers and grammar tags (``<f>``) removed, split at commas.

    >>> entry_translations("joke /dʒouk/\\n1. bromear\\n2. broma, burla, chanza\\n")
    ['bromear', 'broma', 'burla', 'chanza']
    >>> entry_translations("robbed of sleep /x/\\nrobadas al sueño <f>\\n")
    ['robadas al sueño']
    """
    out: list[str] = []
    for line in entry.strip().split("\n")[1:]:
        line = _TAG.sub("", _SENSE.sub("", line.strip()))
        out += [t.strip() for t in line.split(",") if t.strip()]
    return out


def freedict_pairs(dictd: Path = SYSTEM_DICTD) -> list[tuple[str, str]]:
    """(English, Spanish) pairs of the installed FreeDict databases (none when they are not
    installed or cannot be read)."""
    pairs: list[tuple[str, str]] = []
    for name, english_head in DATABASES:
        index, data = dictd / f"{name}.index", dictd / f"{name}.dict.dz"
        if not index.is_file() or not data.is_file():
            continue
        try:
            text = index.read_text(encoding="utf-8")
            raw = gzip.decompress(data.read_bytes())
        except (OSError, UnicodeDecodeError, EOFError):
            continue
        for head, entry in dictd_entries(text, raw):
            for other in entry_translations(entry):
                pairs.append((head, other) if english_head else (other, head))
    return pairs
