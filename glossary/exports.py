"""The glossary in the formats of machine translation services, and TBX import into term files.

- DeepL glossary TSV: ``source<TAB>target`` per line, one direction, no header.
- Google Cloud Translation equivalent-term-set CSV: a header row of language codes, then one
  row per concept (every term maps to every other, so only ``direction=both`` entries).
- Amazon Translate custom terminology CSV: header ``en,es`` (source language first), then
  ``source,target`` rows.

Only entries that glosa enforces in the direction asked are exported (not deprecated, right
direction). A source term may appear once (the services reject duplicates): the first entry
wins, as in the term files' order. Variants are exported as extra source terms with the
preferred target, since the services have no notion of an admitted variant.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from glossary.atomic import write_text_atomic
from glossary.csvfile import format_terms
from glossary.errors import GlosaError
from glossary.model import Direction, Entry, Glossary, Kind, Lang, Status

FORMATS = ("tbx", "deepl", "google", "amazon")


def _clean(term: str) -> str:
    return " ".join(term.split())


def pairs(glossary: Glossary, src: Lang, tgt: Lang, *, variants: bool = True
          ) -> Iterator[tuple[str, str]]:
    """(source, target) pairs enforced in ``src -> tgt``, each source term once."""
    if src == tgt:
        raise GlosaError(f"source and target language are both {src!r}")
    seen: set[str] = set()
    for entry in glossary.for_direction(src, tgt):
        target = _clean(entry.term(tgt))
        sources = entry.accepted(src) if variants else (entry.term(src),)
        for source in sources:
            source = _clean(source)
            if not source or not target or source in seen:
                continue
            seen.add(source)
            yield source, target


def format_deepl(glossary: Glossary, src: Lang, tgt: Lang) -> str:
    """DeepL glossary entries as TSV (``source<TAB>target``, LF, no header).

    >>> from glossary.model import Entry
    >>> g = Glossary((Entry("capo", "drug lord", "capo", en_variants=("kingpin",)),))
    >>> format_deepl(g, "en", "es")
    'drug lord\\tcapo\\nkingpin\\tcapo\\n'
    """
    return "".join(f"{s}\t{t}\n" for s, t in pairs(glossary, src, tgt))


def _csv(rows: Iterable[Iterable[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerows(rows)
    return buf.getvalue()


def format_amazon(glossary: Glossary, src: Lang, tgt: Lang) -> str:
    """Amazon Translate custom terminology CSV: header ``src,tgt`` then one pair per row.

    >>> from glossary.model import Entry
    >>> g = Glossary((Entry("pan", "National Action Party", "Partido Acción Nacional"),))
    >>> print(format_amazon(g, "en", "es"), end="")
    en,es
    National Action Party,Partido Acción Nacional
    """
    return _csv([[src, tgt], *pairs(glossary, src, tgt)])


def format_google(glossary: Glossary) -> str:
    """Google Cloud Translation equivalent term sets: header ``en,es``, one concept per row.

    Equivalent term sets work in every direction, so only ``direction=both`` entries go in,
    with their preferred terms.
    """
    rows: list[list[str]] = [["en", "es"]]
    seen: set[tuple[str, str]] = set()
    for entry in glossary.entries:
        if entry.status is Status.DEPRECATED or entry.direction is not Direction.BOTH:
            continue
        row = (_clean(entry.en), _clean(entry.es))
        if row in seen:
            continue
        seen.add(row)
        rows.append(list(row))
    return _csv(rows)


def export(glossary: Glossary, fmt: str, src: Lang = "en", tgt: Lang = "es") -> str:
    """The glossary as text in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "tbx":
        from glossary.tbx import format_tbx

        return format_tbx(glossary.entries)
    if fmt == "deepl":
        return format_deepl(glossary, src, tgt)
    if fmt == "google":
        return format_google(glossary)
    if fmt == "amazon":
        return format_amazon(glossary, src, tgt)
    raise GlosaError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")


#: where an imported entry goes when the TBX does not say which term file it came from
KIND_FILES: dict[Kind, str] = {
    Kind.CARTEL: "cartels.csv", Kind.CRIMINAL_GROUP: "cartels.csv", Kind.PARTY: "parties.csv",
    Kind.INSTITUTION: "institutions.csv", Kind.ORGANIZATION: "institutions.csv",
    Kind.LEGAL: "legal.csv", Kind.PERSON: "people.csv", Kind.PLACE: "places.csv",
    Kind.DRUG: "general.csv", Kind.GENERAL: "general.csv",
}


def import_tbx(source: str | os.PathLike[str], dest: str | os.PathLike[str]) -> list[Path]:
    """Read a TBX file and write term files: ``dest`` is one ``.csv`` file, or a folder that
    gets one file per original term file (or per kind). Returns the files written (atomic)."""
    from glossary.tbx import parse_tbx, tbx_file_names

    try:
        data = Path(source).read_bytes()
    except OSError as exc:
        raise GlosaError(f"{source}: cannot read: {exc.strerror or exc}") from None
    glossary = parse_tbx(data, str(source))
    target = Path(dest)
    if target.suffix.lower() == ".csv":
        write_text_atomic(target, format_terms(glossary.entries))
        return [target]
    target.mkdir(parents=True, exist_ok=True)
    names = tbx_file_names(data, str(source))
    groups: dict[str, list[Entry]] = {}
    for entry in glossary.entries:
        name = os.path.basename(names.get(entry.id, "")) or KIND_FILES[entry.kind]
        if not name.endswith(".csv"):
            name += ".csv"
        groups.setdefault(name, []).append(entry)
    written = []
    for name, entries in sorted(groups.items()):
        write_text_atomic(target / name, format_terms(entries))
        written.append(target / name)
    return written
