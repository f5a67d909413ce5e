"""Fixtures for the review tests: a real git repository per test."""

from __future__ import annotations

from pathlib import Path

import pytest
from gitrepo import Repo


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """An empty repository, also the current folder (the commands run where git runs)."""
    root = tmp_path / "repo"
    root.mkdir()
    monkeypatch.chdir(root)
    return Repo(root)
