"""Lint rules: one small term file per rule, with the place and rule each must report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from glossary.lint import RULES, lint_paths

HEADER = ("id,en,es,kind,pos,gender,en_plural,es_plural,es_feminine,en_variants,es_variants,"
          "forbidden_en,forbidden_es,dnt,direction,status,case,note\n")
CARTEL = "cartel,cartel,cártel,general,noun,m,,,,,cartel,,,,both,approved,auto,\n"

# (name, file body after the header, expected {(line, col, severity, rule)})
CASES: list[tuple[str, str, set[tuple[int, int, str, str]]]] = [
    ("clean", CARTEL, set()),
    ("blank line", CARTEL + "\ncapo,drug lord,capo,general,noun,m,,,,,,,,,both,approved,auto,\n",
     {(3, 1, "warning", "blank-line")}),
    ("trailing space", "capo,drug lord ,capo,general,noun,m,,,,,,,,,both,approved,auto,\n",
     {(2, 6, "warning", "whitespace")}),
    ("space around bar", "capo,drug lord,capo,general,noun,m,,,,kingpin | boss,,,,,both,"
     "approved,auto,\n", {(2, 39, "warning", "whitespace")}),
    ("doubled space", "capo,drug  lord,capo,general,noun,m,,,,,,,,,both,approved,auto,\n",
     {(2, 6, "warning", "whitespace")}),
    ("sentence case", "capo,Drug lord,capo,general,noun,m,,,,,,,,,both,approved,auto,\n",
     {(2, 6, "warning", "capitalisation")}),
    ("proper lowercase", "zetas,los zetas,Los Zetas,cartel,proper,m,-,-,,,,,,,both,approved,"
     "auto,\n", {(2, 7, "warning", "capitalisation")}),
    ("all caps", "capo,DRUG LORD,capo,general,noun,m,,,,,,,,,both,approved,auto,\n",
     {(2, 6, "warning", "capitalisation")}),
    ("missing gender", "capo,drug lord,capo,general,noun,,,,,,,,,,both,approved,auto,\n",
     {(2, 34, "warning", "missing-gender")}),
    ("gender on verb", "extradite,extradite,extraditar,legal,verb,m,,,,,,,,,both,approved,"
     "auto,\n", {(2, 43, "warning", "unexpected-gender")}),
    ("plural on phrase", "awaiting,awaiting trial,en espera de juicio,legal,phrase,,,x,,,,,,,"
     "both,approved,auto,\n", {(2, 60, "warning", "unexpected-plural")}),
    ("multiword es noun without plural", "indictment,indictment,acusación formal,legal,noun,f,"
     ",,,,,,,,both,approved,auto,\n", {(2, 54, "error", "missing-es-plural")}),
    ("feminine on verb", "extradite,extradite,extraditar,legal,verb,,,,x,,,,,,both,approved,"
     "auto,\n", {(2, 46, "warning", "unexpected-feminine")}),
    ("redundant variant", "cartel,cartel,cártel,general,noun,m,,,,,cártel,,,,both,approved,"
     "auto,\n", {(2, 41, "warning", "redundant-variant")}),
    ("dnt differs", "zetas,Los Zetas,Las Zetas,cartel,proper,m,-,-,,,,,,yes,both,approved,"
     "auto,\n", {(2, 17, "warning", "dnt-differs")}),
    ("forbidden equals accepted", "capo,drug lord,capo,general,noun,m,,,,,,,capos,,both,"
     "approved,auto,\n", {(2, 42, "error", "forbidden-accepted")}),
    ("forbidden respects exact case", "morena,Morena,Morena,party,proper,m,-,-,,,,,MORENA,yes,"
     "both,approved,exact,\n", set()),
    ("same source two targets", CARTEL + "capo,drug lord,capo,general,noun,m,,,,,,,,,both,"
     "approved,auto,\ncapo2,drug lord,narcotraficante,general,noun,m,,,,,,,,,both,approved,"
     "auto,\n", {(4, 7, "error", "ambiguous-source")}),
    ("same source, other direction only", "capo,drug lord,capo,general,noun,m,,,,,,,,,en-es,"
     "approved,auto,\ncapo2,drug lord,narcotraficante,general,noun,m,,,,,,,,,es-en,approved,"
     "auto,\n", set()),
    ("same source, other pos", "convict,convict,convicto,legal,noun,m,,,,,,,,,both,approved,"
     "auto,\nconvict-verb,convict,condenar,legal,verb,,,,,,,,,,both,approved,auto,\n", set()),
    ("deprecated does not conflict", "capo,drug lord,capo,general,noun,m,,,,,,,,,both,approved,"
     "auto,\ncapo2,drug lord,señor,general,noun,m,,,,,,,,,both,deprecated,auto,\n", set()),
    ("duplicate entry", "capo,drug lord,capo,general,noun,m,,,,,,,,,both,approved,auto,\n"
     "capo2,drug lord,capo,general,noun,m,,,,,,,,,both,approved,auto,\n",
     {(3, 7, "warning", "duplicate-entry"), (3, 17, "warning", "duplicate-entry")}),
    ("shared variant", "capo,drug lord,capo,general,noun,m,,,,kingpin,,,,,both,approved,auto,\n"
     "kingpin,kingpin,capo mayor,general,noun,m,,capos mayores,,,,,,,es-en,approved,auto,\n",
     {(2, 39, "warning", "shared-variant")}),
    ("forbidden elsewhere", "capo,drug lord,capo,general,noun,m,,,,,,,sicario,,both,approved,"
     "auto,\nhitman,hitman,sicario,general,noun,m,,,,,,,,,both,approved,auto,\n",
     {(2, 42, "warning", "forbidden-elsewhere")}),
]


@pytest.mark.parametrize(("name", "body", "expected"), CASES, ids=[c[0] for c in CASES])
def test_lint_rule(tmp_path: Path, name: str, body: str,
                   expected: set[tuple[int, int, str, str]]) -> None:
    path = tmp_path / "t.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    got = {(f.line, f.col, f.severity.value, f.rule) for f in lint_paths([path])}
    assert got == expected


def test_every_rule_in_the_code_is_documented() -> None:
    import glossary.csvfile
    import glossary.lint

    used: set[str] = set()
    for module in (glossary.csvfile, glossary.lint):
        src = Path(module.__file__ or "").read_text(encoding="utf-8")
        used |= set(re.findall(r'(?:Severity\.[A-Z]+|[WE]),\s*"([a-z-]+)"', src))
    assert len(used) > 25
    assert used - set(RULES) == set()


def test_loader_errors_and_lint_warnings_together(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(HEADER + "capo,drug lord,capo,gang,noun,,,,,,,,,,both,approved,auto,\n"
                    "x,Drug lord,capo,general,noun,m,,,,,,,,,both,approved,auto,",
                    encoding="utf-8")
    got = [(f.line, f.rule) for f in lint_paths([path])]
    assert got == [(2, "bad-value"), (3, "capitalisation"), (3, "no-final-newline")]


def test_column_order_warning(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("id,en,es,pos,gender\ncapo,drug lord,capo,noun,m\n", encoding="utf-8")
    assert [(f.line, f.rule) for f in lint_paths([path])] == [(1, "column-order")]
