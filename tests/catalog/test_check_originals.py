"""``glosa catalog check --originals``: a translated quote that renders one of the quotes as said
must carry the original words verbatim. One golden catalog per case in
``tests/data/catalog/check-originals/`` with the text output expected beside it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from translate.catalog import po
from translate.catalog.check import check_catalog
from translate.cli.main import app

DATA = Path(__file__).parent.parent / "data" / "catalog" / "check-originals"
ORIGINALS = DATA / "originals.es.txt"
CASES = sorted(p.stem for p in DATA.glob("*.po"))


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    result = CliRunner().invoke(app, ["catalog", "check", f"{name}.po", "--checks", "quotes",
                                      "--originals", ORIGINALS.name])
    expected = (DATA / f"{name}.findings").read_text(encoding="utf-8")
    assert result.output == expected
    assert result.exit_code == (0 if expected.splitlines()[-1].startswith("0 errors") else 1)


def test_the_cases_cover_each_outcome() -> None:
    """Errors, a warning for a fuzzy entry, and quotes that pass (verbatim, a fragment of an
    original, unrelated to any original)."""
    outcomes = {name: (DATA / f"{name}.findings").read_text(encoding="utf-8") for name in CASES}
    assert sum("error: the quote" in text for text in outcomes.values()) >= 3
    assert "warning: the quote" in outcomes["fuzzy-paraphrase"]
    for name in ("verbatim-quote", "fragment-kept", "unrelated-quote"):
        assert outcomes[name] == "0 errors, 0 warnings\n"


def test_without_originals_only_counts_are_compared() -> None:
    catalog = po.read_catalog(DATA / "paraphrased-quote.po")
    assert check_catalog(catalog, "en", "es", None, ("quotes",)) == []
    found = check_catalog(catalog, "en", "es", None, ("quotes",),
                          originals=ORIGINALS.read_text(encoding="utf-8"))
    assert [f.rule for f in found] == ["quote-original"]
    assert found[0].data["target_items"] == ["No vamos a negociar con ningún grupo criminal"]
    assert found[0].data["msgid"].startswith("The mayor said")


def test_the_quotes_check_can_be_left_out() -> None:
    catalog = po.read_catalog(DATA / "paraphrased-quote.po")
    assert check_catalog(catalog, "en", "es", None, ("number",),
                         originals=ORIGINALS.read_text(encoding="utf-8")) == []


def test_a_missing_originals_file_is_a_user_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    result = CliRunner().invoke(app, ["catalog", "check", "verbatim-quote.po",
                                      "--originals", "nope.txt"])
    assert "nope.txt: no such file" in str(result.exception)
