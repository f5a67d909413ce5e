"""The engine interface every translation engine implements, and an in-memory engine for tests.

An engine translates a batch of segments (sentences) between two languages. It may use the
glossary (Apertium compiles it into user dictionaries) and the per-segment requirements
(Argos forces them in the decoder); ``translate.enforce`` verifies and repairs what it could not.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from glossary.model import Glossary, Lang

if TYPE_CHECKING:
    from translate.lexicon import BilingualLexicon


@dataclass(frozen=True)
class Requirement:
    """A glossary term that the translation of one segment must carry."""

    entry_id: str
    start: int  # character span of the term in the source segment
    end: int
    source_form: str  # the text as found in the source
    targets: tuple[str, ...]  # accepted target renderings, preferred (inflected to fit) first
    forbidden: tuple[str, ...] = ()
    dnt: bool = False  # keep the source form as is


def plain_requirements(segment: str, terms: Mapping[str, str]) -> list[Requirement]:
    """Requirements from a plain term table (source -> target), without a glossary: the
    longest terms first, whole words, case ignored, no two overlapping; in source order.
    The entry id is the source term. For engines driven directly (benchmarks, tests).

    >>> [(r.entry_id, r.source_form, r.targets)
    ...  for r in plain_requirements("The Gulf Cartel and a cartel.",
    ...                              {"cartel": "cártel", "Gulf Cartel": "Cártel del Golfo"})]
    [('Gulf Cartel', 'Gulf Cartel', ('Cártel del Golfo',)), ('cartel', 'cartel', ('cártel',))]
    """
    import re

    taken: list[tuple[int, int]] = []
    reqs = []
    for source in sorted(terms, key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(source)}(?!\w)", segment, re.IGNORECASE):
            if all(m.end() <= a or m.start() >= b for a, b in taken):
                taken.append(m.span())
                reqs.append(Requirement(source, m.start(), m.end(), m.group(), (terms[source],)))
    return sorted(reqs, key=lambda r: r.start)


@runtime_checkable
class Engine(Protocol):
    """Translate batches of segments; never one process per sentence."""

    name: str

    def translate(
        self,
        segments: Sequence[str],
        src: Lang,
        tgt: Lang,
        *,
        glossary: Glossary | None = None,
        requirements: Sequence[Sequence[Requirement]] | None = None,
    ) -> list[str]:
        """Return one translation per segment, in order."""
        ...

    def close(self) -> None:
        """Release processes or models."""
        ...


def engine_lexicon(engine: object) -> BilingualLexicon | None:
    """The bilingual word list an engine brings (Apertium's dictionaries), if any: an
    engine may offer one with a ``bilingual_lexicon()`` method."""
    get = getattr(engine, "bilingual_lexicon", None)
    return get() if callable(get) else None


class MemoryEngine:
    """A deterministic engine for tests: a phrase table applied longest-first, else identity.

    >>> MemoryEngine({"the cartel": "el cártel"}).translate(["The cartel"], "en", "es")
    ['el cártel']
    """

    name = "memory"

    def __init__(self, table: Mapping[str, str] | None = None,
                 lexicon: BilingualLexicon | None = None) -> None:
        self.table = {k.lower(): v for k, v in (table or {}).items()}
        self.lexicon = lexicon
        self.calls: list[list[str]] = []

    def bilingual_lexicon(self) -> BilingualLexicon | None:
        """The word list given to the engine, if any (see :func:`engine_lexicon`)."""
        return self.lexicon

    def translate(
        self,
        segments: Sequence[str],
        src: Lang,
        tgt: Lang,
        *,
        glossary: Glossary | None = None,
        requirements: Sequence[Sequence[Requirement]] | None = None,
    ) -> list[str]:
        self.calls.append(list(segments))
        out = []
        for seg in segments:
            text = seg
            for key in sorted(self.table, key=len, reverse=True):
                idx = text.lower().find(key)
                while idx >= 0:
                    text = text[:idx] + self.table[key] + text[idx + len(key):]
                    idx = text.lower().find(key, idx + len(self.table[key]))
            out.append(text)
        return out

    def close(self) -> None:
        pass
