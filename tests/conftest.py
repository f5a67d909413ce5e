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
#: glosa's own Spanish UI catalog (compiled per test session: the .mo is not in git)
ES_PO = Path(__file__).resolve().parents[1] / "locales" / "es" / "LC_MESSAGES" / "glosa.po"


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def locale_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The es catalog compiled into a folder of its own, for ``GLOSA_LOCALEDIR``."""
    from translate.catalog import po
    from translate.catalog.mo import compile_catalog

    root = tmp_path_factory.mktemp("locale")
    target = root / "es" / "LC_MESSAGES"
    target.mkdir(parents=True)
    compile_catalog(po.read_catalog(ES_PO), target / "glosa.mo")
    return root
