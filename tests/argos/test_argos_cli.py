"""``glosa engines list`` and ``glosa engines install``: cases as data, run through CliRunner."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translate.cli.main import app

NOT_A_ZIP = "not-a-zip"
FAKE = "fake"
# (name, args, exit code, phrases the output must carry); FAKE/NOT_A_ZIP stand for files
CASES = [
    ("list-empty", ["engines", "list"], 0, ["argos: no model in", "engines install"]),
    ("install-file", ["engines", "install", FAKE], 0,
     ["installed argos en->es model translate-en_es-fake 9.9"]),
    ("install-not-zip", ["engines", "install", NOT_A_ZIP], 2,
     ["glosa: ", "error: not a zip archive", "[not-zip]", "1 error in"]),
    ("install-missing-file", ["engines", "install", "nowhere.argosmodel"], 2, ["no such file"]),
    ("install-nothing", ["engines", "install"], 2, ["give an .argosmodel FILE or --index"]),
    ("install-both", ["engines", "install", FAKE, "--index", "en", "es"], 2,
     ["give an .argosmodel FILE or --index"]),
    ("install-index-wrong-pair", ["engines", "install", "--index", "fr", "de"], 2,
     ["not fr->de"]),
    ("list-bad-format", ["engines", "list", "--format", "xml"], 2, ["text or json"]),
]


def materialize(args: list[str], tmp_path: Path, fake: Path) -> list[str]:
    not_zip = tmp_path / "page.argosmodel"
    not_zip.write_text("<html>Not Found</html>")
    return [str(fake) if a == FAKE else str(not_zip) if a == NOT_A_ZIP else a for a in args]


@pytest.mark.parametrize(("name", "args", "code", "phrases"), CASES, ids=[c[0] for c in CASES])
def test_engines_cli(name: str, args: list[str], code: int, phrases: list[str], tmp_path: Path,
                     glosa_home: Path, fake_argosmodel: Path) -> None:
    result = CliRunner().invoke(app, materialize(args, tmp_path, fake_argosmodel))
    assert result.exit_code == code, result.output
    for phrase in phrases:
        assert phrase in result.output
    assert "Traceback" not in result.output


def test_install_then_list_shows_the_model(glosa_home: Path, fake_argosmodel: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["engines", "install", str(fake_argosmodel)]).exit_code == 0
    listed = runner.invoke(app, ["engines", "list"])
    assert listed.exit_code == 0
    row = next(line for line in listed.output.splitlines() if line.startswith("argos"))
    assert row.split()[:4] == ["argos", "en->es", "translate-en_es-fake", "9.9"]
    data = json.loads(runner.invoke(app, ["engines", "list", "--format", "json"]).output)
    argos = [m for m in data["models"] if m["engine"] == "argos"]
    assert [(m["src"], m["tgt"], m["name"]) for m in argos] == [
        ("en", "es", "translate-en_es-fake")]
    again = runner.invoke(app, ["engines", "install", str(fake_argosmodel)])
    assert "replaced: translate-en_es-fake" in again.output


def test_index_offline_is_a_clear_error(glosa_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("argostranslate")
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/")
    result = CliRunner().invoke(app, ["engines", "install", "--index", "en", "es"])
    assert result.exit_code == 2
    assert "could not download the Argos package index" in result.output
    assert "Traceback" not in result.output


def test_listing_and_help_import_no_heavy_library(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from translate.cli.main import app\n"
        "CliRunner().invoke(app, ['--help'])\n"
        "CliRunner().invoke(app, ['engines', 'list'])\n"
        "heavy = ('ctranslate2', 'sentencepiece', 'argostranslate', 'torch', 'stanza')\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"GLOSA_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}, check=True)
    assert out.stdout.strip() == "[]"
