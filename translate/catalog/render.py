"""The translated story back from its catalog: each block replaced by its entry's msgstr."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from glossary.errors import GlosaError
from translate.catalog import po
from translate.catalog.story import parse_story, render_story


@dataclass(frozen=True)
class Rendered:
    """A rendered story and the source blocks that had no usable translation."""

    text: str
    missing: tuple[str, ...]


def render_from_catalog(catalog: po.Catalog, story: str | Path,
                        use_fuzzy: bool = False) -> Rendered:
    """``story`` with every translated block in the catalog's language; blocks without a
    translation (or only a fuzzy one, unless ``use_fuzzy``) stay in the source language."""
    try:
        text = Path(story).read_bytes().decode("utf-8")
    except OSError as exc:
        raise GlosaError(f"{story}: cannot read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise GlosaError(f"{story}: not UTF-8 text (byte {exc.start}): save it as UTF-8") from exc
    table = {m.msgid: m.msgstr[0] for m in catalog.active()
             if m.msgctxt is None and m.msgstr[0] and (use_fuzzy or not m.fuzzy)}
    missing: list[str] = []

    def lookup(source: str) -> str | None:
        found = table.get(source)
        if found is None:
            missing.append(source)
        return found

    out = render_story(parse_story(text), lookup)
    return Rendered(out, tuple(missing))
