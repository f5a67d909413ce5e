"""The glossary's domain model: frozen entries and the glossary that holds them."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Literal

Lang = Literal["en", "es"]
LANGS: tuple[Lang, Lang] = ("en", "es")


class Kind(StrEnum):
    CARTEL = "cartel"
    CRIMINAL_GROUP = "criminal-group"
    PARTY = "party"
    INSTITUTION = "institution"
    ORGANIZATION = "organization"
    LEGAL = "legal"
    PERSON = "person"
    PLACE = "place"
    DRUG = "drug"
    GENERAL = "general"


class Pos(StrEnum):
    NOUN = "noun"
    PROPER = "proper"
    VERB = "verb"
    ADJ = "adj"
    ADV = "adv"
    PHRASE = "phrase"


class Gender(StrEnum):
    M = "m"
    F = "f"


class Direction(StrEnum):
    BOTH = "both"
    EN_ES = "en-es"
    ES_EN = "es-en"


class Status(StrEnum):
    APPROVED = "approved"
    PROPOSED = "proposed"
    DEPRECATED = "deprecated"


class CaseRule(StrEnum):
    AUTO = "auto"
    EXACT = "exact"
    IGNORE = "ignore"


#: The columns a term file may carry, in the order the desk's files use.
COLUMNS: tuple[str, ...] = (
    "id", "en", "es", "kind", "pos", "gender", "en_plural", "es_plural", "es_feminine",
    "en_variants", "es_variants", "forbidden_en", "forbidden_es", "dnt", "direction",
    "status", "case", "note",
)
REQUIRED_COLUMNS: tuple[str, ...] = ("id", "en", "es")
#: ``en_plural``/``es_plural`` value meaning "this term has no plural".
NO_PLURAL = "-"


@dataclass(frozen=True)
class SourceRef:
    """Where an entry was read from (1-based line)."""

    path: str
    line: int


@dataclass(frozen=True)
class Entry:
    """One glossary entry: a concept with its preferred term in each language."""

    id: str
    en: str
    es: str
    kind: Kind = Kind.GENERAL
    pos: Pos = Pos.NOUN
    gender: Gender | None = None
    en_plural: str | None = None
    es_plural: str | None = None
    es_feminine: str | None = None
    en_variants: tuple[str, ...] = ()
    es_variants: tuple[str, ...] = ()
    forbidden_en: tuple[str, ...] = ()
    forbidden_es: tuple[str, ...] = ()
    dnt: bool = False
    direction: Direction = Direction.BOTH
    status: Status = Status.APPROVED
    case: CaseRule = CaseRule.AUTO
    note: str = ""
    source: SourceRef | None = field(default=None, compare=False)

    def term(self, lang: Lang) -> str:
        """The preferred term in ``lang``."""
        return self.en if lang == "en" else self.es

    def plural(self, lang: Lang) -> str | None:
        """The explicit plural in ``lang`` (``None``: by rule; ``"-"``: none)."""
        return self.en_plural if lang == "en" else self.es_plural

    def variants(self, lang: Lang) -> tuple[str, ...]:
        """Admitted alternatives in ``lang`` (not preferred, but not wrong)."""
        return self.en_variants if lang == "en" else self.es_variants

    def forbidden(self, lang: Lang) -> tuple[str, ...]:
        """Renderings in ``lang`` that must never appear."""
        return self.forbidden_en if lang == "en" else self.forbidden_es

    def accepted(self, lang: Lang) -> tuple[str, ...]:
        """Preferred term first, then admitted variants (lemma forms)."""
        return (self.term(lang), *self.variants(lang))

    def covers(self, src: Lang, tgt: Lang) -> bool:
        """Whether the entry's ``direction`` includes ``src`` -> ``tgt`` (whatever its status)."""
        if self.direction is Direction.BOTH:
            return src != tgt
        return self.direction.value == f"{src}-{tgt}"

    def applies(self, src: Lang, tgt: Lang) -> bool:
        """Whether this entry is enforced when translating ``src`` -> ``tgt``.

        Only approved entries are enforced: a proposed entry is under review (lint, lookup and
        diff see it; translation and checks do not), a deprecated one is history.
        """
        return self.status is Status.APPROVED and self.covers(src, tgt)

    def to_row(self) -> dict[str, str]:
        """The entry as CSV cell strings, keyed by column name."""
        def join(values: Sequence[str]) -> str:
            return "|".join(values)

        return {
            "id": self.id, "en": self.en, "es": self.es, "kind": self.kind.value,
            "pos": self.pos.value, "gender": self.gender.value if self.gender else "",
            "en_plural": self.en_plural or "", "es_plural": self.es_plural or "",
            "es_feminine": self.es_feminine or "",
            "en_variants": join(self.en_variants), "es_variants": join(self.es_variants),
            "forbidden_en": join(self.forbidden_en), "forbidden_es": join(self.forbidden_es),
            "dnt": "yes" if self.dnt else "", "direction": self.direction.value,
            "status": self.status.value, "case": self.case.value, "note": self.note,
        }


@dataclass(frozen=True)
class Glossary:
    """An ordered, id-unique collection of entries."""

    entries: tuple[Entry, ...] = ()

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    @cached_property
    def _by_id(self) -> dict[str, Entry]:
        return {e.id: e for e in self.entries}

    def get(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)

    def __getitem__(self, entry_id: str) -> Entry:
        return self._by_id[entry_id]

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._by_id

    @cached_property
    def _subsets(self) -> dict[tuple[str, ...], Glossary]:
        return {}

    def for_direction(self, src: Lang, tgt: Lang) -> Glossary:
        """Only the entries enforced when translating ``src`` -> ``tgt`` (the same object on
        every call, so what is cached by it, its content hash and matchers, is computed once:
        the quote checks ask for it once per quote pair)."""
        key = ("direction", src, tgt)
        if key not in self._subsets:
            self._subsets[key] = Glossary(tuple(e for e in self.entries if e.applies(src, tgt)))
        return self._subsets[key]

    def of_kinds(self, kinds: Collection[str]) -> Glossary:
        """Only the entries of the given kinds (values of :class:`Kind`); the same object on
        every call with the same kinds, as :meth:`for_direction`."""
        key = ("kinds", *sorted(kinds))
        if key not in self._subsets:
            self._subsets[key] = Glossary(tuple(e for e in self.entries
                                                if e.kind.value in kinds))
        return self._subsets[key]

    def merged(self, other: Glossary) -> Glossary:
        """This glossary with ``other``'s entries added; ``other`` wins on equal ids."""
        ids = {e.id for e in other.entries}
        return Glossary(tuple(e for e in self.entries if e.id not in ids) + other.entries)

    @cached_property
    def content_hash(self) -> str:
        """A stable hash of the entries' content (not their file positions)."""
        h = hashlib.sha256()
        for entry in self.entries:
            row = entry.to_row()
            h.update("\x1f".join(row[c] for c in COLUMNS).encode("utf-8"))
            h.update(b"\x1e")
        return h.hexdigest()[:16]
