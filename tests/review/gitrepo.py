"""A small git repository builder: tests commit glossary changes for real and diff them."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

TERMS = "glossary/terms"


class Repo:
    """A throw-away git repository with fixed author and dates, so commit ids repeat."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.env = {
            **os.environ,
            "GIT_AUTHOR_NAME": "Desk", "GIT_AUTHOR_EMAIL": "desk@example.org",
            "GIT_COMMITTER_NAME": "Desk", "GIT_COMMITTER_EMAIL": "desk@example.org",
            "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
            "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
        }
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        return subprocess.run(["git", *args], cwd=self.root, env=self.env, check=True,
                              capture_output=True, text=True).stdout

    def write(self, rel: str, text: str | bytes) -> Path:
        p = self.root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        return p

    def set_terms(self, folder: Path, dest: str = TERMS) -> None:
        """Make ``dest`` hold exactly the .csv files of ``folder``."""
        target = self.root / dest
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        for f in sorted(folder.glob("*.csv")):
            shutil.copy(f, target / f.name)

    def commit(self, message: str, tag: str | None = None) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        if tag:
            self.git("tag", tag)
        return self.git("rev-parse", "HEAD").strip()
