"""Engines by name, imported lazily (Argos pulls in CTranslate2; ``--help`` must stay fast)."""

from __future__ import annotations

import importlib
from pathlib import Path

from glossary.errors import EngineError
from glossary.model import Lang
from translate.engines.base import Engine

#: The engines ``glosa translate --engine`` knows, the default first.
ENGINE_NAMES: tuple[str, ...] = ("apertium", "argos")
ARGOS_HINT = ("argos engine not installed: install it with `pip install 'glosa[argos]'`, then "
              "add a model with `glosa engines install FILE.argosmodel`")


def get_engine(name: str, *, home: Path | None = None) -> Engine:
    """The engine called ``name``; an :class:`EngineError` says what to install if missing."""
    if name == "apertium":
        from translate.engines.apertium import ApertiumEngine

        return ApertiumEngine(home=home)
    if name == "argos":
        try:
            module = importlib.import_module("translate.engines.argos")
        except ImportError:
            raise EngineError(ARGOS_HINT) from None
        cls = getattr(module, "ArgosEngine", None)
        if cls is None:
            raise EngineError(ARGOS_HINT)
        engine: Engine = cls(home=home)
        return engine
    raise EngineError(f"unknown engine {name!r}: choose one of {', '.join(ENGINE_NAMES)}")


def check_engine(engine: Engine, src: Lang, tgt: Lang) -> None:
    """Fail early, before reading any input, when the engine cannot translate ``src -> tgt``."""
    for method in ("check", "load"):
        fn = getattr(engine, method, None)
        if callable(fn):
            fn(src, tgt)
            return
