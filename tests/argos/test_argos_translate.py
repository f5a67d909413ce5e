"""The Argos engine through glosa's whole road: enforce pipeline and ``glosa translate``.

The model has random weights, so the terms in the output are there because the engine forced
them; the desk glossary supplies the requirements, both directions.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from glossary.csvfile import default_terms_dir, load_glossary
from translate.cli.main import app
from translate.enforce import Status, translate_segments
from translate.engines.argos import ArgosEngine
from translate.engines.argos_packages import install_package_file

EN = [
    "The Sinaloa Cartel moved fentanyl and methamphetamine across the border.",
    "The National Guard arrested three migrants near the border.",
    "The National Action Party asked the Attorney General's Office to act.",
    "Vicente Fox met Marcelo Ebrard after the extradition.",
]
ES = [
    "El cártel de Sinaloa movió fentanilo hacia Estados Unidos.",
    "La Guardia Nacional detuvo a tres migrantes.",
    "El Partido Acción Nacional pidió la extradición.",
]


@pytest.fixture(scope="module")
def desk() -> object:
    return load_glossary([default_terms_dir()])


@pytest.fixture(scope="module")
def home_both(tmp_path_factory: pytest.TempPathFactory, tiny_model: Path,
              tiny_model_es_en: Path) -> Path:
    home = tmp_path_factory.mktemp("home-both")
    install_package_file(tiny_model, home)
    install_package_file(tiny_model_es_en, home)
    return home


@pytest.mark.parametrize(("src", "tgt", "lines"), [("en", "es", EN), ("es", "en", ES)])
def test_enforce_pipeline_every_desk_term_holds(home_both: Path, desk: object, src: str,
                                                tgt: str, lines: list[str]) -> None:
    engine = ArgosEngine(home_both, decoding_budget=24)
    results = translate_segments(lines, src, tgt, engine=engine, glossary=desk)  # type: ignore
    terms = [t for r in results for t in r.terms]
    assert len(terms) >= len(lines) + 2
    assert [t for t in terms if t.status is Status.FAILED] == []
    assert sum(t.method == "decoder" for t in terms) >= len(lines), "forced in the decoder"
    for r in results:
        for t in r.terms:
            assert t.target_form and t.target_form in r.output


def test_dnt_names_survive(home_both: Path, desk: object) -> None:
    engine = ArgosEngine(home_both, decoding_budget=24)
    (result,) = translate_segments([EN[3]], "en", "es", engine=engine, glossary=desk)  # type: ignore
    assert "Vicente Fox" in result.output and "Marcelo Ebrard" in result.output
    assert "ZXQ" not in result.output


def test_glosa_translate_engine_argos(home_both: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLOSA_HOME", str(home_both))
    story = tmp_path / "story.txt"
    story.write_text(f"{EN[0]}\n\n{EN[1]}\n", encoding="utf-8")
    text = CliRunner().invoke(app, ["translate", str(story), "--engine", "argos"])
    assert text.exit_code == 0, text.output
    lines = text.stdout.split("\n")
    assert len(lines) == 4 and lines[1] == "" and lines[3] == ""  # line-aligned, empty kept
    assert "fentanilo" in lines[0] and "Guardia Nacional" in lines[2]
    result = CliRunner().invoke(app, ["translate", str(story), "--engine", "argos",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["engine"] == "argos"
    assert doc["summary"]["failed"] == 0 and doc["summary"]["enforced"] >= 3


def test_glosa_translate_without_a_model_says_what_to_install(glosa_home: Path,
                                                              tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("The cartel.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["translate", str(story), "--engine", "argos"])
    assert result.exit_code == 2
    assert "no Argos model for en->es" in result.output
    assert "glosa engines install" in result.output
