"""Apertium's bilingual dictionaries as a word list (lemma pairs), for the quote aligner.

The installed pair ships its bilingual dictionaries compiled (``eng-spa.autobil.bin``,
``spa-eng.autobil.bin``), not as ``.dix`` sources, so ``lt-expand`` cannot list them;
``lt-print`` dumps a compiled transducer as text (AT&T format: ``from to input output
weight`` per arc) and every path from the start state to a final state is one entry,
``lemma<tags>`` on the left and ``lemma<tags>`` on the right. Only the first transducer of
the file holds the word entries (the others are number and Roman-numeral patterns, which loop
and are skipped). Both directions are read, so a word Apertium translates only one way still
counts. The list (eng-spa 0.8.1: 25,640 lemma pairs, 0.5 MB) is cached under
``$GLOSA_HOME/apertium/lexicon/`` keyed by the dictionaries' content hash: built once (about
6 s on a busy 2-core machine, most of it ``lt-print``), then read in about 0.15 s.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

from glossary.atomic import write_text_atomic
from translate.engines.apertium import SYSTEM_DATADIR
from translate.home import glosa_home
from translate.lexicon import BilingualLexicon, lexicon_from_pairs

#: Part of the cache key: bump it when the list built from the same dictionaries changes.
LEXICON_VERSION = 1
#: The pair's compiled bilingual dictionaries, and which side of each is English.
BIDIX = (("eng-spa.autobil.bin", "en"), ("spa-eng.autobil.bin", "es"))
#: A bound on the entries read from one dictionary (eng-spa has about 33,000).
MAX_PATHS = 1_000_000
_EPSILON = {"ε", "@0@", "@_EPSILON_SYMBOL_@"}
_LEMMA = re.compile(r"^([^<]*)")


def att_paths(att: str) -> Iterator[tuple[str, str]]:
    """Every (input, output) string of the first transducer of an ``lt-print`` dump. Digits
    are not followed (they are the number patterns, which loop), nor arcs back to a state
    already on the path; at most :data:`MAX_PATHS` paths.

    >>> dump = ("0\\t1\\ta\\tb\\t0\\n1\\t2\\t<n>\\t<n>\\t0\\n1\\t1\\t9\\t9\\t0\\n2\\t0.0\\n"
    ...         "--\\n0\\t1\\tx\\ty\\t0")
    >>> list(att_paths(dump))
    [('a<n>', 'b<n>')]
    """
    arcs: dict[str, list[tuple[str, str, str]]] = {}
    finals: set[str] = set()
    for line in att.splitlines():
        if line.startswith("--"):
            break  # the next transducer
        parts = line.split("\t")
        if len(parts) < 4 or not parts[2]:
            if parts and parts[0]:
                finals.add(parts[0])
            continue
        a = "" if parts[2] in _EPSILON else parts[2]
        b = "" if parts[3] in _EPSILON else parts[3]
        arcs.setdefault(parts[0], []).append((parts[1], a, b))
    stack: list[tuple[str, str, str, frozenset[str]]] = [("0", "", "", frozenset({"0"}))]
    found = 0
    while stack and found < MAX_PATHS:
        state, left, right, seen = stack.pop()
        if state in finals and left:
            found += 1
            yield left, right
        for target, a, b in arcs.get(state, ()):
            if target in seen or a.isdigit():
                continue
            # states on a path are few (a word and its tags): a set per path is cheap enough
            stack.append((target, left + a, right + b, seen | {target}))


def _lemma(entry: str) -> tuple[str, bool]:
    """The lemma of ``lemma<tags>`` (multiword queue mark ``#`` removed), and whether it is a
    proper noun."""
    m = _LEMMA.match(entry)
    lemma = (m.group(1) if m else entry).replace("#", "")
    return " ".join(lemma.split()), "<np>" in entry


def lemma_pairs(att: str, english_side: str) -> Iterator[tuple[str, str]]:
    """(English lemma, Spanish lemma) for every entry of a bilingual dictionary dump; proper
    nouns are left out (names are compared as they are written)."""
    for left, right in att_paths(att):
        (l_lemma, l_np), (r_lemma, r_np) = _lemma(left), _lemma(right)
        if l_np or r_np or not l_lemma or not r_lemma:
            continue
        yield (l_lemma, r_lemma) if english_side == "en" else (r_lemma, l_lemma)


def _digest(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def apertium_lexicon(home: Path | None = None,
                     datadir: Path = SYSTEM_DATADIR) -> BilingualLexicon | None:
    """The eng-spa pair's bilingual word list, from the cache or built from the installed
    dictionaries; ``None`` when the pair or ``lt-print`` is not installed."""
    folder = datadir / "apertium-eng-spa"
    files = [folder / name for name, _ in BIDIX]
    if not all(f.is_file() for f in files):
        return None
    cache = (home or glosa_home()) / "apertium" / "lexicon" / \
        f"{_digest(files)}-v{LEXICON_VERSION}.tsv"
    if not cache.is_file():
        pairs: set[tuple[str, str]] = set()
        for path, (_, english_side) in zip(files, BIDIX, strict=True):
            try:
                proc = subprocess.run(["lt-print", str(path)], capture_output=True, check=False)
            except FileNotFoundError:
                return None
            if proc.returncode != 0:
                return None
            pairs |= set(lemma_pairs(proc.stdout.decode("utf-8", "replace"), english_side))
        cache.parent.mkdir(parents=True, exist_ok=True)
        # atomic: a reader never sees half a list
        write_text_atomic(cache, "".join(f"{en}\t{es}\n" for en, es in sorted(pairs)))
    with cache.open(encoding="utf-8") as fh:
        return lexicon_from_pairs(tuple(line.rstrip("\n").split("\t", 1))  # type: ignore[misc]
                                  for line in fh if "\t" in line)
