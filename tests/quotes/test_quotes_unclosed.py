"""A quotation whose closing mark is missing is reported at its opening mark
(``unclosed-quote``), and ends where it must instead of swallowing what follows.

Golden files, one per case, in tests/data/quotes/unclosed/: ``NAME.LANG.txt`` and
``NAME.expected.txt`` (the findings as ``glosa quotes align`` prints them, ``---``, then each
extracted quote as ``line: text``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.quotes.storydata import story_engine
from translate.cli import quotes_cmd
from translate.cli.main import app
from translate.quotes.extract import extract_quotes, unclosed_quotes

DATA = Path(__file__).parent.parent / "data" / "quotes" / "unclosed"
CASES = sorted(p for p in DATA.glob("*.txt") if not p.name.endswith(".expected.txt"))


@pytest.mark.parametrize("story", CASES, ids=[p.name.split(".")[0] for p in CASES])
def test_golden(story: Path) -> None:
    lang = story.name.split(".")[-2]
    text = story.read_text(encoding="utf-8")
    got = [f.format() for f in unclosed_quotes(text, lang, story.name)] + ["---"] + [
        f"{q.line}: {q.text}" for q in extract_quotes(text, lang)]
    expected = (DATA / (story.name.split(".")[0] + ".expected.txt")).read_text(
        encoding="utf-8").splitlines()
    assert got == expected


def test_golden_cases_cover_each_way_a_quote_stays_open() -> None:
    assert {p.name.split(".")[0] for p in CASES} >= {
        "paragraph-end", "end-of-text", "multiparagraph-last-open", "reopened-same-mark",
        "closed-multiparagraph"}


def test_closed_quotes_give_no_finding() -> None:
    text = "“No,” he said. «Sí», dijo. “First.\n\n“Second.”\n"
    assert unclosed_quotes(text, "en") == []


def test_quotes_align_reports_it_with_its_place(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "o.es.txt").write_text("«No iremos», dijo Ruiz.\n", encoding="utf-8")
    (tmp_path / "t.en.txt").write_text("Ruiz spoke.\n\n“We will not go, Ruiz said.\n",
                                       encoding="utf-8")
    monkeypatch.setattr(quotes_cmd, "open_engine", lambda name: story_engine())
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["quotes", "align", "o.es.txt", "t.en.txt", "--from", "es",
                                      "--to", "en"])
    assert "t.en.txt:3:1: warning: quotation opened here is never closed" in result.output
    assert "[unclosed-quote]" in result.output
    json_out = CliRunner().invoke(app, ["quotes", "align", "o.es.txt", "t.en.txt", "--from",
                                        "es", "--to", "en", "--format", "json"])
    assert '"rule": "unclosed-quote"' in json_out.output
    assert '"col": 1' in json_out.output
    html_out = CliRunner().invoke(app, ["quotes", "align", "o.es.txt", "t.en.txt", "--from",
                                        "es", "--to", "en", "--format", "html"])
    assert '<ul class="findings" id="text-findings"><li class="warning" ' \
        'data-rule="unclosed-quote"><b>t.en.txt:3:1</b>' in html_out.output
