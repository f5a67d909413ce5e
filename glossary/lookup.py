"""Look a term up in the glossary the way a translator types it: any form, any variant,
accents and case ignored, small typos tolerated."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from glossary.forms import tagged_forms
from glossary.match import normalize
from glossary.model import LANGS, Entry, Glossary, Lang

#: below this similarity (0-100) a fuzzy hit is not shown
FUZZY_CUTOFF = 85.0


@dataclass(frozen=True)
class LookupHit:
    """An entry found for a query: which form matched, in what role, and how well (0-100)."""

    entry: Entry
    lang: Lang
    form: str
    lemma: str
    role: str  # preferred, variant, forbidden or id
    score: float


def _fold(text: str) -> str:
    # accents folded in both languages: a lookup is forgiving, matching is not
    return " ".join(normalize(text, "en").text.split())


@dataclass(frozen=True)
class _Candidate:
    folded: str
    form: str
    lemma: str
    role: str
    lang: Lang
    entry: Entry


_INDEX: dict[tuple[str, str], list[_Candidate]] = {}


def _index(glossary: Glossary, lang: Lang | None) -> list[_Candidate]:
    """Every form, variant, forbidden form (and id) of every entry, folded; cached."""
    key = (glossary.content_hash, lang or "")
    found = _INDEX.get(key)
    if found is not None:
        return found
    out: list[_Candidate] = []
    langs = (lang,) if lang else LANGS
    for entry in glossary.entries:
        if lang is None:
            out.append(_Candidate(_fold(entry.id), entry.id, entry.id, "id", "en", entry))
        for lg in langs:
            for forbidden in (False, True):
                for form, (lemma, _tag) in tagged_forms(entry, lg, forbidden=forbidden).items():
                    role = ("forbidden" if forbidden else
                            "preferred" if lemma == entry.term(lg) else "variant")
                    out.append(_Candidate(_fold(form), form, lemma, role, lg, entry))
    if len(_INDEX) > 4:
        _INDEX.clear()
    _INDEX[key] = out
    return out


def lookup(glossary: Glossary, query: str, lang: Lang | None = None, limit: int = 10
           ) -> list[LookupHit]:
    """The entries whose forms match ``query`` best: exact form (any inflection) first, then
    word-prefix and substring hits, then fuzzy ones; one hit per entry."""
    from rapidfuzz import fuzz, process

    q = _fold(query)
    if not q:
        return []
    typed = query.strip().casefold()
    candidates = _index(glossary, lang)
    best: dict[str, LookupHit] = {}

    def offer(c: _Candidate, score: float) -> None:
        if c.role == "forbidden":
            score -= 0.5  # a forbidden rendering ranks below an accepted one
        elif c.role == "id":
            score -= 1.5  # and an id below a term spelt the same
        prior = best.get(c.entry.id)
        if prior is None or score > prior.score:
            best[c.entry.id] = LookupHit(c.entry, c.lang, c.form, c.lemma, c.role, score)

    spaced = f" {q} "
    for c in candidates:
        f = c.folded
        if q not in f:
            continue
        if f == q:
            # as typed (accents included) beats equal only once accents are folded
            offer(c, 100.0 if c.form.casefold() == typed else 99.0)
        elif spaced in f" {f} ":
            offer(c, 95.0 - min(len(f) - len(q), 40) / 10)
        else:
            offer(c, 90.0 - min(len(f) - len(q), 40) / 10)
    folded = [c.folded for c in candidates]
    for _match, score, i in process.extract(q, folded, scorer=fuzz.ratio,
                                            score_cutoff=FUZZY_CUTOFF, limit=None):
        if q not in folded[i]:
            offer(candidates[i], min(float(score), 89.0))
    hits = sorted(best.values(), key=lambda h: (-h.score, h.entry.id))
    return hits[:limit]


def _identity(text: str) -> str:
    return text


def describe(entry: Entry, gettext: Callable[[str], str] = _identity) -> str:
    """A readable multi-line description of an entry (what ``glosa glossary lookup`` prints).

    ``gettext`` translates the labels (the CLI passes glosa's UI translation).
    """
    _ = gettext
    head = [entry.kind.value, entry.pos.value]
    if entry.gender:
        head.append(entry.gender.value)
    flags = [entry.direction.value, entry.status.value]
    if entry.dnt:
        flags.append(_("do not translate"))
    if entry.case.value != "auto":
        flags.append(_("case {rule}").format(rule=entry.case.value))
    where = f"  {entry.source.path}:{entry.source.line}" if entry.source else ""
    lines = [f"{entry.id} ({', '.join(head)}; {', '.join(flags)}){where}"]
    for lg in LANGS:
        parts = [f"  {lg}: {entry.term(lg)}"]
        plural = entry.plural(lg)
        if plural:
            parts.append(_("plural: {plural}").format(
                plural=_("(none)") if plural == "-" else plural))
        if lg == "es" and entry.es_feminine:
            parts.append(_("feminine: {form}").format(form=entry.es_feminine))
        if entry.variants(lg):
            parts.append(_("also: {terms}").format(terms=", ".join(entry.variants(lg))))
        if entry.forbidden(lg):
            parts.append(_("never: {terms}").format(terms=", ".join(entry.forbidden(lg))))
        lines.append("   ".join(parts))
    if entry.note:
        lines.append(_("  note: {note}").format(note=entry.note))
    return "\n".join(lines)
