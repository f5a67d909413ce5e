"""Put the original words back: a translated quote becomes the words actually said.

A story in English quotes a Mexican official in English; translated back into Spanish, the
quote would be a back-translation of a translation. When the desk has the original words
(a transcript in the target language), each quote of the machine translation is paired with
the original it renders, in the same language (no engine needed), and replaced by it
verbatim: the whole original for a full quote, the stretch of it that the quote renders for
a partial one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from translate.quotes.align import PAIR_THRESHOLD, char_similarity, split_sentences
from translate.quotes.extract import CONTINUATION, OPENERS, Quote, extract_quotes

#: A fragment is replaced only when the stretch of the original it renders is this clear.
FRAGMENT_ALIGNMENT = 70.0


@dataclass(frozen=True)
class RestoredQuote:
    """One quote of the output replaced by the original words."""

    line: int  # 1-based line of the quote in the output
    machine: str  # what the engine wrote
    original: str  # what was said, now in the output
    original_line: int
    similarity: float
    partial: bool

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "machine": self.machine, "original": self.original,
                "original_line": self.original_line,
                "similarity": round(self.similarity, 3), "partial": self.partial}


@dataclass(frozen=True)
class OriginalMatch:
    """A quote of a text and the original quote it renders (both in the same language)."""

    quote: Quote
    original: Quote
    words: str | None  # what the quote should say; None: a fragment whose stretch is unclear
    similarity: float
    partial: bool

    @property
    def verbatim(self) -> bool:
        """Whether the quote already is the original words: a comma or period the story put
        inside the marks, and the case of the first letter (a quote woven into a sentence),
        aside.

        >>> q = extract_quotes('Dijo que «no iremos,» y se fue.', "es")[0]
        >>> OriginalMatch(q, q, "No iremos", 1.0, True).verbatim
        True
        """
        return self.words is not None and _bare(self.quote.text) == _bare(self.words)


def _bare(words: str) -> str:
    words = words.strip().rstrip(" ,;:.")
    return words[:1].lower() + words[1:]


def original_quotes(originals_text: str, lang: str) -> list[Quote]:
    """The top-level quotes of a text of original words (a transcript, the source story)."""
    return [q for q in extract_quotes(originals_text, lang) if q.depth == 0]


def match_originals(text: str, originals: Sequence[Quote], lang: str) -> list[OriginalMatch]:
    """Each top-level quote of ``text`` that renders one of ``originals``, with the words it
    should carry: the whole original for a full quote, the stretch it renders for a partial
    one. The one pairing rule of ``--originals``, for translating and for checking."""
    out: list[OriginalMatch] = []
    for quote in (q for q in extract_quotes(text, lang) if q.depth == 0):
        found = _best_original(quote, originals)
        if found is None:
            continue
        original, sim, partial = found
        words = original.text if not partial else _stretch(quote.text, original.text)
        out.append(OriginalMatch(quote, original, words, sim, partial))
    return out


def restore_originals(translated: str, originals_text: str, lang: str
                      ) -> tuple[str, list[RestoredQuote]]:
    """``translated`` with each quote that renders one of ``originals_text``'s quotes
    replaced by the original words; both texts are in ``lang``.

    >>> text, done = restore_originals('Dijo: «No vamos a negociar con cualquier grupo».',
    ...                                '«No vamos a negociar con ningún grupo», dijo.', "es")
    >>> text
    'Dijo: «No vamos a negociar con ningún grupo».'
    >>> done[0].machine
    'No vamos a negociar con cualquier grupo'
    """
    edits: list[tuple[int, int, str]] = []
    done: list[RestoredQuote] = []
    for match in match_originals(translated, original_quotes(originals_text, lang), lang):
        quote, original, words = match.quote, match.original, match.words
        if words is None or words == quote.text:
            continue
        # original parts (paragraphs) give the split when they match the quote's; otherwise
        # the original's sentences are shared out among the quote's paragraphs
        units = [" ".join(originals_text[s:e].split()) for s, e in original.spans] \
            if not match.partial and len(original.spans) == len(quote.spans) else None
        edits += _quote_edits(translated, quote, words, units, lang)
        done.append(RestoredQuote(quote.line, quote.text, words, original.line,
                                  match.similarity, match.partial))
    out = translated
    for start, end, replacement in sorted(edits, key=lambda e: -e[0]):
        out = out[:start] + replacement + out[end:]
    return out, done


def _quote_edits(text: str, quote: Quote, words: str, units: list[str] | None,
                 lang: str) -> list[tuple[int, int, str]]:
    """The edits that put ``words`` in place of ``quote``: one per paragraph of the quote,
    each paragraph getting its share of the words, and every further paragraph opening with
    the mark the language's convention wants (:data:`~translate.quotes.extract.CONTINUATION`).
    When the words cannot be shared out (fewer sentences than paragraphs), they all go in
    the first paragraph, which is closed there, and the quote's further paragraphs are
    removed, marks and all."""
    spans = quote.spans
    if len(spans) == 1:
        start, end = spans[0]
        return [(start, end, _keep_edges(text[start:end], words))]
    if quote.dialogue:
        # a dialogue line the narrator interrupts (—No iremos —dijo el alcalde—. Nunca.):
        # the words shared out among its parts, the dashes and the aside left alone
        parts = _share_out(units or split_sentences(words),
                           [" ".join(text[s:e].split()) for s, e in spans])
        if parts is None:
            parts = [words] + [""] * (len(spans) - 1)
        return [(s, e, _keep_edges(text[s:e], p)) for (s, e), p in zip(spans, parts,
                                                                         strict=True)]
    mark = text[spans[0][0] - 1] if spans[0][0] > 0 else '"'
    groups = _share_out(units or split_sentences(words),
                        [" ".join(text[s:e].split()) for s, e in spans])
    edits: list[tuple[int, int, str]] = []
    if groups is not None:
        reopen = CONTINUATION.get(lang, CONTINUATION["en"]).get(mark, mark)
        for k, ((start, end), group) in enumerate(zip(spans, groups, strict=True)):
            edits.append((start, end, _keep_edges(text[start:end], group)))
            if k:  # the mark that reopened this paragraph, as the language wants it
                edits.append((start - 1, start, reopen))
        return edits
    start, end = spans[0]
    closer = OPENERS.get(mark, mark)
    edits.append((start, end, _keep_edges(text[start:end], words).rstrip(",;:") + closer))
    for k, (s, e) in enumerate(spans[1:], start=1):
        cut_end = e + 1 if k == len(spans) - 1 and e < len(text) and text[e] == closer else e
        # and the punctuation and space the narration had after the closing mark
        while k == len(spans) - 1 and cut_end < len(text) and text[cut_end] in ",;: ":
            cut_end += 1
        edits.append((s - 1, cut_end, ""))
    return edits


def _share_out(units: list[str], parts: list[str]) -> list[str] | None:
    """``units`` (sentences or paragraphs, in order) cut into ``len(parts)`` contiguous,
    non-empty groups whose total likeness to the parts (character similarity, both texts in
    the same language) is highest; ``None`` when there are fewer units than parts. Dynamic
    programming over (parts filled, units used): about parts x units² / 2 comparisons.

    >>> _share_out(["Vimos humo.", "Luego camiones.", "Eran tres."],
    ...            ["vimos el humo", "luego llegaron camiones, eran tres"])
    ['Vimos humo.', 'Luego camiones. Eran tres.']
    """
    k, n = len(parts), len(units)
    if n < k:
        return None
    # best[p][b]: the best score filling the first p parts with the first b units, and the
    # start of the last group
    best: list[dict[int, tuple[float, int]]] = [{0: (0.0, 0)}] + [{} for _ in range(k)]
    for p in range(1, k + 1):
        for b in range(p, n - (k - p) + 1):
            options = [(best[p - 1][a][0] + char_similarity(" ".join(units[a:b]),
                                                            parts[p - 1]).f, a)
                       for a in range(p - 1, b) if a in best[p - 1]]
            best[p][b] = max(options)
    groups: list[str] = []
    b = n
    for p in range(k, 0, -1):
        a = best[p][b][1]
        groups.append(" ".join(units[a:b]))
        b = a
    return groups[::-1]


_TRAILING = re.compile(r"(?<![.…])[.,;:]$")


def _keep_edges(old: str, new: str) -> str:
    """The stop or comma at the end of the quoted words is the story's convention, not the
    original's: "…," he said and "…." in English, «…», dijo and «…». in Spanish. An
    ellipsis is the speaker's and stays.

    >>> _keep_edges("we will go,", "iremos"), _keep_edges("iremos", "we will go,")
    ('iremos,', 'we will go')
    >>> _keep_edges("No sé", "I don't know..."), _keep_edges("Nunca.", "never")
    ("I don't know...", 'never.')
    """
    if not new:
        return new
    tail = _TRAILING.search(old)
    return _TRAILING.sub("", new) + (tail.group() if tail else "")


def _best_original(quote: Quote, originals: Sequence[Quote]
                   ) -> tuple[Quote, float, bool] | None:
    best: tuple[Quote, float, bool] | None = None
    for original in originals:
        sim = char_similarity(quote.text, original.text)
        partial = sim.recall < 0.6 * sim.precision and quote.words >= 3
        score = sim.precision if partial else sim.f
        if score >= max(PAIR_THRESHOLD + 0.1, best[1] if best else 0.0):
            best = (original, score, partial)
    return best


def _stretch(fragment: str, original: str) -> str | None:
    """The words of ``original`` that ``fragment`` renders, cut at word boundaries."""
    from rapidfuzz import fuzz

    al = fuzz.partial_ratio_alignment(fragment.lower(), original.lower())
    if al is None or al.score < FRAGMENT_ALIGNMENT:
        return None
    start, end = al.dest_start, al.dest_end
    while start > 0 and original[start - 1].isalnum():
        start -= 1
    while end < len(original) and original[end].isalnum():
        end += 1
    return original[start:end].strip(" ,;")
