"""Post (or update) one pull-request comment through the GitHub REST API, with urllib only.

The comment carries a hidden marker; on every new push the action finds its earlier comment
by that marker and edits it, so a pull request keeps one review comment, not one per push.
All network traffic goes through :func:`github_request`, which tests replace (or point at a
local server through ``GITHUB_API_URL``, as the Actions runner itself sets it).

Run as ``python -m translate.ghcomment BODY.md`` inside a GitHub Actions job; it reads
``GITHUB_TOKEN``, ``GITHUB_REPOSITORY``, ``GITHUB_API_URL`` and the pull request number from
``PR_NUMBER`` or the event file ``GITHUB_EVENT_PATH``.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glossary.errors import GlosaError

#: Hidden in the comment body; identifies glosa's review comment among a PR's comments.
MARKER = "<!-- glosa-glossary-review -->"
PAGE = 100

Request = Callable[[str, str, str, Any], Any]


class GitHubError(GlosaError):
    """The GitHub API refused or failed, or the job lacks what it needs to call it."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class PullRequest:
    """Where to comment: the API root, ``owner/name`` and the pull request number."""

    api_url: str
    repository: str
    number: int
    token: str


def github_request(method: str, url: str, token: str, body: Any = None) -> Any:
    """One GitHub REST call; returns the decoded JSON answer."""
    data = None if body is None else json.dumps(body).encode("utf-8")
    req = urllib.request.Request(url, data=data, method=method, headers={
        "Accept": "application/vnd.github+json",
        "Authorization": f"Bearer {token}",
        "X-GitHub-Api-Version": "2022-11-28",
        "Content-Type": "application/json",
        "User-Agent": "glosa-glossary-review",
    })
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            raw = resp.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace")[:300]
        hint = " (give the job `permissions: pull-requests: write`)" if exc.code in (
            401, 403, 404) else ""
        raise GitHubError(f"GitHub API {method} {url}: HTTP {exc.code}{hint}: {detail}",
                          exc.code) from exc
    except urllib.error.URLError as exc:
        raise GitHubError(f"GitHub API {method} {url}: {exc.reason}") from exc
    return json.loads(raw) if raw else None


#: GitHub refuses comments over 65,536 characters; leave room for the marker and the note.
MAX_BODY = 65_000
TRUNCATED = ("\n\n*… cut here: the whole report is too long for a comment; it is in the job "
             "summary, and `glosa glossary diff` prints it in full.*\n")


def with_marker(body: str, limit: int = MAX_BODY) -> str:
    """The comment body with the hidden marker as its first line, cut at a line end to fit.

    >>> with_marker("a\\nbb\\nccc\\n", limit=40).splitlines()[:3]
    ['<!-- glosa-glossary-review -->', 'a', 'bb']
    """
    text = body if body.startswith(MARKER) else f"{MARKER}\n{body}"
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, max(limit - len(TRUNCATED), len(MARKER) + 1))
    return text[:max(cut, len(MARKER))] + TRUNCATED


def find_comment(pr: PullRequest, request: Request | None = None) -> int | None:
    """The id of glosa's earlier comment on ``pr`` (the first one carrying the marker)."""
    call = request or github_request
    page = 1
    while True:
        url = (f"{pr.api_url}/repos/{pr.repository}/issues/{pr.number}/comments"
               f"?per_page={PAGE}&page={page}")
        comments = call("GET", url, pr.token, None) or []
        for c in comments:
            if MARKER in (c.get("body") or ""):
                return int(c["id"])
        if len(comments) < PAGE:
            return None
        page += 1


def upsert_comment(pr: PullRequest, body: str, request: Request | None = None) -> str:
    """Edit glosa's earlier comment on the pull request, or create one; says which.

    ``request`` defaults to :func:`github_request`, looked up at call time so tests can
    replace it on the module.
    """
    call = request or github_request
    text = with_marker(body)
    found = find_comment(pr, call)
    if found is not None:
        call("PATCH", f"{pr.api_url}/repos/{pr.repository}/issues/comments/{found}",
                pr.token, {"body": text})
        return "updated"
    call("POST", f"{pr.api_url}/repos/{pr.repository}/issues/{pr.number}/comments",
            pr.token, {"body": text})
    return "created"


def pull_request_from_env(env: Mapping[str, str]) -> PullRequest:
    """The pull request of the current Actions job, from its environment variables."""
    missing = [k for k in ("GITHUB_TOKEN", "GITHUB_REPOSITORY") if not env.get(k)]
    if missing:
        raise GitHubError(f"{', '.join(missing)} not set: pass `github-token` to the action "
                          "(run it in a GitHub Actions job)")
    number = env.get("PR_NUMBER", "")
    if not number and env.get("GITHUB_EVENT_PATH"):
        try:
            event = json.loads(Path(env["GITHUB_EVENT_PATH"]).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise GitHubError(f"cannot read the event file: {exc}") from exc
        number = str((event.get("pull_request") or {}).get("number") or "")
    if not number.isdigit():
        raise GitHubError("no pull request number: run on `pull_request` events or set PR_NUMBER")
    return PullRequest(env.get("GITHUB_API_URL", "https://api.github.com").rstrip("/"),
                       env["GITHUB_REPOSITORY"], int(number), env["GITHUB_TOKEN"])


def main(argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None) -> int:
    """``python -m translate.ghcomment BODY.md``: create or update the review comment."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m translate.ghcomment BODY.md", file=sys.stderr)
        return 2
    try:
        body = Path(args[0]).read_text(encoding="utf-8")
        pr = pull_request_from_env(os.environ if env is None else env)
        print(f"glosa: review comment {upsert_comment(pr, body)} on #{pr.number}")
    except OSError as exc:
        print(f"glosa: {args[0]}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except GitHubError as exc:
        if exc.status == 403:
            # A pull request from a fork gets a read-only token: say so, but do not fail the
            # review for it (the report is in the job summary too).
            print(f"::warning title=glosa review comment::{str(exc).splitlines()[0]}")
            return 0
        print(f"glosa: {exc}", file=sys.stderr)
        return 2
    except GlosaError as exc:
        print(f"glosa: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
