"""Shared fixtures. Tests never read ../shared: everything they need lives in tests/data."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# No per-example time limit: the machines that run the suite are shared and busy, and a
# property test whose example took 480 ms once and 2 ms on the rerun failed as "flaky"
# (tests/review/test_review_diff.py, load average 6-10). Speed is measured in bench/.
settings.register_profile("glosa", deadline=None)
settings.load_profile("glosa")

DATA = Path(__file__).parent / "data"


@pytest.fixture
def data_dir() -> Path:
    return DATA
