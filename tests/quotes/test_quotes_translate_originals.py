"""``glosa translate --originals FILE``: quotes come back in the words actually said."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translate.cli.main import app

pytestmark = pytest.mark.skipif(shutil.which("apertium") is None,
                                reason="Apertium is not installed (make debs)")

STORY = """The mayor of Culiacán spoke on Friday.

"We are not going to negotiate with any criminal group," Payan said.

"The weather was fine," a bystander said.
"""
ORIGINALS = "«No vamos a negociar con ningún grupo criminal», dijo Payan.\n"


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GLOSA_HOME", str(tmp_path / "home"))
    (tmp_path / "story.en.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "said.es.txt").write_text(ORIGINALS, encoding="utf-8")
    return tmp_path


def test_text_carries_the_original_words(files: Path) -> None:
    result = CliRunner().invoke(app, ["translate", str(files / "story.en.txt"), "--from", "en",
                                      "--to", "es", "--originals", str(files / "said.es.txt")])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.split("\n")
    assert len(lines) == len(STORY.split("\n"))
    assert '"No vamos a negociar con ningún grupo criminal," ' in lines[2]
    assert "1 quote(s) put back" in result.stderr
    # the quote with no original stays a translation
    assert "No vamos" not in lines[4]


def test_json_says_which_quotes_were_restored(files: Path) -> None:
    result = CliRunner().invoke(app, ["translate", str(files / "story.en.txt"), "--from", "en",
                                      "--to", "es", "--format", "json",
                                      "--originals", str(files / "said.es.txt")])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert [(o["line"], o["original_line"], o["partial"]) for o in doc["originals"]] == [
        (3, 1, False)]
    assert doc["originals"][0]["original"] == "No vamos a negociar con ningún grupo criminal"
    assert "ningún grupo criminal" in doc["text"]


def test_missing_originals_file_is_a_usage_error(files: Path) -> None:
    result = CliRunner().invoke(app, ["translate", str(files / "story.en.txt"),
                                      "--originals", str(files / "nope.txt")])
    assert result.exit_code == 2
    assert "nope.txt: no such file" in result.stderr


OVER_PARAGRAPHS = """The witness described the night.

"The first thing we saw was the smoke.

"Then the trucks arrived, three of them," the witness said.

Police arrived later.
"""
SAID_OVER_PARAGRAPHS = """«Lo primero que vimos fue el humo.

»Luego llegaron los camiones, tres», relató el testigo.
"""


def test_a_quote_over_paragraphs_comes_back_once_with_its_marks(files: Path) -> None:
    (files / "witness.en.txt").write_text(OVER_PARAGRAPHS, encoding="utf-8")
    (files / "witness.es.txt").write_text(SAID_OVER_PARAGRAPHS, encoding="utf-8")
    result = CliRunner().invoke(app, ["translate", str(files / "witness.en.txt"), "--from",
                                      "en", "--to", "es", "--originals",
                                      str(files / "witness.es.txt")])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.split("\n")
    assert len(lines) == len(OVER_PARAGRAPHS.split("\n"))
    assert lines[2] == '"Lo primero que vimos fue el humo.'
    assert lines[4].startswith('"Luego llegaron los camiones, tres," ')
    assert '""' not in result.stdout
