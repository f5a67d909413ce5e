"""A story as blocks: every line covered, the right blocks extracted, rendered back."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from translate.catalog.story import BlockKind, parse_story, render_story

STORY = Path(__file__).parent.parent / "data" / "catalog" / "story" / "story.md"

TRICKY = """---
title: front matter is kept
---
Setext title
============

A paragraph
over two lines.

1. first item
2. second item
   continued

| a | table |
|---|-------|

    indented code

<div>html stays</div>

---
"""


def test_blocks_cover_every_line_in_order() -> None:
    for text in (STORY.read_text(encoding="utf-8"), TRICKY):
        assert "".join(b.raw for b in parse_story(text)) == text


def test_what_is_extracted() -> None:
    blocks = [(b.kind, b.text) for b in parse_story(TRICKY) if b.text is not None]
    assert blocks == [
        (BlockKind.HEADING, "Setext title"),
        (BlockKind.PARAGRAPH, "A paragraph over two lines."),
        (BlockKind.LIST_ITEM, "first item"),
        (BlockKind.LIST_ITEM, "second item continued"),
    ]


def test_identity_render_of_one_line_blocks_is_the_story() -> None:
    text = STORY.read_text(encoding="utf-8")
    assert render_story(parse_story(text), lambda s: s) == text


def test_render_puts_markers_back() -> None:
    out = render_story(parse_story(TRICKY), str.upper)
    assert "SETEXT TITLE\n============\n" in out
    assert "1. FIRST ITEM\n2. SECOND ITEM CONTINUED\n" in out
    assert "| a | table |\n" in out and "    indented code\n" in out


@given(st.lists(st.sampled_from(["# Title", "", "Some text.", "- item", "> quote", "```",
                                 "code", "| cell |", "    indented", "Title", "===", "---",
                                 "1. one", "  continued", "<p>x</p>"]), max_size=30))
def test_any_story_is_covered_exactly(lines: list[str]) -> None:
    text = "".join(line + "\n" for line in lines)
    assert "".join(b.raw for b in parse_story(text)) == text
