"""A story (Markdown or plain text) as translatable blocks, and back.

One catalog entry per **paragraph**, not per sentence, because:

- a paragraph is what a translator and an engine need to see to get pronouns, tense and
  quotes right; a sentence entry loses its neighbours;
- rendering is exact: a translated paragraph replaces its source paragraph, with no need to
  re-join sentences whose count or order the translation may change (Spanish often merges or
  splits English sentences);
- re-extraction stays stable: editing one sentence fuzzes only its paragraph's entry, and the
  fuzzy match (``update``) still finds it because the rest of the paragraph is unchanged.

Headings, list items and block quotes are their own entries (their Markdown markers are kept
out of the msgid and put back by :func:`render`). Code blocks, tables, rules, HTML and front
matter are copied verbatim and never extracted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list item"
    QUOTE = "block quote"
    VERBATIM = "verbatim"


@dataclass(frozen=True)
class Block:
    """A run of lines of the story. ``text`` is what gets translated (None when verbatim);
    ``prefix`` the Markdown marker put back before it; ``suffix`` lines put back after it
    (a setext heading's underline)."""

    kind: BlockKind
    line: int  # 1-based first line
    raw: str  # the lines as read, newline-terminated
    text: str | None = None
    prefix: str = ""
    suffix: str = ""


_HEADING = re.compile(r"^(#{1,6}[ \t]+)(.*?)(?:[ \t]+#+)?[ \t]*$")
_ITEM = re.compile(r"^([ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)(.*)$")
_QUOTE = re.compile(r"^(>[ \t]?)(.*)$")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_RULE = re.compile(r"^[ \t]{0,3}([-*_])([ \t]*\1){2,}[ \t]*$")
_SETEXT = re.compile(r"^[ \t]{0,3}(=+|-+)[ \t]*$")


def _verbatim_start(line: str) -> bool:
    s = line.lstrip()
    return bool(_RULE.match(line)) or s.startswith("|") or s.startswith("<") or \
        line.startswith("    ") or line.startswith("\t")


def _join(lines: Sequence[str]) -> str:
    return " ".join(x.strip() for x in lines)


def parse_story(text: str) -> list[Block]:
    """Split a story into blocks that cover every line, in order.

    >>> [(b.kind.value, b.text) for b in parse_story("# Title\\n\\nOne\\ntwo.\\n\\n- item\\n")]
    [('heading', 'Title'), ('verbatim', None), ('paragraph', 'One two.'), \
('verbatim', None), ('list item', 'item')]
    """
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    blocks: list[Block] = []
    i, n = 0, len(lines)

    def raw(a: int, b: int) -> str:
        return "".join(x + "\n" for x in lines[a:b])

    if lines and lines[0].strip() == "---":  # front matter
        end = next((j for j in range(1, n) if lines[j].strip() in ("---", "...")), None)
        if end is not None:
            blocks.append(Block(BlockKind.VERBATIM, 1, raw(0, end + 1)))
            i = end + 1
    while i < n:
        line = lines[i]
        start = i
        if not line.strip():
            while i < n and not lines[i].strip():
                i += 1
            blocks.append(Block(BlockKind.VERBATIM, start + 1, raw(start, i)))
            continue
        fence = _FENCE.match(line)
        if fence:
            mark = fence.group(1)
            i += 1
            while i < n and not lines[i].lstrip().startswith(mark):
                i += 1
            i = min(i + 1, n)
            blocks.append(Block(BlockKind.VERBATIM, start + 1, raw(start, i)))
            continue
        if _verbatim_start(line):
            i += 1
            while i < n and lines[i].strip() and not _HEADING.match(lines[i]):
                i += 1
            blocks.append(Block(BlockKind.VERBATIM, start + 1, raw(start, i)))
            continue
        m = _HEADING.match(line)
        if m:
            i += 1
            blocks.append(Block(BlockKind.HEADING, start + 1, raw(start, i), m.group(2),
                                m.group(1)))
            continue
        m = _ITEM.match(line)
        if m:
            i += 1
            indent = len(m.group(1))
            while i < n and lines[i].strip() and not _ITEM.match(lines[i]) and \
                    not _HEADING.match(lines[i]) and lines[i].startswith(" " * min(indent, 2)):
                i += 1
            text_lines = [m.group(2), *lines[start + 1:i]]
            blocks.append(Block(BlockKind.LIST_ITEM, start + 1, raw(start, i), _join(text_lines),
                                m.group(1)))
            continue
        m = _QUOTE.match(line)
        if m:
            i += 1
            while i < n and lines[i].startswith(">") and lines[i][1:].strip():
                i += 1
            text_lines = [(_QUOTE.match(x) or m).group(2) for x in lines[start:i]]
            blocks.append(Block(BlockKind.QUOTE, start + 1, raw(start, i), _join(text_lines),
                                m.group(1)))
            continue
        i += 1
        while i < n and lines[i].strip() and not (
                _HEADING.match(lines[i]) or _ITEM.match(lines[i]) or _FENCE.match(lines[i])
                or _QUOTE.match(lines[i]) or _SETEXT.match(lines[i])):
            i += 1
        if i < n and _SETEXT.match(lines[i]) and lines[i].strip():
            underline = lines[i] + "\n"
            i += 1
            blocks.append(Block(BlockKind.HEADING, start + 1, raw(start, i),
                                _join(lines[start:i - 1]), "", underline))
            continue
        blocks.append(Block(BlockKind.PARAGRAPH, start + 1, raw(start, i),
                            _join(lines[start:i])))
    return blocks


def render_story(blocks: Sequence[Block], translate: Callable[[str], str | None]) -> str:
    """The story with each block's text replaced by ``translate(text)``; the source text is
    kept where it returns None (no translation yet)."""
    out: list[str] = []
    for block in blocks:
        if block.text is None:
            out.append(block.raw)
            continue
        target = translate(block.text)
        if target is None:
            out.append(block.raw)
            continue
        if block.suffix:  # setext heading: underline as long as the new title
            mark = block.suffix.strip()[0]
            out.append(f"{target}\n{mark * max(3, len(target))}\n")
        else:
            out.append(f"{block.prefix}{target}\n")
    return "".join(out)
