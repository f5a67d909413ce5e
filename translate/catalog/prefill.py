"""Machine-translation prefill of a catalog's untranslated entries, with provenance.

Only entries whose every msgstr is empty are filled (singular and every plural form); every
other entry (translated, fuzzy, obsolete, the header) is left byte for byte as it was, and so
are msgctxt and ``#|`` previous msgids. Each filled entry is marked ``#, fuzzy`` for a human
to review and carries an automatic comment saying which engine and glossary produced it and
which terms were enforced. All texts go to the translation pipeline in one batch.

Every placeholder and piece of markup is protected from the engine
(``translate.placeholders``); an entry whose translation still lost or changed a placeholder
of its format flags (``python-format``, ``python-brace-format``, ``c-format``...) or its
markup is left untranslated, with a warning, rather than written wrong. Running the prefill
again changes nothing: filled entries are no longer untranslated, refused ones are refused
again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from glossary.findings import Finding, Severity
from translate.catalog import po

if TYPE_CHECKING:
    from glossary.model import Glossary, Lang
    from translate.engines.base import Engine

PROVENANCE_PREFIX = "glosa: machine translation"


@dataclass(frozen=True)
class Translated:
    """One text through the pipeline: its translation, the glossary entries that hold in it
    (present or enforced) and those that could not be enforced, and whether every protected
    placeholder came back."""

    text: str
    terms: tuple[str, ...] = ()
    failed_terms: tuple[str, ...] = ()
    placeholders_ok: bool = True


@dataclass(frozen=True)
class PrefillResult:
    catalog: po.Catalog
    filled: int
    warnings: tuple[Finding, ...]


def translate_texts(texts: Sequence[str], src: Lang, tgt: Lang, engine: Engine,
                    glossary: Glossary | None) -> list[Translated]:
    """Translate every text through the pipeline in ONE engine batch: each text is split into
    sentences (``translate.segments``), every placeholder and piece of markup of any kind is
    protected (``translate.placeholders``), the glossary is enforced (``translate.enforce``),
    and the sentences are put back into their text."""
    from translate.enforce import Status, translate_batch
    from translate.placeholders import FORMATS
    from translate.segments import replace_segments, segment_text

    if not texts:
        return []
    split = [segment_text(t, markdown=False) for t in texts]
    flat = [seg.text for segs in split for seg in segs]
    results = translate_batch(flat, src, tgt, engine=engine, glossary=glossary,
                              formats=FORMATS) if flat else []
    out: list[Translated] = []
    k = 0
    for text, segs in zip(texts, split, strict=True):
        mine = results[k:k + len(segs)]
        k += len(segs)
        reports = [t for r in mine for t in r.terms]
        out.append(Translated(
            replace_segments(text, segs, [r.output for r in mine]),
            tuple(sorted({t.entry_id for t in reports if t.status is not Status.FAILED})),
            tuple(sorted({t.entry_id for t in reports if t.status is Status.FAILED})),
            all(r.placeholders_ok for r in mine)))
    return out


#: Placeholder kinds every entry must keep (markup); format flags add their own kind.
MARKUP_KINDS: tuple[str, ...] = ("html", "markdown")


def entry_kinds(message: po.Message) -> tuple[str, ...]:
    """The placeholder kinds an entry must keep: its format flags' and markup."""
    from translate.placeholders import FORMATS

    return (*MARKUP_KINDS, *(f for f in message.format_flags if f in FORMATS))


#: The characters a placeholder of each kind contains (a cheap test before the full one).
_TRIGGERS: dict[str, str] = {"html": "<&", "markdown": "`<*_~[]", "python-brace-format": "{}",
                             "python-format": "%", "c-format": "%"}


@lru_cache(maxsize=64)
def _trigger_pattern(kinds: tuple[str, ...]) -> re.Pattern[str] | None:
    if any(k not in _TRIGGERS for k in kinds):
        return None  # an unknown kind: always run the full check
    chars = "".join(sorted({c for k in kinds for c in _TRIGGERS[k]}))
    return re.compile("[" + re.escape(chars) + "]")


def placeholder_problem(source: str, target: str, kinds: Sequence[str]) -> str | None:
    """Placeholders or markup of ``kinds`` that ``target`` lost or added, or None.

    >>> placeholder_problem("{n} arrests in **Sinaloa**", "{n} detenciones en Sinaloa",
    ...                     ["markdown", "python-brace-format"])
    'lost: **, **'
    """
    from translate.placeholders import verify

    triggers = _trigger_pattern(tuple(kinds))
    if triggers is not None and not triggers.search(source) and not triggers.search(target):
        return None  # neither side has a character any of these placeholders starts with
    lost, added = verify(source, target, kinds), verify(target, source, kinds)
    if not lost and not added:
        return None
    return "; ".join(part for part in (
        f"lost: {', '.join(lost)}" if lost else "",
        f"added: {', '.join(added)}" if added else "") if part)


def provenance(engine: str, glossary: Glossary | None, terms: Sequence[str],
               failed: Sequence[str] = ()) -> str:
    """The automatic comment a filled entry carries.

    >>> provenance("apertium", None, ["cartel-sinaloa"])
    'glosa: machine translation; engine apertium; no glossary; terms enforced: cartel-sinaloa'
    """
    gloss = f"glossary {glossary.content_hash}" if glossary is not None else "no glossary"
    enforced = ", ".join(sorted(set(terms))) if terms else "none"
    text = f"{PROVENANCE_PREFIX}; engine {engine}; {gloss}; terms enforced: {enforced}"
    if failed:
        text += f"; NOT enforced: {', '.join(sorted(set(failed)))}"
    return text


def prefill_catalog(catalog: po.Catalog, src: Lang, tgt: Lang, engine: Engine,
                    glossary: Glossary | None = None) -> PrefillResult:
    """Fill the untranslated entries of ``catalog`` (see the module docstring)."""
    todo = [i for i, m in enumerate(catalog.messages)
            if not m.is_header and not m.obsolete and m.untranslated and m.msgid]
    texts: list[str] = []
    for i in todo:
        m = catalog.messages[i]
        texts.append(m.msgid)
        if m.msgid_plural is not None:
            texts.append(m.msgid_plural)
    results = translate_texts(texts, src, tgt, engine, glossary)
    messages = list(catalog.messages)
    warnings: list[Finding] = []
    filled = 0
    k = 0
    for i in todo:
        m = messages[i]
        single = results[k]
        k += 1
        pairs = [(m.msgid, single)]
        if m.msgid_plural is not None:
            pairs.append((m.msgid_plural, results[k]))
            k += 1
        kinds = entry_kinds(m)
        problem = None
        if not all(t.placeholders_ok for _s, t in pairs):
            problem = "the engine lost or repeated a protected placeholder"
        for source, t in pairs:
            problem = problem or placeholder_problem(source, t.text, kinds)
        if problem is None and any(not t.text.strip() for _s, t in pairs):
            problem = "the engine returned nothing"
        if problem is not None:
            warnings.append(Finding(catalog.path, m.line or None, None, Severity.WARNING,
                                    "prefill-skipped",
                                    f"left untranslated: {problem}",
                                    data={"msgid": m.msgid,
                                          "msgstr": pairs[0][1].text}))
            continue
        if m.msgid_plural is None:
            msgstr: tuple[str, ...] = (single.text,)
        else:
            msgstr = (pairs[0][1].text,) + (pairs[1][1].text,) * (len(m.msgstr) - 1)
        terms = [t for _s, tr in pairs for t in tr.terms]
        failed = [t for _s, tr in pairs for t in tr.failed_terms]
        comments = tuple(c for c in m.auto_comments if not c.startswith(PROVENANCE_PREFIX))
        messages[i] = replace(
            m, msgstr=msgstr,
            auto_comments=(*comments, provenance(engine.name, glossary, terms, failed)),
        ).with_flag("fuzzy")
        filled += 1
    out = po.Catalog(messages, catalog.path, catalog.tail, catalog.final_newline)
    return PrefillResult(out, filled, tuple(warnings))
