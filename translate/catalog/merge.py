"""``init`` and ``update``: a PO catalog from a template, and merged with a newer template.

``update`` follows GNU msgmerge: entries are matched by context and msgid; a template entry
with no exact match takes the translation of the most similar old msgid (similarity >= 0.6,
msgmerge's threshold; rapidfuzz's ratio) and is marked ``#, fuzzy`` with the old msgid kept
as ``#| msgid``; old entries the template no longer has become obsolete ``#~`` (untranslated
ones are dropped). The PO's header and translator comments are kept; references, extracted
comments and format flags come from the template, except glosa's own provenance comment on
a machine-translated entry, which stays with it. Entries that did not change keep their
text byte for byte.
"""

from __future__ import annotations

from dataclasses import replace

from translate.catalog import po
from translate.catalog.extract import LANGUAGE_TEAMS, PLURAL_FORMS, header_message, now_stamp
from translate.catalog.prefill import PROVENANCE_PREFIX

FUZZY_THRESHOLD = 60.0  # percent, as msgmerge's 0.6


def _set_fields(fields: list[tuple[str, str]], updates: dict[str, str]) -> list[tuple[str, str]]:
    out = []
    done = set()
    for key, value in fields:
        if key in updates:
            out.append((key, updates[key]))
            done.add(key)
        else:
            out.append((key, value))
    out.extend((k, v) for k, v in updates.items() if k not in done)
    return out


def _resize(msgstr: tuple[str, ...], plural: bool, nplurals: int) -> tuple[str, ...]:
    if not plural:
        return (msgstr[0],)
    return tuple(msgstr[i] if i < len(msgstr) else "" for i in range(nplurals))


def init_catalog(template: po.Catalog, lang: str) -> po.Catalog:
    """A new PO for ``lang`` from a template: the header filled in (Language, Language-Team,
    Plural-Forms: GNU's two forms for es and en, see ``PLURAL_FORMS``), entries untranslated."""
    head = template.header
    fields = template.header_fields() if head else []
    updates = {
        "PO-Revision-Date": now_stamp(),
        "Language-Team": LANGUAGE_TEAMS.get(lang, lang),
        "Language": lang,
        "Plural-Forms": PLURAL_FORMS.get(lang, "nplurals=2; plural=(n != 1);"),
    }
    fields = _set_fields(fields, updates)
    comments = head.translator_comments if head else ()
    header = header_message(fields, comments)
    nplurals = int(updates["Plural-Forms"].split(";")[0].split("=")[1])
    messages = [header]
    for m in template.messages:
        if m.is_header or m.obsolete:
            continue
        messages.append(replace(m, msgstr=_resize(("",), m.msgid_plural is not None, nplurals),
                                flags=tuple(f for f in m.flags if f != "fuzzy")))
    return po.Catalog(messages)


def update_catalog(catalog: po.Catalog, template: po.Catalog,
                   fuzzy_matching: bool = True) -> po.Catalog:
    """``catalog`` merged with ``template`` (see the module docstring)."""
    from rapidfuzz import fuzz, process

    nplurals = catalog.nplurals
    old_active = {m.key: m for m in catalog.messages if not m.is_header and not m.obsolete}
    old_obsolete = {m.key: m for m in catalog.messages if m.obsolete}
    used: set[tuple[str | None, str]] = set()
    candidates = [m for m in [*old_active.values(), *old_obsolete.values()]
                  if not m.untranslated]
    choices = [m.msgid for m in candidates]
    out: list[po.Message] = []
    head = catalog.header
    if head is not None:
        created = template.header_value("POT-Creation-Date")
        if created and catalog.header_value("POT-Creation-Date") not in (None, created):
            fields = _set_fields(catalog.header_fields(), {"POT-Creation-Date": created})
            head = replace(head, msgstr=("".join(f"{k}: {v}\n" for k, v in fields),))
        out.append(head)
    for new in template.messages:
        if new.is_header or new.obsolete:
            continue
        plural = new.msgid_plural is not None
        old = old_active.get(new.key) or old_obsolete.get(new.key)
        if old is not None:
            used.add(new.key)
            flags = tuple(f for f in old.flags if not f.endswith(po.FORMAT_FLAG_SUFFIX)) + \
                tuple(f for f in new.flags if f.endswith(po.FORMAT_FLAG_SUFFIX))
            msgstr = _resize(old.msgstr, plural, nplurals)
            kept = tuple(c for c in old.auto_comments if c.startswith(PROVENANCE_PREFIX))
            merged = replace(old, references=new.references,
                             auto_comments=(*new.auto_comments, *kept),
                             msgid_plural=new.msgid_plural, flags=flags, msgstr=msgstr,
                             obsolete=False)
            if (old.msgid_plural is None) != (not plural) and not merged.untranslated:
                merged = merged.with_flag("fuzzy")
            out.append(merged)
            continue
        match = None
        if fuzzy_matching and choices:
            found = process.extractOne(new.msgid, choices, scorer=fuzz.ratio,
                                       score_cutoff=FUZZY_THRESHOLD)
            if found is not None:
                match = candidates[found[2]]
        if match is None:
            out.append(replace(new, msgstr=_resize(("",), plural, nplurals),
                               flags=tuple(f for f in new.flags if f != "fuzzy"), raw=None,
                               leading=None))
            continue
        used.add(match.key)
        out.append(replace(
            new, msgstr=_resize(match.msgstr, plural, nplurals),
            flags=("fuzzy", *(f for f in new.flags if f != "fuzzy")),
            translator_comments=match.translator_comments,
            previous_msgctxt=match.msgctxt, previous_msgid=match.msgid,
            previous_msgid_plural=match.msgid_plural, raw=None, leading=None))
    for m in old_active.values():
        if m.key not in used and not m.untranslated:
            out.append(replace(m, obsolete=True, references=(), previous_msgctxt=None,
                               previous_msgid=None, previous_msgid_plural=None))
    for m in old_obsolete.values():
        if m.key not in used:
            out.append(m)
    return po.Catalog(out, catalog.path, catalog.tail, catalog.final_newline)
