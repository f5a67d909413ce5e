"""A story becomes a POT template: one entry per block (see :mod:`translate.catalog.story`)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from glossary.errors import GlosaError
from translate.catalog import po
from translate.catalog.story import BlockKind, parse_story

#: Plural-Forms glosa writes for English and Spanish. babel 2.19 follows CLDR 42+ and gives
#: Spanish three forms (one, many, other: "many" for 1 000 000 and up), but GNU gettext, the
#: msginit default and nearly every es.po in the wild use two, and a catalog with three forms
#: makes translators fill a form no runtime asks for. We choose GNU's rule deliberately.
PLURAL_FORMS = {"en": "nplurals=2; plural=(n != 1);", "es": "nplurals=2; plural=(n != 1);"}
LANGUAGE_TEAMS = {"en": "English", "es": "Spanish"}


def now_stamp() -> str:
    """The current time as gettext header dates are written (``2026-11-27 18:00+0000``)."""
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")


def header_message(fields: list[tuple[str, str]], comments: tuple[str, ...] = (),
                   fuzzy: bool = False) -> po.Message:
    """A header entry from ``(name, value)`` fields."""
    text = "".join(f"{k}: {v}\n" for k, v in fields)
    return po.Message("", (text,), translator_comments=comments,
                      flags=("fuzzy",) if fuzzy else ())


def template_header(project: str, created: str) -> po.Message:
    return header_message([
        ("Project-Id-Version", project),
        ("Report-Msgid-Bugs-To", ""),
        ("POT-Creation-Date", created),
        ("PO-Revision-Date", "YEAR-MO-DA HO:MI+ZONE"),
        ("Last-Translator", "FULL NAME <EMAIL@ADDRESS>"),
        ("Language-Team", "LANGUAGE <LL@li.org>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Generated-By", "glosa"),
    ], comments=(f" Translations of {project}.",), fuzzy=True)


def extract_story(story: str | Path, reference: str | None = None,
                  previous: po.Catalog | None = None) -> po.Catalog:
    """The template of ``story``: one entry per paragraph, heading, list item or quote, in
    story order, with ``#: reference:line`` (a repeated text gets one entry, every line).

    ``previous`` (the template extracted before) lends its header when the entries did not
    change, so re-extracting an unchanged story gives the same bytes.
    """
    path = Path(story)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise GlosaError(f"{story}: cannot read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise GlosaError(f"{story}: not UTF-8 text (byte {exc.start}): save it as UTF-8") from exc
    ref = reference or path.name
    entries: dict[str, po.Message] = {}
    for block in parse_story(text):
        if not block.text:
            continue
        location = f"{ref}:{block.line}"
        note = () if block.kind is BlockKind.PARAGRAPH else (block.kind.value,)
        old = entries.get(block.text)
        if old is None:
            entries[block.text] = po.Message(block.text, ("",), references=(location,),
                                             auto_comments=note)
        else:
            comments = old.auto_comments + tuple(c for c in note if c not in old.auto_comments)
            entries[block.text] = po.Message(block.text, ("",),
                                             references=(*old.references, location),
                                             auto_comments=comments)
    messages = list(entries.values())
    header = template_header(path.stem, now_stamp())
    if previous is not None and previous.header is not None:
        old_entries = [m for m in previous.messages if not m.is_header]
        if [_plain(m) for m in old_entries] == [_plain(m) for m in messages]:
            return previous
        header = previous.header
        fields = [(k, now_stamp() if k == "POT-Creation-Date" else v)
                  for k, v in previous.header_fields()]
        header = po.Message("", ("".join(f"{k}: {v}\n" for k, v in fields),),
                            translator_comments=previous.header.translator_comments,
                            flags=previous.header.flags)
    return po.Catalog([header, *messages])


def _plain(m: po.Message) -> tuple[object, ...]:
    return (m.msgid, m.references, m.auto_comments)
