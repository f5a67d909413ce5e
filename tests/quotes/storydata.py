"""The test story pair and a phrase-table engine that plays the part of Apertium (es -> en,
and en -> es for the aligner's comparison in the other direction)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from translate.engines.base import MemoryEngine

if TYPE_CHECKING:
    from glossary.model import Lang

ALIGN = Path(__file__).parent.parent / "data" / "quotes" / "align"


class StoryEngine(MemoryEngine):
    """Two phrase tables, one per direction; every call is recorded in ``calls``."""

    def __init__(self, es_en: dict[str, str], en_es: dict[str, str]) -> None:
        super().__init__(es_en)
        self.back = MemoryEngine(en_es)

    def translate(self, segments: Sequence[str], src: Lang, tgt: Lang,
                  **kwargs: Any) -> list[str]:
        if src == "en":
            self.calls.append(list(segments))
            return self.back.translate(segments, src, tgt, **kwargs)
        return super().translate(segments, src, tgt, **kwargs)


def story_engine() -> StoryEngine:
    def table(name: str) -> dict[str, str]:
        data: dict[str, str] = json.loads((ALIGN / name).read_text(encoding="utf-8"))
        return data

    return StoryEngine(table("engine.json"), table("engine.en-es.json"))
