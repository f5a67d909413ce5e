"""Translate segments so that the glossary's terms hold, and say for each term how.

The road: text -> segments (``translate.segments``) -> placeholders protected
(``translate.placeholders``) -> glossary terms found in the source (``glossary.match``) ->
requirements -> engine (Apertium compiles the glossary into user dictionaries; Argos forces in
the decoder) -> verify every required term is in the output in an accepted, inflected form and
no forbidden form is -> repair what is missing -> a :class:`TermReport` per term.

Repairs, in order:

1. a forbidden rendering in the output (``Fiesta de Acción Nacional``) is replaced by the
   preferred term in the same number, and a Spanish article before it is made to agree; a
   verb term is conjugated like the verb it replaces, its adjective agreeing with the subject
   (``abogaron culpables`` -> ``se declararon culpables``);
2. otherwise the segment is translated again with the missing terms replaced by opaque tokens
   (which engines pass through), and each token is replaced by the term inflected like the
   source (``drug lords`` -> ``capos``), fixing the article before it.

A term that still is not there is reported as not enforced, with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from dataclasses import replace as replace_fields
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from glossary.model import Entry, Gender, Glossary, Lang, Pos
from translate.engines.base import Engine, Requirement
from translate.placeholders import FORMATS, PROSE_FORMATS, Protected, protect, restore
from translate.segments import Segment, replace_segments, segment_text

if TYPE_CHECKING:
    from glossary.match import Matcher


class Status(StrEnum):
    """How a required term came to be (or not) in the translation."""

    PRESENT = "present"  # the engine's own output already had it
    ENFORCED = "enforced"  # glosa made it so (user dictionary, replacement, placeholder)
    FAILED = "failed"  # could not be enforced; see ``reason``


@dataclass(frozen=True)
class TermReport:
    """One glossary term found in a source segment, and what became of it."""

    entry_id: str
    source_form: str
    start: int  # span in the source segment
    end: int
    target_form: str | None  # the accepted form found in (or put into) the output
    status: Status
    method: str = ""  # engine | dictionary | decoder | dnt-placeholder | replace-forbidden |
    #                   placeholder
    reason: str = ""  # why it failed, or what was replaced
    #: a verb term that replaced a forbidden rendering as its lemma only (the engine could not
    #: conjugate it there): the repair tries a stand-in verb for it (not in the JSON report;
    #: ``reason`` says it in words)
    lemma_only: bool = False

    def to_dict(self) -> dict[str, object]:
        return {"entry": self.entry_id, "source_form": self.source_form,
                "start": self.start, "end": self.end, "target_form": self.target_form,
                "status": self.status.value, "method": self.method, "reason": self.reason}


@dataclass(frozen=True)
class TermSummary:
    """The term reports of a segment grouped by how they were satisfied."""

    present: tuple[TermReport, ...] = ()
    enforced: tuple[TermReport, ...] = ()
    failed: tuple[TermReport, ...] = ()


@dataclass(frozen=True)
class SegmentResult:
    """One source segment, its translation, and a report per glossary term in it."""

    source: str
    output: str
    terms: tuple[TermReport, ...] = ()
    placeholders_ok: bool = True

    @property
    def text(self) -> str:
        """The translation (same as ``output``)."""
        return self.output

    @property
    def report(self) -> TermSummary:
        def pick(status: Status) -> tuple[TermReport, ...]:
            return tuple(t for t in self.terms if t.status is status)

        return TermSummary(pick(Status.PRESENT), pick(Status.ENFORCED), pick(Status.FAILED))

    @property
    def ok(self) -> bool:
        return self.placeholders_ok and all(t.status is not Status.FAILED for t in self.terms)

    def to_dict(self) -> dict[str, object]:
        return {"source": self.source, "output": self.output,
                "terms": [t.to_dict() for t in self.terms],
                "placeholders_ok": self.placeholders_ok}


@dataclass(frozen=True)
class TranslationResult:
    """A whole text translated: the output text and every segment's result."""

    source: str
    text: str
    src: Lang
    tgt: Lang
    engine: str
    segments: tuple[SegmentResult, ...] = field(default=())
    spans: tuple[Segment, ...] = field(default=(), compare=False)

    @property
    def terms(self) -> tuple[TermReport, ...]:
        return tuple(t for s in self.segments for t in s.terms)


# --------------------------------------------------------------------------------------------
# Requirements
# --------------------------------------------------------------------------------------------

_NUMBER = {"sg": "sg", "pl": "pl", "f": "f", "fpl": "fpl", "poss": "sg", "base": "base"}


def _target_form(entry: Entry, tgt: Lang, source_tag: str, dnt_source: str = "") -> str:
    """The preferred target term inflected like the source occurrence (``pl`` -> plural)."""
    if entry.dnt and dnt_source:
        return dnt_source
    from glossary.forms import tagged_forms

    preferred = entry.term(tgt)
    forms: dict[str, str] = {}
    for form, (lemma, tag) in tagged_forms(entry, tgt).items():
        if lemma == preferred:
            forms.setdefault(tag, form)  # the first of a tag: a verb's, as the term writes it
    want = _NUMBER.get(source_tag, source_tag)
    if entry.pos is Pos.VERB:
        return forms.get(source_tag, preferred) if source_tag in ("inf", "ger") else preferred
    return forms.get(want) or preferred


def requirements_for(text: str, glossary: Glossary, src: Lang, tgt: Lang
                     ) -> list[Requirement]:
    """The terms of ``glossary`` (enforced ``src -> tgt``) that occur in ``text``."""
    from glossary.forms import tagged_forms
    from glossary.match import matcher_for

    reqs: list[Requirement] = []
    for m in matcher_for(glossary, src).find(text):
        entry = m.entry
        if not entry.applies(src, tgt):
            continue
        form = text[m.start:m.end]
        if entry.dnt:
            preferred = _target_form(entry, tgt, m.tag, form)
            targets = (preferred, *(f for f in tagged_forms(entry, tgt) if f != preferred))
        else:
            targets = _targets(entry, tgt, m.tag)
        reqs.append(Requirement(entry.id, m.start, m.end, form, targets,
                                tuple(entry.forbidden(tgt)), entry.dnt))
    return reqs


@lru_cache(maxsize=16384)
def _targets(entry: Entry, tgt: Lang, source_tag: str) -> tuple[str, ...]:
    """The accepted target forms of ``entry``, the one inflected like a source occurrence
    tagged ``source_tag`` first: worked out once per entry and tag, not per occurrence."""
    from glossary.forms import tagged_forms

    preferred = _target_form(entry, tgt, source_tag)
    return (preferred, *(f for f in tagged_forms(entry, tgt) if f != preferred))


# --------------------------------------------------------------------------------------------
# Verification and repair
# --------------------------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def _entry_matcher(entry: Entry, lang: Lang) -> Matcher:
    from glossary.match import Matcher

    return Matcher(Glossary((entry,)), lang)


def _count_accepted(output: str, entry: Entry, tgt: Lang, dnt_form: str) -> list[tuple[int, int]]:
    spans = [(m.start, m.end) for m in _entry_matcher(entry, tgt).find(output) if m.accepted]
    if entry.dnt and dnt_form and not spans:
        i = output.find(dnt_form)
        while i >= 0:
            spans.append((i, i + len(dnt_form)))
            i = output.find(dnt_form, i + 1)
    return spans


_ES_ARTICLES = {
    ("el", "m", "sg"): "el", ("el", "f", "sg"): "la", ("el", "m", "pl"): "los",
    ("el", "f", "pl"): "las", ("un", "m", "sg"): "un", ("un", "f", "sg"): "una",
    ("un", "m", "pl"): "unos", ("un", "f", "pl"): "unas",
}
_ES_ARTICLE_KIND = {"el": "el", "la": "el", "los": "el", "las": "el",
                    "un": "un", "una": "un", "unos": "un", "unas": "un"}
_ARTICLE_BEFORE = re.compile(r"(?i)\b(del|al|de la|a la|el|la|los|las|un|una|unos|unas)(\s+)$")


def _agree_article(before: str, entry: Entry, form_tag: str, tgt: Lang, form: str) -> str:
    """Make the article right before an inserted term agree with it."""
    if tgt == "en":
        m = re.search(r"\b([Aa]n?)(\s+)$", before)
        if m:
            article = "an" if form[:1].lower() in "aeiou" else "a"
            if m.group(1)[0].isupper():
                article = article.capitalize()
            return before[:m.start()] + article + m.group(2)
        return before
    if entry.pos not in (Pos.NOUN, Pos.PROPER) or entry.gender is None:
        return before
    m = _ARTICLE_BEFORE.search(before)
    if not m:
        return before
    word = m.group(1)
    low = word.lower()
    gender = "f" if entry.gender is Gender.F else "m"
    number = "pl" if form_tag in ("pl", "fpl") else "sg"
    definite = _ES_ARTICLES[("el", gender, number)]
    if low in ("del", "de la"):
        new = "del" if definite == "el" else "de " + definite
    elif low in ("al", "a la"):
        new = "al" if definite == "el" else "a " + definite
    else:
        new = _ES_ARTICLES[(_ES_ARTICLE_KIND[low], gender, number)]
    if word[0].isupper():
        new = new[0].upper() + new[1:]
    return before[:m.start()] + new + m.group(2)


def _fit_case(form: str, at_start: bool, entry: Entry) -> str:
    if at_start and form[:1].islower():
        return form[0].upper() + form[1:]
    return form


def _replace_forbidden(output: str, entry: Entry, tgt: Lang, req: Requirement,
                       engine: Engine | None = None) -> tuple[str, str, bool] | None:
    """Replace the first forbidden rendering of ``entry`` with the preferred form: the new
    output, the text replaced, and whether a verb went in as its lemma only.

    A verb is conjugated like the forbidden rendering's verb when the engine can do it
    (``abogó culpable`` -> ``se declaró culpable``); otherwise the lemma goes in (and the
    repair then tries a stand-in verb: the forbidden rendering may be the untranslated
    English verb, ``Fiscales indict le``, which shows no tense).
    """
    from glossary.match import find_forbidden

    hits = find_forbidden(output, entry, tgt)
    if not hits:
        return None
    hit = hits[0]
    tag = hit.tag if hit.tag in ("sg", "pl", "f", "fpl") else "sg"
    form = _target_form(entry, tgt, tag, req.source_form if entry.dnt else "")
    conjugate = getattr(engine, "conjugate_like", None)
    before = output[:hit.start]
    found = output[hit.start:hit.end].split()
    lemma_only = False
    if entry.pos is Pos.VERB and callable(conjugate) and found:
        here = _conjugate_here(entry.term(tgt), before, found[0], tgt, conjugate,
                               getattr(engine, "agree_like", None), found[1:],
                               getattr(engine, "person_of", None))
        if here is not None:
            before, form = here
        else:
            lemma_only = True
    before = _agree_article(before, entry, tag, tgt, form)
    form = _fit_case(form, not before.strip(), entry)
    return before + form + output[hit.end:], output[hit.start:hit.end], lemma_only


#: A form of Spanish ``haber`` right before a participle: a compound tense, where a reflexive
#: verb's clitic goes before the finite auxiliary (``se ha declarado``) or after the infinitive
#: (``haberse declarado``).
_ES_AUX_BEFORE = re.compile(
    r"\b(he|has|ha|hemos|habéis|han|había|habías|habíamos|habíais|habían|habré|habrás|habrá|"
    r"habremos|habréis|habrán|habría|habrías|habríamos|habríais|habrían|haya|hayas|hayamos|"
    r"hayáis|hayan|hubiera|hubieras|hubiéramos|hubierais|hubieran|hube|hubiste|hubo|hubimos|"
    r"hubisteis|hubieron|haber)(\s+)$", re.IGNORECASE)


def _conjugate_here(lemma: str, before: str, model: str, tgt: Lang,
                    conjugate: Callable[..., object],
                    agree: Callable[..., object] | None = None,
                    shown: Sequence[str] = (),
                    person: Callable[..., object] | None = None) -> tuple[str, str] | None:
    """The verb ``lemma`` conjugated like the verb form ``model`` found right after
    ``before``: the text before it (changed when a clitic goes before an auxiliary) and the
    form; None when the engine cannot conjugate it.

    With ``agree`` (the engine's ``agree_like``), the words after the term's verb agree with
    its subject (``se declararon culpables``): in the number of ``model``, or in a compound
    tense of the ``haber`` before it (the participle is invariable); where neither shows a
    number (``haber``, an infinitive), in that of the words ``shown`` after the replaced verb.
    A reflexive term put in as an infinitive or gerund right after the verb that governs it
    takes that verb's person and number, by ``person`` (the engine's ``person_of``):
    ``Queremos declararnos culpables``, ``Acordaron declararse culpables``.
    """
    if tgt == "es" and person is not None and _finite_after_finite(before, model, person):
        # Apertium's finite verb right after the verb that governs it ("Han apalabrado
        # aboga culpable" for "have agreed to plead guilty"): Spanish wants the infinitive
        head = lemma.partition(" ")[0]
        infinitive = head[:-2] if head.endswith("se") and len(head) > 4 else head
        model = (infinitive[:1].upper() if model[:1].isupper() else infinitive[:1]) \
            + infinitive[1:]
    form = conjugate(lemma, model, tgt)
    if isinstance(form, str) and form:
        here: tuple[str, str] | None = (before, form)
    elif tgt == "es":
        here = (_reflexive_compound(lemma, before, model, conjugate)
                or _reflexive_gerund(lemma, before, model, conjugate))
    else:
        here = None
    if here is None or tgt != "es":
        return here
    aux = _ES_AUX_BEFORE.search(before)
    models = (aux.group(1) if aux else model, *shown)
    form = here[1]
    if aux is None and person is not None:
        governing = _governing_person(lemma, here[0], form, person)
        if governing is not None:
            # a reflexive infinitive or gerund after the verb that governs it: its pronoun
            # and adjective are that verb's subject's (queremos declararnos culpables)
            word, clitic, number = governing
            head, _sep, rest = form.partition(" ")
            form = " ".join(w for w in (head[:-2] + clitic, rest) if w)
            if number == "pl":
                models = (word, *models)
    if agree is None:
        return here[0], form
    return here[0], _agree_complement(form, lemma, models, agree)


#: The verb right before an infinitive or gerund, and what may come between (``van a``,
#: ``acordaron no``, ``tenemos que``), or a finite verb and a participle (``han acordado``,
#: ``están obligados a``).
_ES_GOVERNING = re.compile(
    r"(?i)\b(?P<verb>\w+)(?:\s+(?P<participle>\w+(?:ado|ido|ada|ida|ados|idos|adas|idas)))?"
    r"(?:\s+(?P<que>que))?\s+(?:(?:a|de|para|por|en|no)\s+)*$")


def _governing_person(lemma: str, before: str, form: str,
                      person: Callable[..., object]) -> tuple[str, str, str] | None:
    """For a reflexive Spanish term ``lemma`` put in as an infinitive or gerund (``form``:
    ``declararse culpable``, ``declarándose culpable``) right after a finite verb at the
    end of ``before`` (or after ``haber`` and a participle): that verb, the reflexive
    pronoun of its person, and its number, by ``person`` (the engine's ``person_of``);
    None otherwise.

    >>> persons = {"Queremos": ("p1", "pl"), "Han": ("p3", "pl"), "Tengo": ("p1", "sg")}
    >>> ask = lambda word, lang: persons.get(word)
    >>> _governing_person("declararse culpable", "Queremos ", "declararse culpable", ask)
    ('Queremos', 'nos', 'pl')
    >>> _governing_person("declararse culpable", "Han acordado ", "declararse culpable", ask)
    ('Han', 'se', 'pl')
    >>> _governing_person("declararse culpable", "Tengo que ", "declararse culpable", ask)
    ('Tengo', 'me', 'sg')
    >>> _governing_person("declararse culpable", "Queremos ", "se declara culpable", ask)
    >>> _governing_person("declararse culpable", "Los hombres ", "declararse culpable", ask)
    """
    head = form.partition(" ")[0].lower()
    if not lemma.partition(" ")[0].lower().endswith("se") or not head.endswith("se") or not (
            head[:-2].endswith(("ar", "er", "ir", "ír"))
            or head[:-2].endswith(("ándo", "iéndo", "yéndo"))):
        return None
    m = _ES_GOVERNING.search(before)
    if m is None:
        return None
    word = m.group("verb")  # before a participle: haber, ser or estar, the finite verb
    shown = person(word, "es")
    if not isinstance(shown, tuple) or len(shown) != 2:
        return None
    return word, _ES_PERSON_CLITIC.get(tuple(shown), "se"), str(shown[1])


_ES_PERSON_CLITIC: dict[tuple[str, ...], str] = {
    ("p1", "sg"): "me", ("p2", "sg"): "te", ("p1", "pl"): "nos", ("p2", "pl"): "os"}


def _finite_after_finite(before: str, model: str, person: Callable[..., object]) -> bool:
    """Whether the verb form ``model`` is finite and comes right after a finite verb (or a
    finite verb and a participle) at the end of ``before``: two finite verbs in a row, which
    Spanish does not write (``Han apalabrado aboga``); ``que`` or a subject between them
    make the second one right."""
    if model.lower().endswith(_ES_NON_FINITE):
        return False  # an infinitive, gerund or participle: nothing to ask the engine
    m = _ES_GOVERNING.search(before)
    return (m is not None and not m.group("que")  # dice que aboga: a finite verb is right
            and isinstance(person(model, "es"), tuple)
            and isinstance(person(m.group("verb"), "es"), tuple))


_ES_NON_FINITE = ("ar", "er", "ir", "ír", "ando", "iendo", "yendo", "ado", "ada", "ados",
                  "adas", "ido", "ida", "idos", "idas")


def _reflexive_gerund(lemma: str, before: str, model: str, conjugate: Callable[..., object]
                      ) -> tuple[str, str] | None:
    """A reflexive Spanish verb (``declararse culpable``) in place of a gerund (``Están
    abogando culpables``): the gerund of the verb without its clitic, the clitic then
    attached with the accent it calls for (``declarándose culpable``); None when this is
    not that case.

    >>> _reflexive_gerund("declararse culpable", "Están ", "abogando",
    ...                   lambda lemma, model, lang: "declarando culpable")
    ('Están ', 'declarándose culpable')
    """
    from glossary.forms import attach_pronouns

    head, *rest = lemma.split()
    if not head.endswith("se") or len(head) <= 4:
        return None
    gerund = conjugate(" ".join([head[:-2], *rest]), model, "es")
    if not isinstance(gerund, str) or not gerund:
        return None
    verb, _sep, after = gerund.partition(" ")
    if not verb.lower().endswith(("ando", "iendo", "yendo")):
        return None
    return before, " ".join(w for w in (attach_pronouns(verb, "se"), after) if w)


def _agree_complement(form: str, lemma: str, models: Sequence[str],
                      agree: Callable[..., object]) -> str:
    """``form`` (the term ``lemma`` conjugated, its words after the verb as in the lemma) with
    those words made to agree like ``models`` by ``agree``; as it was when they cannot.

    >>> _agree_complement("se han declarado no culpable", "declararse no culpable", ["han"],
    ...                   lambda words, models, lang: words + "s")
    'se han declarado no culpables'
    """
    rest = lemma.split()[1:]
    words = form.split(" ")
    if not rest or words[len(words) - len(rest):] != rest:
        return form
    agreed = agree(" ".join(rest), list(models), "es")
    if not isinstance(agreed, str) or not agreed or len(agreed.split(" ")) != len(rest):
        return form
    return " ".join([*words[:len(words) - len(rest)], agreed])


def _reflexive_compound(lemma: str, before: str, model: str, conjugate: Callable[..., object]
                        ) -> tuple[str, str] | None:
    """A reflexive Spanish verb (``declararse no culpable``) in place of a participle after
    ``haber`` (``Ha abogado no culpable``): the participle of the verb without its clitic,
    and the clitic before the auxiliary (``Se ha declarado no culpable``). Returns the new
    text before the term and the term; None when this is not that case.

    >>> _reflexive_compound("declararse culpable", "Él ha ", "abogado",
    ...                     lambda lemma, model, lang: "declarado culpable")
    ('Él se ha ', 'declarado culpable')
    """
    head, *rest = lemma.split()
    m = _ES_AUX_BEFORE.search(before)
    if m is None or not head.endswith("se") or len(head) <= 4:
        return None
    participle = conjugate(" ".join([head[:-2], *rest]), model, "es")
    if not isinstance(participle, str) or not participle:
        return None
    aux = m.group(1)
    clitic = _haber_clitic(aux)
    if aux.lower() == "haber":  # the infinitive takes the clitic after it: haberse declarado
        auxiliary = aux + "se"
    elif aux[:1].isupper():
        auxiliary = clitic.capitalize() + " " + aux[:1].lower() + aux[1:]
    else:
        auxiliary = clitic + " " + aux
    return (before[:m.start()] + auxiliary + m.group(2),
            participle[:1].lower() + participle[1:])


def _haber_clitic(aux: str) -> str:
    """The reflexive clitic of the person of a form of ``haber`` (``hemos`` -> ``nos``);
    ``se`` where the form does not tell (``había``: yo or él) and for the third person.

    >>> [_haber_clitic(a) for a in ("he", "has", "ha", "hemos", "habéis", "Han", "había")]
    ['me', 'te', 'se', 'nos', 'os', 'se', 'se']
    """
    low = aux.lower()
    if low in ("he", "hube", "habré"):
        return "me"
    if low.endswith("mos"):
        return "nos"
    if low.endswith("is"):
        return "os"
    if low.endswith(("s", "ste")):
        return "te"
    return "se"


def _source_tag(entry: Entry, src: Lang, form: str) -> str:
    from glossary.forms import tagged_forms

    tagged = tagged_forms(entry, src)
    for f, (_lemma, tag) in tagged.items():
        if f.lower() == form.lower():
            return tag
    forbidden = tagged_forms(entry, src, forbidden=True)
    for f, (_lemma, tag) in forbidden.items():
        if f.lower() == form.lower():
            return tag
    return "sg"


_TERM_TOKEN = "Xqt{}x"
_SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")
#: Spaces before closing punctuation: where the engine dropped a word (Apertium spa-eng drops
#: a reflexive ``se`` and keeps its blank: ``has disembarked .``).
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=\w) +([.,;:!?)\]}»”])")


def _tidy_spaces(out: str, source: str) -> str:
    """``out`` without the blanks an engine leaves where it dropped a word: doubled spaces
    become one, and a space before closing punctuation goes, unless the source itself
    writes that punctuation after a space (``20 %``-like house styles keep theirs).

    >>> _tidy_spaces("The man has pleaded not guilty .", "El hombre se ha declarado.")
    'The man has pleaded not guilty.'
    >>> _tidy_spaces("Hello  world !", "Bonjour le monde !")
    'Hello world !'
    """
    if "  " in out:
        out = _SPACES.sub(" ", out)
    if " " not in out:
        return out

    def drop(m: re.Match[str]) -> str:
        return m.group(0) if " " + m.group(1) in source else m.group(1)

    return _SPACE_BEFORE_PUNCT.sub(drop, out)


#: With per-segment glossaries, a glossary shared by fewer segments than this is not compiled
#: into the engine (Apertium: about 2 s per compile); its terms are forced by repair instead.
COMPILE_MIN_SEGMENTS = 25


def translate_segments(
    texts: Sequence[str],
    src: Lang,
    tgt: Lang,
    *,
    engine: Engine | str,
    glossary: Glossary | None = None,
    glossaries: Sequence[Glossary | None] | None = None,
    formats: Sequence[str] = PROSE_FORMATS,
    repair: bool = True,
    compile_min: int = COMPILE_MIN_SEGMENTS,
) -> list[SegmentResult]:
    """Translate ``texts`` (segments), then verify and repair each glossary term.

    ``glossary`` applies to every segment and is given to the engine (Apertium compiles it).
    ``glossaries`` instead gives each segment its own (the WMT25 setting): segments sharing a
    glossary go to the engine together, and a glossary used by fewer than ``compile_min``
    segments is enforced by verification and repair alone, so one-off glossaries cost no
    compile. Either way the engine sees a few batches, never one call per sentence.
    ``formats`` are the placeholder kinds to protect (``translate.placeholders.FORMATS``);
    catalogs pass ``python-format`` and friends per entry flag.
    """
    if src == tgt:
        raise ValueError("source and target language are the same")
    if isinstance(engine, str):
        from translate.engines.registry import get_engine

        engine = get_engine(engine)
    if glossaries is not None and len(glossaries) != len(texts):
        raise ValueError("one glossary per segment")
    directed: dict[str, Glossary] = {}

    def direct(g: Glossary | None) -> Glossary:
        if g is None:
            return Glossary()
        key = g.content_hash
        if key not in directed:
            directed[key] = g.for_direction(src, tgt)
        return directed[key]

    per = [direct(g) for g in glossaries] if glossaries is not None else \
        [direct(glossary)] * len(texts)
    if glossaries is None:
        for_engine: list[Glossary | None] = [g if len(g) else None for g in per]
    else:
        uses: dict[str, int] = {}
        for g in per:
            uses[g.content_hash] = uses.get(g.content_hash, 0) + 1
        for_engine = [g if len(g) and uses[g.content_hash] >= compile_min else None
                      for g in per]
    # An engine that can take a batch and answer while it works (Apertium's pipeline) gets
    # the segments before the terms are looked up: that work then overlaps the engine's.
    submit = getattr(engine, "submit", None)
    streaming = callable(submit) and bool(texts) and len(
        {g.content_hash if g is not None else "" for g in for_engine}) == 1
    if streaming:
        start = getattr(engine, "start", None)
        if callable(start):
            start(src, tgt, for_engine[0])  # loads its dictionaries while we protect
    protected = [protect(t, formats) for t in texts]
    pending = submit([p.text for p in protected], src, tgt, glossary=for_engine[0]) \
        if streaming and callable(submit) else None
    reqs = [requirements_for(p.text, g, src, tgt) if len(g) else []
            for p, g in zip(protected, per, strict=True)]
    if pending is not None:
        outputs, states = _collect_verified(pending, reqs, per, for_engine[0], src, tgt, engine,
                                            repair)
    else:
        decoded: list[dict[str, str]] = [{} for _ in texts]
        outputs = _engine_batches(engine, [p.text for p in protected], src, tgt, for_engine,
                                  reqs, decoded)
        states = []
        forced_by: dict[str, set[str]] = {}
        for out, r, g, eg, d in zip(outputs, reqs, per, for_engine, decoded, strict=True):
            forced: set[str] = set()
            if eg is not None:
                key = eg.content_hash
                if key not in forced_by:
                    forced_by[key] = _forced_by_engine(engine, eg, src, tgt)
                forced = forced_by[key]
            states.append(_verify(out, r, g, tgt, forced, d) if r else [])
    if repair:
        outputs, states = _repair(protected, reqs, outputs, states, per, for_engine, src, tgt,
                                  engine, forbidden_fixed=pending is not None)
    results = []
    for text, prot, out, state in zip(texts, protected, outputs, states, strict=True):
        # engines leave blanks where a word was dropped; placeholders are still tokens
        # here, so a code span's own spacing is untouched
        restored = restore(_tidy_spaces(out, prot.text), prot)
        results.append(SegmentResult(text, restored.text, tuple(_shift(state, prot)),
                                     restored.ok))
    return results


class _Pending(Protocol):
    """A batch an engine is translating: iterate for the outputs as they arrive, or wait for
    all with ``result()`` (the authoritative list, should the iteration have stopped early)."""

    def __iter__(self) -> Iterator[str]: ...

    def result(self) -> list[str]: ...


def _collect_verified(pending: _Pending, reqs: Sequence[Sequence[Requirement]],
                      per: Sequence[Glossary], engine_glossary: Glossary | None,
                      src: Lang, tgt: Lang, engine: Engine, repair: bool
                      ) -> tuple[list[str], list[list[TermReport]]]:
    """Verify each translation of the batch (and replace forbidden renderings).

    The engine got the batch before the terms were looked up, so that work overlaps its
    own; the translations are then taken all at once (``result()``, the engine's final
    answer, fallback included), not one by one as they come out: Apertium's pipeline keeps
    both cores busy, so verifying meanwhile saved no time, and waking for each of NTREX's
    2,004 segments cost glosa about 0.05 s of CPU per run (see docs/benchmarks.md)."""
    forced = _forced_by_engine(engine, engine_glossary, src, tgt) \
        if engine_glossary is not None else set()

    def check(i: int, out: str) -> tuple[str, list[TermReport]]:
        if not reqs[i]:
            return out, []
        state = _verify(out, reqs[i], per[i], tgt, forced)
        if repair and any(r.status is Status.FAILED for r in state):
            return _fix_forbidden(out, state, reqs[i], per[i], tgt, engine)
        return out, state

    checked = [check(i, out) for i, out in enumerate(pending.result())]
    return [c[0] for c in checked], [c[1] for c in checked]


def _engine_batches(engine: Engine, texts: Sequence[str], src: Lang, tgt: Lang,
                    for_engine: Sequence[Glossary | None],
                    reqs: Sequence[Sequence[Requirement]] | None,
                    decoded: list[dict[str, str]] | None = None) -> list[str]:
    """One engine call per distinct engine glossary; results back in input order.

    ``decoded``, when given, receives per segment the terms the engine forced itself.
    """
    groups: dict[str, list[int]] = {}
    by_key: dict[str, Glossary | None] = {}
    for i, g in enumerate(for_engine):
        key = g.content_hash if g is not None else ""
        groups.setdefault(key, []).append(i)
        by_key[key] = g
    out = [""] * len(texts)
    for key, idx in groups.items():
        batch = engine.translate([texts[i] for i in idx], src, tgt, glossary=by_key[key],
                                 requirements=[reqs[i] for i in idx] if reqs else None)
        for i, t in zip(idx, batch, strict=True):
            out[i] = t
        if decoded is not None:
            for i, d in zip(idx, _forced_in_decoder(engine, len(idx)), strict=True):
                decoded[i] = d
    return out


def _shift(reports: Sequence[TermReport], prot: Protected) -> list[TermReport]:
    """Map term spans from the protected text back to the original segment."""
    if not prot.placeholders:
        return list(reports)
    out = []
    for r in reports:
        i = prot.source.find(r.source_form)
        if i >= 0:
            r = TermReport(r.entry_id, r.source_form, i, i + len(r.source_form), r.target_form,
                           r.status, r.method, r.reason)
        out.append(r)
    return out


def _forced_by_engine(engine: Engine, glossary: Glossary, src: Lang, tgt: Lang
                      ) -> set[str]:
    """Entry ids the engine forces itself (Apertium: the ones compiled as dictionaries)."""
    fn = getattr(engine, "forced_entries", None)
    if fn is None or not len(glossary):
        return set()
    return set(fn(glossary, src, tgt))


def _forced_in_decoder(engine: Engine, n: int) -> list[dict[str, str]]:
    """Per segment, entry ids the engine forced in its last call and how (Argos: ``decoder``).

    Engines that force per segment expose ``last_terms``: per segment, outcomes with
    ``entry_id`` and ``how`` (``present`` when the model produced the term itself).
    """
    last = getattr(engine, "last_terms", None)
    if not isinstance(last, list) or len(last) != n:
        return [{} for _ in range(n)]
    methods = {"placeholder": "dnt-placeholder"}
    return [{t.entry_id: methods.get(str(t.how), "decoder") for t in seg
             if str(t.how) not in ("present", "failed")} for seg in last]


def _verify(output: str, reqs: Sequence[Requirement], glossary: Glossary, tgt: Lang,
            forced: set[str], decoded: dict[str, str] | None = None) -> list[TermReport]:
    from glossary.match import find_forbidden

    reports: list[TermReport] = []
    used: dict[str, int] = {}
    for req in reqs:
        entry = glossary[req.entry_id]
        spans = _count_accepted(output, entry, tgt, req.source_form if req.dnt else "")
        k = used.get(entry.id, 0)
        forbidden = find_forbidden(output, entry, tgt)
        if k < len(spans) and not forbidden:
            used[entry.id] = k + 1
            s, e = spans[k]
            method = "dictionary" if entry.id in forced else "engine"
            status = Status.ENFORCED if entry.id in forced else Status.PRESENT
            if decoded and entry.id in decoded:
                method, status = decoded[entry.id], Status.ENFORCED
            reports.append(TermReport(entry.id, req.source_form, req.start, req.end,
                                      output[s:e], status, method))
        else:
            why = (f"forbidden rendering {output[forbidden[0].start:forbidden[0].end]!r}"
                   if forbidden else "no accepted form in the output")
            reports.append(TermReport(entry.id, req.source_form, req.start, req.end, None,
                                      Status.FAILED, "", why))
    return reports


def _fix_forbidden(output: str, reports: Sequence[TermReport], reqs: Sequence[Requirement],
                   glossary: Glossary, tgt: Lang, engine: Engine
                   ) -> tuple[str, list[TermReport]]:
    """Repair 1: each failed term whose forbidden rendering is in ``output`` gets the
    preferred term in its place."""
    new = list(reports)
    for j, rep in enumerate(new):
        if rep.status is not Status.FAILED:
            continue
        entry = glossary[rep.entry_id]
        fixed = _replace_forbidden(output, entry, tgt, reqs[j], engine)
        if fixed is not None:
            output = fixed[0]
            spans = _count_accepted(output, entry, tgt, "")
            form = output[spans[0][0]:spans[0][1]] if spans else None
            new[j] = TermReport(rep.entry_id, rep.source_form, rep.start, rep.end, form,
                                Status.ENFORCED, "replace-forbidden",
                                f"replaced {fixed[1]!r}" + (_LEMMA_ONLY if fixed[2] else ""),
                                lemma_only=fixed[2])
    return output, new


#: The end of a report's reason when a verb term replaced a forbidden rendering as its lemma
#: (the engine could not conjugate it like that rendering): the repair tries a stand-in verb.
_LEMMA_ONLY = "; put in as its lemma: the engine could not conjugate it there"


def _repair(protected: Sequence[Protected], reqs: Sequence[Sequence[Requirement]],
            outputs: Sequence[str], states: Sequence[Sequence[TermReport]],
            glossaries: Sequence[Glossary], for_engine: Sequence[Glossary | None],
            src: Lang, tgt: Lang, engine: Engine, forbidden_fixed: bool = False
            ) -> tuple[list[str], list[list[TermReport]]]:
    new_out = list(outputs)
    new_states = [list(s) for s in states]
    retry: list[int] = []
    # 1. forbidden renderings replaced in place (already done for a submitted batch)
    for i, reports in enumerate(new_states):
        if not forbidden_fixed:
            new_out[i], reports[:] = _fix_forbidden(new_out[i], reports, reqs[i],
                                                    glossaries[i], tgt, engine)
        if any(r.status is Status.FAILED or r.lemma_only for r in reports):
            retry.append(i)
    if not retry:
        return new_out, new_states
    # 2. translate again with the missing terms as opaque tokens, then put the terms in; a
    #    missing verb is also tried as a stand-in verb the engine conjugates (see
    #    _verb_stand_in), and that version wins when it holds as many terms
    jobs: list[tuple[int, list[str], list[list[_Slot]]]] = []
    for i in retry:
        text = protected[i].text
        missing = [(j, reqs[i][j]) for j, r in enumerate(new_states[i])
                   if r.status is Status.FAILED or r.lemma_only]
        # only verbs put in as lemmas: a token would put the lemma in again
        only_lemmas = not any(r.status is Status.FAILED for r in new_states[i])
        variants: list[tuple[str, list[_Slot]]] = []
        for use_verbs in (False, True) if not only_lemmas else (True,):
            pieces: list[str] = []
            slots: list[_Slot] = []
            pos = 0
            stood_in = False
            for n, (j, req) in enumerate(sorted(missing, key=lambda p: p[1].start), start=1):
                if req.start < pos:
                    continue
                entry = glossaries[i][req.entry_id]
                stand = _verb_stand_in(engine, entry, req, src, tgt, text[:req.start]) \
                    if use_verbs else None
                pieces.append(text[pos:req.start])
                if stand is not None:
                    pieces.append(stand[0])
                    slots.append(_Slot("verb", stand[1], j, req))
                    stood_in = True
                else:
                    token = _TERM_TOKEN.format(n)
                    pieces.append(token)
                    slots.append(_Slot("token", token, j, req))
                pos = req.end
            pieces.append(text[pos:])
            if not use_verbs or stood_in:
                variants.append(("".join(pieces), slots))
        if variants:
            jobs.append((i, [v[0] for v in variants], [v[1] for v in variants]))
    flat = [t for _i, texts_, _s in jobs for t in texts_]
    flat_glossaries = [for_engine[i] for i, texts_, _s in jobs for _t in texts_]
    translated = iter(_engine_batches(engine, flat, src, tgt, flat_glossaries, None))
    for i, _texts, slot_lists in jobs:
        glossary = glossaries[i]
        best: tuple[str, dict[int, str], set[int], list[TermReport]] | None = None
        for slots in slot_lists:
            out = next(translated)
            candidate, fills, lost = _fill(out, slots, glossary, src, tgt, engine)
            if lost and len(lost) == len(slots):
                continue
            check = _verify(candidate, reqs[i], glossary, tgt, set())
            ok = sum(r.status is not Status.FAILED for r in check)
            if best is None or ok >= sum(r.status is not Status.FAILED for r in best[3]):
                best = (candidate, fills, lost, check)
        if best is None:
            for j, r in enumerate(new_states[i]):
                if r.status is Status.FAILED:
                    new_states[i][j] = TermReport(r.entry_id, r.source_form, r.start, r.end,
                                                  None, Status.FAILED, "",
                                                  r.reason + "; the engine dropped the term "
                                                  "placeholder on a second try")
            continue
        candidate, fills, lost, check = best
        # accept the second translation only if no term that held before is lost
        before_ok = {j for j, r in enumerate(new_states[i]) if r.status is not Status.FAILED}
        after_ok = {j for j, r in enumerate(check) if r.status is not Status.FAILED}
        if not before_ok <= after_ok:
            continue
        new_out[i] = candidate
        merged: list[TermReport] = []
        for j, (old, new) in enumerate(zip(new_states[i], check, strict=True)):
            if old.lemma_only and new.status is not Status.FAILED and j in fills:
                merged.append(TermReport(new.entry_id, new.source_form, new.start, new.end,
                                         new.target_form, Status.ENFORCED, fills[j],
                                         old.reason.removesuffix(_LEMMA_ONLY)))
            elif old.status is not Status.FAILED:
                # held in both translations: how it was satisfied stays, the form is the one
                # in the output that is kept
                merged.append(replace_fields(old, target_form=new.target_form)
                              if new.status is not Status.FAILED else new)
            elif new.status is not Status.FAILED:
                merged.append(TermReport(new.entry_id, new.source_form, new.start, new.end,
                                         new.target_form, Status.ENFORCED,
                                         fills.get(j, "placeholder"), old.reason))
            else:
                why = "the engine dropped the term placeholder" if j in lost else new.reason
                merged.append(TermReport(new.entry_id, new.source_form, new.start, new.end,
                                         None, Status.FAILED, "", why))
        new_states[i] = merged
    return new_out, new_states


@dataclass(frozen=True)
class _Slot:
    """Where a missing term went in a re-translation: an opaque token, or a stand-in verb."""

    kind: str  # token | verb
    key: str  # the token, or the stand-in verb's lemma in the target language
    index: int  # the requirement's index in its segment
    req: Requirement


_CLITICS = frozenset({"se", "me", "te", "nos", "os"})


def _verb_stand_in(engine: Engine, entry: Entry, req: Requirement, src: Lang, tgt: Lang,
                   before: str = "") -> tuple[str, str] | None:
    """A verb the engine knows, inflected like the source verb, to translate in its place, and
    that verb's lemma in the target (engines offering ``verb_stand_in``: Apertium)."""
    fn = getattr(engine, "verb_stand_in", None)
    if entry.pos is not Pos.VERB or not callable(fn):
        return None
    words = [w for w in req.source_form.split() if w.lower() not in _CLITICS]
    if not words:
        return None
    # the glossary's reading of the form (``indicted``: past), for a verb the engine's
    # analyser does not know: without it the term went in as an infinitive
    tag = _verb_tag(entry, src, req.source_form, before)
    if src == "es" and tag == "imp":
        # a reflexive imperative (declárate): the stand-in without its pronoun reads as a
        # present (desembarca: "It disembarks"); the term's base form is the imperative
        return None
    clitics = ""
    if src == "es" and tag in ("inf-clitic", "ger-clitic", "imp-clitic"):
        # the object pronouns stay on the stand-in (acusarlos -> desembarcarlos), so the
        # translation keeps the object ("decided to indict them", not "decided to indict")
        model, clitics = _split_enclitics(words[0], imperative=tag == "imp-clitic")
        words[0], tag = model, tag.removesuffix("-clitic")
    stand = fn(words[0], src, tgt, tag)
    if not isinstance(stand, tuple):
        return None
    if clitics:
        attached = _with_enclitics(("", stand[0]), clitics, imperative=tag == "imp")
        return (attached[1], stand[1]) if attached else None
    return stand


def _verb_tag(entry: Entry, lang: Lang, form: str, before: str = "") -> str:
    """The glossary's tag of the verb form ``form`` of ``entry`` (``glossary.forms``) found
    after the text ``before``; "" when that is no verb tag, or for an English base form
    right after ``be`` or ``have`` (a participle that reads as the base form, as an
    irregular verb's can: ``whether it is reset``) or opening
    the segment (an imperative, ``Reset Availability Data``, which stays an infinitive).

    >>> from glossary.model import Entry, Pos
    >>> [_verb_tag(Entry("i", "indict", "acusar", pos=Pos.VERB), "en", f, "They will ")
    ...  for f in ("indicted", "indict", "indicts")]
    ['past', 'inf', 'verb']
    >>> _verb_tag(Entry("r", "reset", "restablecer", pos=Pos.VERB), "en", "reset",
    ...           "Whether it is ")
    ''
    """
    tag = _source_tag(entry, lang, form)
    if lang == "en" and tag == "inf" and (not before.strip()
                                          or _EN_BE_HAVE_BEFORE.search(before)):
        return ""
    return tag


#: A form of English ``be``, ``have`` or ``get`` right before a word: what follows is a
#: participle or an adjective, not an infinitive.
_EN_BE_HAVE_BEFORE = re.compile(
    r"(?i)\b(?:am|is|are|was|were|be|been|being|has|have|had|having|get|gets|got|gotten)"
    r"(?:\s+(?:not|never|already|also|just|now|then|being|been))*\s+$")


_ES_ENCLITICS = ("nos", "les", "los", "las", "me", "te", "se", "os", "lo", "la", "le")
_ES_ACCENTED_GERUND = {"ándo": "ando", "iéndo": "iendo", "yéndo": "yendo"}
#: An infinitive takes a written accent before two pronouns (acusárselo, decírselo); oír and
#: reír keep theirs anyway.
_ES_ACCENTED_INFINITIVE = {"ár": "ar", "ér": "er", "ír": "ir"}


def _split_enclitics(word: str, imperative: bool = False) -> tuple[str, str]:
    """A Spanish infinitive or gerund (or, with ``imperative``, an imperative) and the
    pronouns attached to it (up to two), without the written accent they called for:
    ``desembarcándole`` -> ``("desembarcando", "le")``, ``acusárselo`` -> ``("acusar",
    "selo")``, ``acúsalo`` -> ``("acusa", "lo")``; ``(word, "")`` for a word that carries
    none.

    >>> _split_enclitics("desembarcarles"), _split_enclitics("desembarcándoselo")
    (('desembarcar', 'les'), ('desembarcando', 'selo'))
    >>> _split_enclitics("desembarcaron"), _split_enclitics("desembarcar")
    (('desembarcaron', ''), ('desembarcar', ''))
    >>> _split_enclitics("entregárselas"), _split_enclitics("decírselo")
    (('entregar', 'selas'), ('decir', 'selo'))
    >>> [_split_enclitics(w, imperative=True)
    ...  for w in ("Acúsalo", "entréguenselas", "acusémoslo", "acusaos")]
    [('Acusa', 'lo'), ('entreguen', 'selas'), ('acusemos', 'lo'), ('acusad', 'os')]
    """
    low = word.lower()
    singles = [(low[:-len(c)], c) for c in _ES_ENCLITICS if low.endswith(c)]
    doubles = [(stem[:-len(c)], c + last) for stem, last in singles for c in _ES_ENCLITICS
               if stem.endswith(c) and c in _INDIRECT and last in _DIRECT]
    if imperative:
        # an imperative shows no ending of its own: two pronouns where the first can go
        # before the second (se lo, nos las), else one; what is left must end as an
        # imperative can (acusa, acusen, acusemos, acusad, ten, haz, sal)
        cut = next((len(c) for stem, c in [*doubles, *singles]
                    if len(stem) > 1 and stem[-1] in "aeiouáéíóúnsdlz"), 0)
    else:
        cut = next((len(c) for stem, c in [*singles, *doubles]
                    if _is_infinitive_or_gerund(stem)), 0)
    if not cut:
        return word, ""
    verb, clitics = word[:-cut], word[-cut:]
    if imperative:
        verb = _plain_imperative(verb, clitics.lower())
    for accented, plain in (*_ES_ACCENTED_GERUND.items(), *_ES_ACCENTED_INFINITIVE.items()):
        if verb.lower().endswith(accented) and not (  # oír, reír: the accent is the verb's
                accented == "ír" and verb[-3:-2].lower() in "aeiou"):
            verb = verb[:-len(accented)] + plain
            break
    return verb, clitics


def _plain_imperative(verb: str, clitics: str) -> str:
    """An imperative as written without pronouns: the stress accent they called for
    dropped, and the ``-s`` (acusémonos) or ``-d`` (acusaos) they elided put back."""
    verb = verb.translate(_NO_STRESS_ACCENT)
    if clitics.startswith(("nos", "se")) and verb.endswith("mo"):
        return verb + "s"
    if clitics.startswith("os") and verb[-1:] in ("a", "e", "i"):
        return verb + "d"
    return verb


_NO_STRESS_ACCENT = str.maketrans("áéíóúÁÉÍÓÚ", "aeiouAEIOU")
_INDIRECT = frozenset({"me", "te", "se", "nos", "os"})
_DIRECT = frozenset({"lo", "la", "los", "las"})


def _is_infinitive_or_gerund(word: str) -> bool:
    return len(word) > 3 and (word.endswith(("ar", "er", "ir", "ír", "ár", "ér"))
                              or word.endswith(("ando", "iendo", "yendo", *_ES_ACCENTED_GERUND)))


def _with_enclitics(here: tuple[str, str], clitics: str, imperative: bool = False
                    ) -> tuple[str, str] | None:
    """The conjugated term of ``here`` (text before, term) with ``clitics`` attached to its
    verb, as the stand-in had them (``acusar formalmente`` + ``les`` -> ``acusarles
    formalmente``), with the written accent that then needs (``acusárselo``); the verb
    must be an infinitive or gerund, or with ``imperative`` any form. None for a reflexive
    term (its own ``se`` is already attached).

    >>> _with_enclitics(("Votó ", "absolviendo"), "le")
    ('Votó ', 'absolviéndole')
    >>> _with_enclitics(("", "acusar formalmente"), "selo")
    ('', 'acusárselo formalmente')
    """
    from glossary.forms import attach_pronouns

    head, *rest = here[1].split(" ")
    low = head.lower()
    if (not imperative and not _is_infinitive_or_gerund(low)) or low.endswith("se"):
        return None
    return here[0], " ".join([attach_pronouns(head, clitics), *rest])


def _english_form_like(entry: Entry, stand_in: str, model: str) -> str | None:
    """The English verb term ``entry`` in the form that ``model``, a form of the verb
    ``stand_in``, has (``disembarked`` -> ``acquitted``, ``pleaded not guilty``), by the
    glossary's own rules (``glossary.forms``): the forms the check accepts, where Apertium's
    generator does not know the verb (``indict``) or misspells it (``acquited``). None when
    ``model`` is not a form of ``stand_in``.

    >>> from glossary.model import Entry, Pos
    >>> _english_form_like(Entry("a", "acquit", "absolver", pos=Pos.VERB), "disembark",
    ...                    "Disembarked")
    'Acquitted'
    """
    from glossary.forms import tagged_forms

    stand = Entry("stand-in", stand_in, stand_in, pos=Pos.VERB)
    tag = next((t for f, (_lemma, t) in tagged_forms(stand, "en").items()
                if f.lower() == model.lower()), None)
    lemma = entry.term("en")
    form = next((f for f, (lem, t) in tagged_forms(entry, "en").items()
                 if t == tag and lem == lemma), None) if tag else None
    if form and model[:1].isupper():
        form = form[:1].upper() + form[1:]
    return form


def _fill(out: str, slots: Sequence[_Slot], glossary: Glossary, src: Lang, tgt: Lang,
          engine: Engine) -> tuple[str, dict[int, str], set[int]]:
    """Put each missing term where its token or stand-in verb came out."""
    candidate = out
    fills: dict[int, str] = {}
    lost: set[int] = set()
    for slot in slots:
        entry = glossary[slot.req.entry_id]
        req = slot.req
        if slot.kind == "verb":
            find = getattr(engine, "find_verb", None)
            conjugate = getattr(engine, "conjugate_like", None)
            span = find(candidate, slot.key, tgt) if callable(find) else None
            english = (_english_form_like(entry, slot.key, candidate[span[0]:span[1]])
                       if span and tgt == "en" else None)
            model, clitics = (_split_enclitics(candidate[span[0]:span[1]]) if span and tgt == "es"
                              else (candidate[span[0]:span[1]] if span else "", ""))
            here = ((candidate[:span[0]], english) if span and english else
                    _conjugate_here(entry.term(tgt), candidate[:span[0]], model, tgt, conjugate,
                                    getattr(engine, "agree_like", None), (),
                                    getattr(engine, "person_of", None))
                    if span and callable(conjugate) else None)
            if here is not None and clitics:
                here = _with_enclitics(here, clitics)
            if not span or here is None:
                lost.add(slot.index)
                continue
            candidate = here[0] + here[1] + candidate[span[1]:]
            fills[slot.index] = "placeholder-verb"
            continue
        idx = candidate.find(slot.key)
        if idx < 0:
            lost.add(slot.index)
            continue
        tag = _source_tag(entry, src, req.source_form)
        form = _target_form(entry, tgt, tag, req.source_form if req.dnt else "")
        before = _agree_article(candidate[:idx], entry, tag, tgt, form)
        form = _fit_case(form, not before.strip(), entry)
        candidate = before + form + candidate[idx + len(slot.key):]
        fills[slot.index] = "placeholder"
    return candidate, fills, lost


def translate_batch(
    texts: Sequence[str],
    src: Lang,
    tgt: Lang,
    *,
    engine: Engine | str,
    glossary: Glossary | None = None,
    formats: Sequence[str] = FORMATS,
) -> list[SegmentResult]:
    """Catalog entries (or any short texts) in, one result each: :func:`translate_segments`
    protecting every placeholder kind (``%(n)d``, ``{name}``, ``%s``, HTML, Markdown) by
    default; catalogs narrow ``formats`` to an entry's flags."""
    return translate_segments(texts, src, tgt, engine=engine, glossary=glossary,
                              formats=formats)


# --------------------------------------------------------------------------------------------
# Whole texts
# --------------------------------------------------------------------------------------------

def translate_text(
    text: str,
    src: Lang,
    tgt: Lang,
    *,
    engine: Engine,
    glossary: Glossary | None = None,
    markdown: bool = True,
    formats: Sequence[str] = PROSE_FORMATS,
    progress: Callable[[int, int], None] | None = None,
    chunk: int = 250,
) -> TranslationResult:
    """Translate ``text`` sentence by sentence with the glossary enforced.

    Line breaks, empty lines and Markdown block markup are kept exactly, so N input lines
    give N output lines. With ``progress``, segments go to the engine ``chunk`` at a time and
    ``progress(done, total)`` is called after each chunk; without it, in one batch.
    """
    spans = segment_text(text, markdown=markdown)
    texts = [s.text for s in spans]
    if progress is None:
        results = translate_segments(texts, src, tgt, engine=engine, glossary=glossary,
                                     formats=formats)
    else:
        results = []
        progress(0, len(texts))
        for start in range(0, len(texts), max(1, chunk)):
            results += translate_segments(texts[start:start + chunk], src, tgt, engine=engine,
                                          glossary=glossary, formats=formats)
            progress(len(results), len(texts))
    out = replace_segments(text, spans, [r.output for r in results])
    return TranslationResult(text, out, src, tgt, engine.name, tuple(results), tuple(spans))
