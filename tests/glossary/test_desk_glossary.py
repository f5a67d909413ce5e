"""The desk glossary shipped in ``glossary/terms/``: it loads cleanly and holds what the desk needs.

These tests read the real data files, so a bad edit to a term file (a stray quote, a duplicate
id, a BOM from a spreadsheet, a must-have term misspelt, two entries fighting over one source
term) fails here before it reaches a translator.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

from glossary.csvfile import collect_glossary, default_terms_dir, load_glossary
from glossary.model import Entry, Glossary, Lang, Status

TERM_FILES = sorted(default_terms_dir().glob("*.csv"))
DOMAIN_FILES = {"cartels.csv", "parties.csv", "institutions.csv", "legal.csv", "people.csv",
                "places.csv", "drugs.csv", "general.csv"}

# The must-haves (issue 2, "The desk's glossary"): (id, English, Spanish exactly as the
# desk writes it). The English side may be the preferred term or an admitted variant.
MUST_HAVE: list[tuple[str, str, str]] = [
    ("cartel-sinaloa", "Sinaloa Cartel", "cártel de Sinaloa"),
    ("cartel-jalisco", "Jalisco New Generation Cartel", "Cártel Jalisco Nueva Generación"),
    ("cartel-jalisco", "Cartel Jalisco New Generation", "Cártel Jalisco Nueva Generación"),
    ("cartel-jalisco", "CJNG", "Cártel Jalisco Nueva Generación"),
    ("cartel-juarez", "Juarez Cartel", "cártel de Juárez"),
    ("cartel-gulf", "Gulf Cartel", "cártel del Golfo"),
    ("los-zetas", "Los Zetas", "Los Zetas"),
    ("la-linea", "La Linea", "La Línea"),
    ("beltran-leyva-organization", "Beltran Leyva Organization", "Organización Beltrán Leyva"),
    ("cartel", "cartel", "cártel"),
    ("drug-lord", "drug lord", "capo"),
    ("drug-lord", "kingpin", "capo"),
    ("drug-trafficking", "drug trafficking", "narcotráfico"),
    ("drug-trafficker", "drug trafficker", "narcotraficante"),
    ("organized-crime", "organized crime", "crimen organizado"),
    ("money-laundering", "money laundering", "lavado de dinero"),
    ("fentanyl", "fentanyl", "fentanilo"),
    ("methamphetamine", "methamphetamine", "metanfetamina"),
    ("hitman", "hitman", "sicario"),
    ("informant", "informant", "informante"),
    ("counter-narcotics", "counter-narcotics", "antinarcóticos"),
    ("war-on-drugs", "war on drugs", "guerra contra las drogas"),
    ("pan", "National Action Party", "Partido Acción Nacional"),
    ("pan", "PAN", "Partido Acción Nacional"),
    ("pri", "Institutional Revolutionary Party", "Partido Revolucionario Institucional"),
    ("pri", "PRI", "Partido Revolucionario Institucional"),
    ("prd", "Party of the Democratic Revolution", "Partido de la Revolución Democrática"),
    ("prd", "PRD", "Partido de la Revolución Democrática"),
    ("morena-full", "National Regeneration Movement", "Movimiento Regeneración Nacional"),
    ("morena", "Morena", "Morena"),
    ("movimiento-ciudadano", "Citizens' Movement", "Movimiento Ciudadano"),
    ("democratic-party", "Democratic Party", "Partido Demócrata"),
    ("republican-party", "Republican Party", "Partido Republicano"),
    ("fgr", "Attorney General's Office", "Fiscalía General de la República"),
    ("national-guard", "National Guard", "Guardia Nacional"),
    ("dea", "Drug Enforcement Administration", "Administración de Control de Drogas"),
    ("dea", "DEA", "Administración de Control de Drogas"),
    ("doj", "Department of Justice", "Departamento de Justicia"),
    ("armed-forces", "Armed Forces", "Fuerzas Armadas"),
    ("border-patrol", "Border Patrol", "Patrulla Fronteriza"),
    ("white-house", "White House", "Casa Blanca"),
    ("wola", "Washington Office on Latin America",
     "Oficina en Washington para Asuntos Latinoamericanos"),
    ("wola", "WOLA", "Oficina en Washington para Asuntos Latinoamericanos"),
    ("opec", "OPEC", "OPEP"),
    ("nafta", "NAFTA", "TLCAN"),
    ("usmca", "USMCA", "T-MEC"),
    ("extradition", "extradition", "extradición"),
    ("extradite", "extradite", "extraditar"),
    ("life-in-prison", "life in prison", "cadena perpetua"),
    ("life-in-prison", "life sentence", "cadena perpetua"),
    ("indictment", "indictment", "acusación formal"),
    ("plea-deal", "plea deal", "acuerdo de culpabilidad"),
    ("awaiting-trial", "awaiting trial", "en espera de juicio"),
    ("conviction", "conviction", "condena"),
    ("federal-prison", "federal prison", "prisión federal"),
    ("arrest-warrant", "arrest warrant", "orden de aprehensión"),
    ("defense-attorney", "defense attorney", "abogado defensor"),
    ("prosecutor", "prosecutor", "fiscal"),
    ("grand-jury", "grand jury", "gran jurado"),
    ("collusion", "collusion", "colusión"),
    ("white-collar-crime", "white-collar crime", "delito de cuello blanco"),
    ("asylum", "asylum", "asilo"),
    ("deportation", "deportation", "deportación"),
    ("migrant", "migrant", "migrante"),
    ("amlo", "Andres Manuel Lopez Obrador", "Andrés Manuel López Obrador"),
    ("amlo", "AMLO", "Andrés Manuel López Obrador"),
    ("amlo", "Lopez Obrador", "Andrés Manuel López Obrador"),
    ("el-chapo", 'Joaquin "El Chapo" Guzman', 'Joaquín "El Chapo" Guzmán'),
    ("ovidio-guzman", "Ovidio Guzman", "Ovidio Guzmán"),
    ("genaro-garcia-luna", "Genaro Garcia Luna", "Genaro García Luna"),
    ("felipe-calderon", "Felipe Calderon", "Felipe Calderón"),
    ("culiacan", "Culiacan", "Culiacán"),
    ("ciudad-juarez", "Ciudad Juarez", "Ciudad Juárez"),
    ("mexico-city", "Mexico City", "Ciudad de México"),
    ("badiraguato", "Badiraguato", "Badiraguato"),
    ("michoacan", "Michoacan", "Michoacán"),
    ("nuevo-leon", "Nuevo Leon", "Nuevo León"),
    ("queretaro", "Queretaro", "Querétaro"),
]

# Admitted Spanish forms the issue names explicitly.
MUST_ADMIT_ES: list[tuple[str, str]] = [
    ("cartel-jalisco", "CJNG"),
    ("cartel", "cartel"),
    ("organized-crime", "delincuencia organizada"),
    ("amlo", "AMLO"),
    ("amlo", "López Obrador"),
]

# Machine-translation errors the issue says must be caught.
MUST_FORBID_ES: list[tuple[str, str]] = [
    ("pan", "Fiesta de Acción Nacional"),
    ("drug-lord", "señor de la droga"),
    ("drug-lord", "señor de droga"),
    ("life-in-prison", "vida en prisión"),
]


@pytest.fixture(scope="module")
def desk() -> Glossary:
    return load_glossary([default_terms_dir()])


def _fold(text: str) -> str:
    """Case- and accent-insensitive key, as English matching compares."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def test_shipped_glossary_loads_without_errors() -> None:
    _, findings = collect_glossary([default_terms_dir()])
    assert [f.format() for f in findings if f.is_error] == []


def test_every_domain_file_is_present() -> None:
    assert DOMAIN_FILES <= {p.name for p in TERM_FILES}


def test_at_least_300_approved_entries(desk: Glossary) -> None:
    approved = [e for e in desk if e.status is Status.APPROVED]
    assert len(approved) >= 300


@pytest.mark.parametrize(("entry_id", "en", "es"), MUST_HAVE,
                         ids=[f"{i}:{en}" for i, en, _ in MUST_HAVE])
def test_must_have_pair(desk: Glossary, entry_id: str, en: str, es: str) -> None:
    entry = desk.get(entry_id)
    assert entry is not None, f"missing entry {entry_id}"
    assert entry.status is Status.APPROVED
    assert entry.es == es  # spelled exactly, accents and capitals included
    assert en == entry.en or en in entry.en_variants
    assert entry.applies("en", "es")


@pytest.mark.parametrize(("entry_id", "es"), MUST_ADMIT_ES)
def test_must_admit_spanish_variant(desk: Glossary, entry_id: str, es: str) -> None:
    assert es in desk[entry_id].es_variants


@pytest.mark.parametrize(("entry_id", "es"), MUST_FORBID_ES)
def test_must_forbid_mt_error(desk: Glossary, entry_id: str, es: str) -> None:
    assert es in desk[entry_id].forbidden_es


def test_must_have_entries_have_accents_right(desk: Glossary) -> None:
    """Spot-check spellings the issue calls out; a dropped accent is a real error."""
    spellings = {"Culiacán", "Ciudad Juárez", "Michoacán", "Nuevo León", "Querétaro",
                 "Organización Beltrán Leyva", "Genaro García Luna", "Felipe Calderón"}
    assert spellings <= {e.es for e in desk}


def _source_forms(entry: Entry, lang: Lang) -> list[str]:
    if lang == "en":
        return [entry.en, *entry.en_variants]
    return [entry.es, *entry.es_variants]


@pytest.mark.parametrize(("src", "tgt"), [("en", "es"), ("es", "en")])
def test_one_target_per_source_form(desk: Glossary, src: Lang, tgt: Lang) -> None:
    """No source term (preferred or variant) may map to two different targets in a direction.

    English forms compare without case and accents (as English matching does); Spanish forms
    compare without case only (accents are significant in Spanish).
    """
    targets: dict[str, set[str]] = defaultdict(set)
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in desk:
        if entry.status is Status.DEPRECATED or not entry.applies(src, tgt):
            continue
        target = entry.es if tgt == "es" else entry.en
        for form in _source_forms(entry, src):
            key = _fold(form) if src == "en" else form.casefold()
            targets[key].add(target)
            owners[key].add(entry.id)
    clashes = {k: sorted(owners[k]) for k, v in targets.items() if len(v) > 1}
    assert clashes == {}


def test_no_form_shared_between_entries(desk: Glossary) -> None:
    """A variant (or preferred term) belongs to one entry, whatever the direction."""
    langs: tuple[Lang, ...] = ("en", "es")
    for lang in langs:
        owners: dict[str, set[str]] = defaultdict(set)
        for entry in desk:
            for form in _source_forms(entry, lang):
                owners[_fold(form) if lang == "en" else form].add(entry.id)
        shared = {k: sorted(v) for k, v in owners.items() if len(v) > 1}
        assert shared == {}, lang


def test_forbidden_never_equals_an_accepted_form(desk: Glossary) -> None:
    accepted_es = {f for e in desk for f in (e.es, *e.es_variants)}
    accepted_en = {_fold(f) for e in desk for f in (e.en, *e.en_variants)}
    bad_es = sorted(f for e in desk for f in e.forbidden_es if f in accepted_es)
    bad_en = sorted(f for e in desk for f in e.forbidden_en if _fold(f) in accepted_en)
    assert (bad_es, bad_en) == ([], [])


def test_multiword_spanish_nouns_give_their_plural(desk: Glossary) -> None:
    """The plural rule handles single words only; multiword nouns must spell it (or '-')."""
    missing = sorted(e.id for e in desk
                     if e.pos.value in ("noun", "proper") and " " in e.es and not e.es_plural)
    assert missing == []


def test_nouns_have_gender(desk: Glossary) -> None:
    missing = sorted(e.id for e in desk if e.pos.value in ("noun", "proper") and e.gender is None)
    assert missing == []


@pytest.mark.parametrize("path", TERM_FILES, ids=lambda p: p.name)
def test_file_bytes_are_utf8_lf_with_final_newline(path: Path) -> None:
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf"), "BOM"
    data.decode("utf-8")
    assert b"\r" not in data, "CR line ending"
    assert data.endswith(b"\n") and not data.endswith(b"\n\n")


@pytest.mark.parametrize("path", TERM_FILES, ids=lambda p: p.name)
def test_files_use_the_full_header(path: Path) -> None:
    header = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert header == ("id,en,es,kind,pos,gender,en_plural,es_plural,es_feminine,en_variants,"
                      "es_variants,forbidden_en,forbidden_es,dnt,direction,status,case,note")


def test_ids_unique_across_files() -> None:
    ids: list[str] = []
    for path in TERM_FILES:
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            ids.append(line.split(",", 1)[0])
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert dupes == []


def test_readme_examples_are_real_lines() -> None:
    """Every example entry in glossary/README.md is a line of a term file (or, when it ends in
    '...', the start of one), so the editors' guide cannot drift from the data."""
    readme = (default_terms_dir().parent / "README.md").read_text(encoding="utf-8")
    lines = {ln for p in TERM_FILES for ln in p.read_text(encoding="utf-8").splitlines()[1:]}
    examples = [ln for block in readme.split("```")[1::2] for ln in block.splitlines()
                if ln and not ln.startswith(("id,", "glosa ", "glossary/")) and "," in ln]
    assert len(examples) >= 5
    stale = [ex for ex in examples
             if not (ex in lines or ex.endswith("...")
                     and any(ln.startswith(ex.split("...")[0]) for ln in lines))]
    assert stale == []
