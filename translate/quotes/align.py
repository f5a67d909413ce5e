"""Pair the quotes of a translated story with their originals, and say what changed.

Cross-lingual similarity without neural weights: the original quotes are translated into the
story's language with the engine (one batched call, sentence by sentence), then compared with
each translated quote by character n-grams (chrF-style precision, recall and F), plus anchors
that survive translation: numbers, names, glossary terms and the speaker. When the engine
brings a bilingual word list (Apertium's dictionaries), the words of the two quotes are also
linked through it, for free renderings whose machine translation shares few n-grams. Order
is not assumed: a story may quote the end of a speech first. A translated quote may be a
fragment of an original (partial quote), several translated quotes may share one original
(split), and one translated quote may join two originals (merged).

Findings (rule = kind): ``unsourced`` (a translated quote with no original), ``missing``
(document mode: an original quote absent from the translation), ``number``, ``negation``,
``name``, ``term`` (from :mod:`translate.checks`) and ``low-similarity`` (paired, but likely
mistranslated).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from glossary.findings import Finding, Severity
from translate import checks
from translate.engines.base import engine_lexicon
from translate.i18n import _
from translate.lexicon import BilingualLexicon, word_coverage
from translate.quotes.extract import Quote, extract_quotes, unclosed_quotes
from translate.quotes.length_prior import length_log_prior

if TYPE_CHECKING:
    from glossary.model import Glossary, Lang
    from translate.engines.base import Engine

Mode = Literal["excerpt", "document"]

#: A translated quote pairs with an original when their score reaches this.
PAIR_THRESHOLD = 0.33
#: A paired quote whose similarity stays under this is reported as likely mistranslated.
LOW_SIMILARITY = 0.30
#: Quotes this short with no speaker are scare quotes or titles ("so-called «plaza»"), not
#: speech: they are not required to have an original.
MIN_WORDS = 3
_NGRAM_ORDERS = (2, 3, 4, 5)


# ---------------------------------------------------------------------------------------------
# similarity


@lru_cache(maxsize=8192)
def _normalise(text: str) -> str:
    return " ".join(checks.fold(re.sub(r"[^\w\s]", " ", text)).split())


def _ngrams(text: str, n: int) -> Counter[str]:
    text = text.replace(" ", "")
    return Counter(text[i:i + n] for i in range(len(text) - n + 1))


@dataclass(frozen=True)
class Similarity:
    """Character n-gram overlap of a hypothesis (the translated quote) with a reference (the
    machine translation of the original): precision, recall and their harmonic mean."""

    precision: float
    recall: float

    @property
    def f(self) -> float:
        total = self.precision + self.recall
        return 0.0 if total == 0 else 2 * self.precision * self.recall / total


def char_similarity(hypothesis: str, reference: str) -> Similarity:
    """chrF-style statistics over distinct character 2- to 5-grams and word stems, case and
    accents ignored.

    >>> s = char_similarity("no vamos a negociar", "No vamos a negociar nunca con ellos")
    >>> round(s.precision, 2), s.recall < 0.7
    (1.0, True)
    """
    hyp, ref = _profile(hypothesis), _profile(reference)
    precisions: list[float] = []
    recalls: list[float] = []
    for h, r in zip(hyp, ref, strict=True):
        if not h or not r:
            continue
        common = len(h & r)
        precisions.append(common / len(h))
        recalls.append(common / len(r))
    if not precisions:
        return Similarity(0.0, 0.0)
    return Similarity(sum(precisions) / len(precisions), sum(recalls) / len(recalls))


#: Words any sentence has; they do not count as shared content.
_FUNCTION_WORDS = checks.STOPWORDS["en"] | checks.STOPWORDS["es"]


@lru_cache(maxsize=8192)
def _profile(text: str) -> tuple[frozenset[str], ...]:
    """Distinct character n-grams per order, then word stems (chrF++ counts words too; the
    first five letters forgive inflection: paralyze/paralyse, arrested/arrests). Sets rather
    than counts: quotes rarely repeat an n-gram, and set intersection is fast."""
    norm = _normalise(text)
    grams = [frozenset(_ngrams(norm, n)) for n in _NGRAM_ORDERS]
    grams.append(frozenset(w[:5] for w in norm.split() if w not in _FUNCTION_WORDS))
    return tuple(grams)


@dataclass(frozen=True)
class Anchors:
    """What survives translation in a text: numbers, names, and the speaker."""

    numbers: frozenset[float]
    names: frozenset[str]


def anchors_of(text: str, lang: Lang | str) -> Anchors:
    numbers: set[float] = set()
    for item in checks.extract_numbers(text, lang):
        if item.strong and item.kind == "number":
            numbers |= item.values
    names = {checks.fold(t) for n in checks.find_names(text, lang) for t in n.tokens
             if len(t) >= 3}
    return Anchors(frozenset(numbers), frozenset(names))


def _anchor_bonus(a: Anchors, b: Anchors) -> float:
    """Up to +0.2 for shared numbers and names; a penalty when both have some and share none."""
    bonus = 0.0
    if a.numbers and b.numbers:
        bonus += 0.1 if a.numbers & b.numbers else -0.05
    if a.names and b.names:
        bonus += 0.1 if _names_overlap(a.names, b.names) else -0.05
    return bonus


def _names_overlap(left: frozenset[str], right: frozenset[str]) -> bool:
    from rapidfuzz import fuzz

    return any(x == y or fuzz.ratio(x, y) >= 85 for x in left for y in right)


def _speaker_bonus(a: str | None, b: str | None) -> float:
    if not a or not b:
        return 0.0
    fa, fb = set(_normalise(a).split()), set(_normalise(b).split())
    return 0.05 if fa & fb - {"el", "la", "the", "de"} else 0.0


def _fragment_score(fragment: str, whole: str, sim: Similarity) -> float:
    """How well ``fragment`` reads as a stretch of ``whole``: its n-grams must be in ``whole``
    (precision) and in one place (the best partial alignment), not scattered function words
    that any long sentence has."""
    from rapidfuzz import fuzz

    contiguous = fuzz.partial_ratio(_normalise(fragment), _normalise(whole)) / 100
    return min(sim.precision, contiguous)


def _directed_score(hypothesis: str, reference: str, sim: Similarity) -> float:
    """F of a hypothesis against a reference in one language; a fragment of the reference is
    judged by how much of it the reference explains, a little below a full match. One or two
    words are explained by any long text, so they must match as a whole."""
    fragment = len(hypothesis.split()) >= MIN_WORDS and sim.recall < sim.precision
    if not fragment:
        return sim.f
    return max(sim.f, _fragment_score(hypothesis, reference, sim) - 0.1)


@dataclass(frozen=True)
class Candidate:
    """How well one translated quote matches one original (or two joined originals).

    ``score`` is the lexical evidence (characters, words, anchors) and alone decides whether
    the pair is made (:data:`PAIR_THRESHOLD`); ``prior`` is the log probability of the two
    quotes' lengths if they translate each other (:mod:`translate.quotes.length_prior`), and
    only helps choose among candidates (``rank``).
    """

    score: float
    similarity: Similarity
    originals: tuple[int, ...]
    prior: float = 0.0

    @property
    def rank(self) -> float:
        """What candidates are ordered by: the score, less a little for implausible lengths
        (at most ``LENGTH_WEIGHT * 5.9``)."""
        return self.score + LENGTH_WEIGHT * self.prior


#: How much the length prior (a log probability, 0 to about -5.9) weighs against the lexical
#: score when candidates are ordered: enough to choose between candidates whose lexical
#: evidence is equally weak (a one-word quote against a one-word and a thirty-word original),
#: too little to overturn clear lexical evidence (an excerpt of a long original).
LENGTH_WEIGHT = 0.01


def score_pair(mt_original: str, translation: str, original_anchors: Anchors,
               translation_anchors: Anchors,
               speakers: tuple[str | None, str | None] = (None, None),
               original: str | None = None,
               mt_translation: str | None = None,
               lexical: Similarity | None = None,
               synonyms: Similarity | None = None) -> tuple[float, Similarity]:
    """The pairing score of a translated quote against one machine-translated original.

    A full quote scores its F; a fragment of the original scores by precision (how much of
    the translated quote the original explains), a little below a full match. With
    ``mt_translation`` (the engine's rendering of the translated quote back into the
    original's language) the comparison is also made in that direction and the two are
    averaged: a word the engine renders one way going out ("trigger" -> "gatillo") is often
    recognised coming back ("disparador" -> "trigger"). With ``lexical`` (word coverage of
    the translated quote and the original through a bilingual word list, as precision and
    recall) the better of the two views counts, the word view discounted and taken as the
    lesser of its two coverages: words must explain both quotes, as a whole. One linked word
    in a long quote explains all of a two-word candidate ("grandes" / "greatest gallantry"),
    and a harmonic mean would still credit that; fragments are the character views' business
    (they find where in the original a fragment sits). ``synonyms`` is the same word view
    widened by an English thesaurus (a word also reaches its synonyms' translations), counted
    the same way and discounted further (:data:`SYNONYM_DISCOUNT`).
    """
    sim = char_similarity(translation, mt_original)
    base = _directed_score(translation, mt_original, sim)
    if mt_translation is not None and original is not None:
        back = char_similarity(mt_translation, original)
        base = (base + _directed_score(mt_translation, original, back)) / 2
    if original is not None:
        # names, numbers and loanwords pass through untranslated: the original itself is a
        # second, weaker reference
        direct = char_similarity(translation, original).f - 0.1
        base = max(base, direct)
    if lexical is not None:
        # a bilingual word list knows renderings the engine did not choose ("concerning" /
        # "preocupante"): a further view of the pair, like the original itself
        base = max(base, min(lexical.precision, lexical.recall) - LEXICAL_DISCOUNT)
    if synonyms is not None:
        base = max(base, min(synonyms.precision, synonyms.recall) - LEXICAL_DISCOUNT -
                   SYNONYM_DISCOUNT)
    return base + _anchor_bonus(original_anchors, translation_anchors) + _speaker_bonus(
        *speakers), sim


#: The word-list view (:func:`translate.lexicon.word_coverage`) is discounted by this, as the
#: comparison with the untranslated original is: words are coarser evidence than characters
#: (a word list links "going" to "vamos" in any two quotes about plans).
LEXICAL_DISCOUNT = 0.1
#: The synonym-widened word view is discounted by this too: a synonym's translation is second-
#: hand evidence, and a thesaurus links words of one theme (border, control, soldiers) that no
#: dictionary would. The dev half of the silver pairs is the same from 0 to 0.3; on the fault
#: stories, with no further discount an invented quote ("La frontera está completamente fuera
#: de control...") paired with an original, from 0.05 on none did: 0.15 keeps a margin.
SYNONYM_DISCOUNT = 0.15


# ---------------------------------------------------------------------------------------------
# results


def join_sentences(texts: Iterable[str]) -> str:
    """Join quote texts so that each still ends a sentence.

    >>> join_sentences(["No iremos", "Nunca."])
    'No iremos. Nunca.'
    """
    parts = [t.strip() for t in texts if t.strip()]
    return " ".join(p if p[-1] in ".!?…" or i == len(parts) - 1 else p.rstrip(",;:") + "."
                    for i, p in enumerate(parts))


@dataclass(frozen=True)
class QuotePair:
    """Originals and the translated quote(s) that render them."""

    originals: tuple[Quote, ...]
    translations: tuple[Quote, ...]
    score: float
    similarity: float
    kind: Literal["full", "partial", "split", "merged"] = "full"
    machine: str = ""  # the engine's translation of the original(s), for the reviewer
    findings: tuple[Finding, ...] = field(default=(), compare=False)

    @property
    def original_text(self) -> str:
        return join_sentences(q.text for q in self.originals)

    @property
    def translation_text(self) -> str:
        return " … ".join(q.text for q in self.translations)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "score": round(self.score, 3),
            "similarity": round(self.similarity, 3),
            "original": self.original_text,
            "original_lines": [q.line for q in self.originals],
            "original_speaker": next((q.speaker for q in self.originals if q.speaker), None),
            "translation": self.translation_text,
            "translation_lines": [q.line for q in self.translations],
            "translation_speaker": next((q.speaker for q in self.translations if q.speaker),
                                        None),
            "machine": self.machine,
            "issues": [f.rule for f in self.findings],
        }


@dataclass(frozen=True)
class Alignment:
    """The result of aligning a story's quotes with their originals."""

    original_lang: str
    translation_lang: str
    mode: str
    originals: tuple[Quote, ...]
    translations: tuple[Quote, ...]
    pairs: tuple[QuotePair, ...]
    unsourced: tuple[Quote, ...]
    missing: tuple[Quote, ...]
    findings: tuple[Finding, ...]

    @property
    def has_errors(self) -> bool:
        return any(f.is_error for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "original_lang": self.original_lang,
            "translation_lang": self.translation_lang,
            "mode": self.mode,
            "pairs": [p.to_dict() for p in self.pairs],
            "issues": [f.to_dict() for f in self.findings],
        }


# ---------------------------------------------------------------------------------------------
# alignment


def split_sentences(text: str) -> list[str]:
    """Sentences of a quote, for sentence-by-sentence translation (the one splitter,
    :mod:`translate.segments`).

    >>> split_sentences("No iremos. ¿Para qué? Nunca.")
    ['No iremos.', '¿Para qué?', 'Nunca.']
    """
    from translate import segments

    return [s.text for s in segments.split_sentences(" ".join(text.split()))]


def translate_quotes(quotes: Sequence[Quote], engine: Engine, src: Lang, tgt: Lang,
                     glossary: Glossary | None = None) -> list[list[str]]:
    """Each quote's sentences translated, in one batched engine call."""
    sentences = [split_sentences(q.text) or [q.text] for q in quotes]
    flat = [s for group in sentences for s in group]
    if not flat:
        return [[] for _q in quotes]
    out = engine.translate(flat, src, tgt, glossary=glossary)
    result: list[list[str]] = []
    k = 0
    for group in sentences:
        result.append(list(out[k:k + len(group)]))
        k += len(group)
    return result


def candidates_for(translation: Quote, mt_originals: Sequence[str],
                   original_anchors: Sequence[Anchors], translation_anchors: Anchors,
                   original_speakers: Sequence[str | None],
                   original_texts: Sequence[str] | None = None,
                   mt_translation: str | None = None,
                   lexicon: BilingualLexicon | None = None,
                   langs: tuple[str, str] | None = None) -> list[Candidate]:
    """Every original scored against one translated quote, best first (joined neighbours
    included, for a translated quote that merges two originals).

    Best first means by :attr:`Candidate.rank`: the lexical score with the length prior
    (when ``langs`` are given). Whether a pair is made at all is the score's business
    (:func:`assign`); the prior only orders candidates.
    """
    found: list[Candidate] = []
    t_chars = len(_normalise(translation.text))

    def prior(texts: Iterable[str]) -> float:
        if langs is None:
            return 0.0
        chars = len(_normalise(" ".join(texts)))
        return length_log_prior(chars, t_chars, langs[0], langs[1])

    for i, mt in enumerate(mt_originals):
        lexical = wide = None
        if lexicon is not None and original_texts is not None and langs is not None:
            cov = word_coverage(translation.text, langs[1], original_texts[i], langs[0],
                                lexicon)
            lexical = Similarity(*cov) if cov is not None else None
            if lexicon.thesaurus is not None:
                cov = word_coverage(translation.text, langs[1], original_texts[i], langs[0],
                                    lexicon, synonyms=True)
                wide = Similarity(*cov) if cov is not None else None
        score, sim = score_pair(mt, translation.text, original_anchors[i], translation_anchors,
                                (original_speakers[i], translation.speaker),
                                original_texts[i] if original_texts is not None else None,
                                mt_translation, lexical, wide)
        found.append(Candidate(score, sim, (i,),
                               prior(original_texts[i:i + 1]) if original_texts else 0.0))
    # merged: the two originals with the best evidence joined explain the translation much
    # better than either
    found.sort(key=lambda c: -c.score)
    merged: Candidate | None = None
    if len(found) >= 2:
        a, b = sorted(found[:2], key=lambda c: c.originals[0])
        joined = mt_originals[a.originals[0]] + " " + mt_originals[b.originals[0]]
        sim = char_similarity(translation.text, joined)
        best = found[0]
        # each original must be largely present (recall), and together they must explain
        # the translation clearly better than the best one alone
        if sim.f > best.similarity.f + 0.08 and sim.f + 0.05 > best.score and \
                min(a.similarity.recall, b.similarity.recall) >= 0.35 and \
                sim.f >= PAIR_THRESHOLD:
            ids = (a.originals[0], b.originals[0])
            merged = Candidate(sim.f + 0.05, sim, ids,
                               prior(original_texts[i] for i in ids) if original_texts else 0.0)
    found.sort(key=lambda c: -c.rank)
    return found if merged is None else [merged, *found]


#: A translated quote whose best original is taken by a better match may take its next best
#: original instead when that one scores within this margin of the best.
SECOND_CHOICE_MARGIN = 0.25


def assign(ranked: Sequence[Sequence[Candidate]]) -> dict[int, Candidate]:
    """Choose an original for each translated quote from its ranked candidates.

    One-to-one first (a story usually quotes each original once), over the whole document at
    once: a quote whose best candidate joins two originals (merged) takes them first, then
    the single originals are assigned so that the pairs' total score is highest (the Hungarian
    method, :func:`scipy.optimize.linear_sum_assignment`), not greedily: a short quote whose
    words are also inside a longer original must not take that original from the longer
    quote when its own original is nearly as good. A quote may take an original other than
    its best only when that one ranks within :data:`SECOND_CHOICE_MARGIN` of the best. What
    is left shares its best original (a quote split in two parts). Scores under
    :data:`PAIR_THRESHOLD` never pair, whatever their length prior: the prior
    (:attr:`Candidate.rank`) chooses among originals, it never makes or unmakes a pair, so a
    quote is paired exactly when one of its candidates scores at least the threshold.
    """
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    chosen: dict[int, Candidate] = {}
    taken: set[int] = set()
    merged = sorted((cands[0].score, j) for j, cands in enumerate(ranked)
                    if cands and len(cands[0].originals) > 1
                    and cands[0].score >= PAIR_THRESHOLD)
    for _i, j in reversed(merged):
        cand = ranked[j][0]
        if not taken & set(cand.originals):
            chosen[j] = cand
            taken |= set(cand.originals)
    options: dict[tuple[int, int], Candidate] = {}
    for j, cands in enumerate(ranked):
        if j in chosen or not cands:
            continue
        for cand in cands:
            (i, *rest) = cand.originals
            if rest or i in taken or (j, i) in options or cand.score < PAIR_THRESHOLD or \
                    cand.rank < cands[0].rank - SECOND_CHOICE_MARGIN:
                continue
            options[(j, i)] = cand
    if options:
        rows = sorted({j for j, _i in options})
        cols = sorted({i for _j, i in options})
        weight = np.zeros((len(rows), len(cols)))
        for (j, i), cand in options.items():
            # positive: a pair's score is at least the threshold, its length penalty smaller
            weight[rows.index(j), cols.index(i)] = max(cand.rank, 1e-6)
        for r, c in zip(*linear_sum_assignment(weight, maximize=True), strict=True):
            if weight[r, c] > 0:  # a zero is "no allowed pair", not a pair
                chosen[rows[r]] = options[(rows[r], cols[c])]
    for j, cands in enumerate(ranked):
        if j not in chosen:
            pairable = [c for c in cands if c.score >= PAIR_THRESHOLD]
            if pairable:
                chosen[j] = pairable[0]
    return chosen


def align_quotes(original_text: str, translation_text: str, engine: Engine, *,
                 original_lang: Lang, translation_lang: Lang, mode: Mode = "excerpt",
                 glossary: Glossary | None = None, original_path: str | None = None,
                 translation_path: str | None = None) -> Alignment:
    """Extract the quotes of both texts, pair them, and check every pair; a quotation of
    either text whose closing mark is missing is reported too (``unclosed-quote``)."""
    import dataclasses

    all_originals = extract_quotes(original_text, original_lang)
    all_translations = extract_quotes(translation_text, translation_lang)
    result = align_quote_lists(
        [q for q in all_originals if q.depth == 0],
        [q for q in all_translations if q.depth == 0], engine, original_lang=original_lang,
        translation_lang=translation_lang, mode=mode, glossary=glossary,
        original_path=original_path, translation_path=translation_path)
    unclosed = unclosed_quotes(original_text, original_lang, original_path, all_originals) + \
        unclosed_quotes(translation_text, translation_lang, translation_path, all_translations)
    if not unclosed:
        return result
    findings = sorted((*result.findings, *unclosed), key=lambda f: (f.line or 0, f.rule))
    return dataclasses.replace(result, findings=tuple(findings))


def align_quote_lists(originals: Sequence[Quote], translations: Sequence[Quote],
                      engine: Engine, *, original_lang: Lang, translation_lang: Lang,
                      mode: Mode = "excerpt", glossary: Glossary | None = None,
                      original_path: str | None = None,
                      translation_path: str | None = None) -> Alignment:
    """Pair already extracted quotes; see :func:`align_quotes`."""
    mt_sentences = translate_quotes(originals, engine, original_lang, translation_lang,
                                    glossary)
    mt = [" ".join(s) for s in mt_sentences]
    o_anchors = [anchors_of(q.text, original_lang) for q in originals]
    o_speakers = [q.speaker for q in originals]
    o_texts = [q.text for q in originals]
    # and the other direction: the translated quotes rendered back into the originals'
    # language (one more batched call), so each pair is compared both ways
    back = [" ".join(s) for s in translate_quotes(translations, engine, translation_lang,
                                                   original_lang, glossary)] if mt else []
    # anchors of the originals as translated: names and digits pass through the engine
    # and a bilingual word list, when the engine has one: words it renders otherwise
    lexicon = engine_lexicon(engine) if mt else None
    ranked = [candidates_for(t, mt, o_anchors, anchors_of(t.text, translation_lang),
                             o_speakers, o_texts, back[j], lexicon,
                             (original_lang, translation_lang)) if mt else []
              for j, t in enumerate(translations)]
    chosen = assign(ranked)
    unsourced = [t for j, t in enumerate(translations)
                 if j not in chosen and (t.words >= MIN_WORDS or t.speaker)]
    # group translated quotes that share an original (a quote split in two parts)
    groups: dict[tuple[int, ...], list[int]] = {}
    for j, cand in chosen.items():
        groups.setdefault(cand.originals, []).append(j)
    pairs: list[QuotePair] = []
    findings: list[Finding] = []
    for orig_ids, t_ids in sorted(groups.items(), key=lambda g: g[1][0]):
        o_quotes = tuple(originals[i] for i in orig_ids)
        t_quotes = tuple(translations[j] for j in sorted(t_ids))
        machine = " ".join(mt[i] for i in orig_ids)
        t_text = join_sentences(q.text for q in t_quotes)
        sim = char_similarity(t_text, machine)
        kind: Literal["full", "partial", "split", "merged"]
        if len(orig_ids) > 1:
            kind = "merged"
        elif len(t_ids) > 1:
            kind = "split"
        elif sim.recall < 0.6 * sim.precision:
            kind = "partial"
        else:
            kind = "full"
        score = max(chosen[j].score for j in t_ids)
        pair = QuotePair(o_quotes, t_quotes, score, sim.f if kind == "full" else
                         max(sim.f, sim.precision), kind, machine)
        pair_findings = _check_pair(pair, mt_sentences, orig_ids, original_lang,
                                    translation_lang, glossary, original_path,
                                    translation_path)
        pairs.append(QuotePair(pair.originals, pair.translations, pair.score,
                               pair.similarity, pair.kind, pair.machine,
                               tuple(pair_findings)))
        findings += pair_findings
    for t in unsourced:
        findings.append(_finding(
            "unsourced", _("quote has no original: “{quote}”").format(quote=_short(t.text)),
            translation_path,
            t.line, None, t, Severity.ERROR))
    missing: list[Quote] = []
    if mode == "document":
        used = {i for ids in groups for i in ids}
        for i, o in enumerate(originals):
            if i not in used and (o.words >= MIN_WORDS or o.speaker):
                missing.append(o)
                findings.append(_finding(
                    "missing", _("original quote is not in the translation: “{quote}”").format(
                        quote=_short(o.text)),
                    original_path, o.line, o, None, Severity.ERROR))
    findings.sort(key=lambda f: (f.line or 0, f.rule))
    return Alignment(original_lang, translation_lang, mode, tuple(originals),
                     tuple(translations), tuple(pairs), tuple(unsourced), tuple(missing),
                     tuple(findings))


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _finding(kind: str, message: str, path: str | None, line: int | None,
             original: Quote | None, translation: Quote | None, severity: Severity,
             extra: dict[str, Any] | None = None) -> Finding:
    data: dict[str, Any] = {
        "kind": kind,
        "original": original.text if original else None,
        "original_line": original.line if original else None,
        "translation": translation.text if translation else None,
        "translation_line": translation.line if translation else None,
    }
    data.update(extra or {})
    return Finding(path, line, None, severity, kind, message, data=data)


def _check_pair(pair: QuotePair, mt_sentences: Sequence[Sequence[str]],
                orig_ids: tuple[int, ...], src: Lang, tgt: Lang, glossary: Glossary | None,
                original_path: str | None, translation_path: str | None) -> list[Finding]:
    """Run the pair checks; a partial quote is checked against the part it renders."""
    t_text = join_sentences(q.text for q in pair.translations)
    first_t = pair.translations[0]
    first_o = pair.originals[0]
    issues: list[checks.PairIssue] = []
    if pair.kind in ("partial", "split"):
        # compare like with like: the engine's rendering of the original, cut to the part that
        # the translated quote renders, in the story's language
        sentences = [s for i in orig_ids for s in mt_sentences[i]]
        window = _best_window(t_text, sentences)
        issues += checks.check_numbers(window, t_text, tgt, tgt)
        issues += checks.check_negation(window, t_text, tgt, tgt)
        names = checks.check_names(pair.original_text, t_text, src, tgt, glossary=glossary,
                                   src_hint=pair.machine)
        # a fragment may leave names of the original out; only names it adds are suspect
        issues += [i for i in names if i.target]
        if glossary is not None:
            # terms of the original outside the fragment are not its business: only a
            # forbidden rendering inside it is
            issues += [i for i in checks.check_terms(pair.original_text, t_text, src, tgt,
                                                     glossary) if i.target]
    else:
        issues += checks.check_numbers(pair.original_text, t_text, src, tgt)
        issues += checks.check_negation(pair.original_text, t_text, src, tgt)
        issues += checks.check_names(pair.original_text, t_text, src, tgt, glossary=glossary,
                                     src_hint=pair.machine)
        if glossary is not None:
            issues += checks.check_terms(pair.original_text, t_text, src, tgt, glossary)
    out: list[Finding] = []
    for issue in issues:
        severity = Severity.WARNING if issue.kind == "term" else Severity.ERROR
        out.append(_finding(issue.kind, issue.message, translation_path, first_t.line, first_o,
                            first_t, severity, {"source_items": list(issue.source),
                                                "target_items": list(issue.target),
                                                "original_path": original_path}))
    if pair.similarity < LOW_SIMILARITY:
        out.append(_finding(
            "low-similarity", _("quote is paired with its original but reads differently "
                                "(similarity {similarity:.2f}); check the translation").format(
                                    similarity=pair.similarity), translation_path,
            first_t.line, first_o, first_t, Severity.WARNING,
            {"similarity": round(pair.similarity, 3), "machine": pair.machine}))
    return out


def _best_window(translation: str, sentences: Sequence[str]) -> str:
    """The contiguous run of machine-translated sentences that best matches a fragment, cut
    down to the stretch the fragment covers."""
    if not sentences:
        return ""
    best = ("", -1.0)
    for a in range(len(sentences)):
        for b in range(a + 1, len(sentences) + 1):
            text = " ".join(sentences[a:b])
            f = char_similarity(translation, text).f
            if f > best[1]:
                best = (text, f)
    text = best[0]
    from rapidfuzz import fuzz

    # within the window, the aligned stretch (grown to whole words, plus a little context so
    # a "no" just before the fragment is seen)
    if len(text) > len(translation) * 1.5:
        al = fuzz.partial_ratio_alignment(translation.lower(), text.lower())
        if al is not None and al.score >= 50:
            start = text.rfind(" ", 0, max(al.dest_start - 1, 0))
            start = 0 if start < 0 else start
            start = text.rfind(" ", 0, max(start - 1, 0)) + 1 if start else 0
            end = text.find(" ", al.dest_end + 1)
            end = len(text) if end < 0 else end
            return text[start:end]
    return text
