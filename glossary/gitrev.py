"""Term files at a git revision (or the working tree), read with as few git processes as we can.

``git ls-tree`` lists a revision's term files with their blob ids; one ``git cat-file --batch``
process then returns every blob needed. Blob ids let a diff skip files that did not change
without reading them. The working tree is read from disk, its blob ids computed the way git
computes them (``sha1("blob <size>\\0" + bytes)``), so an unchanged file compares equal to HEAD.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from glossary.errors import GlosaError

#: The revision name meaning "the files on disk now, committed or not".
WORKTREE = "WORKTREE"


class GitError(GlosaError):
    """git is missing, the folder is not a repository, or a revision does not exist."""


@dataclass(frozen=True)
class TermBlob:
    """One term file at one revision: its path from the repository root and its git blob id."""

    path: str
    oid: str


def blob_id(data: bytes) -> str:
    """The id git gives a blob with these bytes.

    >>> blob_id(b"")
    'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391'
    """
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def _is_term_file(path: str, folder: str) -> bool:
    if not path.endswith(".csv"):
        return False
    if folder.endswith(".csv"):
        return path == folder
    parent = path.rsplit("/", 1)[0] if "/" in path else ""
    return parent == folder


class GitRepo:
    """A git repository found from ``where`` (any folder inside it)."""

    def __init__(self, where: str | os.PathLike[str] = ".") -> None:
        start = Path(where).resolve()
        if not start.is_dir():
            raise GitError(f"{where}: no such folder")
        out = self._git(["rev-parse", "--show-toplevel"], cwd=start,
                        failure=f"{where}: not inside a git repository (run it in a clone, "
                                "or pass --repo)")
        self.root = Path(out.decode("utf-8").strip())
        self.cwd = start
        self._blobs: dict[str, bytes] = {}

    @staticmethod
    def _git(args: Sequence[str], cwd: Path, failure: str, data: bytes | None = None) -> bytes:
        try:
            proc = subprocess.run(["git", *args], cwd=cwd, input=data, capture_output=True,
                                  check=False)
        except FileNotFoundError as exc:
            raise GitError("git is not installed (install it, e.g. apt-get install git)") from exc
        if proc.returncode != 0:
            detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GitError(failure + (f" ({detail[-1]})" if detail else ""))
        return proc.stdout

    def git(self, args: Sequence[str], failure: str, data: bytes | None = None) -> bytes:
        """Run git at the repository root; a failure raises :class:`GitError` with ``failure``."""
        return self._git(args, self.root, failure, data)

    def relpath(self, path: str | os.PathLike[str]) -> str:
        """``path`` (relative to the folder we started in) as a path from the repository root."""
        absolute = (self.cwd / path).resolve() if not Path(path).is_absolute() else Path(path)
        try:
            rel = absolute.relative_to(self.root)
        except ValueError as exc:
            raise GitError(f"{path}: outside the repository at {self.root}") from exc
        return rel.as_posix() if str(rel) != "." else ""

    def resolve(self, rev: str) -> str | None:
        """The commit id of ``rev``; ``None`` for :data:`WORKTREE`."""
        if rev == WORKTREE:
            return None
        if rev.startswith("-"):
            raise GitError(f"bad revision {rev!r}: a revision cannot start with '-'")
        out = self.git(["rev-parse", "--verify", "--quiet", "--end-of-options",
                        f"{rev}^{{commit}}"],
                       failure=f"unknown revision {rev!r}: give a branch, tag or commit "
                               "that exists here (did you fetch it?)")
        return out.decode("ascii").strip()

    def term_blobs(self, rev: str, folder: str) -> list[TermBlob]:
        """The ``*.csv`` files directly in ``folder`` (or the one file ``folder``) at ``rev``."""
        if rev == WORKTREE:
            return self._worktree_blobs(folder)
        commit = self.resolve(rev)
        spec = folder if folder.endswith(".csv") or folder == "" else folder + "/"
        out = self.git(["ls-tree", "-z", "--full-tree", commit or rev, "--", spec or "."],
                       failure=f"cannot list {folder or 'the root'} at {rev!r}")
        blobs: list[TermBlob] = []
        for record in out.split(b"\0"):
            if not record:
                continue
            meta, _tab, raw_path = record.partition(b"\t")
            _mode, kind, oid = meta.decode("ascii").split(" ")
            path = raw_path.decode("utf-8", "surrogateescape")
            if kind == "blob" and _is_term_file(path, folder):
                blobs.append(TermBlob(path, oid))
        return sorted(blobs, key=lambda b: b.path)

    def _worktree_blobs(self, folder: str) -> list[TermBlob]:
        base = self.root / folder if folder else self.root
        if folder.endswith(".csv"):
            files = [base] if base.is_file() else []
        else:
            files = sorted(p for p in base.glob("*.csv") if p.is_file()) if base.is_dir() else []
        blobs = []
        for f in files:
            data = f.read_bytes()
            oid = blob_id(data)
            self._blobs[oid] = data
            blobs.append(TermBlob(f.relative_to(self.root).as_posix(), oid))
        return blobs

    def read_blobs(self, oids: Iterable[str]) -> dict[str, bytes]:
        """The bytes of every blob in ``oids``, through one ``git cat-file --batch`` process."""
        wanted = [o for o in dict.fromkeys(oids) if o not in self._blobs]
        if wanted:
            out = self.git(["cat-file", "--batch"], failure="cannot read blobs",
                           data="".join(f"{o}\n" for o in wanted).encode("ascii"))
            pos = 0
            for oid in wanted:
                eol = out.index(b"\n", pos)
                header = out[pos:eol].decode("ascii").split(" ")
                if len(header) != 3:
                    raise GitError(f"blob {oid} is missing from the repository")
                size = int(header[2])
                self._blobs[oid] = out[eol + 1:eol + 1 + size]
                pos = eol + 1 + size + 1  # content, then a LF
        return {o: self._blobs[o] for o in oids}


_HUNK_RE = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)


def changed_lines(base: str, paths: Sequence[str], repo: GitRepo) -> dict[str, set[int]]:
    """Lines of the working-tree files under ``paths`` added or changed since ``base``.

    From ``git diff -U0 BASE`` hunk headers; untracked files count as wholly changed. Keys are
    paths from the repository root; a file missing from the map did not change.
    """
    commit = repo.resolve(base)
    rels = [repo.relpath(p) or "." for p in paths]
    out = repo.git(["-c", "core.quotePath=false", "diff", "-U0", "--no-color", "--no-ext-diff",
                    "--no-renames", "--src-prefix=a/", "--dst-prefix=b/", commit or base,
                    "--", *rels],
                   failure=f"cannot diff against {base!r}")
    lines: dict[str, set[int]] = {}
    current: set[int] | None
    for chunk in out.split(b"\ndiff --git "):
        header_end = chunk.find(b"\n@@")
        head = chunk if header_end < 0 else chunk[:header_end]
        current = None
        for h in head.split(b"\n"):
            if h.startswith(b"+++ "):
                target = h[4:].decode("utf-8", "surrogateescape")
                if target != "/dev/null":
                    current = lines.setdefault(target.removeprefix("b/"), set())
        if current is None:
            continue
        for m in _HUNK_RE.finditer(chunk):
            start, count = int(m.group(1)), int(m.group(2) or b"1")
            current.update(range(start, start + count))
    untracked = repo.git(["ls-files", "-z", "--others", "--exclude-standard", "--", *rels],
                         failure="cannot list untracked files")
    for raw in untracked.split(b"\0"):
        if raw:
            rel = raw.decode("utf-8", "surrogateescape")
            text = (repo.root / rel).read_bytes()
            lines[rel] = set(range(1, text.count(b"\n") + 2))
    return lines
