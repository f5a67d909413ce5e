"""The GitHub side: lint --diff, the comment module, and action.yml's own shell steps."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakegithub import FakeGitHub
from gitrepo import Repo
from typer.testing import CliRunner

from translate import ghcomment
from translate.cli.main import app

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "data" / "review"
HEADER = ("id,en,es,kind,pos,gender,en_plural,es_plural,es_feminine,en_variants,es_variants,"
          "forbidden_en,forbidden_es,dnt,direction,status,case,note\n")
GOOD = "extradite,extradite,extraditar,legal,verb,,,,,,,,,,both,approved,auto,\n"
OLD_BAD = "capo,drug lord,capo,gang,noun,m,,,,,,,,,both,approved,auto,\n"  # kind: error
NEW_BAD = "sicario,hitman,sicario,general,noun,x,,,,,,,,,both,approved,auto,\n"  # gender: error


def lint(*args: str) -> Any:
    return CliRunner().invoke(app, ["glossary", "lint", *args])


def test_lint_diff_reports_only_changed_lines(repo: Repo) -> None:
    repo.write("glossary/terms/desk.csv", HEADER + GOOD + OLD_BAD)
    repo.commit("base", tag="base")
    assert lint("glossary/terms").exit_code == 1  # the old error is there
    assert lint("--diff", "base", "glossary/terms").exit_code == 0  # but is not this change's
    repo.write("glossary/terms/desk.csv", HEADER + GOOD + OLD_BAD + NEW_BAD)
    result = lint("--diff", "base", "--format", "github", "glossary/terms")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::error file=glossary/terms/desk.csv,line=4,col=37,title=bad-value::"
        "gender 'x' is not one of: m, f"]


def test_lint_diff_counts_untracked_files_as_changed(repo: Repo) -> None:
    repo.write("glossary/terms/desk.csv", HEADER + GOOD)
    repo.commit("base", tag="base")
    repo.write("glossary/terms/new.csv", HEADER + NEW_BAD)
    result = lint("--diff", "base", "glossary/terms")
    assert result.exit_code == 1 and "new.csv:2:37" in result.stdout


def test_lint_diff_bad_base(repo: Repo) -> None:
    repo.write("glossary/terms/desk.csv", HEADER + GOOD)
    repo.commit("base")
    result = lint("--diff", "nope", "glossary/terms")
    assert result.exit_code != 0
    assert "unknown revision 'nope'" in str(result.exception)


# --- the comment module, with the API function replaced ---------------------------------

class Recorder:
    def __init__(self, pages: list[list[dict[str, Any]]]) -> None:
        self.pages = pages
        self.calls: list[tuple[str, str, Any]] = []

    def __call__(self, method: str, url: str, token: str, body: Any) -> Any:
        self.calls.append((method, url, body))
        if method == "GET":
            page = int(url.rsplit("page=", 1)[1])
            return self.pages[page - 1] if page <= len(self.pages) else []
        return {}


PR = ghcomment.PullRequest("https://api.example", "desk/glosa", 7, "tok")


def test_first_push_creates_the_comment() -> None:
    rec = Recorder([[{"id": 1, "body": "LGTM"}]])
    assert ghcomment.upsert_comment(PR, "hello", request=rec) == "created"
    method, url, body = rec.calls[-1]
    assert (method, url) == ("POST", "https://api.example/repos/desk/glosa/issues/7/comments")
    assert body == {"body": ghcomment.MARKER + "\nhello"}


def test_later_push_edits_the_marked_comment_found_on_page_two() -> None:
    page1 = [{"id": i, "body": "other"} for i in range(100)]
    rec = Recorder([page1, [{"id": 555, "body": ghcomment.MARKER + "\nold"}]])
    assert ghcomment.upsert_comment(PR, "new", request=rec) == "updated"
    assert rec.calls[-1][:2] == ("PATCH", "https://api.example/repos/desk/glosa/issues/comments/555")
    assert [c[0] for c in rec.calls] == ["GET", "GET", "PATCH"]


def test_pull_request_from_event_file(tmp_path: Path) -> None:
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 42}}))
    pr = ghcomment.pull_request_from_env({"GITHUB_TOKEN": "t", "GITHUB_REPOSITORY": "a/b",
                                          "GITHUB_EVENT_PATH": str(event)})
    assert (pr.api_url, pr.repository, pr.number) == ("https://api.github.com", "a/b", 42)
    with pytest.raises(ghcomment.GitHubError, match="GITHUB_TOKEN"):
        ghcomment.pull_request_from_env({"GITHUB_REPOSITORY": "a/b", "PR_NUMBER": "1"})
    with pytest.raises(ghcomment.GitHubError, match="no pull request number"):
        ghcomment.pull_request_from_env({"GITHUB_TOKEN": "t", "GITHUB_REPOSITORY": "a/b"})


def test_http_errors_say_what_to_fix(tmp_path: Path) -> None:
    fake = FakeGitHub()
    try:
        body = tmp_path / "b.md"
        body.write_text("x")
        env = {"GITHUB_TOKEN": "wrong", "GITHUB_REPOSITORY": "a/b", "PR_NUMBER": "3",
               "GITHUB_API_URL": fake.url}
        assert ghcomment.main([str(body)], env) == 2  # 404: a wrong token or repository
        with pytest.raises(ghcomment.GitHubError, match="pull-requests: write"):
            ghcomment.upsert_comment(ghcomment.PullRequest(fake.url, "a/b", 3, "wrong"), "x")
    finally:
        fake.close()


# --- action.yml's shell steps, run for real in a temporary repository -----------------

def action_steps() -> list[dict[str, Any]]:
    spec = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert spec["runs"]["using"] == "composite"
    # installing glosa and Apertium is the runner's business; glosa is installed here already
    return [s for s in spec["runs"]["steps"]
            if "run" in s and s.get("id") not in ("install", "debs")]


def substitute(value: str, inputs: dict[str, str]) -> str:
    def one(m: re.Match[str]) -> str:
        expr = m.group(1).strip()
        assert expr.startswith("inputs."), f"run steps may only use inputs: {expr}"
        return inputs[expr.removeprefix("inputs.")]

    return re.sub(r"\$\{\{(.*?)\}\}", one, value)


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    fake = FakeGitHub()
    yield fake
    fake.close()


def run_action(repo: Repo, github: FakeGitHub, tmp_path: Path, **overrides: str) -> int:
    """Run the action's run-steps like the runner does (bash -eo pipefail), stop at a failure."""
    inputs = {"base": "base", "head": "HEAD", "path": "glossary/terms", "catalogs": "",
              "stories": "", "comment": "true", "github-token": "t0ken", "python-version": "3.11"}
    inputs.update(overrides)
    temp = tmp_path / "runner-temp"
    temp.mkdir(exist_ok=True)
    event = temp / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7}}))
    base_env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}"
                f"{os.environ['PATH']}", "RUNNER_TEMP": str(temp), "GITHUB_API_URL": github.url,
                "GITHUB_REPOSITORY": "desk/glosa", "GITHUB_EVENT_PATH": str(event),
                "GITHUB_EVENT_NAME": "pull_request", "GITHUB_STEP_SUMMARY": str(temp / "summary")}
    for step in action_steps():
        env = {**base_env, **{k: substitute(str(v), inputs) for k, v in
                              (step.get("env") or {}).items()}}
        assert "${{" not in step["run"], "scripts read inputs through env only"
        condition = step.get("if", "")
        if "inputs.comment == 'true'" in condition and inputs["comment"] != "true":
            continue
        script = temp / "step.sh"
        script.write_text(step["run"])
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                              cwd=repo.root, env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            return proc.returncode
    return 0


def test_action_posts_one_comment_and_updates_it(repo: Repo, github: FakeGitHub,
                                                 tmp_path: Path) -> None:
    repo.set_terms(CASES / "changed-spanish-term" / "base")
    repo.commit("base", tag="base")
    repo.set_terms(CASES / "changed-spanish-term" / "head")
    repo.commit("push 1")
    assert run_action(repo, github, tmp_path) == 0
    [comment] = github.comments
    expected = (CASES / "changed-spanish-term" / "expected.md").read_text(encoding="utf-8")
    assert comment["body"] == ghcomment.MARKER + "\n" + expected.replace("`head`", "`HEAD`")

    repo.set_terms(CASES / "deleted-entry" / "head")  # a second push
    repo.commit("push 2")
    assert run_action(repo, github, tmp_path) == 0
    [comment] = github.comments  # still one comment, now about both changes
    assert "1 removed" in comment["body"] and "imputación" not in comment["body"]
    assert [m for m, _ in github.requests].count("POST") == 1
    assert [m for m, _ in github.requests].count("PATCH") == 1


def test_action_fails_on_lint_errors_after_commenting(repo: Repo, github: FakeGitHub,
                                                      tmp_path: Path) -> None:
    repo.write("glossary/terms/desk.csv", HEADER + GOOD)
    repo.commit("base", tag="base")
    repo.write("glossary/terms/desk.csv", HEADER + GOOD + NEW_BAD)
    repo.commit("bad entry")
    assert run_action(repo, github, tmp_path) == 1
    [comment] = github.comments  # the reviewer still gets the comment
    assert "problem" in comment["body"]


def test_action_without_comment(repo: Repo, github: FakeGitHub, tmp_path: Path) -> None:
    repo.set_terms(CASES / "rename" / "base")
    repo.commit("base", tag="base")
    repo.set_terms(CASES / "rename" / "head")
    repo.commit("rename")
    assert run_action(repo, github, tmp_path, comment="false") == 0
    assert github.comments == []
    assert "Renamed (1)" in (tmp_path / "runner-temp" / "summary").read_text()


def test_workflow_and_hooks_are_valid() -> None:
    wf = yaml.safe_load((ROOT / ".github/workflows/glossary-review.yml").read_text())
    # PyYAML reads the key `on` as True.
    assert wf[True]["pull_request"]["paths"] == ["glossary/terms/**"]
    assert wf["permissions"]["pull-requests"] == "write"
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"glosa-glossary-lint", "glosa-catalog-check"}
    assert hooks["glosa-glossary-lint"]["entry"] == "glosa glossary lint"


def test_action_comment_carries_the_impact(repo: Repo, github: FakeGitHub,
                                           tmp_path: Path) -> None:
    import shutil

    repo.set_terms(CASES / "changed-spanish-term" / "base")
    repo.commit("base", tag="base")
    repo.set_terms(CASES / "changed-spanish-term" / "head")
    shutil.copytree(ROOT / "tests" / "data" / "review-impact" / "locales", repo.root / "locales")
    repo.commit("push")
    assert run_action(repo, github, tmp_path, catalogs="locales") == 0
    [comment] = github.comments
    body = comment["body"]
    assert body.index("### Glossary changes") < body.index("### Impact")
    assert "1 entry now violates the glossary" in body


def test_read_only_token_warns_instead_of_failing(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    def forbidden(method: str, url: str, token: str, body: Any) -> Any:
        raise ghcomment.GitHubError("GitHub API GET x: HTTP 403", 403)

    body = tmp_path / "b.md"
    body.write_text("x")
    env = {"GITHUB_TOKEN": "t", "GITHUB_REPOSITORY": "a/b", "PR_NUMBER": "3"}
    import unittest.mock

    with unittest.mock.patch.object(ghcomment, "github_request", forbidden):
        assert ghcomment.main([str(body)], env) == 0
    assert capsys.readouterr().out.startswith("::warning title=glosa review comment::")


def run_hook(hook_id: str, files: list[str], cwd: Path, args: list[str] | None = None
             ) -> subprocess.CompletedProcess[str]:
    """Run a hook as pre-commit does: shlex-split entry, then args, then the staged files."""
    import shlex

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    hook = hooks[hook_id]
    assert re.search(hook["files"], files[0]) if files else True
    cmd = shlex.split(hook["entry"]) + (hook.get("args", []) if args is None else args)
    if hook.get("pass_filenames", True):
        cmd += files
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)


def test_pre_commit_glossary_lint_hook(repo: Repo) -> None:
    repo.write("glossary/terms/desk.csv", HEADER + GOOD)
    assert run_hook("glosa-glossary-lint", ["glossary/terms/desk.csv"], repo.root).returncode == 0
    repo.write("glossary/terms/desk.csv", HEADER + GOOD + NEW_BAD)
    result = run_hook("glosa-glossary-lint", ["glossary/terms/desk.csv"], repo.root)
    assert result.returncode == 1 and "gender 'x'" in result.stdout


def test_pre_commit_catalog_check_hook_checks_every_file(repo: Repo) -> None:
    head = 'msgid ""\nmsgstr "Language: es\\n"\n\n'
    repo.write("a.po", head + 'msgid "Three dead."\nmsgstr "Tres muertos."\n')
    repo.write("b.po", head + 'msgid "Three dead."\nmsgstr "Cuatro muertos."\n')
    assert run_hook("glosa-catalog-check", ["a.po"], repo.root).returncode == 0
    result = run_hook("glosa-catalog-check", ["a.po", "b.po"], repo.root,
                      args=["--format", "github"])
    assert result.returncode == 1
    assert "file=b.po" in result.stdout and "file=a.po" not in result.stdout


def test_a_report_too_long_for_github_is_cut_at_a_line() -> None:
    body = "".join(f"| `term-{i:05d}` | row |\n" for i in range(5000))
    text = ghcomment.with_marker(body)
    assert len(text) <= 65_536 and text.startswith(ghcomment.MARKER + "\n| `term-00000`")
    assert text.endswith(ghcomment.TRUNCATED)
    assert text[:-len(ghcomment.TRUNCATED)].endswith(" row |")
