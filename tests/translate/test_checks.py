"""The pair checks shared by catalogs and quotes: one table of cases per check."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.findings import Finding
from glossary.model import Entry, Glossary, Kind
from translate import checks

# (name, src, tgt, src_lang, tgt_lang, expect an issue)
NUMBER_CASES = [
    ("millions-es-en", "Pagó 2,5 millones de pesos.", "He paid 2.5 million pesos.", "es", "en",
     False),
    ("millions-changed", "Pagó 2,5 millones de pesos.", "He paid 3.5 million pesos.", "es", "en",
     True),
    ("words-tres", "Murieron tres personas.", "Three people died.", "es", "en", False),
    ("twice-dos-veces", "Run it twice.", "Ejecútalo dos veces.", "en", "es", False),
    ("both-los-dos", "Use both files.", "Usa los dos archivos.", "en", "es", False),
    ("one-of-them", "Keep one of them.", "Conserva uno de los dos.", "en", "es", False),
    ("los-dos-changed", "The three defendants.", "Los dos acusados.", "en", "es", True),
    ("dos-added", "He paid.", "Pagó dos veces.", "en", "es", True),
    ("words-vs-digits", "Murieron tres personas.", "4 people died.", "es", "en", True),
    ("date-es-en", "el 29 de marzo de 2019", "on March 29, 2019", "es", "en", False),
    ("date-month-changed", "el 29 de marzo", "on April 29", "es", "en", True),
    ("date-day-changed", "el 29 de marzo", "on March 28", "es", "en", True),
    ("thousands-es-en", "1.500 soldados", "1,500 soldiers", "es", "en", False),
    ("thousands-mx", "1,500 soldados", "1,500 soldiers", "es", "en", False),
    ("decimal", "una tasa de 2,5%", "a rate of 2.5%", "es", "en", False),
    ("percent-words", "el 40 por ciento", "40 percent", "es", "en", False),
    ("percent-changed", "el 40 por ciento", "14 percent", "es", "en", True),
    ("billion", "mil millones de dólares", "a billion dollars", "es", "en", False),
    ("billion-digits", "3 mil millones", "3 billion", "es", "en", False),
    ("thousand", "mil personas", "a thousand people", "es", "en", False),
    ("compound-words", "veinticinco años", "twenty-five years", "es", "en", False),
    ("compound-y", "treinta y cinco años", "thirty-five years", "es", "en", False),
    ("article-one-free", "Un hombre llegó.", "A man arrived.", "es", "en", False),
    ("article-answers-1", "Llegó un hombre.", "1 man arrived.", "es", "en", False),
    ("number-added", "Llegaron.", "Five arrived.", "es", "en", True),
    ("ordinal", "on the 3rd of May", "el 3 de mayo", "en", "es", False),
    ("may-modal", "He may come.", "Puede que venga.", "en", "es", False),
    ("nbsp-thousands", "10\u00a0000 pesos", "10,000 pesos", "es", "en", False),
    ("time", "a las 3:30", "at 3:30", "es", "en", False),
]


@pytest.mark.parametrize("name,src,tgt,sl,tl,bad", NUMBER_CASES, ids=[c[0] for c in NUMBER_CASES])
def test_numbers(name: str, src: str, tgt: str, sl: str, tl: str, bad: bool) -> None:
    issues = checks.check_numbers(src, tgt, sl, tl)
    assert bool(issues) is bad, issues
    assert all(i.kind == "number" for i in issues)


NEGATION_CASES = [
    ("es-no-dropped", "No vamos a negociar.", "We are going to negotiate.", "es", "en", True),
    ("es-no-kept", "No vamos a negociar.", "We are not going to negotiate.", "es", "en", False),
    ("contraction", "We don't negotiate.", "Negociamos.", "en", "es", True),
    ("contraction-kept", "We don't negotiate.", "No negociamos.", "en", "es", False),
    ("concord", "No dijo nada.", "He said nothing.", "es", "en", False),
    ("never-jamas", "Jamás lo haremos.", "We will never do it.", "es", "en", False),
    ("sin-without", "Sin pruebas.", "Without evidence.", "es", "en", False),
    ("sin-embargo", "Sin embargo, llegó.", "However, he arrived.", "es", "en", False),
    ("added", "Llegó.", "He did not arrive.", "es", "en", True),
    ("number-abbrev", "Item No. 5", "Artículo 5", "en", "es", False),
    ("ni-nor", "ni él ni ella", "neither he nor she", "es", "en", False),
    ("tampoco", "Tampoco lo sabía.", "He did not know either.", "es", "en", False),
]


@pytest.mark.parametrize("name,src,tgt,sl,tl,bad", NEGATION_CASES,
                         ids=[c[0] for c in NEGATION_CASES])
def test_negation(name: str, src: str, tgt: str, sl: str, tl: str, bad: bool) -> None:
    assert bool(checks.check_negation(src, tgt, sl, tl)) is bad


NAME_CASES = [
    ("same-person", "dijo Ovidio Guzmán", "said Ovidio Guzman", "es", "en", False),
    ("swapped-person", "dijo Ovidio Guzmán", "said Joaquín Guzmán", "es", "en", True),
    ("swapped-surname", "según Payan", "according to Pérez", "es", "en", True),
    ("dropped", "según Payan, llegaron", "they arrived, sources said", "es", "en", True),
    ("accents", "en México", "in Mexico", "es", "en", False),
    ("exonym", "en Estados Unidos", "in the United States", "es", "en", False),
    ("exonym-wrong", "en Estados Unidos", "in Spain", "es", "en", True),
    ("title", "el presidente López Obrador", "President López Obrador", "es", "en", False),
    ("translated-body", "la Guardia Nacional", "the National Guard", "es", "en", False),
    ("cartel", "el Cártel de Sinaloa", "the Sinaloa Cartel", "es", "en", False),
    ("sentence-start-word", "Las autoridades llegaron.", "Authorities arrived.", "es", "en",
     False),
    ("demonym", "un soldado estadounidense", "an American soldier", "es", "en", False),
    ("weekday", "el lunes", "on Monday", "es", "en", False),
]


@pytest.mark.parametrize("name,src,tgt,sl,tl,bad", NAME_CASES, ids=[c[0] for c in NAME_CASES])
def test_names(name: str, src: str, tgt: str, sl: str, tl: str, bad: bool) -> None:
    assert bool(checks.check_names(src, tgt, sl, tl)) is bad


GLOSSARY = Glossary((
    Entry("fgr", "Attorney General's Office", "Fiscalía General de la República",
          kind=Kind.INSTITUTION, es_variants=("FGR",)),
    Entry("plaza", "drug corridor", "plaza", forbidden_es=("corredor de drogas",)),
    Entry("cjng", "Jalisco New Generation Cartel", "Cártel Jalisco Nueva Generación",
          kind=Kind.CARTEL),
))


def test_names_use_glossary() -> None:
    ok = checks.check_names("la Fiscalía General de la República", "the Attorney General's Office",
                            "es", "en", glossary=GLOSSARY)
    assert ok == []
    bad = checks.check_names("el Cártel Jalisco Nueva Generación", "the Sinaloa Cartel", "es",
                             "en", glossary=GLOSSARY)
    assert bad and bad[0].kind == "name"


def test_names_hint_excuses() -> None:
    assert checks.check_names("Lo dijo Fulano Zutanez.", "Fulano Zutánez said it.", "es", "en",
                              hint="Fulano Zutanez said it.") == []


TERM_CASES = [
    ("accepted", "The drug corridor is disputed.", "La plaza está disputada.", False),
    ("plural", "The drug corridors are disputed.", "Las plazas están disputadas.", False),
    ("forbidden", "The drug corridor is disputed.", "El corredor de drogas está disputado.", True),
    ("absent", "The drug corridor is disputed.", "La ruta está disputada.", True),
    ("not-in-source", "The road is disputed.", "La ruta está disputada.", False),
]


@pytest.mark.parametrize("name,src,tgt,bad", TERM_CASES, ids=[c[0] for c in TERM_CASES])
def test_terms(name: str, src: str, tgt: str, bad: bool) -> None:
    issues = checks.check_terms(src, tgt, "en", "es", GLOSSARY)
    assert bool(issues) is bad
    assert all(i.kind == "term" for i in issues)


def test_quotes_and_placeholders() -> None:
    assert checks.check_quotes('Dijo «no» y “sí”.', 'He said "no" and "yes".', "es", "en") == []
    assert checks.check_quotes('Dijo «no» y “sí”.', 'He said "no" and yes.', "es", "en")
    assert checks.check_quotes("Payan’s men don't talk.", "Los hombres de Payan no hablan.",
                               "en", "es") == []
    assert checks.check_placeholders("%d of %s", "%d de %s", "en", "es") == []
    assert checks.check_placeholders("%(n)d of {total}", "%(n)d de", "en", "es")[0].source == (
        "{total}",)


def test_check_pair_returns_findings_at_place() -> None:
    found = checks.check_pair("No pagó 3 pesos.", "He paid 4 pesos.", "es", "en",
                              path="a.po", line=7)
    assert [f.rule for f in found] == ["number", "negation"]
    assert all(isinstance(f, Finding) and f.place == "a.po:7" and f.is_error for f in found)
    assert found[0].to_dict()["source_items"] == ["3"]
    only = checks.check_pair("No pagó 3 pesos.", "He paid 4 pesos.", "es", "en",
                             checks=["negation"])
    assert [f.rule for f in only] == ["negation"]
    with pytest.raises(ValueError):
        checks.check_pair("a", "b", "en", "es", checks=["bogus"])


@settings(deadline=None)  # a loaded 2-core machine once paused one example for 0.4 s
@given(st.integers(min_value=0, max_value=10**9))
def test_digits_round_trip_between_conventions(n: int) -> None:
    en = f"{n:,}"
    es = en.replace(",", ".")
    assert checks.check_numbers(f"paid {en} dollars", f"pagó {es} dólares", "en", "es") == []


@settings(deadline=None)
@given(st.text(max_size=80))
def test_checks_never_crash(text: str) -> None:
    checks.check_pair(text, text[::-1], "en", "es")
