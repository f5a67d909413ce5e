"""Fixtures for the Argos engine: a tiny random-weight model generated offline, once a session.

Tests that decode need the ``argos`` extra (ctranslate2, sentencepiece): their fixtures skip on a
light install; CI installs the extra and runs them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).parent.parent / "data" / "argos" / "corpus.txt"


def _build(tmp_path_factory: pytest.TempPathFactory, src: str, tgt: str) -> Path:
    pytest.importorskip("ctranslate2")
    pytest.importorskip("sentencepiece")
    from translate.engines.tinyargos import build_tiny_package

    out = tmp_path_factory.mktemp("models") / f"{src}_{tgt}.argosmodel"
    return build_tiny_package(out, CORPUS, from_code=src, to_code=tgt)


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A random-weight en->es ``.argosmodel`` (about 0.4 MB)."""
    return _build(tmp_path_factory, "en", "es")


@pytest.fixture(scope="session")
def tiny_model_es_en(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory, "es", "en")


@pytest.fixture(scope="session")
def argos_home(tmp_path_factory: pytest.TempPathFactory, tiny_model: Path) -> Path:
    """A ``GLOSA_HOME`` with the tiny en->es model installed (shared: do not modify)."""
    from translate.engines.argos_packages import install_package_file

    home = tmp_path_factory.mktemp("glosa-home")
    install_package_file(tiny_model, home)
    return home


@pytest.fixture
def glosa_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty ``GLOSA_HOME`` for this test, set in the environment."""
    home = tmp_path / "glosa-home"
    monkeypatch.setenv("GLOSA_HOME", str(home))
    return home


@pytest.fixture
def fake_argosmodel(tmp_path: Path) -> Path:
    """A structurally valid en->es package with dummy model bytes (installs; cannot decode)."""
    import json
    import zipfile

    path = tmp_path / "fake.argosmodel"
    top = "translate-en_es-fake"
    meta = {"from_code": "en", "to_code": "es", "package_version": "9.9", "type": "translate"}
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(f"{top}/metadata.json", json.dumps(meta))
        zf.writestr(f"{top}/model/model.bin", b"\0" * 16)
        zf.writestr(f"{top}/sentencepiece.model", b"\0" * 16)
    return path
