"""``glosa glossary lint|lookup|export|import`` as a table of cases through typer's CliRunner,
plus end-to-end runs of the command for the error paths (exit 2, no traceback)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translate.cli.main import app

HEADER = ("id,en,es,kind,pos,gender,en_plural,es_plural,es_feminine,en_variants,es_variants,"
          "forbidden_en,forbidden_es,dnt,direction,status,case,note\n")
GOOD = (HEADER
        + "cartel,cartel,cártel,general,noun,m,,,,,cartel,,,,both,approved,auto,\n"
        + "drug-lord,drug lord,capo,general,noun,m,,,,kingpin,,,señor de la droga,,both,"
          "approved,auto,\n"
        + "extradite,extradite,extraditar,legal,verb,,,,,,,,,,both,approved,auto,\n")
BAD = HEADER + "capo,Drug lord,capo,gang,noun,m,,,,,,,,,both,approved,auto,\n"

# (name, args, exit code, texts that must be in the output, texts that must not)
CASES: list[tuple[str, list[str], int, list[str], list[str]]] = [
    ("lint clean", ["lint", "{good}"], 0, ["0 errors, 0 warnings"], []),
    ("lint errors", ["lint", "{bad}"], 1,
     ["bad.csv:2:21: error: kind 'gang' is not one of", "[bad-value]", "1 error, 0 warnings"],
     []),
    ("lint json", ["lint", "--format", "json", "{bad}"], 1,
     ['"rule": "bad-value"', '"line": 2', '"col": 21'], []),
    ("lint github", ["lint", "--format", "github", "{bad}"], 1,
     ["::error file=", ",line=2,col=21,title=bad-value::kind 'gang'"], []),
    ("lint bad format", ["lint", "--format", "xml", "{good}"], 2,
     ["glosa: --format must be text, json or github"], []),
    ("lookup plural without accent", ["lookup", "carteles", "-g", "{good}"], 0,
     ["cartel (general, noun, m; both, approved)", "es: cártel", "matched es 'carteles'"],
     ["drug-lord"]),
    ("lookup conjugated verb", ["lookup", "extraditaron", "--lang", "es", "-g", "{good}"], 0,
     ["extradite (legal, verb; both, approved)", "matched es 'extraditaron'"], []),
    ("lookup forbidden", ["lookup", "senor de la droga", "-g", "{good}"], 0,
     ["drug-lord", "never: señor de la droga", "(forbidden of 'señor de la droga')"], []),
    ("lookup nothing", ["lookup", "zzzz", "-g", "{good}"], 1, ["no glossary entry for 'zzzz'"],
     []),
    ("lookup bad lang", ["lookup", "capo", "--lang", "fr", "-g", "{good}"], 2,
     ["--lang must be en or es"], []),
    ("export deepl", ["export", "--format", "deepl", "{good}"], 0,
     ["drug lord\tcapo\nkingpin\tcapo\n"], ["señor"]),
    ("export amazon es-en", ["export", "--format", "amazon", "--from", "es", "--to", "en",
                             "{good}"], 0, ["es,en\n", "cártel,cartel\n", "cartel,cartel\n"],
     []),
    ("export google", ["export", "--format", "google", "{good}"], 0,
     ["en,es\ncartel,cártel\ndrug lord,capo\n"], []),
    ("export tbx to file", ["export", "--format", "tbx", "-o", "{tmp}/g.tbx", "{good}"], 0,
     ["wrote"], []),
    ("export bad format", ["export", "--format", "xliff", "{good}"], 2,
     ["--format must be one of: tbx, deepl, google, amazon"], []),
    ("export to a missing folder", ["export", "--format", "deepl", "-o", "{tmp}/no/such/x.tsv",
                                    "{good}"], 2, ["glosa: cannot write", "No such file"], []),
    ("export same language", ["export", "--format", "deepl", "--from", "es", "--to", "es",
                              "{good}"], 2, ["--from and --to must differ"], []),
]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "good.csv").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.csv").write_text(BAD, encoding="utf-8")
    return {"good": str(tmp_path / "good.csv"), "bad": str(tmp_path / "bad.csv"),
            "tmp": str(tmp_path)}


@pytest.mark.parametrize(("name", "args", "code", "present", "absent"), CASES,
                         ids=[c[0] for c in CASES])
def test_cli(files: dict[str, str], name: str, args: list[str], code: int, present: list[str],
             absent: list[str]) -> None:
    argv = ["glossary", *(a.format(**files) for a in args)]
    result = CliRunner().invoke(app, argv)
    out = result.output
    assert result.exit_code == code, out
    for text in present:
        assert text in out
    for text in absent:
        assert text not in out


def test_export_then_import(files: dict[str, str], tmp_path: Path) -> None:
    runner = CliRunner()
    tbx = tmp_path / "g.tbx"
    assert runner.invoke(app, ["glossary", "export", "--format", "tbx", "-o", str(tbx),
                               files["good"]]).exit_code == 0
    out = tmp_path / "back.csv"
    result = runner.invoke(app, ["glossary", "import", str(tbx), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == GOOD


def _glosa(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "translate.cli.main", "glossary", *args],
                          capture_output=True, text=True, check=False)


def test_import_of_bad_tbx_exits_2_with_places(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tbx"
    bad.write_text("<martif><text><body>\n<termEntry id='a'>\n</body></martif>",
                   encoding="utf-8")
    proc = _glosa("import", str(bad), "-o", str(tmp_path / "x.csv"))
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"glosa: {bad}:3:3: error: not well-formed XML")
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "x.csv").exists()


def test_export_of_broken_glossary_exits_2(files: dict[str, str]) -> None:
    proc = _glosa("export", "--format", "deepl", files["bad"])
    assert proc.returncode == 2
    assert ":2:21: error: kind 'gang'" in proc.stderr and "Traceback" not in proc.stderr


def test_import_into_an_unwritable_place_exits_2(tmp_path: Path) -> None:
    tbx = tmp_path / "g.tbx"
    tbx.write_text("<martif><text><body/></text></martif>", encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    proc = _glosa("import", str(tbx), "-o", str(blocker / "terms"))
    assert proc.returncode == 2 and proc.stderr.startswith("glosa: cannot write")
    assert "Traceback" not in proc.stderr
