"""``glosa quotes align`` as a table of cases, run through typer's CliRunner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.quotes.storydata import ALIGN, story_engine
from translate.cli import quotes_cmd
from translate.cli.main import app


@pytest.fixture
def story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("story.es.txt", "story.en.txt"):
        shutil.copy(ALIGN / name, tmp_path / name)
    text = (tmp_path / "story.en.txt").read_text(encoding="utf-8")
    (tmp_path / "bad.en.txt").write_text(text.replace("14 people", "41 people"),
                                         encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("«Sí», dijo él.".encode("latin-1"))
    monkeypatch.setattr(quotes_cmd, "open_engine", lambda name: story_engine())
    monkeypatch.chdir(tmp_path)
    return tmp_path


# (name, arguments after `quotes align`, exit code, texts the output must contain)
CASES = [
    ("clean-text", ["story.es.txt", "story.en.txt"], 0,
     ["story.en.txt:3 <- story.es.txt:9 [full", "0 errors, 0 warnings"]),
    ("languages-given", ["story.es.txt", "story.en.txt", "--from", "es", "--to", "en"], 0,
     ["0 errors"]),
    ("number-changed", ["story.es.txt", "bad.en.txt"], 1,
     ["bad.en.txt:5: error: number 14", "[number]"]),
    ("document-mode", ["story.es.txt", "story.en.txt", "--mode", "document"], 1,
     ["story.es.txt:11: error: original quote is not in the translation", "[missing]"]),
    ("json", ["story.es.txt", "bad.en.txt", "--format", "json"], 1,
     ['"pairs": [', '"issues": [', '"rule": "number"']),
    ("html", ["story.es.txt", "bad.en.txt", "--format", "html"], 1,
     ["<!DOCTYPE html>", '<mark class="number"']),
    ("bad-format", ["story.es.txt", "story.en.txt", "--format", "xml"], 2,
     ["--format must be one of"]),
    ("bad-mode", ["story.es.txt", "story.en.txt", "--mode", "all"], 2, ["--mode must be"]),
    ("bad-language", ["story.es.txt", "story.en.txt", "--from", "fr"], 2,
     ["unknown language"]),
    ("same-language", ["story.en.txt", "bad.en.txt"], 2, ["both texts look like en"]),
    ("missing-file", ["nope.txt", "story.en.txt"], 2, ["nope.txt: no such file"]),
    ("not-utf8", ["latin1.txt", "story.en.txt", "--from", "es"], 2, ["not UTF-8"]),
]


@pytest.mark.parametrize("name,args,code,expected", CASES, ids=[c[0] for c in CASES])
def test_cli(story: Path, name: str, args: list[str], code: int, expected: list[str]) -> None:
    from translate.cli.main import run  # noqa: F401  (the entry point maps GlosaError to 2)

    result = CliRunner().invoke(app, ["quotes", "align", *args])
    out = result.output
    if isinstance(result.exception, Exception) and not isinstance(result.exception,
                                                                  SystemExit):
        from glossary.errors import GlosaError

        assert isinstance(result.exception, GlosaError), result.exception
        code_seen, out = 2, str(result.exception)
    else:
        code_seen = result.exit_code
    assert code_seen == code, out
    for text in expected:
        assert text in out, out


def test_json_output_shape(story: Path) -> None:
    result = CliRunner().invoke(app, ["quotes", "align", "story.es.txt", "bad.en.txt",
                                      "--format", "json"])
    data = json.loads(result.output)
    assert set(data) >= {"pairs", "issues"}
    assert len(data["pairs"]) == 4
    issue = data["issues"][0]
    assert issue["kind"] == "number" and issue["original_line"] == 5
    assert issue["translation_line"] == 5 and "41" in issue["translation"]


def test_output_file(story: Path) -> None:
    result = CliRunner().invoke(app, ["quotes", "align", "story.es.txt", "story.en.txt",
                                      "--format", "html", "-o", "report.html"])
    assert result.exit_code == 0
    assert result.output == ""
    assert (story / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_help_lists_the_options() -> None:
    result = CliRunner().invoke(app, ["quotes", "align", "--help"])
    assert result.exit_code == 0
    for option in ("--mode", "--from", "--to", "--format", "--glossary", "--output"):
        assert option in result.output
