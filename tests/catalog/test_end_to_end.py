"""A story through every catalog command: extract, init, translate, check, hand-edit, edit the
story, extract + update, compile, render. msgfmt -c is the oracle after every write."""

from __future__ import annotations

import gettext
import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.catalog.gnu import msgfmt_check
from translate.catalog import po
from translate.cli import catalog_cmd
from translate.cli.main import app
from translate.engines.base import MemoryEngine

STORY = Path(__file__).parent.parent / "data" / "catalog" / "story" / "story.md"

#: A phrase table good enough for the story (longest keys win).
TABLE = {
    "Cartel leader extradited to the United States":
        "Extraditan a Estados Unidos al líder del cártel",
    "By the border desk": "Por la mesa de la frontera",
    "What we know": "Lo que sabemos",
    "He was arrested in Culiacán in 2023.": "Fue detenido en Culiacán en 2023.",
    "Prosecutors say the cartel moved 1.5 million kilograms of cocaine.":
        "La fiscalía dice que el cártel movió 1,5 millones de kilos de cocaína.",
    "His lawyers have not commented.": "Sus abogados no han hecho comentarios.",
    "Police arrested 12 people in the operation.":
        "La policía detuvo a 13 personas en el operativo.",  # a wrong number, for check
}

runner = CliRunner()


def glosa(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def assert_msgfmt(path: Path) -> None:
    if shutil.which("msgfmt"):
        result = msgfmt_check(path)
        assert result.returncode == 0, result.stderr


@pytest.fixture
def memory_engine(monkeypatch: pytest.MonkeyPatch) -> MemoryEngine:
    engine = MemoryEngine(TABLE)
    monkeypatch.setattr(catalog_cmd, "open_engine", lambda name: engine)
    return engine


def test_story_round_trip_through_the_catalog(tmp_path: Path, memory_engine: MemoryEngine
                                              ) -> None:
    story = tmp_path / "story.md"
    shutil.copy(STORY, story)
    pot, es = tmp_path / "story.pot", tmp_path / "es.po"

    # extract: one entry per block; again: same bytes, file untouched
    code, out = glosa("catalog", "extract", str(story), "-o", str(pot))
    assert code == 0, out
    first = pot.read_bytes()
    assert b"#: story.md:5\n" in first and b'msgid "What we know"' in first
    os.utime(pot, (1_000_000_000, 1_000_000_000))
    code, out = glosa("catalog", "extract", str(story), "-o", str(pot))
    assert code == 0 and "unchanged" in out
    assert pot.read_bytes() == first and pot.stat().st_mtime == 1_000_000_000

    # init: two plural forms for Spanish, deliberately
    code, out = glosa("catalog", "init", str(pot), "-l", "es", "-o", str(es))
    assert code == 0, out
    assert b"Plural-Forms: nplurals=2; plural=(n != 1);" in es.read_bytes()
    assert_msgfmt(es)

    # translate: every untranslated entry in ONE engine call (10 entries, 12 sentences),
    # fuzzy, with provenance
    code, out = glosa("catalog", "translate", str(es), "--from", "en", "--to", "es",
                      "--only-glossary")
    assert code == 0, out
    assert len(memory_engine.calls) == 1 and len(memory_engine.calls[0]) == 12
    cat = po.read_catalog(es)
    heading = next(m for m in cat.active() if m.msgid == "What we know")
    assert heading.msgstr == ("Lo que sabemos",) and heading.fuzzy
    assert heading.auto_comments[-1].startswith("glosa: machine translation; engine memory;")
    assert_msgfmt(es)
    filled = es.read_bytes()
    code, out = glosa("catalog", "translate", str(es), "--only-glossary")
    assert code == 0 and es.read_bytes() == filled  # twice: byte-identical

    # hand-edit one entry: a reviewer fixes the number and clears fuzzy
    text = es.read_text(encoding="utf-8")
    text = text.replace('#, fuzzy\nmsgid "Police arrested 12 people in the operation."\n'
                        'msgstr "La policía detuvo a 13 personas en el operativo."',
                        'msgid "Police arrested 12 people in the operation."\n'
                        'msgstr "La policía detuvo a 12 personas en el operativo."')
    es.write_text(text, encoding="utf-8")
    code, out = glosa("catalog", "check", str(es), "--only-glossary", "--format", "json")
    findings = json.loads(out)
    assert code == 0, out  # fuzzy problems are warnings, the reviewed entry is clean
    assert {"rule": "fuzzy", "count": 9}.items() <= next(
        f for f in findings if f["rule"] == "fuzzy").items()

    # edit the story: one sentence of a paragraph changes, a paragraph is added
    source = story.read_text(encoding="utf-8")
    source = source.replace("officials said.", "U.S. officials said.")
    source += "\nThe trial is expected to start next year.\n"
    story.write_text(source, encoding="utf-8")
    code, out = glosa("catalog", "extract", str(story), "-o", str(pot))
    assert code == 0, out
    code, out = glosa("catalog", "update", str(es), str(pot))
    assert code == 0, out
    cat = po.read_catalog(es)
    edited = next(m for m in cat.active() if m.msgid.startswith("The Sinaloa cartel"))
    assert edited.fuzzy and edited.previous_msgid is not None
    assert "officials said." in edited.previous_msgid
    reviewed = next(m for m in cat.active() if m.msgid.startswith("Police arrested"))
    assert reviewed.msgstr == ("La policía detuvo a 12 personas en el operativo.",)
    assert 'msgid "Police arrested 12 people in the operation."\n' \
           'msgstr "La policía detuvo a 12 personas en el operativo."' in es.read_text()
    heading = next(m for m in cat.active() if m.msgid == "What we know")
    assert heading.auto_comments[0] == "heading"  # from the template
    assert heading.auto_comments[-1].startswith("glosa: machine translation")  # kept
    new = next(m for m in cat.active() if m.msgid.startswith("The trial"))
    assert new.untranslated
    assert_msgfmt(es)
    code, out = glosa("catalog", "update", str(es), str(pot), "--check")
    assert code == 0, out

    # compile: fuzzy entries are skipped unless asked
    mo = tmp_path / "es.mo"
    code, out = glosa("catalog", "compile", str(es), "-o", str(mo))
    assert code == 0, out
    with mo.open("rb") as fh:
        tr = gettext.GNUTranslations(fh)
    assert tr.gettext("Police arrested 12 people in the operation.") == \
        "La policía detuvo a 12 personas en el operativo."
    assert tr.gettext("What we know") == "What we know"  # fuzzy: not compiled

    # render: the reviewed entry in Spanish; with --use-fuzzy the prefilled ones too
    out_md = tmp_path / "story.es.md"
    code, out = glosa("catalog", "render", str(es), str(story), "-o", str(out_md))
    assert code == 0, out
    rendered = out_md.read_text(encoding="utf-8")
    assert "La policía detuvo a 12 personas en el operativo.\n" in rendered
    assert "## What we know\n" in rendered
    code, out = glosa("catalog", "render", str(es), str(story), "-o", str(out_md),
                      "--use-fuzzy")
    rendered = out_md.read_text(encoding="utf-8")
    assert "## Lo que sabemos\n" in rendered and "- Fue detenido en Culiacán en 2023.\n" in \
        rendered
    assert "```\ncode stays as it is\n```\n" in rendered


def test_check_reports_wrong_numbers_with_msgid_and_msgstr(tmp_path: Path) -> None:
    es = tmp_path / "es.po"
    es.write_text(
        'msgid ""\nmsgstr ""\n"Language: es\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '\nmsgid "Police arrested 12 people."\nmsgstr "La policía detuvo a 13 personas."\n'
        '\nmsgid "They seized 1.5 million pesos."\nmsgstr "Incautaron 1,5 millones de pesos."\n',
        encoding="utf-8")
    code, out = glosa("catalog", "check", str(es), "--only-glossary", "--format", "json")
    assert code == 1
    findings = [f for f in json.loads(out) if f["rule"] == "number"]
    assert len(findings) == 1  # 1,5 millones == 1.5 million
    assert findings[0]["line"] == 6 and findings[0]["path"] == str(es)
    assert findings[0]["msgid"] == "Police arrested 12 people."
    assert findings[0]["msgstr"] == "La policía detuvo a 13 personas."
