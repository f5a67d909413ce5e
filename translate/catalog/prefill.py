"""Machine-translation prefill of a catalog's untranslated entries, with provenance.

Only entries whose every msgstr is empty are filled (singular and every plural form); every
other entry (translated, fuzzy, obsolete, the header) is left byte for byte as it was, and so
are msgctxt and ``#|`` previous msgids. Each filled entry is marked ``#, fuzzy`` for a human
to review and carries an automatic comment saying which engine and glossary produced it and
which terms were enforced. All texts go to the translation pipeline in one batch.

An entry whose translation lost or changed a placeholder of its format flags
(``python-format``, ``python-brace-format``, ``c-format``...) or its markup is left
untranslated, with a warning, rather than written wrong. Running the prefill again changes
nothing: filled entries are no longer untranslated, refused ones are refused again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from glossary.findings import Finding, Severity
from translate.catalog import po

if TYPE_CHECKING:
    from glossary.model import Glossary, Lang
    from translate.engines.base import Engine

PROVENANCE_PREFIX = "glosa: machine translation"


@dataclass(frozen=True)
class Translated:
    """One text through the pipeline: its translation and the glossary entries enforced."""

    text: str
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class PrefillResult:
    catalog: po.Catalog
    filled: int
    warnings: tuple[Finding, ...]


def translate_texts(texts: Sequence[str], src: Lang, tgt: Lang, engine: Engine,
                    glossary: Glossary | None) -> list[Translated]:
    """Translate every text in one batch through the translate pipeline."""
    if not texts:
        return []
    import importlib

    try:
        enforce = importlib.import_module("translate.enforce")  # the pipeline, when present
    except ImportError:
        enforce = None
    batch = getattr(enforce, "translate_batch", None) if enforce is not None else None
    if batch is not None:
        results = batch(list(texts), src, tgt, engine=engine, glossary=glossary)
        return [Translated(r.text, tuple(sorted({t.entry_id for t in r.report.enforced})))
                for r in results]
    out = engine.translate(list(texts), src, tgt, glossary=glossary)
    return [Translated(t) for t in out]


_MARKUP = re.compile(r"</?[A-Za-z][^<>]*>|`[^`]+`|\]\([^()\s]+\)|\*\*|\\.")


def markup_tokens(text: str) -> list[str]:
    """Inline markup that must survive translation unchanged: HTML tags, code spans, link
    targets, strong emphasis, escapes.

    >>> markup_tokens("See **[the ruling](https://x.mx/a)** and `glosa check`.")
    ['**', '](https://x.mx/a)', '**', '`glosa check`']
    """
    return [m.group(0) for m in _MARKUP.finditer(text)]


def preservation_problem(source: str, target: str, message: po.Message) -> str | None:
    """Why ``target`` may not stand for ``source`` in this entry, or None when it may."""
    from translate.checks import check_placeholders

    if message.format_flags or _has_placeholder_syntax(source):
        issues = check_placeholders(source, target, "en", "es")
        if issues:
            return issues[0].message
    if sorted(markup_tokens(source)) != sorted(markup_tokens(target)):
        return "markup differs: " + ", ".join(sorted(set(markup_tokens(source)) ^
                                                     set(markup_tokens(target))))
    if source.endswith("\n") != target.endswith("\n") or \
            source.startswith("\n") != target.startswith("\n"):
        return "a leading or trailing newline differs"
    return None


def _has_placeholder_syntax(text: str) -> bool:
    return bool(re.search(r"%[(\w]|\{\w*\}", text))


def provenance(engine: str, glossary: Glossary | None, terms: Sequence[str]) -> str:
    """The automatic comment a filled entry carries.

    >>> provenance("apertium", None, ["sinaloa-cartel"])
    'glosa: machine translation; engine apertium; no glossary; terms enforced: sinaloa-cartel'
    """
    gloss = f"glossary {glossary.content_hash}" if glossary is not None else "no glossary"
    enforced = ", ".join(sorted(set(terms))) if terms else "none"
    return f"{PROVENANCE_PREFIX}; engine {engine}; {gloss}; terms enforced: {enforced}"


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
        problem = next((p for s, t in pairs
                        if (p := preservation_problem(s, t.text, m)) is not None), None)
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
        comments = tuple(c for c in m.auto_comments if not c.startswith(PROVENANCE_PREFIX))
        messages[i] = replace(
            m, msgstr=msgstr,
            auto_comments=(*comments, provenance(engine.name, glossary, terms)),
        ).with_flag("fuzzy")
        filled += 1
    out = po.Catalog(messages, catalog.path, catalog.tail, catalog.final_newline)
    return PrefillResult(out, filled, tuple(warnings))
