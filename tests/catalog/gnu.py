"""Helpers for the catalog tests: GNU gettext's tools as oracles when they are installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

needs_gettext = pytest.mark.skipif(shutil.which("msgfmt") is None,
                                   reason="GNU gettext (msgfmt, msgcat) not installed")


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    """``msgfmt -c --check-format`` on ``path``: the oracle every catalog we write must pass."""
    return subprocess.run(["msgfmt", "-c", "--check-format", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True)


def msgcat(path: Path) -> bytes:
    """The file as GNU msgcat writes it (width 79)."""
    return subprocess.run(["msgcat", str(path)], capture_output=True, check=True).stdout
