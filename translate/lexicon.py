"""A bilingual English<->Spanish word list, and how much of one text it explains in another.

Character n-grams after a machine translation miss free renderings: Apertium writes
"preocupación" where the story says "preocupante", "salvaje" where it says "feral". A word
list knows more than the one rendering the engine picks: every lemma pair of a bilingual
dictionary (Apertium's, see :mod:`translate.engines.apertium_lexicon`, widened with
FreeDict's, :mod:`translate.engines.freedict_lexicon`). :func:`word_coverage`
asks, for every content word of each text, whether the other text has the same word (names,
numbers and cognates pass through) or a dictionary translation of it, looked up from either
side, comparing lemmas (simplemma) and, to forgive inflection and derivation, their first
five letters.

The word list is data, not a model: nothing is downloaded; without one the aligner compares
characters only.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from translate.checks import STOPWORDS, fold

if TYPE_CHECKING:
    from translate.thesaurus import Thesaurus

#: Letters of a word compared when lemmas differ (as the aligner's word stems):
#: "preocuparse" and "preocupante", "arrest" and "arrested".
STEM = 5
#: Auxiliary and light verbs (lemmas, folded): grammar more than content, in every sentence
#: ("we are going to" / "vamos a"); they link any two quotes, so they do not count.
LIGHT_VERBS: dict[str, frozenset[str]] = {
    "en": frozenset("be have do go get make say will would can could may might must shall "
                    "should want".split()),
    "es": frozenset("ser estar haber tener hacer ir decir poder deber querer".split()),
}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+")


@dataclass(frozen=True, eq=False)
class BilingualLexicon:
    """Folded lemma -> folded lemmas in the other language, for each direction (compared
    and hashed by identity: one list per process)."""

    en_es: Mapping[str, frozenset[str]]
    es_en: Mapping[str, frozenset[str]]
    #: English synonyms (WordNet's, :mod:`translate.thesaurus`), for the wider, weaker view
    #: of :func:`word_coverage` (``synonyms=True``); none in a list made from pairs alone
    thesaurus: Thesaurus | None = None

    def translations(self, lemma: str, src: str) -> frozenset[str]:
        """The other language's lemmas for a folded lemma of ``src`` (en or es).

        >>> lex = lexicon_from_pairs([("worry", "preocupación")])
        >>> sorted(lex.translations("worry", "en")), sorted(lex.translations("preocupacion", "es"))
        (['preocupacion'], ['worry'])
        """
        table = self.en_es if src == "en" else self.es_en
        return table.get(lemma, frozenset())

    def __len__(self) -> int:
        return len(self.en_es)


def lexicon_from_pairs(pairs: Iterable[tuple[str, str]]) -> BilingualLexicon:
    """A lexicon from (English lemma, Spanish lemma) pairs, both directions, folded."""
    en_es: dict[str, set[str]] = {}
    es_en: dict[str, set[str]] = {}
    for en, es in pairs:
        en, es = " ".join(fold(en).split()), " ".join(fold(es).split())
        if not en or not es:
            continue
        en_es.setdefault(en, set()).add(es)
        es_en.setdefault(es, set()).add(en)
    return BilingualLexicon({k: frozenset(v) for k, v in en_es.items()},
                            {k: frozenset(v) for k, v in es_en.items()})


def merge_lexicon(lexicon: BilingualLexicon,
                  pairs: Iterable[tuple[str, str]]) -> BilingualLexicon:
    """``lexicon`` widened with more (English, Spanish) pairs (another dictionary's).

    >>> lex = merge_lexicon(lexicon_from_pairs([("prank", "broma")]), [("joke", "broma")])
    >>> sorted(lex.translations("broma", "es")), len(lex)
    (['joke', 'prank'], 2)
    """
    pairs = list(pairs)
    if not pairs:
        return lexicon
    merged = lexicon_from_pairs([*((en, es) for en, ess in lexicon.en_es.items()
                                   for es in ess), *pairs])
    return dataclasses.replace(merged, thesaurus=lexicon.thesaurus)


@lru_cache(maxsize=65536)
def _lemma(word: str, lang: str) -> str:
    import simplemma

    return fold(simplemma.lemmatize(word, lang=lang))


def _signature(keys: Iterable[str]) -> frozenset[str]:
    """Folded forms and lemmas, and their first :data:`STEM` letters."""
    return frozenset(x for k in keys for x in (k, k[:STEM]))


@dataclass(frozen=True)
class _Word:
    """A content word: what it is (``signature``) and what it may be in the other language
    (``reach``: its signature and its translations' signatures)."""

    signature: frozenset[str]
    reach: frozenset[str]


@lru_cache(maxsize=65536)
def _word(token: str, lang: str, lexicon: BilingualLexicon, synonyms: bool = False) -> _Word:
    other = "en" if lang == "es" else "es"
    keys = {fold(token), _lemma(token, lang)}
    signature = _signature(keys)
    translations: set[str] = set()
    sources = set(keys)
    if synonyms and lang == "en" and lexicon.thesaurus is not None:
        # one synonym further: "wet" reaches "húmedo" through "damp" and "moist"
        sources |= {s for key in keys for s in lexicon.thesaurus.synonyms(key)}
    for key in sources:
        for t in lexicon.translations(key, lang):
            # a translation of several words counts by its one content word, if it has one
            # ("preocuparse", "respecto de"); "investigación a fondo" is left out
            content = [p for p in t.split() if p not in STOPWORDS[other]]
            if len(content) == 1:
                translations.add(content[0])
    return _Word(signature, signature | _signature(translations))


@dataclass(frozen=True)
class _Text:
    """A text's content words, and all their signatures and reaches together."""

    words: tuple[_Word, ...]
    signature: frozenset[str]
    reach: frozenset[str]


@lru_cache(maxsize=8192)
def _text(text: str, lang: str, lexicon: BilingualLexicon, synonyms: bool = False) -> _Text:
    lang = "es" if lang == "es" else "en"
    stop, light = STOPWORDS[lang], LIGHT_VERBS[lang]
    words = tuple(_word(token, lang, lexicon, synonyms) for token in _WORD.findall(text)
                  if fold(token) not in stop and (len(token) > 1 or token.isdigit())
                  and _lemma(token, lang) not in light)
    return _Text(words, frozenset().union(*(w.signature for w in words)),
                 frozenset().union(*(w.reach for w in words)))


def word_coverage(text: str, lang: str, other: str, other_lang: str,
                  lexicon: BilingualLexicon,
                  synonyms: bool = False) -> tuple[float, float] | None:
    """How much of each text the other explains, word by word: the share of ``text``'s
    content words linked to a word of ``other``, and the same for ``other``; ``None`` when
    either has no content words. Two words are linked when they are the same word (a name,
    a number, a cognate: same lemma or first five letters) or the dictionary translates one
    into the other, in either direction (it may list a pair one way only). With
    ``synonyms`` (and a lexicon that has a thesaurus), an English word is also linked to the
    translations of its synonyms: a wider and weaker view.

    >>> lex = lexicon_from_pairs([("wild", "salvaje"), ("dog", "perro")])
    >>> word_coverage("Los perros salvajes", "es", "wild dogs", "en", lex)
    (1.0, 1.0)
    >>> word_coverage("Los perros salvajes", "es", "feral dogs", "en", lex)
    (0.5, 0.5)
    """
    a, b = _text(text, lang, lexicon, synonyms), _text(other, other_lang, lexicon, synonyms)
    if not a.words or not b.words:
        return None
    return _covered(a, b) / len(a.words), _covered(b, a) / len(b.words)


def _covered(text: _Text, other: _Text) -> int:
    """How many of ``text``'s words ``other`` explains (``isdisjoint`` builds no set: this
    runs for every candidate pair, twice with a thesaurus)."""
    return sum(1 for w in text.words
               if not w.reach.isdisjoint(other.signature)
               or not w.signature.isdisjoint(other.reach))
