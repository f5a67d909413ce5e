"""``glosa catalog`` commands as data: (name, args, exit code, text the output must hold)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from glossary.errors import GlosaError
from translate.cli.main import app

DATA = Path(__file__).parent.parent / "data" / "catalog"
D = str(DATA)
TERMS = ["--glossary", f"{D}/cli/terms.csv", "--only-glossary"]

CASES: list[tuple[str, list[str], int, list[str]]] = [
    ("check finds a forbidden term, a changed placeholder and unchanged text",
     ["check", f"{D}/cli/terms.po", *TERMS], 1,
     [f"{D}/cli/terms.po:8: error: 'attorney general' must be rendered 'fiscal general', "
      "not 'procurador general'",
      f"{D}/cli/terms.po:17: error: placeholders differ",
      f"{D}/cli/terms.po:21: warning: the translation is the source text unchanged",
      f"{D}/cli/terms.po:29: error: 'attorneys general' should be rendered 'fiscal general'",
      "1 untranslated entry", "3 errors, 1 warning"]),
    ("check accepts inflected terms and plural entries",
     ["check", f"{D}/cli/clean.po", *TERMS], 0, ["0 errors, 0 warnings"]),
    ("check as GitHub annotations",
     ["check", f"{D}/cli/terms.po", *TERMS, "--format", "github"], 1,
     [f"::error file={D}/cli/terms.po,line=8,title=term::"]),
    ("check runs only the checks asked for",
     ["check", f"{D}/cli/terms.po", *TERMS, "--checks", "placeholder"], 1,
     ["placeholders differ", "1 error, 0 warnings"]),
    ("check holds quotes to the original words",
     ["check", f"{D}/check-originals/paraphrased-quote.po", "--checks", "quotes",
      "--originals", f"{D}/check-originals/originals.es.txt"], 1,
     [f"{D}/check-originals/paraphrased-quote.po:8: error: the quote 'No negociaremos con "
      "ningún grupo criminal' is not the original words: it should read 'No vamos a negociar "
      "con ningún grupo criminal' (originals line 1) [quote-original]"]),
    ("check refuses an unknown check",
     ["check", f"{D}/cli/terms.po", "--checks", "spelling"], 2, ["unknown check 'spelling'"]),
    ("check refuses an unknown format",
     ["check", f"{D}/cli/terms.po", "--format", "xml"], 2, ["unknown format 'xml'"]),
    ("a malformed catalog is refused with its place",
     ["check", f"{D}/bad/unterminated.po"], 2,
     [f"{D}/bad/unterminated.po:6:8: error: unterminated string: add the missing closing "
      "quote"]),
    ("several errors are all reported",
     ["stats", f"{D}/bad/several-errors.po"], 2, [":6:8: error: unterminated", ":9:10: error:",
                                                 "2 errors in"]),
    ("stats counts entries",
     ["stats", f"{D}/roundtrip/features.po"], 0,
     ["6 translated, 1 fuzzy, 1 untranslated of 8 (75%); 2 obsolete"]),
    ("stats as JSON", ["stats", f"{D}/roundtrip/features.po", "--format", "json"], 0,
     ['"translated": 6', '"obsolete": 2']),
    ("init refuses an unsupported language",
     ["init", f"{D}/roundtrip/template.pot", "-l", "fr", "-o", "/nonexistent/x.po"], 2,
     ["unsupported language 'fr'"]),
    ("a missing catalog is a user error", ["stats", f"{D}/nope.po"], 2, ["cannot read"]),
    ("translate refuses a same-language direction",
     ["translate", f"{D}/cli/clean.po", "--from", "es", "--to", "es", "--engine", "memory"], 2,
     ["unsupported direction es->es"]),
]


def invoke(args: list[str]) -> tuple[int, str]:
    """Run like the console script: a GlosaError prints ``glosa: ...`` and exits 2."""
    result = CliRunner().invoke(app, ["catalog", *args])
    if isinstance(result.exception, GlosaError):
        return 2, result.output + f"glosa: {result.exception}\n"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize("name,args,code,expected", CASES, ids=[c[0] for c in CASES])
def test_cli_case(name: str, args: list[str], code: int, expected: list[str]) -> None:
    got_code, out = invoke(args)
    assert got_code == code, out
    for text in expected:
        assert text in out


COMMANDS = ["extract", "init", "update", "translate", "check", "compile", "render", "stats"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    code, out = invoke([command, "--help"])
    assert code == 0 and "Usage:" in out
    doc = out.split("Usage:")[1]
    assert len(doc.strip().splitlines()) > 3


def test_compile_of_a_bad_catalog_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.po"
    shutil.copy(DATA / "bad" / "unterminated.po", bad)
    code, out = invoke(["compile", str(bad)])
    assert code == 2
    assert not (tmp_path / "bad.mo").exists()


def test_init_does_not_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "es.po"
    target.write_text("keep me", encoding="utf-8")
    code, out = invoke(["init", f"{D}/roundtrip/template.pot", "-l", "es", "-o", str(target)])
    assert code == 2 and "exists" in out
    assert target.read_text(encoding="utf-8") == "keep me"


def test_installed_command_prints_no_traceback_for_a_bad_catalog() -> None:
    exe = Path(sys.executable).parent / "glosa"
    result = subprocess.run([str(exe), "catalog", "check", f"{D}/bad/bad-escape.po"],
                            capture_output=True, text=True,
                            env={**os.environ, "LANG": "C.UTF-8", "LANGUAGE": ""})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "bad-escape.po:6:13: error: invalid escape sequence" in result.stderr
