"""``glosa catalog check``: the shared pair checks run over every entry of a catalog.

Each entry's msgid and msgstr (and msgid_plural against every other form) go through the
shared :func:`translate.checks.check_pair` (numbers in each language's formats, quotes,
placeholders; names and negation on request), the quotes checked against the original
words when the desk has them (``--originals``), and the glossary check through the glossary's
matcher (terms found in any inflection, required renderings looked for in any inflection,
forbidden ones refused); on top come what only a catalog has: markup kept, a translation
identical to its source, and the untranslated and fuzzy counts. Every finding
names ``file:line`` (the entry's msgid line) and carries the msgid and msgstr in its data.
Fuzzy entries are machine or stale translations a reviewer has not approved, and msgfmt
does not compile them: their problems are reported as warnings, not errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from glossary.findings import Finding, Severity
from translate.catalog import po
from translate.catalog.prefill import MARKUP_KINDS, placeholder_problem

if TYPE_CHECKING:
    from glossary.model import Glossary, Lang
    from translate.quotes.extract import Quote

_WORDS = re.compile(r"[^\W\d_]{2,}")


def _unchanged(source: str, target: str) -> bool:
    """The translation is the source as is, and the source has words that should change
    (not a name, code or number: some word is all lowercase)."""
    if source.strip() != target.strip():
        return False
    return any(w.islower() for w in _WORDS.findall(source))


#: What ``glosa catalog check`` runs unless told otherwise (the issue's list for catalogs);
#: "name" and "negation" from the shared checks can be added with ``checks=``.
DEFAULT_CHECKS: tuple[str, ...] = ("term", "number", "quotes", "placeholder", "markup",
                                   "unchanged")
ALL_CATALOG_CHECKS: tuple[str, ...] = (*DEFAULT_CHECKS, "name", "negation")


def check_terms(source: str, target: str, src: Lang, tgt: Lang, glossary: Glossary,
                path: str | None, line: int | None) -> list[Finding]:
    """Glossary terms found in the source (any inflection, through the glossary matcher)
    whose accepted rendering is missing from the target (in any inflection), or whose
    forbidden rendering is there."""
    from glossary.match import matcher_for

    out: list[Finding] = []
    seen: set[str] = set()
    in_target: dict[str, list[tuple[str, bool]]] | None = None  # entry id -> (form, accepted)
    for start, end, entry, role in matcher_for(glossary, src).occurrences(source):
        if role == "forbidden" or entry.id in seen or not entry.applies(src, tgt):
            continue
        seen.add(entry.id)
        if in_target is None:  # one pass over the target finds every entry's forms
            in_target = {}
            for t_start, t_end, t_entry, t_role in matcher_for(glossary, tgt).occurrences(
                    target, overlapping=True):
                in_target.setdefault(t_entry.id, []).append(
                    (target[t_start:t_end], t_role != "forbidden"))
        found = in_target.get(entry.id)
        if found is not None and not entry.dnt and all(ok for _form, ok in found):
            continue  # the usual case: rendered as the glossary says, nothing to build
        form = source[start:end]
        forbidden = [t_form for t_form, ok in found or () if not ok]
        data = {"entry": entry.id, "source_items": [form], "target_items": forbidden}
        if forbidden:
            out.append(Finding(path, line, None, Severity.ERROR, "term",
                               f"{form!r} must be rendered {entry.term(tgt)!r}, not "
                               f"{forbidden[0]!r} [{entry.id}]", data=data))
        elif entry.dnt:
            if form.casefold() not in target.casefold():
                out.append(Finding(path, line, None, Severity.ERROR, "term",
                                   f"{form!r} must stay as it is [{entry.id}]", data=data))
        else:
            out.append(Finding(path, line, None, Severity.ERROR, "term",
                               f"{form!r} should be rendered {entry.term(tgt)!r} "
                               f"[{entry.id}]", data=data))
    return out


#: A quotation opens with one of these (a dash opens a Spanish dialogue line).
_QUOTE_OPENERS = re.compile("[“«„‘\"‹»—―]")


def check_quote_originals(target: str, originals: Sequence[Quote], tgt: Lang,
                          path: str | None, line: int | None) -> list[Finding]:
    """Quotes of the translation that render one of the original quotes (paired as
    ``glosa translate --originals`` pairs them, in the target language) but do not carry the
    original words verbatim: the finding names the words expected."""
    if not originals or not _QUOTE_OPENERS.search(target):
        return []
    from translate.quotes.originals import match_originals

    out: list[Finding] = []
    for match in match_originals(target, originals, tgt):
        if match.words is None or match.verbatim:
            continue
        out.append(Finding(
            path, line, None, Severity.ERROR, "quote-original",
            f"the quote {match.quote.text!r} is not the original words: it should read "
            f"{match.words!r} (originals line {match.original.line})",
            data={"source_items": [match.quote.text], "target_items": [match.words],
                  "original_line": match.original.line, "partial": match.partial}))
    return out


def check_message(m: po.Message, src: Lang, tgt: Lang, glossary: Glossary | None,
                  path: str | None, checks: Iterable[str] = DEFAULT_CHECKS,
                  originals: Sequence[Quote] = ()) -> list[Finding]:
    """Findings for one translated or fuzzy entry; ``originals`` are the quotes as said
    (:func:`translate.quotes.originals.original_quotes`), checked with the quotes."""
    return _check_message(m, src, tgt, glossary, path, frozenset(checks), originals)


def _check_message(m: po.Message, src: Lang, tgt: Lang, glossary: Glossary | None,
                   path: str | None, wanted: frozenset[str],
                   originals: Sequence[Quote] = ()) -> list[Finding]:
    from translate.checks import ALL_CHECKS, check_pair

    shared = [c for c in ALL_CHECKS if c in wanted and c != "term"]
    pairs = [(m.msgid, m.msgstr[0])]
    if m.msgid_plural is not None:
        pairs += [(m.msgid_plural, s) for s in m.msgstr[1:]]
    line = m.line or None
    found: list[Finding] = []
    for source, target in pairs:
        if not target:
            continue
        if shared:
            found += check_pair(source, target, src, tgt, glossary=glossary, checks=shared,
                                path=path, line=line)
        if "term" in wanted and glossary is not None:
            found += check_terms(source, target, src, tgt, glossary, path, line)
        problem = placeholder_problem(source, target, MARKUP_KINDS) \
            if "markup" in wanted else None
        if problem:
            found.append(Finding(path, line, None, Severity.ERROR, "markup",
                                 f"markup differs between msgid and msgstr: {problem}"))
        if originals and "quotes" in wanted:
            found += check_quote_originals(target, originals, tgt, path, line)
        if "unchanged" in wanted and _unchanged(source, target):
            found.append(Finding(path, line, None, Severity.WARNING, "unchanged",
                                 "the translation is the source text unchanged"))
    if not found:
        return found
    data: dict[str, object] = {
        "msgid": m.msgid, "msgstr": m.msgstr[0] if len(m.msgstr) == 1 else list(m.msgstr)}
    if m.msgctxt is not None:
        data["msgctxt"] = m.msgctxt
    out = []
    for f in found:
        severity = Severity.WARNING if m.fuzzy and f.is_error else f.severity
        out.append(replace(f, severity=severity, data={**f.data, **data}))
    return out


def check_catalog(catalog: po.Catalog, src: Lang, tgt: Lang,
                  glossary: Glossary | None = None,
                  checks: Iterable[str] = DEFAULT_CHECKS,
                  originals: str | None = None) -> list[Finding]:
    """Every finding for a catalog, the untranslated and fuzzy counts last.

    ``originals`` is a text in the target language holding the quoted words as said (what
    ``glosa translate --originals`` takes): a translated quote that renders one of its quotes
    must carry the original words verbatim (rule ``quote-original``, with the quotes check).
    """
    findings: list[Finding] = []
    untranslated = fuzzy = 0
    wanted = frozenset(checks)
    said: list[Quote] = []
    if originals is not None and "quotes" in wanted:
        from translate.quotes.originals import original_quotes

        said = original_quotes(originals, tgt)
    for m in catalog.active():
        if m.untranslated:
            untranslated += 1
            continue
        if m.fuzzy:
            fuzzy += 1
        findings += _check_message(m, src, tgt, glossary, catalog.path, wanted, said)
    if untranslated:
        findings.append(Finding(catalog.path, None, None, Severity.INFO, "untranslated",
                                f"{untranslated} untranslated entr"
                                f"{'y' if untranslated == 1 else 'ies'}",
                                data={"count": untranslated}))
    if fuzzy:
        findings.append(Finding(catalog.path, None, None, Severity.INFO, "fuzzy",
                                f"{fuzzy} fuzzy entr{'y' if fuzzy == 1 else 'ies'} to review",
                                data={"count": fuzzy}))
    return findings


def languages(catalog: po.Catalog, src: str | None, tgt: str | None) -> tuple[Lang, Lang]:
    """The direction to check: given, or the catalog's Language and the other one."""
    target = tgt or (catalog.language or "es").split("_")[0]
    source = src or ("en" if target == "es" else "es")
    if source not in ("en", "es") or target not in ("en", "es") or source == target:
        from glossary.errors import GlosaError

        raise GlosaError(f"unsupported direction {source}->{target}: use --from en --to es "
                         "or --from es --to en")
    return source, target  # type: ignore[return-value]
