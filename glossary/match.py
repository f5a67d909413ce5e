"""Find glossary terms in running text: one Aho-Corasick automaton over every form.

The text is normalised once (case folded; accents folded in English text only; typographic
apostrophes, hyphens and spaces unified), every inflected form of every term is a key of one
automaton, and one pass finds them all, so the cost grows with the text, not with the number
of terms. Each hit is then checked against the original text: whole words only, and the
entry's ``case`` rule (``auto``: a form with a capital matches case-sensitively except its
first letter; ``exact``; ``ignore``). Overlaps are resolved longest first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal, NamedTuple

from glossary.forms import tagged_forms
from glossary.model import CaseRule, Entry, Glossary, Lang, Status

Role = Literal["preferred", "variant", "forbidden"]
_ROLE_RANK: dict[str, int] = {"preferred": 0, "variant": 1, "forbidden": 2}


@dataclass(frozen=True, slots=True)
class TermMatch:
    """One occurrence of a glossary form in a text (``text[start:end] == form``)."""

    start: int
    end: int
    entry: Entry
    lang: Lang
    form: str
    lemma: str
    role: Role
    tag: str

    @property
    def accepted(self) -> bool:
        """Whether the occurrence is the preferred term or an admitted variant."""
        return self.role != "forbidden"


# --------------------------------------------------------------------------------------------
# Normalisation with an offset map back to the original text
# --------------------------------------------------------------------------------------------

_COMMON_FOLD: dict[int, str] = {
    0x2019: "'", 0x2018: "'", 0x02BC: "'", 0x00B4: "'", 0x0060: "'",
    0x2010: "-", 0x2011: "-",
    0x00A0: " ", 0x2009: " ", 0x202F: " ", 0x2007: " ", 0x0009: " ", 0x000A: " ",
    0x000D: " ", 0x000B: " ", 0x000C: " ",
}


def _accent_table() -> dict[int, str]:
    table = dict(_COMMON_FOLD)
    for cp in range(0x00C0, 0x0250):
        ch = chr(cp)
        nfd = unicodedata.normalize("NFD", ch)
        if len(nfd) > 1 and nfd[0].isascii() and all(unicodedata.combining(c) for c in nfd[1:]):
            table[cp] = nfd[0]
    return table


_TABLES: dict[str, dict[int, str]] = {"en": _accent_table(), "es": dict(_COMMON_FOLD)}
_COMMON_FOLD_RE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in _COMMON_FOLD) + "]")


@dataclass(frozen=True)
class Normalized:
    """Normalised text; ``starts[k]``/``ends[k]`` give the original span of character ``k``
    (``None`` when the normalisation kept every offset)."""

    text: str
    starts: Sequence[int] | None
    ends: Sequence[int] | None

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The original span of normalised ``[start, end)``, or None if it cuts a character."""
        if self.starts is None or self.ends is None:
            return start, end
        s0 = self.starts[start]
        e0 = self.ends[end - 1]
        if start > 0 and self.starts[start - 1] == s0:
            return None  # starts inside the expansion of one character (ß -> ss)
        if end < len(self.starts) and self.starts[end] == self.starts[end - 1]:
            return None
        return s0, e0


def normalize(text: str, lang: Lang, *, fold_case: bool = True) -> Normalized:
    """Fold ``text`` for matching in ``lang``, keeping a map back to the original offsets.

    >>> n = normalize("Straße in Juárez", "en")
    >>> n.text, n.span(11, 17)
    ('strasse in juarez', (10, 16))
    """
    if text.isascii() and _ASCII_SPECIAL_RE.search(text) is None:
        return Normalized(text.lower() if fold_case else text, None, None)
    table = _TABLES[lang]
    folded = text.casefold() if fold_case else text
    if len(folded) == len(text) and unicodedata.is_normalized("NFC", text) and not (
        lang == "en" and _has_combining(text)
    ):
        # one output character per input character: the offsets are the same; Spanish folds
        # only the few characters of _COMMON_FOLD, usually absent (translate is the slow part)
        if lang == "es" and _COMMON_FOLD_RE.search(folded) is None:
            return Normalized(folded, None, None)
        return Normalized(folded.translate(table), None, None)
    return _normalize_slow(text, lang, table, fold_case)


_ASCII_SPECIAL_RE = re.compile("[\t\n\r\x0b\x0c`]")
_COMBINING_RE = re.compile("[\u0300-\u036f]")


def _has_combining(text: str) -> bool:
    return not text.isascii() and _COMBINING_RE.search(text) is not None


def _normalize_slow(text: str, lang: Lang, table: dict[int, str], fold_case: bool
                    ) -> Normalized:
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        cluster = text[i:j]
        if lang == "en":
            piece = "".join(c for c in unicodedata.normalize("NFD", cluster)
                            if not unicodedata.combining(c))
        else:
            piece = unicodedata.normalize("NFC", cluster)
        if fold_case:
            piece = piece.casefold()
        piece = piece.translate(table)
        out.append(piece)
        starts.extend([i] * len(piece))
        ends.extend([j] * len(piece))
        i = j
    return Normalized("".join(out), starts, ends)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or bool(unicodedata.combining(ch))


# --------------------------------------------------------------------------------------------
# Patterns and the automaton
# --------------------------------------------------------------------------------------------

_CI, _CS, _CS_BUT_FIRST = 0, 1, 2


class _Pattern(NamedTuple):
    """One form of one entry in the automaton (a tuple: a big glossary has 50,000+)."""

    entry: Entry
    form: str
    lemma: str
    role: Role
    tag: str
    mode: int
    cased: str  # the form normalised without case folding, for the case check
    order: int


def _case_mode(entry: Entry, form: str) -> int:
    if entry.case is CaseRule.IGNORE:
        return _CI
    if entry.case is CaseRule.EXACT:
        return _CS
    return _CS_BUT_FIRST if form != form.lower() else _CI


def _entry_patterns(entry: Entry, lang: Lang, order: int, *, accepted: bool = True,
                    forbidden: bool = True) -> Iterable[_Pattern]:
    preferred = entry.term(lang)
    for wanted, is_forbidden in ((accepted, False), (forbidden, True)):
        if not wanted:
            continue
        for form, (lemma, tag) in tagged_forms(entry, lang, forbidden=is_forbidden).items():
            role: Role = ("forbidden" if is_forbidden
                          else "preferred" if lemma == preferred else "variant")
            yield _Pattern(entry, form, lemma, role, tag, _case_mode(entry, form),
                           normalize(form, lang, fold_case=False).text, order)


class _Index:
    """An Aho-Corasick automaton whose keys are normalised forms -> pattern numbers."""

    def __init__(self, lang: Lang, patterns: Iterable[_Pattern]) -> None:
        import ahocorasick

        self.lang: Lang = lang
        self.patterns: list[_Pattern] = []
        keys: dict[str, list[int]] = {}
        for pat in patterns:
            # casefolding the case-kept normalisation equals normalising with folding (the
            # fold table maps letters to letters of the same case), at half the cost
            key = pat.cased.casefold().strip()
            if not key:
                continue
            keys.setdefault(key, []).append(len(self.patterns))
            self.patterns.append(pat)
        self.automaton: Any = ahocorasick.Automaton()
        for key, idxs in keys.items():
            idxs.sort(key=lambda i: (_ROLE_RANK[self.patterns[i].role], self.patterns[i].order))
            # whether the key starts/ends with a word character: only then does a neighbouring
            # word character in the text make the hit part of a longer word
            self.automaton.add_word(key, (len(key), tuple(idxs), _is_word_char(key[0]),
                                          _is_word_char(key[-1])))
        self.size = len(keys)
        if keys:
            self.automaton.make_automaton()

    def candidates(self, text: str) -> list[tuple[int, int, int]]:
        """Every whole-word, case-correct occurrence as (start, end, pattern number)."""
        if self.size == 0 or not text:
            return []
        norm = normalize(text, self.lang)
        out: list[tuple[int, int, int]] = []
        n = len(text)
        patterns = self.patterns
        identity = norm.starts is None
        combining = unicodedata.combining
        for last, (length, idxs, word_start, word_end) in self.automaton.iter(norm.text):
            if identity:
                start, end = last - length + 1, last + 1
            else:
                span = norm.span(last - length + 1, last + 1)
                if span is None:
                    continue
                start, end = span
            if word_start and start > 0:
                ch = text[start - 1]
                if ch.isalnum() or ch >= "\u0300" and combining(ch):
                    continue
            if word_end and end < n:
                ch = text[end]
                if ch.isalnum() or ch >= "\u0300" and combining(ch):
                    continue
            cased = None
            for idx in idxs:
                pat = patterns[idx]
                if pat.mode != _CI:
                    if cased is None:
                        cased = normalize(text[start:end], self.lang, fold_case=False).text
                    if pat.mode == _CS and cased != pat.cased:
                        continue
                    if pat.mode == _CS_BUT_FIRST and (
                        cased[1:] != pat.cased[1:]
                        or cased[:1].casefold() != pat.cased[:1].casefold()
                    ):
                        continue
                out.append((start, end, idx))
        return out

    def to_match(self, text: str, start: int, end: int, idx: int) -> TermMatch:
        pat = self.patterns[idx]
        return TermMatch(start, end, pat.entry, self.lang, text[start:end], pat.lemma, pat.role,
                         pat.tag)


def _resolve(cands: list[tuple[int, int, int]], n: int) -> list[tuple[int, int, int]]:
    """Keep non-overlapping occurrences: longest first, then leftmost, then best role."""
    if len(cands) <= 1:
        return list(cands)
    # candidates come per hit with their patterns already in role order, so a stable sort
    # keeps the best pattern first among equal spans
    cands = sorted(cands, key=lambda c: (c[0] - c[1], c[0]))
    taken = bytearray(n)
    chosen: list[tuple[int, int, int]] = []
    for start, end, idx in cands:
        if taken.find(1, start, end) >= 0:
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append((start, end, idx))
    chosen.sort()
    return chosen


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------

class Matcher:
    """Finds every enforced (not deprecated) glossary entry's forms in texts of one language."""

    def __init__(self, glossary: Glossary, lang: Lang) -> None:
        self.glossary = glossary
        self.lang: Lang = lang
        self._index = _Index(lang, (
            pat
            for order, entry in enumerate(glossary.entries)
            if entry.status is not Status.DEPRECATED
            for pat in _entry_patterns(entry, lang, order)
        ))

    @property
    def size(self) -> int:
        """The number of distinct normalised forms in the automaton."""
        return self._index.size

    def find(self, text: str) -> list[TermMatch]:
        """Non-overlapping matches sorted by start; the longest match wins an overlap."""
        chosen = _resolve(self._index.candidates(text), len(text))
        return [self._index.to_match(text, s, e, i) for s, e, i in chosen]

    def find_all(self, text: str) -> list[TermMatch]:
        """Every occurrence, overlaps included (sorted by start, then longest first)."""
        cands = sorted(self._index.candidates(text), key=lambda c: (c[0], -c[1]))
        return [self._index.to_match(text, s, e, i) for s, e, i in cands]

    def occurrences(self, text: str, *, overlapping: bool = False
                    ) -> list[tuple[int, int, Entry, Role]]:
        """``(start, end, entry, role)`` of what :meth:`find` (or, ``overlapping``,
        :meth:`find_all`) finds, in the same order, without building :class:`TermMatch`
        objects: for callers that go through thousands of texts (``glosa catalog check``)."""
        cands = self._index.candidates(text)
        if overlapping:
            cands.sort(key=lambda c: (c[0], -c[1]))
        else:
            cands = _resolve(cands, len(text))
        patterns = self._index.patterns
        return [(s, e, patterns[i].entry, patterns[i].role) for s, e, i in cands]


_MATCHERS: dict[tuple[str, str], Matcher] = {}
_MATCHERS_MAX = 8


def matcher_for(glossary: Glossary, lang: Lang) -> Matcher:
    """A :class:`Matcher`, cached by the glossary's content hash (the last few are kept)."""
    key = (glossary.content_hash, lang)
    matcher = _MATCHERS.get(key)
    if matcher is None:
        matcher = Matcher(glossary, lang)
        if len(_MATCHERS) >= _MATCHERS_MAX:
            _MATCHERS.pop(next(iter(_MATCHERS)))
        _MATCHERS[key] = matcher
    return matcher


@lru_cache(maxsize=4096)
def _entry_index(entry: Entry, lang: Lang, forbidden: bool) -> _Index:
    return _Index(lang, _entry_patterns(entry, lang, 0, accepted=not forbidden,
                                        forbidden=forbidden))


def contains_accepted(text: str, entry: Entry, lang: Lang) -> TermMatch | None:
    """The first occurrence of the entry's preferred term or an admitted variant, in any
    inflected form, or None. Works for any entry given (deprecated too)."""
    index = _entry_index(entry, lang, False)
    chosen = _resolve(index.candidates(text), len(text))
    if not chosen:
        return None
    start, end, idx = chosen[0]
    return index.to_match(text, start, end, idx)


def find_forbidden(text: str, entry: Entry, lang: Lang) -> list[TermMatch]:
    """Every occurrence of the entry's forbidden renderings (inflections included)."""
    index = _entry_index(entry, lang, True)
    chosen = _resolve(index.candidates(text), len(text))
    return [index.to_match(text, s, e, i) for s, e, i in chosen]
