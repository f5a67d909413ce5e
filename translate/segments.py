"""The one sentence splitter of glosa: text -> segments with character offsets.

Every feature (translate, catalogs, quotes) splits text here, so a sentence means the same
thing everywhere. Rules, not models (nothing to download):

- A segment never crosses a line break, so a translation can be put back line by line
  (``glosa translate`` is line-aligned).
- Markdown block markup (heading ``#``, list bullets and numbers, block quotes ``>``, table
  pipes) stays outside the segments; fenced and indented code blocks are not segmented at all.
- A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets), followed
  by a space and something that can start a sentence. Titles and abbreviations (Mr., Gen.,
  Lic., U.S., EE.UU.), initials (J. Smith) and numbers (1.5, 2,000) do not end one.

Putting translations back is :func:`replace_segments`: the text between segments (markup,
spaces) is kept byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

#: Abbreviations that never end a sentence (compared case-insensitively, without the final dot).
ABBREVIATIONS: frozenset[str] = frozenset({
    # English titles and ranks
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "lt", "col", "capt", "cpt", "sgt",
    "maj", "adm", "cmdr", "gov", "sen", "rep", "rev", "hon", "pres", "supt", "det", "insp",
    "vs", "v", "etc", "approx", "dept", "fig", "inc", "ltd", "co", "corp",
    "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mt", "ft", "ave", "blvd", "e.g", "i.e", "a.m", "p.m", "u.s", "u.k", "u.n", "d.c",
    # Spanish titles and usual abbreviations
    "sra", "srta", "lic", "licda", "ing", "arq", "dra", "mtro", "mtra", "profa", "gral",
    "cap", "cnel", "tte", "núm", "pág", "págs", "av",
    "ee.uu", "ee. uu", "uu", "ud", "uds", "vd", "vds", "cía", "admón", "depto", "aprox",
    "ene", "abr", "ago", "dic", "a.c", "s.a", "c.v", "p.ej",
})

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
# Block markup at the start of a Markdown line: quotes, headings, bullets, numbers, tasks.
_BLOCK_PREFIX = re.compile(
    r"^(?:[ \t]*>[ \t]?)*"                 # block quotes
    r"[ \t]*(?:#{1,6}[ \t]+"                # heading
    r"|(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?"  # list item, optional task box
    r")?"
)
_INDENTED_CODE = re.compile(r"^(?: {4}|\t)\s*\S")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s")
_RULE = re.compile(r"^\s*(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")

# A candidate sentence end: terminal punctuation, closing quotes/brackets, then spaces.
_END = re.compile(r"([.!?…]+)([\"'”’»)\]*_]*)(\s+)")
_OPENERS = "\"'“‘«¿¡([*_"


@dataclass(frozen=True)
class Segment:
    """A sentence (or a sentence-like piece) of a text: ``text == source[start:end]``.

    ``line`` is the 0-based line of the source it is on; ``index`` its place in that line.
    """

    text: str
    start: int
    end: int
    line: int = 0
    index: int = 0


def _is_abbreviation(before: str) -> bool:
    """Whether the word that ends with the dot at the end of ``before`` is an abbreviation."""
    m = re.search(r"([\w.]+)$", before)
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    if word in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha():
        return True  # an initial: J. Smith
    if re.fullmatch(r"(?:\w\.)+\w", word):
        return True  # U.S, EE.UU, a.m (dotted acronyms)
    return False


def _starts_sentence(after: str) -> bool:
    """Whether the text after a candidate end can begin a new sentence."""
    i = 0
    while i < len(after) and after[i] in _OPENERS:
        i += 1
    if i >= len(after):
        return i > 0
    ch = after[i]
    return ch.isupper() or ch.isdigit() or ch in "Xx" and after[i:i + 2] == "Xq"


def split_sentences(text: str, offset: int = 0, line: int = 0) -> list[Segment]:
    """Split one line of text (no newline in it) into sentences with offsets into the source.

    >>> [s.text for s in split_sentences('Mr. Smith left. The U.S. Army paid 1.5 million. Ok?')]
    ['Mr. Smith left.', 'The U.S. Army paid 1.5 million.', 'Ok?']
    >>> [s.text for s in split_sentences('«Lo niego», dijo el Lic. Pérez. EE.UU. no opinó.')]
    ['«Lo niego», dijo el Lic. Pérez.', 'EE.UU. no opinó.']
    """
    segments: list[Segment] = []
    start = 0
    n = len(text)
    while start < n and text[start].isspace():
        start += 1
    for m in _END.finditer(text):
        cut = m.end(2)
        if cut <= start:
            continue
        punct = m.group(1)
        if punct == "." and _is_abbreviation(text[start:m.start(1)]):
            continue
        if not _starts_sentence(text[m.end():m.end() + 4]):
            continue
        piece = text[start:cut]
        if piece.strip():
            segments.append(Segment(piece, offset + start, offset + cut, line, len(segments)))
        start = m.end()
    end = n
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        segments.append(Segment(text[start:end], offset + start, offset + end, line,
                                len(segments)))
    return segments


def _content_span(line: str) -> tuple[int, int]:
    """The part of a Markdown line that is prose: after block markup, before trailing space."""
    m = _BLOCK_PREFIX.match(line)
    start = m.end() if m else 0
    end = len(line)
    while end > start and line[end - 1].isspace():
        end -= 1
    return start, end


def segment_text(text: str, *, markdown: bool = True) -> list[Segment]:
    """Every sentence of ``text`` with offsets into it; line breaks always end a segment.

    With ``markdown`` (the default; harmless on plain text), block markup stays outside the
    segments and code blocks, horizontal rules and table separator rows are skipped.

    >>> [(s.text, s.line) for s in segment_text('# The cartel\\n\\n- Gen. Ruiz spoke. He left.')]
    [('The cartel', 0), ('Gen. Ruiz spoke.', 2), ('He left.', 2)]
    """
    segments: list[Segment] = []
    pos = 0
    in_fence = False
    prev_blank = True
    for lineno, line in enumerate(text.split("\n")):
        line_start = pos
        pos += len(line) + 1
        body = line[:-1] if line.endswith("\r") else line
        if markdown:
            if _FENCE.match(body):
                in_fence = not in_fence
                prev_blank = False
                continue
            if in_fence or (prev_blank and _INDENTED_CODE.match(body)
                            and not _LIST_ITEM.match(body)):
                prev_blank = False
                continue
            if _RULE.match(body) or _TABLE_SEP.match(body):
                prev_blank = False
                continue
            start, end = _content_span(body)
        else:
            start, end = 0, len(body)
        prev_blank = not body.strip()
        if end <= start:
            continue
        if markdown and "|" in body[start:end] and body.lstrip().startswith("|"):
            segments.extend(_table_cells(body, line_start, lineno))
            continue
        segments.extend(split_sentences(body[start:end], line_start + start, lineno))
    return segments


def _table_cells(line: str, offset: int, lineno: int) -> list[Segment]:
    out: list[Segment] = []
    for m in re.finditer(r"[^|]+", line):
        cell = m.group(0)
        lead = len(cell) - len(cell.lstrip())
        stripped = cell.strip()
        if stripped:
            for seg in split_sentences(stripped, offset + m.start() + lead, lineno):
                out.append(Segment(seg.text, seg.start, seg.end, lineno, len(out)))
    return out


def replace_segments(text: str, segments: Sequence[Segment], replacements: Sequence[str]) -> str:
    """``text`` with each segment's span replaced by its replacement (everything else kept).

    >>> segs = segment_text('# Hi. Bye.')
    >>> replace_segments('# Hi. Bye.', segs, ['Hola.', 'Adiós.'])
    '# Hola. Adiós.'
    """
    if len(segments) != len(replacements):
        raise ValueError("one replacement per segment")
    parts: list[str] = []
    pos = 0
    for seg, rep in sorted(zip(segments, replacements, strict=True), key=lambda p: p[0].start):
        parts.append(text[pos:seg.start])
        parts.append(rep)
        pos = seg.end
    parts.append(text[pos:])
    return "".join(parts)
