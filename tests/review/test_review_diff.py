from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from gitrepo import Repo
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from glossary.csvfile import parse_terms
from glossary.diff import (
    ChangeKind,
    _blank_common_lines,
    compare_entries,
    diff_glossary,
    glossary_at,
)
from glossary.errors import GlosaError
from glossary.gitrev import WORKTREE, GitRepo, blob_id
from glossary.model import Entry
from translate.cli.main import app

CASES = Path(__file__).parent.parent / "data" / "review"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if (p / "base").is_dir())
UPDATE = os.environ.get("GLOSA_UPDATE_GOLDEN") == "1"


def build(repo: Repo, case: str) -> None:
    repo.set_terms(CASES / case / "base")
    repo.commit("base", tag="base")
    repo.set_terms(CASES / case / "head")
    repo.commit("head", tag="head")


@pytest.mark.parametrize("case", CASE_NAMES)
def test_markdown_golden(repo: Repo, case: str) -> None:
    """The exact comment a reviewer sees for each kind of glossary change."""
    build(repo, case)
    result = CliRunner().invoke(app, ["glossary", "diff", "base", "head"])
    assert result.exit_code == 0, result.output
    golden = CASES / case / "expected.md"
    if UPDATE:
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


def test_quoting_change_reports_nothing(repo: Repo) -> None:
    build(repo, "quoting-only")
    d = diff_glossary("base", "head")
    assert d.changes == ()
    assert d.files_changed == ("glossary/terms/legal.csv",)  # read, but no value changed


def test_unchanged_files_are_not_read(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    build(repo, "changed-spanish-term")
    read: list[str] = []
    original = GitRepo.read_blobs

    def spy(self: GitRepo, oids: list[str]) -> dict[str, bytes]:
        read.extend(oids)
        return original(self, oids)

    monkeypatch.setattr(GitRepo, "read_blobs", spy)
    d = diff_glossary("base", "head")
    places = (CASES / "changed-spanish-term" / "head" / "places.csv").read_bytes()
    assert blob_id(places) not in read
    assert d.files_unchanged == 1
    assert len(read) == 2  # legal.csv at both revisions, in one batch


def test_rename_and_field_changes(repo: Repo) -> None:
    build(repo, "rename")
    d = diff_glossary("base", "head")
    [c] = d.changes
    assert (c.kind, c.old_id, c.id, c.fields) == (ChangeKind.RENAMED, "formal-charge",
                                                  "indictment", ())
    assert d.touched_ids() == {"formal-charge", "indictment"}


def test_changed_spanish_term_fields(repo: Repo) -> None:
    build(repo, "changed-spanish-term")
    [c] = diff_glossary("base", "head").changes
    assert [(f.field, f.before, f.after) for f in c.fields] == [
        ("es", "acusación formal", "imputación formal"),
        ("es_plural", "acusaciones formales", "imputaciones formales"),
    ]


def test_new_forbidden_form_items(repo: Repo) -> None:
    build(repo, "new-forbidden-form")
    [c] = diff_glossary("base", "head").changes
    [f] = c.fields
    assert f.items_added() == ("Partido de Acción Nacional",) and f.items_removed() == ()


def test_moved_entry_is_a_file_change(repo: Repo) -> None:
    build(repo, "moved-entry")
    [c] = diff_glossary("base", "head").changes
    assert c.kind is ChangeKind.CHANGED
    assert [(f.field, f.before, f.after) for f in c.fields] == [
        ("file", "glossary/terms/legal.csv", "glossary/terms/places.csv")]


def test_worktree_is_the_default_head(repo: Repo) -> None:
    repo.set_terms(CASES / "deleted-entry" / "base")
    repo.commit("base", tag="base")
    assert diff_glossary("base").changes == ()  # clean tree: nothing
    repo.set_terms(CASES / "deleted-entry" / "head")  # not committed
    d = diff_glossary("base", WORKTREE)
    assert [(c.kind, c.id) for c in d.changes] == [(ChangeKind.REMOVED, "extradite")]
    result = CliRunner().invoke(app, ["glossary", "diff", "base"])
    assert "1 removed" in result.stdout and "working tree" in result.stdout


def test_json_format(repo: Repo) -> None:
    build(repo, "new-forbidden-form")
    result = CliRunner().invoke(app, ["glossary", "diff", "base", "head", "--format", "json"])
    data = json.loads(result.stdout)
    assert data["summary"] == {"added": 0, "removed": 0, "renamed": 0, "changed": 1}
    [change] = data["changes"]
    assert change["fields"] == [{"field": "forbidden_es", "before": "Fiesta de Acción Nacional",
                                 "after": "Fiesta de Acción Nacional|Partido de Acción Nacional"}]
    assert change["path"] == "glossary/terms/legal.csv" and change["line"] == 6


def test_glossary_at_a_revision(repo: Repo) -> None:
    build(repo, "added-entry")
    old, _ = glossary_at("base")
    new, problems = glossary_at("head")
    assert "cjng" not in old and new["cjng"].es == "Cártel Jalisco Nueva Generación"
    assert problems == []


def test_path_can_be_one_file_and_from_a_subfolder(repo: Repo,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    build(repo, "moved-entry")
    d = diff_glossary("base", "head", path="glossary/terms/places.csv")
    assert [(c.kind, c.id) for c in d.changes] == [(ChangeKind.ADDED, "drug-lord")]
    monkeypatch.chdir(repo.root / "glossary")
    d = diff_glossary("base", "head", path="terms")
    assert [c.id for c in d.changes] == ["drug-lord"]


def test_glossary_created_in_the_change(repo: Repo) -> None:
    repo.write("README", "x\n")
    repo.commit("empty", tag="base")
    repo.set_terms(CASES / "deleted-entry" / "head")
    repo.commit("terms", tag="head")
    d = diff_glossary("base", "head")
    assert d.counts()[ChangeKind.ADDED] == 5


def test_broken_head_file_is_reported_not_fatal(repo: Repo) -> None:
    build(repo, "deleted-entry")
    repo.write("glossary/terms/legal.csv",
               (CASES / "deleted-entry" / "head" / "legal.csv").read_text() + 'bad,"x,y\n')
    d = diff_glossary("base")
    assert [f.rule for f in d.findings] == ["csv-quoting"]
    assert [c.id for c in d.changes] == ["extradite"]


CLI_ERRORS = [
    ("bad revision", ["glossary", "diff", "nope", "head"], "unknown revision 'nope'"),
    ("option as revision", ["glossary", "diff", "--", "-x", "head"], "cannot start with '-'"),
    ("bad format", ["glossary", "diff", "base", "head", "--format", "html"], "--format must be"),
    ("wrong path", ["glossary", "diff", "base", "head", "--path", "terms"],
     "no term files (*.csv) under terms at base or head: check --path"),
    ("impact bad format", ["glossary", "impact", "base", "--format", "html"], "--format must be"),
]


@pytest.mark.parametrize(("name", "args", "message"), CLI_ERRORS, ids=[c[0] for c in CLI_ERRORS])
def test_cli_errors(repo: Repo, name: str, args: list[str], message: str) -> None:
    build(repo, "rename")
    result = CliRunner().invoke(app, args)
    assert result.exit_code != 0
    text = result.output + (str(result.exception) if result.exception else "")
    assert message in text


def test_not_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    with pytest.raises(GlosaError, match="not inside a git repository"):
        diff_glossary("main")


def test_compare_entries_ambiguous_pairs_are_not_renames() -> None:
    a1, a2 = Entry("a1", "x", "y"), Entry("a2", "x", "y", note="n")
    b1, b2 = Entry("b1", "x", "y", note="m"), Entry("b2", "x", "y", note="o")
    kinds = sorted(c.kind.value for c in compare_entries([a1, a2], [b1, b2]))
    assert kinds == ["added", "added", "removed", "removed"]
    [c] = compare_entries([a1], [Entry("b", "x", "y", note="new")])
    assert c.kind is ChangeKind.RENAMED and [f.field for f in c.fields] == ["note"]


ROW = st.tuples(
    st.sampled_from(["a", "b", "c", "d", "e"]),
    st.sampled_from(["cartel", "drug lord", "capo"]),
    st.sampled_from(["cártel", "capo", "narco, jefe"]),
    st.sampled_from(["", "x|y", 'say "hi"']),
)


def _csv(rows: list[tuple[str, str, str, str]], quote_all: bool) -> bytes:
    def q(v: str) -> str:
        return '"' + v.replace('"', '""') + '"' if quote_all or any(c in v for c in ',"') else v

    return ("id,en,es,note\n" + "".join(",".join(q(v) for v in r) + "\n" for r in rows)).encode()


@given(st.lists(ROW, max_size=6, unique_by=lambda r: r[0]),
       st.lists(ROW, max_size=6, unique_by=lambda r: r[0]), st.booleans())
def test_skipping_shared_lines_changes_nothing(old: list[tuple[str, str, str, str]],
                                               new: list[tuple[str, str, str, str]],
                                               quote_all: bool) -> None:
    """Parsing only the lines that differ gives the same changes as parsing everything."""
    kept = old[:2]  # some lines survive unchanged; ids stay unique (duplicates are lint errors)
    a = _csv(old, False)
    b = _csv(kept + [r for r in new if r[0] not in {k[0] for k in kept}], quote_all)
    full = compare_entries(parse_terms(a, "t.csv", []), parse_terms(b, "t.csv", []))
    a2, b2 = _blank_common_lines(a, b)
    fast = compare_entries(parse_terms(a2, "t.csv", []), parse_terms(b2, "t.csv", []))
    assert [(c.kind, c.id, c.old_id, c.fields, c.place) for c in fast] == \
        [(c.kind, c.id, c.old_id, c.fields, c.place) for c in full]


def test_header_change_alone_reports_nothing(repo: Repo) -> None:
    repo.write("glossary/terms/t.csv", "id,en,es,note\nx,cartel,cártel,n\n")
    repo.commit("base", tag="base")
    repo.write("glossary/terms/t.csv", "id,en,es,kind,note\nx,cartel,cártel,,n\n")
    assert diff_glossary("base").changes == ()


@pytest.mark.parametrize("golden", sorted(CASES.glob("*/expected.md")) + [
    CASES.parent / "review-impact" / "expected.md"], ids=lambda p: p.parent.name)
def test_golden_tables_render_with_every_cell_in_place(golden: Path) -> None:
    """As GitHub renders it (GFM tables): a `|` in a value must not split a cell."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(golden.read_text(encoding="utf-8"))
    widths: list[int] = []
    row = 0
    for tok in tokens:
        if tok.type == "tr_open":
            row = 0
        elif tok.type in ("th_open", "td_open"):
            row += 1
        elif tok.type == "tr_close":
            widths.append(row)
        elif tok.type == "table_close":
            assert len(set(widths)) == 1, (golden, widths)
            widths = []
        elif tok.type == "inline" and row:
            # a cell split inside a code span leaves bare backticks as text
            stray = [c.content for c in tok.children or [] if c.type == "text" and "`" in c.content]
            assert not stray, (golden, tok.content)
