"""What engines and models are installed: Apertium language pairs and Argos packages.

``glosa engines list`` prints this; it must work on a light install (no ``argos`` extra), so
nothing here imports ctranslate2 or argostranslate.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from glossary.findings import Finding
from translate.engines.argos_packages import EXTRA_HINT, packages_dir, scan_packages

#: Apertium's three-letter codes for the languages glosa translates.
APERTIUM_CODES = {"eng": "en", "spa": "es"}
APERTIUM_HINT = "apt-get install apertium apertium-eng-spa"


@dataclass(frozen=True)
class InstalledModel:
    """One usable translation direction of one engine."""

    engine: str  # "apertium" or "argos"
    src: str
    tgt: str
    name: str  # Apertium mode or Argos package name
    version: str = ""
    location: str = ""
    ready: bool = True  # False when the engine's runtime is missing (see ``note``)
    note: str = ""


@dataclass(frozen=True)
class Inventory:
    models: tuple[InstalledModel, ...]
    problems: tuple[Finding, ...]  # broken packages found while scanning
    notes: tuple[str, ...]  # engines that are missing, and how to install them


def apertium_modes() -> list[str] | None:
    """Apertium modes (``eng-spa``...) from ``apertium -l``; ``None`` if Apertium is missing."""
    exe = shutil.which("apertium")
    if exe is None:
        return None
    try:
        done = subprocess.run([exe, "-l"], capture_output=True, text=True, timeout=20,
                              check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return [line.strip() for line in done.stdout.splitlines() if line.strip()]


def _apertium_pair(mode: str) -> tuple[str, str] | None:
    """``eng-spa`` -> ``("en", "es")``; other pairs and variants (``spa-eng_US``) -> None.

    >>> _apertium_pair("spa-eng"), _apertium_pair("spa-eng_US"), _apertium_pair("fra-cat")
    (('es', 'en'), None, None)
    """
    src, _, tgt = mode.partition("-")
    if src in APERTIUM_CODES and tgt in APERTIUM_CODES and src != tgt:
        return APERTIUM_CODES[src], APERTIUM_CODES[tgt]
    return None


def installed_models(home: Path | None = None) -> Inventory:
    """Every installed en<->es model of every engine, and what is missing."""
    models: list[InstalledModel] = []
    notes: list[str] = []
    modes = apertium_modes()
    if modes is None:
        notes.append(f"apertium: not installed ({APERTIUM_HINT})")
    else:
        pairs = [(m, _apertium_pair(m)) for m in modes]
        found = [(m, p) for m, p in pairs if p is not None]
        for mode, (src, tgt) in found:
            models.append(InstalledModel("apertium", src, tgt, mode))
        if not found:
            notes.append(f"apertium: no en<->es pair installed ({APERTIUM_HINT})")
    packages, problems = scan_packages(home)
    runtime = all(importlib.util.find_spec(m) is not None
                  for m in ("ctranslate2", "sentencepiece"))
    for package in packages:
        models.append(InstalledModel(
            "argos", package.from_code, package.to_code, package.name, package.version,
            str(package.path), ready=runtime,
            note="" if runtime else f"needs the argos extra: {EXTRA_HINT}"))
    if not packages:
        notes.append(f"argos: no model in {packages_dir(home)} "
                     "(glosa engines install FILE.argosmodel)")
    return Inventory(tuple(models), tuple(problems), tuple(notes))
