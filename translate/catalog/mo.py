"""Compile a catalog to a binary MO file (through polib's MO writer), written atomically."""

from __future__ import annotations

from pathlib import Path

from glossary.atomic import write_bytes_atomic
from translate.catalog import po


def compiled_messages(catalog: po.Catalog, use_fuzzy: bool = False) -> list[po.Message]:
    """The entries msgfmt would compile: every form translated, fuzzy only when asked."""
    return [m for m in catalog.active()
            if all(m.msgstr) and (use_fuzzy or not m.fuzzy)]


def mo_bytes(catalog: po.Catalog, use_fuzzy: bool = False) -> bytes:
    """The MO file's bytes: the header and the compiled entries."""
    import polib

    pofile = polib.POFile(wrapwidth=po.WIDTH)
    pofile.metadata = dict(catalog.header_fields())
    for m in compiled_messages(catalog, use_fuzzy):
        if m.msgid_plural is None:
            entry = polib.POEntry(msgid=m.msgid, msgstr=m.msgstr[0], msgctxt=m.msgctxt)
        else:
            entry = polib.POEntry(msgid=m.msgid, msgid_plural=m.msgid_plural,
                                  msgstr_plural=dict(enumerate(m.msgstr)), msgctxt=m.msgctxt)
        pofile.append(entry)
    return bytes(pofile.to_binary())


def compile_catalog(catalog: po.Catalog, target: str | Path, use_fuzzy: bool = False) -> int:
    """Write ``target`` (atomically, untouched when the same); return how many entries went in."""
    write_bytes_atomic(target, mo_bytes(catalog, use_fuzzy))
    return len(compiled_messages(catalog, use_fuzzy))
