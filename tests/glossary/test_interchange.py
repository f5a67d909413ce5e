"""TBX import/export against the desk glossary, and the MT services' glossary formats."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from glossary.csvfile import default_terms_dir, load_glossary
from glossary.errors import GlosaError, ParseError
from glossary.exports import export, format_amazon, format_deepl, format_google, import_tbx
from glossary.model import Direction, Entry, Glossary, Status
from glossary.tbx import format_tbx, parse_tbx

CAPO = Entry("drug-lord", "drug lord", "capo", en_variants=("kingpin",),
             forbidden_es=("señor de la droga",))
EN_ES = Entry("lookout", "cartel lookout", "halcón", direction=Direction.EN_ES)
OLD = Entry("old", "narco junior", "narcojunior", status=Status.DEPRECATED)
SAME_SOURCE = Entry("kingpin", "kingpin", "jefe")  # later entry: its source is already taken
COMMA = Entry("pan", "National Action Party, PAN", 'Partido "Acción" Nacional')
G = Glossary((CAPO, EN_ES, OLD, SAME_SOURCE, COMMA))


def test_desk_glossary_round_trips_through_tbx(tmp_path: Path) -> None:
    desk = load_glossary([default_terms_dir()])
    xml = format_tbx(desk.entries)
    assert parse_tbx(xml.encode(), "desk.tbx").entries == desk.entries
    # import into a folder puts every entry back into the term file it came from
    tbx = tmp_path / "desk.tbx"
    tbx.write_text(xml, encoding="utf-8")
    written = import_tbx(tbx, tmp_path / "terms")
    assert sorted(p.name for p in written) == sorted(
        p.name for p in default_terms_dir().glob("*.csv"))
    for path in written:
        original = default_terms_dir() / path.name
        assert path.read_bytes() == original.read_bytes()


def test_tbx_uses_standard_data_categories() -> None:
    xml = format_tbx([CAPO])
    for piece in ('<termEntry id="drug-lord">', '<descrip type="subjectField">general</descrip>',
                  '<termNote type="partOfSpeech">noun</termNote>',
                  '<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>',
                  "<term>kingpin</term>\n            <termNote type=\"partOfSpeech\">noun"
                  "</termNote>\n            <termNote type=\"administrativeStatus\">"
                  "admittedTerm-admn-sts",
                  "<term>señor de la droga</term>", "deprecatedTerm-admn-sts"):
        assert piece in xml


def test_tbx_from_another_tool() -> None:
    xml = """<?xml version="1.0"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic"><text><body>
  <conceptEntry id="hitman">
    <langSec xml:lang="en-US"><termSec><term>hitman</term></termSec></langSec>
    <langSec xml:lang="es-MX"><termSec><term>sicario</term>
      <termNote type="grammaticalGender">masculine</termNote></termSec>
      <termSec><term>gatillero</term>
      <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec></langSec>
  </conceptEntry></body></text></tbx>"""
    [entry] = parse_tbx(xml.encode(), "other.tbx").entries
    assert (entry.en, entry.es, entry.gender, entry.es_variants) == (
        "hitman", "sicario", "m", ("gatillero",))


@pytest.mark.parametrize(("xml", "expected"), [
    ("<martif><text><body><termEntry id='a'><langSet xml:lang='en'><tig><term>x</term></tig>"
     "</langSet></termEntry></body></text></martif>",
     "t.tbx:1:21: error: es is empty: every entry needs id, en and es [empty-field]"),
    ("<martif><text><body>\n<termEntry id='Bad Id'><descrip type='subjectField'>gang</descrip>"
     "<langSet xml:lang='en'><tig><term>x</term></tig></langSet><langSet xml:lang='es'><tig>"
     "<term>y</term></tig></langSet></termEntry></body></text></martif>",
     "t.tbx:2:1: error: id 'Bad Id' is not a slug"),
    ("<martif><text><body><termEntry id='a'>", "t.tbx:1:39: error: not well-formed XML"),
    ("<html/>", "t.tbx:1:1: error: root element <html> is not <martif>"),
])
def test_bad_tbx_reports_places(xml: str, expected: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_tbx(xml.encode(), "t.tbx")
    assert str(info.value).startswith(expected)


def test_deepl() -> None:
    assert format_deepl(G, "en", "es") == ("drug lord\tcapo\nkingpin\tcapo\n"
                                           "cartel lookout\thalcón\n"
                                           "National Action Party, PAN\tPartido \"Acción\" "
                                           "Nacional\n")
    # es->en: the en-es entry and the deprecated one are not enforced
    assert "halcón" not in format_deepl(G, "es", "en")
    assert "narcojunior" not in format_deepl(G, "es", "en")


def test_amazon_csv_quotes_and_header() -> None:
    rows = list(csv.reader(io.StringIO(format_amazon(G, "es", "en"))))
    assert rows[0] == ["es", "en"]
    assert ["capo", "drug lord"] in rows
    assert ['Partido "Acción" Nacional', "National Action Party, PAN"] in rows
    assert len({r[0] for r in rows}) == len(rows)  # each source once


def test_google_equivalent_term_sets() -> None:
    rows = list(csv.reader(io.StringIO(format_google(G))))
    assert rows == [["en", "es"], ["drug lord", "capo"], ["kingpin", "jefe"],
                    ["National Action Party, PAN", 'Partido "Acción" Nacional']]


def test_unknown_format() -> None:
    with pytest.raises(GlosaError, match="unknown export format"):
        export(G, "xliff")


def test_tbx_export_refuses_characters_xml_cannot_hold() -> None:
    with pytest.raises(GlosaError, match="U\\+FFFE, which XML cannot carry"):
        format_tbx([Entry("x", "a\ufffe", "b")])
