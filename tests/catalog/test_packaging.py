"""A non-editable install speaks Spanish: the wheel carries the compiled UI catalog.

Builds a wheel of a copy of the checkout (no build isolation and no index: nothing is
downloaded; a copy so a stale ``build/`` of the checkout cannot leak in), checks the ``.mo``
is inside, installs the wheel into a folder of its own and runs ``glosa --help`` from there
under ``LANG=es_ES.UTF-8``. About 10 s: it runs with the rest of the suite.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
SOURCES = ["pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "glossary", "translate",
           "locales"]

pytestmark = pytest.mark.skipif(importlib.util.find_spec("setuptools") is None,
                                reason="building a wheel without isolation needs setuptools")


def pip(*args: str, cwd: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "pip", *args, "--no-deps", "--no-index",
                             "--disable-pip-version-check", "-q"], cwd=cwd,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("src")
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=shutil.ignore_patterns(
                "__pycache__", "*.mo", "*.pyc"))
        else:
            shutil.copy2(path, src / name)
    out = tmp_path_factory.mktemp("dist")
    pip("wheel", str(src), "--no-build-isolation", "-w", str(out), cwd=src)
    (found,) = out.glob("glosa-*.whl")
    return found


def test_the_wheel_carries_the_compiled_spanish_catalog(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        assert "translate/locale/es/LC_MESSAGES/glosa.mo" in names
        mo = zf.read("translate/locale/es/LC_MESSAGES/glosa.mo")
    assert mo[:4] in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")  # the MO magic number
    assert "Catálogos gettext".encode() in mo


def test_an_installed_wheel_speaks_spanish(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    pip("install", "--target", str(target), str(wheel), cwd=tmp_path)
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "GLOSA_LOCALEDIR")}
    env.update(LANG="es_ES.UTF-8", PYTHONPATH=str(target), COLUMNS="100")
    # -P: the current folder is not on the path, so the installed copy is the one imported
    code = ("import sys, translate; print(translate.__file__); sys.argv = ['glosa', '--help']\n"
            "from translate.cli.main import run; run()")
    result = subprocess.run([sys.executable, "-P", "-c", code], cwd=tmp_path, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == str(target / "translate" / "__init__.py")
    assert "Traduce texto entre inglés y español imponiendo el glosario." in result.stdout
    assert "Opciones" in result.stdout and "Comandos" in result.stdout
