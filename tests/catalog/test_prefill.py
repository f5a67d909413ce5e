"""Prefill: only untranslated entries are filled, through the pipeline, marked fuzzy with
provenance; placeholders and markup survive or the entry stays untranslated."""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from glossary.csvfile import load_glossary
from glossary.model import Glossary, Lang
from tests.catalog.gnu import msgfmt_check
from translate.catalog import po
from translate.catalog.prefill import PROVENANCE_PREFIX, prefill_catalog
from translate.engines.base import MemoryEngine, Requirement

DATA = Path(__file__).parent.parent / "data" / "catalog"
PREFILL = DATA / "prefill"
UPDATE = os.environ.get("GLOSA_UPDATE_GOLDEN") == "1"
TABLE = {"the cartel": "el cártel", "arrests in": "detenciones en", "arrest": "detención",
         "the drug lord": "el capo", "was": "fue", "extradited": "extraditado"}


class LowercasingEngine(MemoryEngine):
    """An engine that lowercases its output, as some engines do to unknown tokens: every
    protected placeholder (``Xqp1x``) is lost."""

    name = "lowercasing"

    def translate(self, segments: Sequence[str], src: Lang, tgt: Lang, *,
                  glossary: Glossary | None = None,
                  requirements: Sequence[Sequence[Requirement]] | None = None) -> list[str]:
        return [s.lower() for s in super().translate(segments, src, tgt)]


def test_prefill_golden(tmp_path: Path) -> None:
    catalog = po.read_catalog(PREFILL / "input.po")
    engine = MemoryEngine(TABLE)
    result = prefill_catalog(catalog, "en", "es", engine, None)
    out = po.serialize(result.catalog)
    golden = PREFILL / "expected.po"
    if UPDATE:
        golden.write_bytes(out)
    assert out.decode() == golden.read_text(encoding="utf-8")
    assert len(engine.calls) == 1  # one batch for every entry and plural form
    assert result.filled == 4 and result.warnings == ()
    if shutil.which("msgfmt"):
        target = tmp_path / "out.po"
        target.write_bytes(out)
        check = msgfmt_check(target)
        assert check.returncode == 0, check.stderr


def test_prefill_twice_is_byte_identical() -> None:
    catalog = po.read_catalog(PREFILL / "input.po")
    once = prefill_catalog(catalog, "en", "es", MemoryEngine(TABLE), None).catalog
    data = po.serialize(once)
    engine = MemoryEngine(TABLE)
    twice = prefill_catalog(po.parse(data), "en", "es", engine, None).catalog
    assert po.serialize(twice) == data
    assert engine.calls == []  # nothing left to translate: the engine is not even called


def test_untouched_entries_keep_their_bytes() -> None:
    source = (PREFILL / "input.po").read_text(encoding="utf-8")
    catalog = po.read_catalog(PREFILL / "input.po")
    out = po.serialize(prefill_catalog(catalog, "en", "es", MemoryEngine(TABLE), None).catalog)
    text = out.decode()
    for kept in ['#: site.py:3\nmsgid "The cartel denied it."\nmsgstr "El cártel lo negó."\n',
                 '#, fuzzy\n#| msgid "The old cartel"\nmsgid "The cartel leader"\n'
                 'msgstr "El viejo cártel"\n',
                 '#~ msgid "The old cartel"\n#~ msgstr ""\n']:
        assert kept in source and kept in text


def test_lost_placeholders_leave_the_entry_untranslated_with_a_warning() -> None:
    catalog = po.read_catalog(PREFILL / "input.po")
    result = prefill_catalog(catalog, "en", "es", LowercasingEngine(TABLE), None)
    skipped = {f.data["msgid"] for f in result.warnings}
    assert skipped == {"{count} arrests in {city}", "%(count)d arrest",
                       "The **drug lord** was [extradited](https://example.org/a)."}
    assert all(f.rule == "prefill-skipped" and f.line for f in result.warnings)
    by_id = {m.msgid: m for m in result.catalog.active()}
    assert by_id["{count} arrests in {city}"].untranslated
    assert by_id["The cartel"].msgstr == ("el cártel",)  # no placeholder: filled


def test_provenance_names_engine_glossary_and_terms(tmp_path: Path) -> None:
    terms = tmp_path / "t.csv"
    terms.write_text("id,en,es,kind,pos,gender\ncartel,cartel,cártel,general,noun,m\n",
                     encoding="utf-8")
    glossary = load_glossary([terms])
    catalog = po.read_catalog(PREFILL / "input.po")
    result = prefill_catalog(catalog, "en", "es", MemoryEngine(TABLE), glossary)
    menu = next(m for m in result.catalog.active() if m.msgctxt == "menu")
    assert menu.fuzzy and menu.msgctxt == "menu"
    assert menu.auto_comments == (
        f"{PROVENANCE_PREFIX}; engine memory; glossary {glossary.content_hash}; "
        "terms enforced: cartel",)


@pytest.mark.parametrize("flag", ["python-format", "python-brace-format"])
def test_format_flag_entries_keep_their_placeholders(flag: str) -> None:
    text = "%(n)d files in %(dir)s" if flag == "python-format" else "{n} files in {dir}"
    catalog = po.Catalog([po.Message("", ("Language: es\n",)),
                          po.Message(text, ("",), flags=(flag,))])
    result = prefill_catalog(catalog, "en", "es", MemoryEngine({"files in": "archivos en"}),
                             None)
    [m] = result.catalog.active()
    assert m.msgstr == (text.replace("files in", "archivos en"),)
