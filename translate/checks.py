"""Checks on a (source, target) pair of texts in two languages, shared by catalogs and quotes.

Each check compares what must survive translation and returns :class:`PairIssue` values
(empty list: nothing to report). :func:`check_pair` runs the checks and returns
:class:`glossary.findings.Finding` values ready for ``render_findings``.

API (stable; languages are ``"en"`` or ``"es"``)::

    check_numbers(src, tgt, src_lang, tgt_lang) -> list[PairIssue]      # rule "number"
    check_negation(src, tgt, src_lang, tgt_lang) -> list[PairIssue]     # rule "negation"
    check_names(src, tgt, src_lang, tgt_lang, *, glossary=None,
                hint=None) -> list[PairIssue]                           # rule "name"
    check_quotes(src, tgt, src_lang, tgt_lang) -> list[PairIssue]       # rule "quotes"
    check_placeholders(src, tgt, src_lang, tgt_lang) -> list[PairIssue] # rule "placeholder"
    check_terms(src, tgt, src_lang, tgt_lang, glossary) -> list[PairIssue]  # rule "term"
    check_pair(src, tgt, src_lang, tgt_lang, *, glossary=None, checks=ALL_CHECKS,
               path=None, line=None, col=None, hint=None) -> list[Finding]

What each check treats as equal across languages:

- numbers: digits in either convention (``1.500`` == ``1,500`` == ``1500``; ``2,5`` == ``2.5``;
  a lone separator before three digits may be either), scale words (``2,5 millones`` ==
  ``2.5 million``; ``mil millones`` == ``billion``), number words (``tres`` == ``three``;
  ``veinticinco`` == ``twenty-five``), and month names (``29 de marzo`` == ``March 29``).
  "one"/"un"/"una" are articles too often to be required, but they may answer a ``1``.
- negation: a negation (no/nunca/jamás/ni/tampoco/sin/nadie/nada/ningún... vs
  not/n't/never/no/nobody/nothing/none/nor/without...) present on one side only.
  "sin embargo" (however) and "No. 5" are not negations.
- names: capitalised sequences (people, places, organisations) on one side that have no
  counterpart on the other; accents and case are ignored, close spellings (Mexico/México,
  Guard/Guardia) match, common exonyms (United States/Estados Unidos) are known, and glossary
  entries of a naming kind (person, place, cartel, party, institution...) map across languages.
  ``hint`` is an optional machine translation of the *other* side into this side's language,
  consulted before reporting a name as missing.
- quotes: the number of quoted passages differs.
- placeholders: printf/format placeholders (``%s``, ``%(n)d``, ``{name}``) differ.
- terms: a glossary term found in the source whose accepted target rendering is absent from
  the target, or a forbidden rendering present in the target.

>>> [i.kind for i in check_numbers("Pagó 2,5 millones el 29 de marzo.",
...                                "He paid 2.5 million on March 29.", "es", "en")]
[]
>>> check_numbers("Hubo tres muertos.", "There were four dead.", "es", "en")[0].message
'number tres (3) has no counterpart in the translation; unmatched there: four (4)'
>>> [i.kind for i in check_negation("No lo sabía.", "He knew it.", "es", "en")]
['negation']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from glossary.findings import Finding, Severity
from translate.i18n import _

if TYPE_CHECKING:
    from glossary.model import Glossary, Lang


@dataclass(frozen=True)
class PairIssue:
    """One difference between a source text and its translation.

    ``source``/``target`` list the offending items as written on each side (either may be
    empty when the item exists on one side only).
    """

    kind: str
    message: str
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    severity: Severity = Severity.ERROR

    def to_finding(self, path: str | None = None, line: int | None = None,
                   col: int | None = None) -> Finding:
        """This issue as a :class:`Finding` at a place; the items go in its JSON data."""
        return Finding(path, line, col, self.severity, self.kind, self.message,
                       data={"source_items": list(self.source),
                             "target_items": list(self.target)})


def fold(text: str) -> str:
    """Lowercase without accents, for comparing across languages.

    >>> fold("Méxíco ÑANDÚ")
    'mexico nandu'
    """
    if text.isascii():  # nothing to decompose: the common case, and much faster
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# --------------------------------------------------------------------------------------------
# numbers

_WORD_RE = re.compile(r"[0-9]+(?:[.,\u00a0\u202f][0-9]+)*|[^\W\d_]+(?:['’][^\W\d_]+)?|%",
                      re.UNICODE)

_EN_UNITS = {
    "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}
_ES_UNITS = {
    "cero": 0, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
    "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14,
    "quince": 15, "dieciseis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19,
    "veinte": 20, "veintiun": 21, "veintiuno": 21, "veintiuna": 21, "veintidos": 22,
    "veintitres": 23, "veinticuatro": 24, "veinticinco": 25, "veintiseis": 26,
    "veintisiete": 27, "veintiocho": 28, "veintinueve": 29, "treinta": 30, "cuarenta": 40,
    "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
    "cien": 100, "ciento": 100, "docena": 12,
    "doscientos": 200, "doscientas": 200, "trescientos": 300, "trescientas": 300,
    "cuatrocientos": 400, "cuatrocientas": 400, "quinientos": 500, "quinientas": 500,
    "seiscientos": 600, "seiscientas": 600, "setecientos": 700, "setecientas": 700,
    "ochocientos": 800, "ochocientas": 800, "novecientos": 900, "novecientas": 900,
}
#: words that are a "1" but usually an article or pronoun: they may answer a 1, never demand one
_WEAK_ONE = {"en": {"one", "a", "an"}, "es": {"un", "una", "uno"}}
_EN_HUNDRED = {"hundred": 100}
_SCALES = {
    "en": {"thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9,
           "billions": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6},
    "es": {"mil": 1e3, "millon": 1e6, "millones": 1e6, "millardo": 1e9, "millardos": 1e9,
           "billon": 1e12, "billones": 1e12},
}
_JOINERS = {"en": {"and"}, "es": {"y"}}
_MONTHS = {
    "en": ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"],
}


@dataclass(frozen=True)
class NumberItem:
    """A quantity or date part found in a text: its text and the values it may mean."""

    text: str
    values: frozenset[float]
    strong: bool = True  # a strong item must be matched on the other side
    kind: str = "number"  # "number" or "month"

    def describe(self) -> str:
        if self.kind == "month":
            return self.text
        shown = "/".join(_fmt(v) for v in sorted(self.values))
        return self.text if shown == self.text else f"{self.text} ({shown})"


def _fmt(value: float) -> str:
    if value == int(value):
        return str(int(value))
    return f"{value:g}"


def parse_digits(token: str) -> frozenset[float]:
    """The values a digit string may mean in English or Spanish conventions.

    >>> sorted(parse_digits("1.500"))
    [1.5, 1500.0]
    >>> sorted(parse_digits("2,5")), sorted(parse_digits("1.234.567,8"))
    ([2.5], [1234567.8])
    >>> sorted(parse_digits("1.2,3.4"))  # not a number in either convention: its digits
    [1234.0]
    """
    if token.isdigit():  # no separators: the common case
        return frozenset({float(token)})
    token = token.replace("\u00a0", "").replace("\u202f", "")
    seps = [c for c in token if c in ".,"]
    if not seps:
        return frozenset({float(token)})
    kinds = set(seps)
    if len(kinds) == 2:
        dec = seps[-1]
        if seps.count(dec) > 1:  # "1.2,3.4": no convention reads it; keep its digits
            return frozenset({float("".join(c for c in token if c.isdigit()))})
        thou = "," if dec == "." else "."
        return frozenset({float(token.replace(thou, "").replace(dec, "."))})
    sep = seps[0]
    groups = token.split(sep)
    if len(groups) > 2:
        return frozenset({float("".join(groups))})
    head, tail = groups
    as_decimal = float(f"{head}.{tail}")
    if len(tail) == 3 and head != "0":
        return frozenset({as_decimal, float(head + tail)})
    return frozenset({as_decimal})


def _scale_value(tokens: list[str], i: int, lang: str) -> tuple[float, int]:
    """The product of the scale words starting at ``tokens[i]`` and how many were used."""
    scale = 1.0
    j = i
    while j < len(tokens):
        word = fold(tokens[j])
        factor = _SCALES[lang].get(word)
        if factor is None or (word == "m" and lang == "en" and j != i):
            break
        scale *= factor
        j += 1
    return scale, j - i


def extract_numbers(text: str, lang: Lang | str) -> list[NumberItem]:
    """Quantities, percentages, years and month names in ``text``, normalised.

    >>> text = "El 29 de marzo pagó 2,5 millones y tres autos."
    >>> [i.describe() for i in extract_numbers(text, "es")]
    ['29', 'marzo', '2,5 millones (2500000)', 'tres (3)']
    >>> [i.describe() for i in extract_numbers("March 29: twenty-five or 1,500", "en")]
    ['March', '29', 'twenty-five (25)', '1,500 (1.5/1500)']
    """
    return _extract_numbers(text, "es" if lang == "es" else "en", every_token=False)


def _extract_numbers(text: str, lang: str, *, every_token: bool) -> list[NumberItem]:
    """:func:`extract_numbers`, visiting only the tokens that can start an item (a digit or a
    word of :data:`_NUMBER_VOCAB`), or every token when ``every_token`` (the reference the
    tests compare the fast path with). Most words of a text are neither, and folding each one
    was most of the cost of ``glosa catalog check``."""
    # hyphens become spaces ("twenty-five"); same length, so spans still index ``text``
    spaced = text.replace("-", " ")
    tokens: list[str] = _WORD_RE.findall(spaced)
    if every_token:
        starts: Iterable[int] = range(len(tokens))
    else:
        known = _CANDIDATE_CACHE[lang]
        starts = [k for k, tok in enumerate(tokens)
                  if tok[0] in "0123456789"
                  or (known[tok] if tok in known else _learn_candidate(tok, lang))]
        if not starts:
            return []

    spans: list[tuple[int, int]] = []

    def span_text(a: int, b: int) -> str:
        if b == a + 1 and not every_token:
            return tokens[a]  # a token has no hyphen or space: it is its own text
        if not spans:  # token offsets, only for the few items of several words
            spans.extend(m.span() for m in _WORD_RE.finditer(spaced))
        return text[spans[a][0]:spans[b - 1][1]]

    units = _ES_UNITS if lang == "es" else _EN_UNITS
    items: list[NumberItem] = []
    i = 0  # the first token not yet consumed by an item
    for start in starts:
        if start < i:
            continue
        i = start
        tok = tokens[i]
        if tok[0] in "0123456789":
            values = parse_digits(tok)
            j = i + 1
            # strip English ordinal suffixes that the regex kept as a separate word
            if lang == "en" and j < len(tokens) and fold(tokens[j]) in _ORDINAL_SUFFIXES:
                j += 1
            used = 0
            if j < len(tokens) and fold(tokens[j]) in _SCALES[lang]:
                scale, used = _scale_value(tokens, j, lang)
                # "1.5m" is English shorthand; a bare "m" after a number in Spanish is metres
                if used:
                    values = frozenset(v * scale for v in values)
            items.append(NumberItem(span_text(i, j + used), values))
            i = j + used
            continue
        low = fold(tok)
        if low in _MONTHS[lang]:
            month = _MONTHS[lang].index(low) + 1
            near_digit = any(t[0].isdigit() for t in tokens[max(0, i - 3):i + 3])
            if lang == "es" or (tok[0].isupper() and (low != "may" or near_digit)):
                items.append(NumberItem(tok, frozenset({float(month)}), kind="month"))
            i += 1
            continue
        if lang == "es" and low in {"ciento", "cien"} and i > 0 and fold(tokens[i - 1]) == "por":
            i += 1  # "por ciento" is the percent sign
            continue
        if low in units or low in _EN_HUNDRED and lang == "en" or lang == "es" and low == "mil" or \
                low in _WEAK_ONE[lang] and i + 1 < len(tokens) and \
                fold(tokens[i + 1]) in {*_SCALES[lang], *(["hundred"] if lang == "en" else [])}:
            value, j = _parse_number_words(tokens, i, lang)
            if j > i:
                items.append(NumberItem(span_text(i, j), frozenset({value})))
                i = j
                continue
        if low in _WEAK_ONE[lang] - {"a", "an"}:
            items.append(NumberItem(tok, frozenset({1.0}), strong=False))
        elif low in _WEAK_TWO[lang]:
            items.append(NumberItem(tok, frozenset({2.0}), strong=False))
        i += 1
    # "los dos" / "las dos" often renders "both" or "them" (uno de los dos = one of them):
    # it may answer a 2 on the other side but is not required to find one
    if lang == "es":
        items = [NumberItem(it.text, it.values, strong=False) if it.strong
                 and fold(it.text) == "dos" and _preceded_by(text, it.text, ("los", "las"))
                 else it for it in items]
    return items


#: Words that say 2 without a numeral ("twice" = "dos veces", "both" = "los dos"): weak items.
_WEAK_TWO: dict[str, frozenset[str]] = {
    "en": frozenset({"twice", "both"}),
    "es": frozenset({"ambos", "ambas"}),
}


_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
#: Folded words that can start a number item in each language: every word the loop of
#: :func:`_extract_numbers` does anything with (digits are recognised by their first character).
_NUMBER_VOCAB: dict[str, frozenset[str]] = {
    lang: frozenset({*_MONTHS[lang], *(_ES_UNITS if lang == "es" else _EN_UNITS),
                     *(_EN_HUNDRED if lang == "en" else {"mil"}), *_WEAK_ONE[lang],
                     *_WEAK_TWO[lang]})
    for lang in ("en", "es")
}
#: word -> whether it folds to a word of ``_NUMBER_VOCAB``, per language (words recur a lot)
_CANDIDATE_CACHE: dict[str, dict[str, bool]] = {"en": {}, "es": {}}
_CANDIDATE_CACHE_MAX = 50_000


def _learn_candidate(word: str, lang: str) -> bool:
    known = _CANDIDATE_CACHE[lang]
    if len(known) >= _CANDIDATE_CACHE_MAX:
        known.clear()
    found = known[word] = fold(word) in _NUMBER_VOCAB[lang]
    return found


def _preceded_by(text: str, word: str, before: tuple[str, ...]) -> bool:
    """Whether ``word`` occurs in ``text`` right after one of ``before`` (case-insensitive)."""
    rx = r"\b(?:" + "|".join(before) + r")\s+" + re.escape(word) + r"\b"
    return re.search(rx, text, re.IGNORECASE) is not None


def _parse_number_words(tokens: list[str], i: int, lang: str) -> tuple[float, int]:
    """Parse a run of number words from ``tokens[i]``; return (value, end index)."""
    units = _ES_UNITS if lang == "es" else _EN_UNITS
    total = 0.0
    current = 0.0
    seen = False
    j = i
    while j < len(tokens):
        word = fold(tokens[j])
        if word in units:
            current += units[word]
        elif word in _WEAK_ONE[lang] and not seen:
            current += 1
        elif lang == "en" and word == "hundred" and seen:
            current = max(current, 1) * 100
        elif word in _SCALES[lang] and (seen or word == "mil") and word != "m":
            factor = _SCALES[lang][word]
            if factor == 1e3:
                total += max(current, 1) * factor
            else:
                total = ((total + current) or 1) * factor
            current = 0
        elif word in _JOINERS[lang] and seen and j + 1 < len(tokens) \
                and fold(tokens[j + 1]) in units:
            pass
        else:
            break
        seen = True
        j += 1
    return total + current, j


def _match_items(left: list[NumberItem], right: list[NumberItem]
                 ) -> tuple[list[NumberItem], list[NumberItem]]:
    """Pair items with a shared value; return the strong items left unpaired on each side."""
    if len(left) == len(right) and all(len(x.values) == 1 for x in left) \
            and all(len(x.values) == 1 for x in right) \
            and sorted((x.kind, *x.values) for x in left) == \
            sorted((x.kind, *x.values) for x in right):
        # the usual case, one value per item and the same on both sides: every item pairs
        return [], []
    used_left: set[int] = set()
    used_right: set[int] = set()
    for strong_only in (True, False):
        order = sorted(range(len(left)), key=lambda k: len(left[k].values))
        for a in order:
            if a in used_left or (strong_only and not left[a].strong):
                continue
            for b, item in enumerate(right):
                if b in used_right or (strong_only and not item.strong):
                    continue
                if item.kind == left[a].kind and item.values & left[a].values:
                    used_left.add(a)
                    used_right.add(b)
                    break
    # a weak "un"/"one" may answer a strong 1 left over on the other side
    _answer_with_weak(left, right, used_left, used_right)
    _answer_with_weak(right, left, used_right, used_left)
    rest_left = [x for k, x in enumerate(left) if k not in used_left and x.strong]
    rest_right = [x for k, x in enumerate(right) if k not in used_right and x.strong]
    return rest_left, rest_right


def _answer_with_weak(strong: list[NumberItem], weak: list[NumberItem], used_strong: set[int],
                      used_weak: set[int]) -> None:
    """Pair each unpaired strong item of one side with an unpaired weak one of the other."""
    for a, item in enumerate(strong):
        if a in used_strong or not item.strong:
            continue
        for b, other in enumerate(weak):
            if b not in used_weak and not other.strong and other.values & item.values:
                used_strong.add(a)
                used_weak.add(b)
                break


def check_numbers(src: str, tgt: str, src_lang: Lang | str, tgt_lang: Lang | str
                  ) -> list[PairIssue]:
    """Numbers, amounts, percentages and dates that differ after normalising each language.

    >>> check_numbers("1.500 pesos, 5 por ciento", "1,500 pesos, 5 percent", "es", "en")
    []
    >>> [i.source for i in check_numbers("el 3 de mayo", "on May 4", "es", "en")]
    [('3',)]
    """
    left, right = _match_items(extract_numbers(src, src_lang), extract_numbers(tgt, tgt_lang))
    if not left and not right:
        return []
    shown_left = ", ".join(x.describe() for x in left)
    shown_right = ", ".join(x.describe() for x in right)
    if left and right:
        message = _("number {numbers} has no counterpart in the translation; unmatched there: "
                    "{others}").format(numbers=shown_left, others=shown_right)
    elif left:
        message = _("number {numbers} has no counterpart in the translation").format(
            numbers=shown_left)
    else:
        message = _("number {numbers} in the translation is not in the source").format(
            numbers=shown_right)
    return [PairIssue("number", message, tuple(x.text for x in left),
                      tuple(x.text for x in right))]


# --------------------------------------------------------------------------------------------
# negation

_NEG_EN = {"not", "never", "no", "nobody", "nothing", "none", "neither", "nor", "without",
           "cannot", "nowhere", "noone"}
_NEG_ES_HEAD = {"no", "sin", "nunca", "jamas", "tampoco", "nadie", "nada", "ni",
                "ningun", "ninguno", "ninguna", "ningunos", "ningunas"}
_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+|[.,;:!?¿¡]", re.UNICODE)


def find_negations(text: str, lang: Lang | str) -> list[str]:
    """Negations in ``text``, one per negated clause (Spanish concord counts once).

    >>> find_negations("No dijo nada, y tampoco lo negó.", "es")
    ['No', 'tampoco']
    >>> find_negations("We don't know; sin embargo... No. 5", "en")
    ["don't"]
    >>> find_negations("Sin embargo, no hay pruebas.", "es")
    ['no']
    """
    tokens = _TOKEN_RE.findall(text)
    found: list[str] = []
    clause_negated = False
    for k, tok in enumerate(tokens):
        low = fold(tok).replace("’", "'")
        nxt = fold(tokens[k + 1]) if k + 1 < len(tokens) else ""
        if tok in ",;:.!?¿¡":
            clause_negated = False
            continue
        if lang == "es":
            if low == "sin" and nxt == "embargo":
                continue
            if low == "no" and nxt == "." and k + 2 < len(tokens) and tokens[k + 2].isdigit():
                continue
            if low in _NEG_ES_HEAD:
                if not clause_negated or low in {"no", "sin", "tampoco"} and not clause_negated:
                    found.append(tok)
                clause_negated = True
        else:
            if low == "no" and nxt == "." and k + 2 < len(tokens) and tokens[k + 2].isdigit():
                continue
            if low == "no" and nxt == "one":
                found.append(tok)
                continue
            if low in _NEG_EN or low.endswith("n't"):
                if low == "nor" and found and clause_negated:
                    continue
                found.append(tok)
                clause_negated = True
    return found


def check_negation(src: str, tgt: str, src_lang: Lang | str, tgt_lang: Lang | str
                   ) -> list[PairIssue]:
    """A negation present on one side only.

    >>> check_negation("No negociaremos nunca.", "We will never negotiate.", "es", "en")
    []
    >>> check_negation("We will not negotiate.", "Negociaremos.", "en", "es")[0].message
    'negation not in the source is missing from the translation'
    """
    left = find_negations(src, src_lang)
    right = find_negations(tgt, tgt_lang)
    if bool(left) == bool(right):
        return []
    if left:
        return [PairIssue("negation", _("negation {words} in the source is missing from the "
                                        "translation").format(words=", ".join(left)),
                          tuple(left), ())]
    return [PairIssue("negation", _("negation {words} in the translation is not in the "
                                    "source").format(words=", ".join(right)), (), tuple(right))]


# --------------------------------------------------------------------------------------------
# names

#: Words that start sentences or take capitals without naming anyone (folded).
STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("""
        a an the and or but if then so because as at by for from in into of off on onto out
        over to up with without about after before between through during under until upon
        i me my we us our you your he him his she her it its they them their this that these
        those there here what which who whom whose when where why how all any both each few
        more most other some such no nor not only own same than too very can will just do
        does did done is are was were be been being have has had having would should could
        may might must shall also yet still even ever never again now today yesterday
        tomorrow mr mrs ms dr one two three four five many much well oh yes okay ok let
        we're we've we'll i'm i've i'll it's that's there's they're you're don't didn't
        doesn't isn't aren't wasn't weren't won't can't couldn't wouldn't shouldn't
        please thank thanks sir madam after nobody nothing none someone everyone
        everything everybody something anyone anything""".split()),
    "es": frozenset("""
        a al ante bajo cabe con contra de del desde durante en entre hacia hasta mediante
        para por segun sin so sobre tras y e o u ni que pero sino mas aunque porque pues
        si como cuando donde quien quienes cual cuales cuanto el la lo los las un una unos
        unas este esta esto estos estas ese esa eso esos esas aquel aquella aquello yo tu
        usted ustedes el ella ello nosotros nosotras vosotros ellos ellas me te se nos os le
        les mi mis su sus nuestro nuestra nuestros nuestras no ya hoy ayer manana aqui alli
        ahi ahora tambien tampoco nunca siempre muy mas menos todo toda todos todas otro
        otra otros otras hay es son era fue ser estar esta estan sr sra dr don dona senor
        senora bueno pues claro si gracias por favor asi tal solo nadie nada ninguno
        ninguna ningun algo alguien cada jamas""".split()),
}
#: Title words dropped from a name before comparing ("President Trump" ~ "presidente Trump").
_TITLES = frozenset("""
    president presidente vice former ex general governor gobernador gobernadora
    secretary secretario secretaria minister ministro ministra senator senador senadora
    mayor alcalde alcaldesa judge juez jueza attorney fiscal chief jefe jefa commander
    comandante colonel coronel captain capitan sergeant sargento agent agente
    mr mrs ms dr sr sra don dona senor senora lic licenciado licenciada doctor doctora
    saint san santa st the el la los las de del of y and""".split())
#: Exonyms: folded phrases naming the same place or body in each language.
EXONYMS: tuple[tuple[str, ...], ...] = (
    ("united states", "us", "u s", "usa", "estados unidos", "eeuu", "ee uu", "eua", "ee uu"),
    ("mexico city", "ciudad de mexico", "cdmx"),
    ("white house", "casa blanca"),
    ("spain", "espana"), ("germany", "alemania"), ("england", "inglaterra"),
    ("britain", "united kingdom", "uk", "gran bretana", "reino unido"),
    ("new york", "nueva york"), ("new mexico", "nuevo mexico"), ("nuevo leon",),
    ("california",), ("china",), ("japan", "japon"), ("france", "francia"),
    ("italy", "italia"), ("brazil", "brasil"), ("peru",), ("russia", "rusia"),
    ("supreme court", "suprema corte", "corte suprema", "tribunal supremo"),
    ("congress", "congreso"), ("senate", "senado"), ("army", "ejercito"),
    ("navy", "marina", "semar"), ("national guard", "guardia nacional"),
    ("attorney general's office", "attorney general", "fiscalia general",
     "fiscalia general de la republica", "fgr"),
    ("american", "americans", "estadounidense", "estadounidenses", "norteamericano",
     "norteamericanos", "norteamericana", "americano", "americanos"),
    ("mexican", "mexicans", "mexicano", "mexicanos", "mexicana", "mexicanas"),
    ("spanish", "espanol", "espanola"), ("english", "ingles"),
    ("christmas", "navidad"), ("easter", "pascua"),
    ("monday", "lunes"), ("tuesday", "martes"), ("wednesday", "miercoles"),
    ("thursday", "jueves"), ("friday", "viernes"), ("saturday", "sabado"),
    ("sunday", "domingo"),
)
_NAME_KINDS = {"person", "place", "cartel", "criminal-group", "party", "institution",
               "organization"}
_NAME_TOKEN = re.compile(r"[^\W\d_][^\W_]*(?:['’.][^\W\d_]+)*\.?", re.UNICODE)
_SENTENCE_START = re.compile(r"(?:^|[.!?¿¡:;\"“”«»—–(\n]|\s-)\s*$")


@dataclass(frozen=True)
class NameMention:
    """A capitalised sequence taken for a name, with its character span."""

    text: str
    start: int
    end: int
    tokens: tuple[str, ...] = field(default=(), compare=False)


def find_names(text: str, lang: Lang | str) -> list[NameMention]:
    """Capitalised sequences in ``text`` that look like names of people, places or bodies.

    Sentence-initial words count only when they are not common words of ``lang``;
    connectors inside a name ("Cártel de Sinaloa", "Bank of America") are kept.

    >>> [n.text for n in find_names("El Cártel de Sinaloa negó que Ovidio Guzmán huyera.", "es")]
    ['Cártel de Sinaloa', 'Ovidio Guzmán']
    >>> [n.text for n in find_names("We met President Trump in the White House.", "en")]
    ['President Trump', 'White House']
    """
    lang = "es" if lang == "es" else "en"
    connectors = {"de", "del", "la", "las", "los", "y"} if lang == "es" else {"of", "the", "and"}
    tokens = [(m.group(), m.start(), m.end()) for m in _NAME_TOKEN.finditer(text)]
    names: list[NameMention] = []
    k = 0
    while k < len(tokens):
        word, start, end = tokens[k]
        if not _is_capitalised(word) or not _counts_as_name(word, text, start, lang):
            k += 1
            continue
        run = [k]
        j = k + 1
        while j < len(tokens):
            nxt, nstart, _kind = tokens[j]
            gap = text[tokens[j - 1][2]:nstart]
            if gap.strip() or "\n" in gap:
                break
            if _is_capitalised(nxt) and fold(nxt) not in STOPWORDS[lang] | {"i"}:
                run.append(j)
                j += 1
                continue
            if fold(nxt) in connectors:
                # up to two connectors ("de la") between capitalised words, on one line
                n_conn = 1
                if j + 1 < len(tokens) and fold(tokens[j + 1][0]) in connectors:
                    n_conn = 2
                cap = j + n_conn
                if cap < len(tokens) and _is_capitalised(tokens[cap][0]) \
                        and fold(tokens[cap][0]) not in STOPWORDS[lang] \
                        and not text[tokens[j - 1][2]:tokens[cap][1]].replace(" ", "").strip(
                            "".join(tokens[x][0] for x in range(j, cap))):
                    gap_text = text[tokens[j - 1][2]:tokens[cap][1]]
                    if all(c.isalpha() or c == " " for c in gap_text):
                        run.extend(range(j, cap + 1))
                        j = cap + 1
                        continue
            break
        first, last = tokens[run[0]], tokens[run[-1]]
        words = tuple(tokens[r][0].rstrip(".") for r in run)
        names.append(NameMention(text[first[1]:last[2]].rstrip("."), first[1],
                                 last[2], words))
        k = j
    return names


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isupper() or (word.isupper() and len(word) >= 2
                                                          and word.isalpha())


def _counts_as_name(word: str, text: str, start: int, lang: str) -> bool:
    low = fold(word.rstrip("."))
    if low in STOPWORDS[lang] or low == "i":
        return False
    if lang == "en" and low in _MONTHS["en"]:
        return False
    if _SENTENCE_START.search(text[:start]):
        import simplemma

        base = word.rstrip(".").lower()
        if not simplemma.is_known(base, lang=lang):
            return True
        # a known word opening a sentence is a name only when a capitalised word follows
        after = _NAME_TOKEN.match(text, start + len(word) + 1)
        return bool(after and _is_capitalised(after.group())
                    and fold(after.group()) not in STOPWORDS[lang])
    return True


def _folded_tokens(text: str) -> list[str]:
    return [fold(t) for t in re.findall(r"[^\W_]+", text)]


def _padded(text: str) -> str:
    """Folded words joined by single spaces, with a space at each end, for phrase lookup."""
    return " " + " ".join(_folded_tokens(text)) + " "


def _exonym_keys(folded_text: str) -> set[int]:
    padded = _padded(folded_text)
    keys = set()
    for key, group in enumerate(EXONYMS):
        if any(f" {alias} " in padded for alias in group):
            keys.add(key)
    return keys


def _token_present(token: str, others: Sequence[str]) -> bool:
    from rapidfuzz import fuzz

    tok = fold(token)
    if tok in others:
        return True
    if len(tok) < 4:
        return False
    return any(len(o) >= 4 and (fuzz.ratio(tok, o) >= 80 or
                                (o.startswith(tok) or tok.startswith(o)) and
                                min(len(o), len(tok)) >= 5)
               for o in others)


def check_names(src: str, tgt: str, src_lang: Lang | str, tgt_lang: Lang | str, *,
                glossary: Glossary | None = None, hint: str | None = None,
                src_hint: str | None = None) -> list[PairIssue]:
    """Names of people, places or organisations present on one side only, or different.

    ``hint`` is the target translated back into the source language, and ``src_hint`` the
    source translated into the target language; both are optional and only ever excuse a name.

    >>> check_names("dijo el presidente Andrés Manuel López Obrador en México",
    ...             "President Andres Manuel Lopez Obrador said in Mexico", "es", "en")
    []
    >>> check_names("Lo dijo Payan.", "It was said by Perez.", "es", "en")[0].message
    'name Payan in the source is not in the translation; the translation has Perez instead'
    """
    left = _unmatched_names(src, src_lang, tgt, tgt_lang, glossary, hint)
    right = _unmatched_names(tgt, tgt_lang, src, src_lang, glossary, src_hint)
    if not left and not right:
        return []
    if left and right:
        message = _("name {names} in the source is not in the translation; the translation has "
                    "{others} instead").format(names=", ".join(left), others=", ".join(right))
    elif left:
        message = _("name {names} in the source is not in the translation").format(
            names=", ".join(left))
    else:
        message = _("name {names} in the translation is not in the source").format(
            names=", ".join(right))
    return [PairIssue("name", message, tuple(left), tuple(right))]


def _unmatched_names(text: str, lang: Lang | str, other: str, other_lang: Lang | str,
                     glossary: Glossary | None, hint: str | None) -> list[str]:
    import simplemma

    other_folded = fold(other) + (" " + fold(hint) if hint else "")
    other_tokens = _folded_tokens(other_folded)
    other_keys = _exonym_keys(other_folded)
    entry_spans = _glossary_names(text, lang, other, other_lang, glossary, hint)
    missing: list[str] = []
    for name in find_names(text, lang):
        folded = fold(name.text)
        keys = _exonym_keys(folded)
        if keys and keys & other_keys:
            continue
        verdicts = [ok for start, end, ok in entry_spans
                    if start < name.end and name.start < end]
        if verdicts:
            # a glossary entry of a naming kind covers it: its counterpart decides
            if not all(verdicts):
                missing.append(name.text)
            continue
        significant = [t for t in name.tokens if fold(t) not in _TITLES]
        if not significant:
            continue
        present = [_token_present(t, other_tokens) for t in significant]
        if all(present):
            continue
        if keys and not any(present):
            missing.append(name.text)
            continue
        # a token absent from the other side matters if it looks like a proper name
        # (not a common word of the language), or if nothing of the name is there at all
        absent_proper = [t for t, p in zip(significant, present, strict=True)
                         if not p and not simplemma.is_known(t.lower(), lang=str(lang))]
        if not any(present) or absent_proper:
            if not any(present) and all(simplemma.is_known(t.lower(), lang=str(lang))
                                        for t in significant) and len(significant) > 1:
                # a capitalised run of common words ("Attorney General's Office"): a body
                # whose translation we cannot verify without the glossary
                continue
            missing.append(name.text)
    return missing


def _glossary_names(text: str, lang: Lang | str, other: str, other_lang: Lang | str,
                    glossary: Glossary | None, hint: str | None
                    ) -> list[tuple[int, int, bool]]:
    """Spans of glossary entries of a naming kind in ``text`` (found by
    :mod:`glossary.match`, the one matcher), each with whether the entry's counterpart is in
    ``other`` (or in ``hint``, the other side translated into ``lang``)."""
    if glossary is None:
        return []
    from glossary.match import contains_accepted, matcher_for

    sl: Lang = "es" if lang == "es" else "en"
    tl: Lang = "es" if other_lang == "es" else "en"
    names = glossary.of_kinds(_NAME_KINDS)
    out: list[tuple[int, int, bool]] = []
    for match in matcher_for(names, sl).find(text):
        ok = contains_accepted(other, match.entry, tl) is not None or (
            hint is not None and contains_accepted(hint, match.entry, sl) is not None)
        out.append((match.start, match.end, ok))
    return out


# --------------------------------------------------------------------------------------------
# quotes and placeholders

def count_quotes(text: str) -> int:
    """How many quoted passages ``text`` has, in either language's conventions.

    >>> count_quotes('He said "no" and «sí»; it’s Payan’s “word”.')
    3
    """
    # apostrophes (it’s, Payan’s) are never counted: only opening marks, closing curly
    # marks and pairs of straight double quotes are
    curly = text.count("“") + text.count("«")
    closing_only = max(0, text.count("”") - text.count("“"))
    straight = text.count('"') // 2
    singles = text.count("‘")
    return curly + straight + singles + (closing_only if not curly else 0)


def check_quotes(src: str, tgt: str, src_lang: Lang | str, tgt_lang: Lang | str
                 ) -> list[PairIssue]:
    """The number of quoted passages differs (an added or dropped quotation).

    >>> check_quotes('Dijo: «no».', 'He said "no."', "es", "en")
    []
    """
    left, right = count_quotes(src), count_quotes(tgt)
    if left == right:
        return []
    return [PairIssue("quotes", _("the source has {source} quoted passage(s), the translation "
                                  "{target}").format(source=left, target=right),
                      (str(left),), (str(right),), Severity.WARNING)]


#: The placeholder kinds a pair check compares (``translate.placeholders`` defines them).
PAIR_PLACEHOLDER_FORMATS: tuple[str, ...] = ("python-format", "python-brace-format")
_PLACEHOLDER_CHARS = re.compile("[%{}]")


def check_placeholders(src: str, tgt: str, src_lang: Lang | str, tgt_lang: Lang | str
                       ) -> list[PairIssue]:
    """printf-style and brace placeholders must be the same multiset on both sides.

    >>> issue = check_placeholders("%(n)d in {dir}", "%(n)d en {carpeta}", "en", "es")[0]
    >>> issue.source
    ('{dir}',)
    >>> check_placeholders("100%% of {n}", "el 100%% de {n}", "en", "es")
    []
    """
    if not _PLACEHOLDER_CHARS.search(src) and not _PLACEHOLDER_CHARS.search(tgt):
        return []  # every placeholder of PAIR_PLACEHOLDER_FORMATS has one of these
    from translate.placeholders import find_placeholders

    def found(text: str) -> list[str]:
        return sorted(text[s:e] for s, e, _k in find_placeholders(text, PAIR_PLACEHOLDER_FORMATS)
                      if text[s:e] not in ("%%", "{{", "}}"))

    left, right = found(src), found(tgt)
    if left == right:
        return []
    only_left = list(left)
    only_right = []
    for item in right:
        if item in only_left:
            only_left.remove(item)
        else:
            only_right.append(item)
    nothing = _("nothing more")
    return [PairIssue("placeholder", _("placeholders differ: source has {source}, translation "
                                       "has {target}").format(
                                           source=", ".join(only_left) or nothing,
                                           target=", ".join(only_right) or nothing),
                      tuple(only_left), tuple(only_right))]


# --------------------------------------------------------------------------------------------
# glossary terms


def check_terms(src: str, tgt: str, src_lang: Lang | str, tgt_lang: Lang | str,
                glossary: Glossary | None) -> list[PairIssue]:
    """Glossary terms in the source whose accepted rendering (any inflected form) is absent
    from the target, or whose forbidden rendering is present (entries that apply to this
    direction; matching is :mod:`glossary.match`'s, the one matcher)."""
    if glossary is None:
        return []
    from glossary.match import contains_accepted, find_forbidden, matcher_for

    sl: Lang = "es" if src_lang == "es" else "en"
    tl: Lang = "es" if tgt_lang == "es" else "en"
    issues: list[PairIssue] = []
    seen: set[str] = set()
    for match in matcher_for(glossary.for_direction(sl, tl), sl).find(src):
        entry = match.entry
        if not match.accepted or entry.id in seen:
            continue
        seen.add(entry.id)
        hit = src[match.start:match.end]
        forbidden = find_forbidden(tgt, entry, tl)
        if forbidden:
            bad = tgt[forbidden[0].start:forbidden[0].end]
            issues.append(PairIssue("term", _("{term!r} must be rendered {rendering!r}, not "
                                              "{bad!r} [{id}]").format(
                                                  term=hit, rendering=entry.term(tl), bad=bad,
                                                  id=entry.id), (hit,), (bad,)))
        elif entry.dnt:
            if fold(hit) not in fold(tgt):
                issues.append(PairIssue("term", _("{term!r} must stay as it is [{id}]").format(
                    term=hit, id=entry.id), (hit,), ()))
        elif contains_accepted(tgt, entry, tl) is None:
            issues.append(PairIssue("term", _("{term!r} should be rendered {rendering!r} "
                                              "[{id}]").format(
                                                  term=hit, rendering=entry.term(tl),
                                                  id=entry.id), (hit,), ()))
    return issues


# --------------------------------------------------------------------------------------------

Check = Callable[[str, str, str, str], list[PairIssue]]
#: Names of the checks :func:`check_pair` runs by default.
ALL_CHECKS: tuple[str, ...] = ("number", "negation", "name", "quotes", "placeholder", "term")


def check_pair(src: str, tgt: str, src_lang: Lang | str, tgt_lang: Lang | str, *,
               glossary: Glossary | None = None, checks: Iterable[str] = ALL_CHECKS,
               path: str | None = None, line: int | None = None, col: int | None = None,
               hint: str | None = None, src_hint: str | None = None) -> list[Finding]:
    """Run the named checks on a pair and return their findings at ``path:line:col``.

    >>> [f.rule for f in check_pair("No pagó 3 pesos.", "He paid 4 pesos.", "es", "en")]
    ['number', 'negation']
    """
    wanted = set(checks)
    unknown = wanted - set(ALL_CHECKS)
    if unknown:
        raise ValueError(f"unknown checks: {', '.join(sorted(unknown))}")
    issues: list[PairIssue] = []
    if "number" in wanted:
        issues += check_numbers(src, tgt, src_lang, tgt_lang)
    if "negation" in wanted:
        issues += check_negation(src, tgt, src_lang, tgt_lang)
    if "name" in wanted:
        issues += check_names(src, tgt, src_lang, tgt_lang, glossary=glossary, hint=hint,
                              src_hint=src_hint)
    if "quotes" in wanted:
        issues += check_quotes(src, tgt, src_lang, tgt_lang)
    if "placeholder" in wanted:
        issues += check_placeholders(src, tgt, src_lang, tgt_lang)
    if "term" in wanted:
        issues += check_terms(src, tgt, src_lang, tgt_lang, glossary)
    return [issue.to_finding(path, line, col) for issue in issues]
