"""``glosa translate`` cases as data, run through typer's CliRunner (real Apertium)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translate.cli.main import app

DATA = Path(__file__).parent.parent / "data" / "translate"
needs_apertium = pytest.mark.skipif(shutil.which("apertium") is None,
                                    reason="Apertium is not installed (make debs)")


@pytest.fixture(autouse=True)
def glosa_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.getbasetemp() / "cli-glosa-home"
    monkeypatch.setenv("GLOSA_HOME", str(home))


# (name, args, stdin bytes, exit code, text expected in stdout, text expected in stderr)
CASES = [
    ("en-es-line-aligned", ["translate", "--from", "en", "--to", "es"],
     b"The Sinaloa cartel denied it.\n\n- Two drug lords were arrested.\n", 0,
     "El c\u00e1rtel de Sinaloa lo neg\u00f3.\n\n- Dos capos", ""),
    ("es-en", ["translate", "-", "--from", "es", "--to", "en"],
     b"El Partido Acci\xc3\xb3n Nacional lo neg\xc3\xb3.\n", 0, "The National Action Party", ""),
    ("unknown-pair", ["translate", "--from", "fr", "--to", "es"], b"x\n", 2, "",
     "unknown language pair fr->es"),
    ("same-language", ["translate", "--from", "en", "--to", "en"], b"x\n", 2, "",
     "unknown language pair en->en"),
    ("empty-input", ["translate"], b"\n  \n", 2, "", "empty input"),
    ("invalid-utf8", ["translate"], b"fine line\nbad \xff byte\n", 2, "",
     "<stdin>:2:5: invalid UTF-8"),
    ("long-line", ["translate"], b"a" * 100_000 + b"\n", 2, "", "line of 100000 characters"),
    ("argos-missing-or-modelless", ["translate", "--engine", "argos"], b"x\n", 2, "", "argos"),
    ("unknown-engine", ["translate", "--engine", "deepl"], b"x\n", 2, "", "unknown engine"),
    ("bad-glossary", ["translate", "--glossary", str(DATA / "broken_terms.csv")], b"x\n", 2, "",
     "broken_terms.csv:2"),
    ("replace-needs-glossary", ["translate", "--replace-glossary"], b"x\n", 2, "",
     "--replace-glossary needs"),
    ("missing-file", ["translate", "nope.txt"], b"", 2, "", "nope.txt: no such file"),
    ("replace-glossary", ["translate", "--glossary", str(DATA / "small_terms.csv"),
                          "--replace-glossary"], b"The houses.\n", 0, "Las viviendas.",
     "small_terms.csv only"),
]


@needs_apertium
@pytest.mark.parametrize(("name", "args", "stdin", "code", "out", "err"), CASES,
                         ids=[c[0] for c in CASES])
def test_cli(name: str, args: list[str], stdin: bytes, code: int, out: str, err: str) -> None:
    result = CliRunner().invoke(app, args, input=stdin)
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert out in result.stdout
    assert err in result.stderr
    assert "Traceback" not in result.stderr


@needs_apertium
def test_line_count_kept_for_markdown_sample() -> None:
    sample = (Path(__file__).parents[2] / "samples" / "story.en.md").read_text(encoding="utf-8")
    result = CliRunner().invoke(app, ["translate", "--from", "en", "--to", "es"], input=sample)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("\n") == sample.count("\n")
    for got, want in zip(result.stdout.split("\n"), sample.split("\n"), strict=True):
        assert (got == "") == (want == "")
        assert got[:2] == want[:2] or not want.startswith(("#", "- ", "> "))


@needs_apertium
def test_json_reports_terms_and_output_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    result = CliRunner().invoke(app, ["translate", "--format", "json", "-o", str(target)],
                                input="Two drug lords were extradited.\n")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    doc = json.loads(target.read_text(encoding="utf-8"))
    (seg,) = doc["segments"]
    assert seg["source"] == "Two drug lords were extradited."
    terms = {t["entry"]: t for t in seg["terms"]}
    assert terms["drug-lord"]["target_form"] == "capos"
    assert terms["drug-lord"]["status"] == "enforced"
    assert doc["summary"]["failed"] == 0
