"""The test story pair and a phrase-table engine that plays the part of Apertium (es -> en)."""

from __future__ import annotations

import json
from pathlib import Path

from translate.engines.base import MemoryEngine

ALIGN = Path(__file__).parent.parent / "data" / "quotes" / "align"


def story_engine() -> MemoryEngine:
    return MemoryEngine(json.loads((ALIGN / "engine.json").read_text(encoding="utf-8")))
