"""Quote findings speak the user's language: ``glosa quotes align`` under a Spanish locale.

The messages change; the output's structure (text layout, JSON keys, ``kind``/``rule``
codes) does not.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.quotes.storydata import ALIGN, story_engine
from translate import i18n
from translate.cli import quotes_cmd
from translate.cli.main import app


@pytest.fixture
def story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The story pair, with a changed number, a dropped negation and an invented quote."""
    for name in ("story.es.txt", "story.en.txt"):
        shutil.copy(ALIGN / name, tmp_path / name)
    text = (tmp_path / "story.en.txt").read_text(encoding="utf-8")
    bad = text.replace("14 people", "41 people")
    bad += '\nHe added: "The moon is made of green cheese, everybody knows that."\n'
    (tmp_path / "bad.en.txt").write_text(bad, encoding="utf-8")
    monkeypatch.setattr(quotes_cmd, "open_engine", lambda name: story_engine())
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def in_language(monkeypatch: pytest.MonkeyPatch, locale_dir: Path) -> Iterator[None]:
    """Run with the compiled catalogs; each test sets the language, the cache is dropped."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("GLOSA_LOCALEDIR", str(locale_dir))
    i18n.translation.cache_clear()
    yield
    i18n.translation.cache_clear()


def align(args: list[str], lang: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.setenv("LANG", lang)
    i18n.translation.cache_clear()
    result = CliRunner().invoke(app, ["quotes", "align", *args])
    return result.exit_code, result.output


def test_findings_in_spanish(story: Path, in_language: None,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = align(["story.es.txt", "bad.en.txt", "--mode", "document"], "es_ES.UTF-8",
                      monkeypatch)
    assert code == 1, out
    assert ("bad.en.txt:5: error: la cifra 14 no tiene equivalente en la traducción; allí "
            "quedan sin pareja: 41 [number]") in out, out
    assert ("bad.en.txt:11: error: la cita no tiene original: “The moon is made of green "
            "cheese, everybody knows that.” [unsourced]") in out, out
    assert "story.es.txt:11: error: la cita original no está en la traducción: “" in out, out
    assert "has no original" not in out and "is not in the translation" not in out


def test_same_structure_in_both_languages(story: Path, in_language: None,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the messages differ between English and Spanish, in every output format."""
    args = ["story.es.txt", "bad.en.txt", "--mode", "document"]
    code_en, text_en = align(args, "C.UTF-8", monkeypatch)
    code_es, text_es = align(args, "es_ES.UTF-8", monkeypatch)
    assert code_en == code_es == 1
    assert "quote has no original" in text_en and "la cita no tiene original" in text_es
    finding = re.compile(r"^(\S+: (?:error|warning)): .* (\[[\w-]+\])$")
    shape_en = [finding.sub(r"\1 \2", line) for line in text_en.splitlines()]
    shape_es = [finding.sub(r"\1 \2", line) for line in text_es.splitlines()]
    assert shape_en[:-1] == shape_es[:-1]  # the count line is English in both for now

    _, json_en = align([*args, "--format", "json"], "C.UTF-8", monkeypatch)
    _, json_es = align([*args, "--format", "json"], "es_ES.UTF-8", monkeypatch)
    data_en, data_es = json.loads(json_en), json.loads(json_es)
    messages_es = [issue.pop("message") for issue in data_es["issues"]]
    messages_en = [issue.pop("message") for issue in data_en["issues"]]
    assert data_en == data_es
    assert {i["kind"] for i in data_es["issues"]} == {"number", "unsourced", "missing"}
    assert all(a != b for a, b in zip(messages_en, messages_es, strict=True))
    assert any(m.startswith("la cita no tiene original") for m in messages_es)
