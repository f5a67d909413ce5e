"""Matcher cases: inflection, overlap, case, accents, word boundaries, both languages."""

from __future__ import annotations

import pytest

from glossary.match import Matcher, contains_accepted, find_forbidden, matcher_for
from glossary.model import CaseRule, Entry, Gender, Glossary, Kind, Pos, Status

CARTEL = Entry("cartel", "cartel", "cártel", gender=Gender.M, es_variants=("cartel",))
SINALOA = Entry(
    "cartel-sinaloa",
    "Sinaloa Cartel",
    "cártel de Sinaloa",
    kind=Kind.CARTEL,
    pos=Pos.PROPER,
    gender=Gender.M,
    en_variants=("Sinaloa cartel",),
    es_plural="-",
)
PAN = Entry(
    "party-pan",
    "National Action Party",
    "Partido Acción Nacional",
    pos=Pos.PROPER,
    gender=Gender.M,
    en_variants=("PAN",),
    es_variants=("PAN",),
    forbidden_es=("Fiesta de Acción Nacional",),
)
EXTRADITE = Entry("extradite", "extradite", "extraditar", pos=Pos.VERB)
DRUG_LORD = Entry(
    "drug-lord",
    "drug lord",
    "capo",
    gender=Gender.M,
    en_variants=("kingpin",),
    forbidden_es=("señor de la droga",),
)
HITMAN = Entry(
    "hitman", "hitman", "sicario", gender=Gender.M, es_feminine="sicaria", en_plural="hitmen"
)
JUAREZ = Entry(
    "ciudad-juarez",
    "Ciudad Juarez",
    "Ciudad Juárez",
    pos=Pos.PROPER,
    gender=Gender.F,
    en_variants=("Juarez",),
)
WARRANT = Entry(
    "arrest-warrant",
    "arrest warrant",
    "orden de aprehensión",
    gender=Gender.F,
    es_plural="órdenes de aprehensión",
)
OLD = Entry("old", "narco-junior", "narcojunior", status=Status.DEPRECATED)
EXACT = Entry("morena", "Morena", "Morena", pos=Pos.PROPER, dnt=True, case=CaseRule.EXACT)
IGNORE = Entry("fentanyl", "Fentanyl", "fentanilo", case=CaseRule.IGNORE)

GLOSSARY = Glossary(
    (CARTEL, SINALOA, PAN, EXTRADITE, DRUG_LORD, HITMAN, JUAREZ, WARRANT, OLD, EXACT, IGNORE)
)

# (name, lang, text, expected [(form, entry id, role, tag)])
CASES = [
    (
        "es plural keeps accent",
        "es",
        "Dos cárteles pelean.",
        [("cárteles", "cartel", "preferred", "pl")],
    ),
    ("es variant without accent", "es", "el cartel", [("cartel", "cartel", "variant", "sg")]),
    ("es word boundary", "es", "cártele", []),
    ("en plural", "en", "The cartels fought.", [("cartels", "cartel", "preferred", "pl")]),
    ("en possessive", "en", "the cartel's boss", [("cartel's", "cartel", "preferred", "poss")]),
    (
        "en plural possessive",
        "en",
        "the cartels' bosses",
        [("cartels'", "cartel", "preferred", "poss")],
    ),
    (
        "en curly apostrophe",
        "en",
        "the cartel\u2019s boss",
        [("cartel\u2019s", "cartel", "preferred", "poss")],
    ),
    (
        "longest wins",
        "en",
        "The Sinaloa Cartel said",
        [("Sinaloa Cartel", "cartel-sinaloa", "preferred", "sg")],
    ),
    (
        "longest wins es",
        "es",
        "el cártel de Sinaloa dijo",
        [("cártel de Sinaloa", "cartel-sinaloa", "preferred", "sg")],
    ),
    (
        "variant lowercase cartel",
        "en",
        "the Sinaloa cartel said",
        [("Sinaloa cartel", "cartel-sinaloa", "variant", "sg")],
    ),
    ("acronym not inside word", "en", "PANAMA and Panama", []),
    (
        "acronym case sensitive",
        "es",
        "comió pan con el PAN",
        [("PAN", "party-pan", "variant", "sg")],
    ),
    (
        "en verb forms",
        "en",
        "He was extradited; they extradite; extraditing; it extradites",
        [
            ("extradited", "extradite", "preferred", "past"),
            ("extradite", "extradite", "preferred", "inf"),
            ("extraditing", "extradite", "preferred", "ger"),
            ("extradites", "extradite", "preferred", "verb"),
        ],
    ),
    (
        "es participle gender",
        "es",
        "fue extraditada; fueron extraditados; extraditó",
        [
            ("extraditada", "extradite", "preferred", "part-f"),
            ("extraditados", "extradite", "preferred", "part-pl"),
            ("extraditó", "extradite", "preferred", "verb"),
        ],
    ),
    (
        # issue 3: two pronouns attached (with the written accent), or one to an imperative
        "es verb with attached pronouns",
        "es",
        "pidió extraditárselo; extraditándoselas; extradítalo; extraditarselo",
        [
            ("extraditárselo", "extradite", "preferred", "inf-clitic"),
            ("extraditándoselas", "extradite", "preferred", "ger-clitic"),
            ("extradítalo", "extradite", "preferred", "imp-clitic"),
        ],
    ),
    (
        "es feminine",
        "es",
        "una sicaria y dos sicarias y sicarios",
        [
            ("sicaria", "hitman", "preferred", "f"),
            ("sicarias", "hitman", "preferred", "fpl"),
            ("sicarios", "hitman", "preferred", "pl"),
        ],
    ),
    ("en explicit plural", "en", "two hitmen", [("hitmen", "hitman", "preferred", "pl")]),
    (
        "en folds accents",
        "en",
        "in Ciudad Juárez today",
        [("Ciudad Juárez", "ciudad-juarez", "preferred", "sg")],
    ),
    ("es accents significant", "es", "en Ciudad Juarez", []),
    (
        "es accented",
        "es",
        "en Ciudad Juárez",
        [("Ciudad Juárez", "ciudad-juarez", "preferred", "sg")],
    ),
    (
        "sentence-start capital",
        "en",
        "Drug lords met.",
        [("Drug lords", "drug-lord", "preferred", "pl")],
    ),
    ("all-caps lowercase form", "en", "DRUG LORD", [("DRUG LORD", "drug-lord", "preferred", "sg")]),
    ("auto capital form", "en", "a SINALOA CARTEL", [("CARTEL", "cartel", "preferred", "sg")]),
    (
        "first letter free",
        "es",
        "los cárteles y el Cártel de Sinaloa",
        [
            ("cárteles", "cartel", "preferred", "pl"),
            ("Cártel de Sinaloa", "cartel-sinaloa", "preferred", "sg"),
        ],
    ),
    (
        "forbidden",
        "es",
        "un señor de la droga y dos señores de la droga",
        [
            ("señor de la droga", "drug-lord", "forbidden", "sg"),
            ("señores de la droga", "drug-lord", "forbidden", "pl"),
        ],
    ),
    (
        "forbidden proper",
        "es",
        "la Fiesta de Acción Nacional",
        [("Fiesta de Acción Nacional", "party-pan", "forbidden", "sg")],
    ),
    (
        "explicit multiword plural",
        "es",
        "dos órdenes de aprehensión",
        [("órdenes de aprehensión", "arrest-warrant", "preferred", "pl")],
    ),
    ("deprecated not matched", "en", "a narco-junior", []),
    ("exact case", "es", "Morena y morena y MORENA", [("Morena", "morena", "preferred", "sg")]),
    (
        "ignore case",
        "en",
        "FENTANYL and fentanyl",
        [("FENTANYL", "fentanyl", "preferred", "sg"), ("fentanyl", "fentanyl", "preferred", "sg")],
    ),
    (
        "line break inside term",
        "en",
        "a drug\nlord",
        [("drug\nlord", "drug-lord", "preferred", "sg")],
    ),
    (
        "non-breaking space",
        "en",
        "a drug\u00a0lord",
        [("drug\u00a0lord", "drug-lord", "preferred", "sg")],
    ),
]


@pytest.mark.parametrize(("name", "lang", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_matcher_cases(
    name: str, lang: str, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    matches = Matcher(GLOSSARY, lang).find(text)  # type: ignore[arg-type]
    got = [(m.form, m.entry.id, m.role, m.tag) for m in matches]
    assert got == expected
    for m in matches:
        assert text[m.start : m.end] == m.form


def test_spans_survive_length_changing_casefold() -> None:
    text = "Die Straße: ıİ Juárez and the cartels"
    matches = Matcher(GLOSSARY, "en").find(text)
    assert [(text[m.start : m.end], m.form) for m in matches] == [
        ("Juárez", "Juárez"),
        ("cartels", "cartels"),
    ]


def test_decomposed_accents() -> None:
    es = "dos ca\u0301rteles"  # NFD: a + combining acute
    [m] = Matcher(GLOSSARY, "es").find(es)
    assert m.form == "ca\u0301rteles" and m.tag == "pl"
    en = "Ciudad Jua\u0301rez"
    [m] = Matcher(GLOSSARY, "en").find(en)
    assert m.form == en


def test_lemma_of_variant() -> None:
    [m] = Matcher(GLOSSARY, "en").find("two kingpins")
    assert (m.lemma, m.role, m.tag) == ("kingpin", "variant", "pl")


def test_find_all_keeps_overlaps() -> None:
    all_ = Matcher(GLOSSARY, "en").find_all("the Sinaloa Cartel")
    assert [(m.form, m.entry.id) for m in all_] == [
        ("Sinaloa Cartel", "cartel-sinaloa"),
        ("Cartel", "cartel"),
    ]


def test_matcher_for_is_cached() -> None:
    assert matcher_for(GLOSSARY, "es") is matcher_for(Glossary(GLOSSARY.entries), "es")
    assert matcher_for(GLOSSARY, "es") is not matcher_for(GLOSSARY, "en")


def test_contains_accepted() -> None:
    m = contains_accepted("Los cárteles de México", CARTEL, "es")
    assert m is not None and (m.form, m.tag) == ("cárteles", "pl")
    assert contains_accepted("Los carteros", CARTEL, "es") is None
    # presence, not non-overlapping search: "Cártel" inside a longer name still counts
    m = contains_accepted("el Cártel de Sinaloa", CARTEL, "es")
    assert m is not None and m.form == "Cártel"


def test_find_forbidden() -> None:
    found = find_forbidden("El señor de la droga y el capo", DRUG_LORD, "es")
    assert [(m.form, m.role) for m in found] == [("señor de la droga", "forbidden")]
    assert find_forbidden("el capo", DRUG_LORD, "es") == []
