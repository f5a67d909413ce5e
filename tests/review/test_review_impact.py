from __future__ import annotations

import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest
from gitrepo import Repo
from typer.testing import CliRunner

from glossary.errors import GlosaError
from glossary.model import Glossary, Lang
from translate.cli.main import app
from translate.engines.base import MemoryEngine
from translate.review import impact_of, render_markdown, story_sentences

DATA = Path(__file__).parent.parent / "data"
CASES = DATA / "review"
IMPACT = DATA / "review-impact"
UPDATE = os.environ.get("GLOSA_UPDATE_GOLDEN") == "1"


class GlossaryEngine:
    """Replaces each entry's term with its translation; records every segment it is given."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, segments: Sequence[str], src: Lang, tgt: Lang,
                 glossary: Glossary) -> list[str]:
        self.seen.extend(segments)
        table = {e.term(src): e.term(tgt) for e in glossary}
        return MemoryEngine(table).translate(segments, src, tgt)


@pytest.fixture
def changed(repo: Repo) -> Repo:
    """acusación formal -> imputación formal, committed; catalogs and stories in the tree."""
    repo.set_terms(CASES / "changed-spanish-term" / "base")
    repo.commit("base", tag="base")
    repo.set_terms(CASES / "changed-spanish-term" / "head")
    repo.commit("head", tag="head")
    shutil.copytree(IMPACT / "locales", repo.root / "locales")
    shutil.copytree(IMPACT / "stories", repo.root / "stories")
    return repo


def test_catalog_entries_that_flip(changed: Repo) -> None:
    imp = impact_of("base", "head", catalogs=["locales"])
    flips = [(c.msgid, c.now_violates, c.entry_id) for c in imp.catalog]
    assert flips == [
        ("The indictment was filed.", True, "formal-charge"),
        ("The indictment was unsealed.", False, "formal-charge"),
        # the plural in the source is found by the glossary matcher too
        ("Two indictments | were filed.", False, "formal-charge"),
    ]
    assert "imputación formal" in imp.catalog[0].message
    # fuzzy and untranslated entries are not checked; the cartel entry is not a candidate
    assert (imp.catalog_files, imp.catalog_entries, imp.catalog_candidates) == (1, 4, 3)


def test_stories_retranslate_only_sentences_with_a_changed_term(changed: Repo) -> None:
    engine = GlossaryEngine()
    imp = impact_of("base", "head", stories=["stories"], translate=engine)
    assert engine.seen == ["The indictment was filed on Monday."] * 2 + [
        "La acusación formal llegó el lunes."] * 2
    [s, t] = imp.stories
    assert (s.line, s.before, s.after) == (3, "The acusación formal was filed on Monday.",
                                           "The imputación formal was filed on Monday.")
    assert t.path.endswith("nota.es.md") and t.before == "La indictment llegó el lunes."
    assert imp.sentences_retranslated == 2


def test_impact_markdown_golden(changed: Repo) -> None:
    imp = impact_of("base", "head", catalogs=["locales"], stories=["stories"],
                    translate=GlossaryEngine())
    golden = IMPACT / "expected.md"
    if UPDATE:
        golden.write_text(render_markdown(imp), encoding="utf-8")
    assert render_markdown(imp) == golden.read_text(encoding="utf-8")


def test_no_change_no_impact(repo: Repo) -> None:
    repo.set_terms(CASES / "quoting-only" / "base")
    repo.commit("base", tag="base")
    repo.set_terms(CASES / "quoting-only" / "head")
    repo.commit("head", tag="head")
    shutil.copytree(IMPACT / "locales", repo.root / "locales")
    engine = GlossaryEngine()
    imp = impact_of("base", "head", catalogs=["locales"], stories=[IMPACT / "stories"],
                    translate=engine)
    assert imp.catalog == () and imp.stories == () and engine.seen == []
    assert "nothing downstream changes" in render_markdown(imp)


def test_cli_impact_json_catalogs(changed: Repo) -> None:
    result = CliRunner().invoke(app, ["glossary", "impact", "base", "head",
                                      "--catalogs", "locales", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [c["now_violates"] for c in data["catalog"]["changes"]] == [True, False, False]


def test_missing_catalog_folder_is_a_user_error(changed: Repo) -> None:
    with pytest.raises(GlosaError, match="no such catalog"):
        impact_of("base", "head", catalogs=["nope"])


def test_added_entry_makes_catalog_entries_violate(repo: Repo) -> None:
    repo.set_terms(CASES / "added-entry" / "base")
    repo.commit("base", tag="base")
    repo.set_terms(CASES / "added-entry" / "head")
    repo.write("c.po", 'msgid ""\nmsgstr "Language: es\\n"\n\n'
               'msgid "The Jalisco New Generation Cartel grew."\n'
               'msgstr "El Cartel de Nueva Generación de Jalisco creció."\n')
    imp = impact_of("base", catalogs=["c.po"])  # head: the working tree
    [c] = imp.catalog
    assert c.now_violates and c.entry_id == "cjng" and "must be rendered" in c.message


def test_story_sentences_are_the_translate_segments() -> None:
    text = "# Title\n\nOne. Two?\nStill two.\n\n```\ncode. Here.\n```\n- item one.\n"
    assert story_sentences(text) == [(1, "Title"), (3, "One."), (3, "Two?"),
                                     (4, "Still two."), (9, "item one.")]


needs_apertium = pytest.mark.skipif(shutil.which("apertium") is None,
                                    reason="Apertium is not installed (make debs)")


@needs_apertium
def test_cli_story_impact_with_apertium(changed: Repo, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """End to end: the real pipeline re-translates the one sentence with the changed term."""
    monkeypatch.setenv("GLOSA_HOME", str(tmp_path / "home"))
    result = CliRunner().invoke(app, ["glossary", "impact", "base", "head",
                                      "--stories", "stories/court.en.md", "--format", "json"])
    assert result.exit_code == 0, result.output
    stories = json.loads(result.stdout)["stories"]
    assert stories["sentences_retranslated"] == 1
    [s] = stories["changes"]
    assert s["source"] == "The indictment was filed on Monday."
    assert "acusación formal" in s["before"] and "imputación formal" in s["after"]
