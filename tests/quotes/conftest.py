"""A story pair and a phrase-table engine that plays the part of Apertium (es -> en)."""

from __future__ import annotations

import pytest

from tests.quotes.storydata import ALIGN, story_engine
from translate.engines.base import MemoryEngine


@pytest.fixture
def engine() -> MemoryEngine:
    return story_engine()


@pytest.fixture
def original() -> str:
    return (ALIGN / "story.es.txt").read_text(encoding="utf-8")


@pytest.fixture
def translation() -> str:
    return (ALIGN / "story.en.txt").read_text(encoding="utf-8")
