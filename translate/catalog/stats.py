"""How far a catalog's translation has come."""

from __future__ import annotations

from dataclasses import dataclass

from translate.catalog import po


@dataclass(frozen=True)
class CatalogStats:
    total: int
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int
    source_words: int
    translated_words: int

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def catalog_stats(catalog: po.Catalog) -> CatalogStats:
    """Counts of entries (the header excluded) and source words, as ``msgfmt --statistics``."""
    total = translated = fuzzy = untranslated = words = twords = 0
    for m in catalog.active():
        total += 1
        n = len(m.msgid.split())
        words += n
        if m.fuzzy and not m.untranslated:
            fuzzy += 1
        elif m.translated:
            translated += 1
            twords += n
        else:
            untranslated += 1
    obsolete = sum(1 for m in catalog.messages if m.obsolete)
    return CatalogStats(total, translated, fuzzy, untranslated, obsolete, words, twords)
