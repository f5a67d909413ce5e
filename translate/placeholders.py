"""Protect what an engine would mangle (placeholders, markup), translate, restore, verify.

Apertium passes an unknown word such as ``Xqp1x`` through unchanged but rewrites
``{name}`` as ``{El nombre}`` and ``%(count)d`` as ``%(Cuenta)d``; a neural engine does
worse. So before translating, every placeholder or piece of markup is replaced by an opaque
token of letters and digits, and afterwards the token is put back. :func:`restore` reports
tokens the engine lost or duplicated, so a caller can fall back (catalogs keep the entry
untranslated rather than ship a broken format string).

Which patterns count depends on the text: :data:`FORMATS` names them the way gettext flags
do (``python-format``, ``python-brace-format``, ``c-format``) plus ``markdown`` and ``html``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_PATTERNS: dict[str, str] = {
    # %(name)s, %-5.2f, %d, %%: Python's %-formatting (and most of C's)
    "python-format": r"%(?:\([^()\s]{1,40}\))?[-#0+]*(?:\*|\d+)?(?:\.(?:\*|\d+))?"
                     r"[diouxXeEfFgGcrsa%]",
    "c-format": r"%(?:\d+\$)?[-#0+']*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|L|q|j|z|t)?"
                r"[diouxXeEfFgGaAcspn%]",
    # {name}, {0}, {name!r:>10}, {{ and }}
    "python-brace-format": r"\{\{|\}\}|\{[^{}\s]{0,60}\}",
    "html": r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"
            r"|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);",
    # inline code, autolinks, the URL part of a link or image, emphasis runs, hard breaks
    "markdown": r"`+[^`]+`+|<https?://[^>\s]+>|\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*"
                r"(?:\s+\"[^\"]*\")?\)|!?\[|\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)|~~",
    # Apertium drops a bare ~ and reads these as stream syntax
    "stream": r"[~^$@\\]",
}

#: Per kind, characters of which every placeholder of that kind contains at least one: a text
#: with none of them has no placeholder, and is not scanned with the (slow) full expression.
_NEEDS: dict[str, str] = {
    "python-format": "%", "c-format": "%", "python-brace-format": "{}", "html": "<&",
    "markdown": "`<[]*_~", "stream": "~^$@\\",
}

#: Every known kind, in the order they are tried (longest constructs first).
FORMATS: tuple[str, ...] = (
    "html", "markdown", "python-brace-format", "python-format", "c-format", "stream",
)
#: What plain prose from a reporter needs (no printf-style placeholders in news copy).
PROSE_FORMATS: tuple[str, ...] = ("html", "markdown", "stream")

TOKEN_PREFIX = "Xqp"
_TOKEN = re.compile(r"Xqp(\d+)x")


@dataclass(frozen=True)
class Placeholder:
    """A piece of the source replaced by ``token`` while the text is translated."""

    token: str
    original: str
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Protected:
    """A source text with its placeholders swapped for tokens."""

    source: str
    text: str
    placeholders: tuple[Placeholder, ...]


@dataclass(frozen=True)
class Restored:
    """A translation with the originals put back, and what went wrong doing so."""

    text: str
    missing: tuple[Placeholder, ...] = ()
    duplicated: tuple[Placeholder, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.missing and not self.duplicated


def _regex(formats: Iterable[str]) -> re.Pattern[str]:
    parts = []
    for name in formats:
        if name not in _PATTERNS:
            raise ValueError(f"unknown placeholder format {name!r}; known: {', '.join(FORMATS)}")
        parts.append(f"(?P<{name.replace('-', '_')}>{_PATTERNS[name]})")
    return re.compile("|".join(parts), re.S)


def _needs(formats: Iterable[str]) -> re.Pattern[str]:
    chars = "".join(sorted({c for name in formats for c in _NEEDS[name]}))
    return re.compile("[" + re.escape(chars) + "]")


_CACHE: dict[tuple[str, ...], tuple[re.Pattern[str], re.Pattern[str]]] = {}


def find_placeholders(text: str, formats: Iterable[str] = FORMATS) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of every placeholder of the given kinds, left to right.

    >>> find_placeholders('Hi {name}, %(count)d <b>new</b>', ['python-brace-format',
    ...                   'python-format', 'html'])
    [(3, 9, 'python-brace-format'), (11, 20, 'python-format'), (21, 24, 'html'), (27, 31, 'html')]
    """
    key = tuple(formats)
    cached = _CACHE.get(key)
    if cached is None:
        cached = _CACHE[key] = (_regex(key), _needs(key))
    rx, needs = cached
    if needs.search(text) is None:
        return []
    out = []
    for m in rx.finditer(text):
        kind = (m.lastgroup or "").replace("_", "-")
        if kind == "python-format" and m.group(0) == "%":
            continue
        out.append((m.start(), m.end(), kind))
    return out


def protect(text: str, formats: Iterable[str] = FORMATS, *, first: int = 1) -> Protected:
    """Replace placeholders with tokens ``Xqp1x``, ``Xqp2x``... (numbered from ``first``).

    A token glued to a neighbouring character gets a space on that side, so the engine sees
    a word of its own; :func:`restore` takes the space away again.

    >>> p = protect('Hola {name}, tienes %d mensajes', ['python-brace-format', 'c-format'])
    >>> p.text
    'Hola Xqp1x , tienes Xqp2x mensajes'
    """
    pieces: list[str] = []
    placeholders: list[Placeholder] = []
    pos = 0
    n = first
    for start, end, kind in find_placeholders(text, formats):
        token = f"{TOKEN_PREFIX}{n}x"
        n += 1
        pieces.append(text[pos:start])
        if start > 0 and not text[start - 1].isspace():
            pieces.append(" ")
        pieces.append(token)
        if end < len(text) and not text[end].isspace():
            pieces.append(" ")
        placeholders.append(Placeholder(token, text[start:end], kind, start, end))
        pos = end
    pieces.append(text[pos:])
    return Protected(text, "".join(pieces), tuple(placeholders))


def restore(translation: str, protected: Protected) -> Restored:
    """Put the originals back; report tokens the engine dropped or repeated.

    >>> p = protect('**El cártel**: <b>cartel</b>', ['html', 'markdown'])
    >>> p.text
    'Xqp1x El cártel Xqp2x : Xqp3x cartel Xqp4x'
    >>> restore('Xqp1x The cartel Xqp2x : Xqp3x cártel Xqp4x', p).text
    '**The cartel**: <b>cártel</b>'
    """
    if not protected.placeholders:
        return Restored(translation)
    by_token = {p.token: p for p in protected.placeholders}
    counts: dict[str, int] = {}
    src = protected.source
    out: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(translation):
        p = by_token.get(m.group(0))
        if p is None:
            continue
        counts[p.token] = counts.get(p.token, 0) + 1
        before = translation[pos:m.start()]
        if p.start > 0 and not src[p.start - 1].isspace() and before.endswith(" "):
            before = before[:-1]
        out.append(before)
        out.append(p.original)
        pos = m.end()
        if p.end < len(src) and not src[p.end].isspace() and translation[pos:pos + 1] == " ":
            pos += 1
    out.append(translation[pos:])
    missing = tuple(p for p in protected.placeholders if counts.get(p.token, 0) == 0)
    duplicated = tuple(p for p in protected.placeholders if counts.get(p.token, 0) > 1)
    return Restored("".join(out), missing, duplicated)


def verify(source: str, translation: str, formats: Iterable[str] = FORMATS) -> list[str]:
    """Placeholders of ``source`` that ``translation`` lacks (a multiset comparison).

    >>> verify('%(n)d items in {dir}', '%(n)d elementos', ['python-format', 'python-brace-format'])
    ['{dir}']
    """
    kinds = tuple(formats)
    want = [source[s:e] for s, e, _k in find_placeholders(source, kinds)]
    have = [translation[s:e] for s, e, _k in find_placeholders(translation, kinds)]
    missing = []
    for item in want:
        if item in have:
            have.remove(item)
        else:
            missing.append(item)
    return missing
