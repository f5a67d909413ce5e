"""The Argos engine: an installed Argos model decoded with CTranslate2 + SentencePiece directly.

We do not go through ``argostranslate.translate``: its sentence splitters download models
(segments come already split by ``translate.segments``), and its SentencePiece decoding turns
every ``_`` into a space. Decoding ourselves also lets us force glossary terms in the decoder:

1. translate the batch (beam search, with attention);
2. where a required term (``Requirement.targets``) is missing from a hypothesis, find the
   term's place from the attention (the first target token looking at the term's source
   pieces, else the proportional position), and re-decode with ``target_prefix`` = the output
   up to that word + the term's pieces, so what follows is generated after, and agreeing with,
   the term; one term per round, every unit of the batch that needs one in the same call,
   and from round ``max_rounds`` on all of a unit's missing terms at once (bounded cost);
3. the forced term is written as the glossary gives it (not as the model's vocabulary can
   spell it), so it holds even for pieces the model does not know, and even with random
   weights: enforcement does not depend on the model being good.

``dnt`` names (do not translate) go through placeholders the model should copy; after
decoding each placeholder must come back exactly once, else that unit is decoded again
without placeholders and the names are forced like any other term.

ctranslate2 and sentencepiece are imported when a model is first loaded (the ``argos`` extra).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

from glossary.errors import EngineError
from glossary.model import Glossary, Lang
from translate.engines.argos_packages import EXTRA_HINT, ArgosPackage, find_package
from translate.engines.base import Requirement

SPACE = "\u2581"  # SentencePiece's word-start marker
#: Segments longer than this (characters) are decoded in chunks cut at spaces, never truncated.
MAX_UNIT_CHARS = 1000
CHUNK_CHARS = 600
DECODING_BUDGET = 256  # new pieces per unit: enough for CHUNK_CHARS of text
PLACEHOLDER = "ZXQ{}"
_WORD_START = re.compile(r"\w")  # what would glue itself to a forced term (``_`` too)


class Forcing(StrEnum):
    """How a required term came to be in the output."""

    PRESENT = "present"  # the model produced an accepted rendering by itself
    PREFIX = "prefix"  # forced in the decoder with target_prefix
    PLACEHOLDER = "placeholder"  # a dnt name carried through a placeholder
    FALLBACK = "placeholder-fallback"  # the placeholder was lost; the name was forced instead
    FAILED = "failed"  # not in the output (should not happen; reported, never hidden)


@dataclass(frozen=True)
class TermOutcome:
    """One requirement of one segment, and what the engine did about it."""

    entry_id: str
    source_form: str
    target: str  # the rendering now in the output ("" when FAILED)
    how: Forcing


@dataclass(frozen=True)
class ArgosTranslation:
    """A segment's translation and the outcome of each of its requirements, in source order."""

    text: str
    terms: tuple[TermOutcome, ...] = ()

    @property
    def forced(self) -> tuple[TermOutcome, ...]:
        """The terms the engine had to force (all but those the model produced itself)."""
        return tuple(t for t in self.terms if t.how is not Forcing.PRESENT)


@dataclass(frozen=True)
class _Need:
    """A requirement placed in a decoding unit's text."""

    req: Requirement
    start: int  # character span in the unit's (possibly placeholder-bearing) text
    end: int
    targets: tuple[str, ...]  # accepted renderings; the first is the one forced
    placeholder: str | None = None
    fallback: bool = False  # a dnt name whose placeholder was lost


@dataclass
class _Forced:
    start: int  # piece span in the hypothesis
    end: int
    text: str  # written literally in the output
    need: int


@dataclass
class _Unit:
    """One decoding job: a segment, or a chunk of a very long one."""

    segment: int
    text: str  # what is decoded (dnt names replaced by placeholders)
    needs: list[_Need]
    raw: str = ""  # the text as given, and its requirements with their spans in it
    reqs: list[Requirement] = field(default_factory=list)
    raw_spans: list[tuple[int, int]] = field(default_factory=list)
    source: list[str] = field(default_factory=list)  # source pieces
    spans: list[tuple[int, int]] = field(default_factory=list)  # per need: source piece span
    hyp: list[str] = field(default_factory=list)
    attention: list[list[float]] = field(default_factory=list)
    forced: list[_Forced] = field(default_factory=list)


@dataclass
class _Model:
    package: ArgosPackage
    translator: Any
    sp: Any


@lru_cache(maxsize=4096)
def _term_pattern(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE)


def find_term(text: str, targets: Sequence[str]) -> list[tuple[int, int]]:
    """Character spans in ``text`` where any accepted rendering occurs as whole words.

    >>> find_term("Los cárteles y el cártel", ["cártel", "cárteles"])
    [(4, 12), (18, 24)]
    """
    spans = {m.span() for t in targets if t for m in _term_pattern(t).finditer(text)}
    return sorted(spans)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def assign_spans(text: str, targets: Sequence[Sequence[str]],
                 fixed: Mapping[int, tuple[int, int]]) -> dict[int, tuple[int, int]]:
    """Give each need (``targets[k]``: its accepted renderings) its own occurrence in ``text``.

    No two needs share or overlap an occurrence: "cártel" is not met by the Cártel of "Cártel
    del Golfo" when the Gulf Cartel is needed too, and a term needed twice needs two
    occurrences. ``fixed`` are spans where a need was forced; they stay that need's (when they
    are a whole-word rendering of it). The others are matched longest renderings first, with
    augmenting paths, so a need that could take either of two words leaves the one another
    need can only take. Needs left out are missing.

    >>> assign_spans("El Cártel del Golfo y el cártel", [["cártel"], ["Cártel del Golfo"]], {})
    {0: (25, 31), 1: (3, 19)}
    """
    found = [find_term(text, t) if t else [] for t in targets]
    taken = {k: s for k, s in fixed.items() if 0 <= k < len(found) and s in found[k]}
    blocked = list(taken.values())
    owner: dict[tuple[int, int], int] = {}

    def free(span: tuple[int, int]) -> bool:
        return (not any(_overlap(span, b) for b in blocked)
                and not any(_overlap(span, o) for o in owner if o != span))

    def claim(k: int, seen: set[tuple[int, int]]) -> bool:
        for span in found[k]:
            if span in seen or not free(span):
                continue
            seen.add(span)
            if span not in owner or claim(owner[span], seen):
                owner[span] = k
                return True
        return False

    rest = [k for k in range(len(found)) if k not in taken and found[k]]
    for k in sorted(rest, key=lambda k: (-max(map(len, targets[k])), k)):
        claim(k, set())
    taken.update({k: span for span, k in owner.items()})
    return dict(sorted(taken.items()))


def _placeholder_pattern(holder: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![0-9A-Za-z]){re.escape(holder)}(?![0-9])")


def _chunks(text: str, reqs: Sequence[Requirement]) -> list[tuple[int, int]]:
    """Cut a very long segment at spaces into spans of about CHUNK_CHARS, never inside a term."""
    if len(text) <= MAX_UNIT_CHARS:
        return [(0, len(text))]
    cuts = [0]
    while len(text) - cuts[-1] > MAX_UNIT_CHARS:
        limit = cuts[-1] + CHUNK_CHARS
        cut = text.rfind(" ", cuts[-1] + 1, limit)
        if cut <= cuts[-1]:
            cut = limit  # no space: a hard cut
        for r in reqs:
            if r.start < cut < r.end:
                cut = r.end
        cuts.append(cut)
    cuts.append(len(text))
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if a < b]


class ArgosEngine:
    """Translate with an installed Argos model, forcing required terms in the decoder.

    ``translate`` follows the Engine protocol; ``translate_detailed`` also says, per segment,
    which terms were present, forced or carried by placeholders (kept in ``last_terms`` too).
    The glossary itself is not used: ``requirements`` carry what each segment needs.
    """

    name = "argos"

    def __init__(self, home: Path | None = None, *, beam_size: int = 4,
                 max_batch_size: int = 32, device: str = "cpu", compute_type: str = "default",
                 inter_threads: int = 1, intra_threads: int = 0,
                 decoding_budget: int = DECODING_BUDGET, max_rounds: int = 4) -> None:
        self.home = home
        self.max_rounds = max_rounds  # decoder re-runs forcing one term each, then all at once
        self.decoding_budget = decoding_budget  # max new pieces for an ordinary sentence
        self.beam_size = beam_size
        self.max_batch_size = max_batch_size
        self.device = device
        self.compute_type = compute_type
        self.inter_threads = inter_threads
        self.intra_threads = intra_threads
        self._models: dict[tuple[str, str], _Model] = {}
        self.last_terms: list[tuple[TermOutcome, ...]] = []
        self.decode_calls = 0  # translate_batch calls, for benchmarks and tests

    # -- loading -------------------------------------------------------------------------
    def load(self, src: Lang, tgt: Lang) -> ArgosPackage:
        """Load (once) the model for ``src``->``tgt``; say what to install if it is missing."""
        return self._model(src, tgt).package

    def _model(self, src: str, tgt: str) -> _Model:
        key = (src, tgt)
        if key in self._models:
            return self._models[key]
        package = find_package(src, tgt, self.home)
        try:
            import ctranslate2
            import sentencepiece
        except ImportError as exc:
            raise EngineError(f"the argos engine needs ctranslate2 and sentencepiece ({exc}); "
                              f"{EXTRA_HINT}") from None
        try:
            translator = ctranslate2.Translator(
                str(package.model_dir), device=self.device, compute_type=self.compute_type,
                inter_threads=self.inter_threads, intra_threads=self.intra_threads)
            sp = sentencepiece.SentencePieceProcessor(model_file=str(package.sentencepiece_model))
        except (RuntimeError, ValueError, OSError) as exc:
            raise EngineError(f"{package.path}: cannot load the model ({exc}); reinstall it "
                              "with `glosa engines install FILE.argosmodel`") from None
        model = _Model(package, translator, sp)
        self._models[key] = model
        return model

    def close(self) -> None:
        self._models.clear()

    # -- the protocol ----------------------------------------------------------------------
    def translate(
        self,
        segments: Sequence[str],
        src: Lang,
        tgt: Lang,
        *,
        glossary: Glossary | None = None,
        requirements: Sequence[Sequence[Requirement]] | None = None,
    ) -> list[str]:
        """Return one translation per segment, in order, every required term in it."""
        return [t.text for t in self.translate_detailed(segments, src, tgt,
                                                        requirements=requirements)]

    def translate_detailed(
        self,
        segments: Sequence[str],
        src: Lang,
        tgt: Lang,
        *,
        requirements: Sequence[Sequence[Requirement]] | None = None,
    ) -> list[ArgosTranslation]:
        """Translate ``segments`` and report, per segment, how each requirement was met."""
        if requirements is not None and len(requirements) != len(segments):
            raise ValueError(f"{len(requirements)} requirement lists for {len(segments)} segments")
        reqs = [list(r) for r in requirements] if requirements is not None else [
            [] for _ in segments]
        if not any(s.strip() for s in segments):
            self.last_terms = [() for _ in segments]
            return [ArgosTranslation("") for _ in segments]
        model = self._model(src, tgt)
        units: list[_Unit] = []
        for i, seg in enumerate(segments):
            if not seg.strip():
                continue
            for a, b in _chunks(seg, reqs[i]):
                inside = [r for r in reqs[i] if a <= r.start and r.end <= b]
                units.append(self._unit(i, seg[a:b], inside,
                                        [(r.start - a, r.end - a) for r in inside],
                                        placeholders=True))
        self._run(model, units)
        lost = [k for k, u in enumerate(units) if not self._placeholders_survived(model, u)]
        if lost:
            redo = [self._unit(units[k].segment, units[k].raw, units[k].reqs,
                               units[k].raw_spans, placeholders=False) for k in lost]
            self._run(model, redo)
            for k, unit in zip(lost, redo, strict=True):
                units[k] = unit
        texts: list[list[str]] = [[] for _ in segments]
        outcomes: list[list[TermOutcome]] = [[] for _ in segments]
        for unit in units:
            text, terms = self._render(model, unit)
            texts[unit.segment].append(text)
            outcomes[unit.segment].extend(terms)
        results = [ArgosTranslation(" ".join(t), tuple(o))
                   for t, o in zip(texts, outcomes, strict=True)]
        self.last_terms = [r.terms for r in results]
        return results

    # -- building units ----------------------------------------------------------------------
    def _unit(self, segment: int, text: str, reqs: Sequence[Requirement],
              spans: Sequence[tuple[int, int]], *, placeholders: bool) -> _Unit:
        """A unit for ``text``; ``spans`` place ``reqs`` in it; dnt names become placeholders."""
        order = sorted(range(len(reqs)), key=lambda k: spans[k])
        needs: list[_Need] = []
        out = []
        pos = 0
        shift = 0
        taken = -1
        for n, k in enumerate(order):
            req = reqs[k]
            start, end = spans[k]
            use_placeholder = placeholders and req.dnt and start >= taken
            if use_placeholder:
                token = PLACEHOLDER.format(n + 1)
                out.append(text[pos:start])
                out.append(token)
                pos = end
                needs.append(_Need(req, start + shift, start + shift + len(token),
                                   (req.source_form,), placeholder=token))
                shift += len(token) - (end - start)
                taken = end
            else:
                targets = (req.source_form, *req.targets) if req.dnt else req.targets
                needs.append(_Need(req, start + shift, end + shift, targets,
                                   fallback=req.dnt and not placeholders))
        out.append(text[pos:])
        return _Unit(segment, "".join(out), needs, text, list(reqs), list(spans))

    def _encode_unit(self, model: _Model, unit: _Unit) -> None:
        """Source pieces, and each need's piece span (the pieces of the text before its ends).

        The text is encoded whole, as the model was trained; a span boundary at a word start
        is exact, one inside a word is the nearest piece boundary.
        """
        encode = model.sp.encode
        unit.source = encode(unit.text, out_type=str) if unit.text.strip() else []
        size = len(unit.source)
        spans = []
        for need in unit.needs:
            first = min(len(encode(unit.text[:need.start])), size)
            last = min(max(len(encode(unit.text[:need.end])), first + 1), size)
            spans.append((first, last))
        unit.spans = spans

    # -- decoding and forcing ------------------------------------------------------------------
    def _decode(self, model: _Model, units: Sequence[_Unit],
                prefixes: Sequence[list[str] | None]) -> None:
        """One ``translate_batch`` call for ``units``; fills each unit's hypothesis."""
        lead = [model.package.target_prefix] if model.package.target_prefix else []
        full = [lead + (p or []) for p in prefixes]
        # A fixed budget (a real model ends a sentence long before it; chunking keeps units
        # short), so that a unit decodes the same whatever else is in its batch.
        budget = self.decoding_budget + max(len(p) for p in full)
        results = model.translator.translate_batch(
            [u.source for u in units],
            [p or None for p in full] if any(full) else None,
            beam_size=self.beam_size,
            max_batch_size=self.max_batch_size,
            length_penalty=0.2,
            replace_unknowns=True,
            return_attention=True,
            max_input_length=0,  # never truncate silently; long segments are chunked
            max_decoding_length=budget,
        )
        self.decode_calls += 1
        for unit, result in zip(units, results, strict=True):
            unit.hyp = list(result.hypotheses[0])[len(lead):]
            attention = result.attention[0] if result.attention else []
            unit.attention = [list(a) for a in attention][len(lead):]

    def _run(self, model: _Model, units: Sequence[_Unit]) -> None:
        """Decode ``units``, then force missing terms round by round, batching each round."""
        live = []
        for unit in units:
            self._encode_unit(model, unit)
            if unit.source:
                live.append(unit)
        if not live:
            return
        self._decode(model, live, [None] * len(live))
        # each round forces at least one more need, so this bound is never reached unless a
        # forced term fails to show as a whole word (then it is reported failed, not hidden)
        last_round = self.max_rounds + max(len(u.needs) for u in live)
        rounds = 0
        while rounds < last_round:
            rounds += 1
            todo: list[_Unit] = []
            prefixes: list[list[str] | None] = []
            for unit in live:
                missing = self._missing(model, unit)
                if missing:
                    todo.append(unit)
                    # one term per round, each followed by a fresh continuation; past
                    # ``max_rounds`` every remaining term at once, so the rounds stay bounded
                    # for term-dense text
                    chosen = missing[:1] if rounds < self.max_rounds else missing
                    prefixes.append(self._force(model, unit, chosen))
            if not todo:
                return
            self._decode(model, todo, prefixes)

    def _missing(self, model: _Model, unit: _Unit) -> list[int]:
        """Needs (in source order) whose rendering is not in the unit's current output."""
        text, forced_spans = self._text(model, unit)
        met = self._assign(text, unit, forced_spans)
        # an empty requirement has nothing to force (reported as failed); a placeholder is
        # checked by _placeholders_survived
        return [k for k, need in enumerate(unit.needs)
                if k not in met and need.targets and not need.placeholder]

    @staticmethod
    def _assign(text: str, unit: _Unit,
                forced_spans: Mapping[int, tuple[int, int]]) -> dict[int, tuple[int, int]]:
        """Which occurrence in ``text`` meets which need (placeholders are not matched here)."""
        return assign_spans(text, [() if n.placeholder else n.targets for n in unit.needs],
                            forced_spans)

    def _place(self, unit: _Unit, k: int) -> int:
        """Where need ``k`` belongs in the hypothesis: a word start after the fixed prefix."""
        lo = unit.forced[-1].end if unit.forced else 0
        hyp = unit.hyp
        if lo >= len(hyp):
            return len(hyp)
        first, last = unit.spans[k]
        t = None
        for i in range(lo, min(len(hyp), len(unit.attention))):
            row = unit.attention[i]
            if row and first <= max(range(len(row)), key=row.__getitem__) < last:
                t = i
                break
        if t is None:
            share = first / max(1, len(unit.source))
            t = lo + int(round(share * (len(hyp) - lo)))
        t = min(max(t, lo), len(hyp))
        while t > lo and t < len(hyp) and not hyp[t].startswith(SPACE):
            t -= 1
        return t

    def _force(self, model: _Model, unit: _Unit, needs: Sequence[int]) -> list[str]:
        """Fix ``needs`` at their places; return the target prefix for the next decoding.

        The prefix is the hypothesis up to each term's place with the term's pieces inserted,
        ending after the last term: the decoder continues from there.
        """
        places = sorted((self._place(unit, k), n, k) for n, k in enumerate(needs))
        prefix: list[str] = []
        pos = 0
        for t, _n, k in places:
            prefix.extend(unit.hyp[pos:t])
            literal = unit.needs[k].targets[0]
            if not prefix and literal[:1].islower():
                first = next((c for c in unit.text if c.isalpha()), "")
                if first.isupper():
                    literal = literal[0].upper() + literal[1:]
            pieces = model.sp.encode(literal, out_type=str) or [SPACE]
            unit.forced.append(_Forced(len(prefix), len(prefix) + len(pieces), literal, k))
            prefix.extend(pieces)
            pos = t
        return prefix

    # -- rendering and checking ----------------------------------------------------------------
    @staticmethod
    def _decode_pieces(model: _Model, pieces: Sequence[str]) -> str:
        return str(model.sp.decode_pieces(list(pieces)))

    def _text(self, model: _Model, unit: _Unit) -> tuple[str, dict[int, tuple[int, int]]]:
        """The unit's output text, with forced terms written literally, and their spans."""
        text = ""
        spans: dict[int, tuple[int, int]] = {}
        pos = 0

        def add(chunk: str, space: bool) -> None:
            nonlocal text
            if chunk:
                text += (" " if space and text else "") + chunk

        after_term = False
        for f in unit.forced:
            part = unit.hyp[pos:f.start]
            chunk = self._decode_pieces(model, part)
            add(chunk, bool(part) and (part[0].startswith(SPACE) or after_term
                                       and _WORD_START.match(chunk) is not None))
            add(f.text, True)
            spans[f.need] = (len(text) - len(f.text), len(text))
            pos = f.end
            after_term = True
        part = unit.hyp[pos:]
        chunk = self._decode_pieces(model, part)
        # a continuation that starts mid-word would glue itself to the forced term
        add(chunk, bool(part) and (part[0].startswith(SPACE)
                                   or after_term and _WORD_START.match(chunk) is not None))
        return text, spans

    def _placeholders_survived(self, model: _Model, unit: _Unit) -> bool:
        """Each placeholder must come back exactly once, else the unit is decoded again."""
        holders = [n.placeholder for n in unit.needs if n.placeholder]
        if not holders:
            return True
        text, _ = self._text(model, unit)
        return all(len(_placeholder_pattern(h).findall(text)) == 1 for h in holders)

    def _render(self, model: _Model, unit: _Unit) -> tuple[str, list[TermOutcome]]:
        raw, forced_spans = self._text(model, unit)
        # matched before the names replace their placeholders, so that a name (say "Cártel
        # de Sinaloa" kept as is) does not also count as another need's "cártel"
        met = self._assign(raw, unit, forced_spans)
        text, moved = _fill_placeholders(raw, unit.needs)
        outcomes: list[TermOutcome] = []
        for k, need in enumerate(unit.needs):
            req = need.req
            if need.placeholder:
                outcomes.append(TermOutcome(req.entry_id, req.source_form, req.source_form,
                                            Forcing.PLACEHOLDER))
                continue
            if k not in met:
                outcomes.append(TermOutcome(req.entry_id, req.source_form, "", Forcing.FAILED))
                continue
            how = Forcing.FALLBACK if need.fallback else Forcing.PREFIX
            if k not in forced_spans:
                how = Forcing.PRESENT
            start, end = met[k]
            outcomes.append(TermOutcome(req.entry_id, req.source_form,
                                        text[moved(start):moved(end)], how))
        return text, outcomes


def _fill_placeholders(text: str, needs: Sequence[_Need]) -> tuple[str, Callable[[int], int]]:
    """Put each dnt name where its placeholder is; also map positions outside placeholders."""
    hits = sorted((m.start(), m.end(), n.req.source_form) for n in needs if n.placeholder
                  for m in _placeholder_pattern(n.placeholder).finditer(text))
    out = []
    pos = 0
    shifts: list[tuple[int, int]] = []  # (end of a placeholder, total shift after it)
    shift = 0
    for start, end, name in hits:
        if start < pos:
            continue  # overlapping hits cannot happen with distinct ZXQ<n>; be safe
        out += [text[pos:start], name]
        shift += len(name) - (end - start)
        shifts.append((end, shift))
        pos = end
    out.append(text[pos:])

    def moved(p: int) -> int:
        return p + next((d for e, d in reversed(shifts) if e <= p), 0)

    return "".join(out), moved
