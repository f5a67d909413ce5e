"""Find the quotations in a story, in English and Spanish conventions.

Marks: “ ” " " « » „ “ ‘ ’ ‹ ›. Apostrophes are not quotes (don't, Payan’s, ’90s); a
quotation may nest another; a quotation may span paragraphs when the next paragraph reopens
it (“ or « again, or Spanish ») without closing the previous one; Spanish dialogue lines open
with a dash (—No iremos —dijo el alcalde—. Nunca.) and the narrator's aside is not quoted.
Each :class:`Quote` keeps its character span(s), 1-based line and, where the sentence says
who spoke ("said Payan", "dijo el presidente", "según el investigador"), the speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from glossary.findings import Finding, Severity
from translate.i18n import _

OPENERS: dict[str, str] = {"“": "”", "«": "»", "„": "“", "‘": "’", '"': '"', "‹": "›"}
DASHES = "—―"
#: The mark that opens each further paragraph of a quotation running over several, per
#: language: English repeats the opening mark; Spanish opens them with the closing one
#: (the RAE's "comillas de seguir": » for «, ” for “).
CONTINUATION: dict[str, dict[str, str]] = {
    "en": {"“": "“", "«": "«", "„": "„", '"': '"', "‘": "‘", "‹": "‹"},
    "es": {"“": "”", "«": "»", "„": "„", '"': '"', "‘": "’", "‹": "›"},
}


@dataclass(frozen=True)
class Quote:
    """One quotation: its words, where they are, and who said them.

    ``spans`` are the character ranges of the quoted words (without the marks); there are
    several when the quote spans paragraphs or a dialogue line is interrupted by the narrator.
    ``depth`` is 0 for a top-level quote, 1 for a quote inside another.
    """

    text: str
    spans: tuple[tuple[int, int], ...]
    line: int
    speaker: str | None = None
    depth: int = 0
    dialogue: bool = False
    partial: bool = False  # woven into a sentence rather than a sentence of its own
    unclosed: bool = False  # the closing mark is missing (the quote ends with its paragraph)
    index: int = 0

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]

    @property
    def words(self) -> int:
        return len(self.text.split())


def line_of(text: str, offset: int) -> int:
    """1-based line number of a character offset.

    >>> line_of("a\\nb\\nc", 4)
    3
    """
    return text.count("\n", 0, offset) + 1


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


def _line_start_mark(text: str, pos: int) -> tuple[str, int] | None:
    """The quote mark opening the line at ``pos`` (after blank lines/indent), and its offset."""
    m = re.compile(r"\s*").match(text, pos)
    k = m.end() if m else pos
    if k < len(text) and text[k] in "“«»\"„‘”":
        return text[k], k
    return None


@dataclass
class _Open:
    mark: str
    depth: int
    parts: list[tuple[int, int]]
    part_start: int


def _scan_marks(text: str) -> list[tuple[list[tuple[int, int]], int, bool]]:
    """Spans of every marked quotation: (parts, depth, unclosed)."""
    found: list[tuple[list[tuple[int, int]], int, bool]] = []
    stack: list[_Open] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if ch == "\n" and stack:
            blank = re.compile(r"[ \t]*\n").match(text, i + 1) is not None
            reopen = _line_start_mark(text, i + 1)
            outer = stack[0]
            reopen_ok = reopen is not None and (
                reopen[0] == outer.mark or reopen[0] == CONTINUATION["es"].get(outer.mark))
            if reopen_ok and reopen is not None:
                # the next paragraph reopens the quotation: close the parts here, resume after
                for frame in stack:
                    frame.parts.append((frame.part_start, _rstrip_at(text, i)))
                    frame.part_start = reopen[1] + 1
                del stack[1:]
                i = reopen[1] + 1
                continue
            if blank:
                # the paragraph ended with the quotation still open: it ends here, unclosed
                for frame in reversed(stack):
                    frame.parts.append((frame.part_start, _rstrip_at(text, i)))
                    found.append((frame.parts, frame.depth, True))
                stack.clear()
            i += 1
            continue
        top = stack[-1] if stack else None
        if top is not None and ch == OPENERS[top.mark] and not (
                ch == "’" and _is_letter(prev) and _is_letter(nxt)):
            stack.pop()
            top.parts.append((top.part_start, i))
            found.append((top.parts, top.depth, False))
            i += 1
            continue
        if ch in OPENERS:
            opens = True
            if ch == '"':
                opens = not (_is_letter(prev) or prev in ".,;:!?") or nxt.isalnum() and prev in "(["
            elif ch == "‘":
                opens = not _is_letter(prev) and not nxt.isspace() and not nxt.isdigit()
            if ch in "“„" and top is not None and top.mark == "„":
                opens = False
            if ch == '"' and prev.isdigit():
                opens = False  # an inch or second mark: 12" pipe
            if opens and ch in "“«„" and any(f.mark == ch for f in stack):
                # the same mark opens again while one is open: the open one was never closed
                # (quotations nest with other marks). It ends before this mark, unclosed,
                # instead of swallowing the next quotation.
                while stack:
                    frame = stack.pop()
                    frame.parts.append((frame.part_start, _rstrip_at(text, i)))
                    found.append((frame.parts, frame.depth, True))
                    if frame.mark == ch:
                        break
            if opens:
                stack.append(_Open(ch, len(stack), [], i + 1))
        i += 1
    for frame in reversed(stack):
        frame.parts.append((frame.part_start, _rstrip_at(text, n)))
        found.append((frame.parts, frame.depth, True))
    return found


def _rstrip_at(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


_DIALOGUE_LINE = re.compile(r"^[ \t]*[—―]", re.MULTILINE)


def _scan_dialogue(text: str) -> list[tuple[list[tuple[int, int]], list[str]]]:
    """Spanish dialogue lines: the spoken parts and the narrator's asides of each line."""
    out: list[tuple[list[tuple[int, int]], list[str]]] = []
    for m in _DIALOGUE_LINE.finditer(text):
        line_end = text.find("\n", m.end())
        if line_end < 0:
            line_end = len(text)
        pos = m.end()
        parts: list[tuple[int, int]] = []
        asides: list[str] = []
        speaking = True
        while pos < line_end:
            if speaking:
                # speech runs until a dash preceded by a space (the narrator's aside)
                k = pos
                stop = line_end
                while k < line_end:
                    if text[k] in DASHES and k > pos and text[k - 1].isspace():
                        stop = k
                        break
                    k += 1
                s, e = pos, _rstrip_at(text, stop)
                while s < e and text[s] in " \t":
                    s += 1
                if e > s:
                    parts.append((s, e))
                pos = stop + 1
                speaking = False
            else:
                k = text.find("—", pos, line_end)
                k2 = text.find("―", pos, line_end)
                stops = [x for x in (k, k2) if x >= 0]
                stop = min(stops) if stops else line_end
                asides.append(text[pos:stop].strip())
                pos = stop + 1
                # after the closing dash, speech resumes past the punctuation, if any is left
                rest = re.compile(r"[.,;:]?\s*").match(text, pos)
                if rest is not None and rest.end() < line_end:
                    pos = rest.end()
                    speaking = True
                else:
                    pos = line_end
        if parts:
            out.append((parts, asides))
    return out


# ---------------------------------------------------------------------------------------------
# speakers

_EN_VERBS = (r"said|says|told|added|asked|stated|explained|declared|wrote|tweeted|insisted|"
             r"warned|noted|argued|replied|responded|continued|recalled|claimed|admitted|"
             r"acknowledged|announced|testified|maintained|shouted|cried|commented|posted|"
             r"concluded|confirmed|denied|stressed|promised|revealed|reported")
_ES_VERBS = (r"dijo|dice|decía|afirmó|afirma|aseguró|asegura|declaró|señaló|señala|explicó|"
             r"añadió|agregó|comentó|indicó|advirtió|sostuvo|expresó|insistió|respondió|"
             r"preguntó|escribió|manifestó|reconoció|subrayó|destacó|precisó|denunció|"
             r"apuntó|contó|relató|recordó|admitió|anunció|exclamó|gritó|sentenció|"
             r"puntualizó|detalló|acotó|concluyó|publicó|tuiteó|aclaró|informó|reiteró|abundó|"
             r"lamentó|pidió|prometió|enfatizó|remarcó|mencionó|confirmó|negó|reveló")
_CAP = r"[A-ZÁÉÍÓÚÑÜ][\w’'.\-]*"
_NAME = rf"{_CAP}(?:\s+(?:de\s+la\s+|de\s+los\s+|del\s+|de\s+|of\s+the\s+|of\s+)?{_CAP})*"
_EN_WHO = rf"(?:[Tt]he\s+)?(?:[a-z][\w-]*\s+){{0,3}}?{_NAME}|[Tt]he\s+[a-z][\w-]*"
_ES_ART = r"(?:[Ee]l|[Ll]a|[Ll]os|[Ll]as|[Uu]n|[Uu]na)"
_ES_WHO = (rf"(?:{_ES_ART}\s+)?(?:[a-záéíóúñ][\w-]*\s+){{0,3}}?{_NAME}"
           rf"|{_ES_ART}\s+[a-záéíóúñ][\w-]*(?:\s+de(?:\s+la|\s+los|l)?\s+[a-záéíóúñ][\w-]*)?")
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "él", "ella", "ellos", "ellas"}

_AFTER = {
    "en": [re.compile(rf"^[\s,.;:!?]*(?:—\s*)?(?:{_EN_VERBS})\s+(?P<who>{_EN_WHO})"),
           re.compile(rf"^[\s,.;:!?]*(?:—\s*)?(?P<who>(?:[a-z][\w-]*\s+){{0,2}}{_NAME})"
                      rf"\s+(?:{_EN_VERBS})\b"),
           re.compile(rf"^[\s,.;:!?]*according\s+to\s+(?P<who>{_EN_WHO})"),
           re.compile(rf"^[\s,]*(?P<who>the\s+[a-z][\w-]*)\s+(?:{_EN_VERBS})\b")],
    "es": [re.compile(rf"^[\s,.;:!?]*(?:—\s*)?(?:{_ES_VERBS})\s+(?P<who>{_ES_WHO})"),
           re.compile(rf"^[\s,.;:!?]*(?:—\s*)?(?P<who>{_NAME})\s+(?:{_ES_VERBS})\b"),
           re.compile(rf"^[\s,.;:!?]*(?:según|de\s+acuerdo\s+con)\s+(?P<who>{_ES_WHO})"),
           re.compile(rf"^[\s,]*(?P<who>(?:el|la)\s+[a-záéíóúñ][\w-]*)\s+(?:{_ES_VERBS})\b")],
}
_BEFORE = {
    "en": [re.compile(rf"(?P<who>{_EN_WHO})\s+(?:{_EN_VERBS})(?:\s+\w+)?(?:\s+that)?\s*[:,]?\s*$"),
           re.compile(rf"(?:{_EN_VERBS})\s+(?P<who>{_EN_WHO})\s*[:,]?\s*$"),
           re.compile(rf"[Aa]ccording\s+to\s+(?P<who>{_EN_WHO})\s*[:,]?\s*$"),
           # a partial quote woven into reported speech: "X said the Guard has \"...\""
           re.compile(rf"(?P<who>{_EN_WHO})\s+(?:{_EN_VERBS})\b[^.!?\"“”]*$")],
    "es": [re.compile(rf"(?P<who>{_ES_WHO})\s+(?:{_ES_VERBS})(?:\s+que)?\s*[:,]?\s*$"),
           re.compile(rf"(?:{_ES_VERBS})\s+(?P<who>{_ES_WHO})(?:\s+que)?\s*[:,]?\s*$"),
           re.compile(rf"(?:[Ss]egún|[Dd]e\s+acuerdo\s+con)\s+(?P<who>{_ES_WHO})\s*[:,]?\s*$"),
           re.compile(rf"(?P<who>{_ES_WHO})\s+(?:{_ES_VERBS})\b[^.!?\"“”«»]*$")],
}


def find_speaker(before: str, after: str, lang: str) -> str | None:
    """Who the sentence around a quotation says spoke it, if it says.

    >>> find_speaker("", ", said Payan, the mayor.", "en")
    'Payan'
    >>> find_speaker("", " —dijo el presidente—.", "es")
    'el presidente'
    >>> find_speaker("Según el investigador, ", "", "es")
    'el investigador'
    >>> find_speaker("He said ", "", "en") is None
    True
    """
    lang = "es" if lang == "es" else "en"
    # only the current sentence counts
    before = re.split(r"(?<=[.!?])\s+(?=[A-ZÁÉÍÓÚÑ¿¡—“«\"])", before)[-1][-160:]
    after = re.split(r"(?<=[.!?])\s+", after.lstrip(), maxsplit=1)[0][:160] if after else ""
    for pattern in _AFTER[lang]:
        m = pattern.search(after)
        if m:
            return _clean_speaker(m.group("who"))
    for pattern in _BEFORE[lang]:
        m = pattern.search(before)
        if m:
            return _clean_speaker(m.group("who"))
    return None


def _clean_speaker(who: str) -> str | None:
    who = who.strip(" ,.;:—")
    return None if who.lower() in _PRONOUNS else who


# ---------------------------------------------------------------------------------------------


def extract_quotes(text: str, lang: str) -> list[Quote]:
    """Every quotation in ``text`` (a whole story), in reading order.

    >>> [q.text for q in extract_quotes('“No,” said Payan’s aide. «Sí».', "en")]
    ['No,', 'Sí']
    >>> q = extract_quotes("—No iremos —dijo el alcalde—. Nunca.", "es")[0]
    >>> q.text, q.speaker, q.dialogue
    ('No iremos Nunca.', 'el alcalde', True)
    """
    raw: list[tuple[list[tuple[int, int]], int, bool, bool, str | None]] = []
    dialogue = _scan_dialogue(text)
    for parts, asides in dialogue:
        speaker = None
        for aside in asides:
            speaker = find_speaker("", aside, lang) or speaker
            if speaker:
                break
        raw.append((parts, 0, False, True, speaker))
    for parts, depth, unclosed in _scan_marks(text):
        parts = [(s, e) for s, e in parts if e > s]
        if not parts:
            continue
        raw.append((parts, depth, unclosed, False, None))
    # a marked quote inside a dialogue line is nested in it
    dialogue_spans = [(r[0][0][0], r[0][-1][1]) for r in raw if r[3]]
    quotes: list[Quote] = []
    for parts, depth, unclosed, is_dialogue, speaker in sorted(raw, key=lambda r: r[0][0][0]):
        start, end = parts[0][0], parts[-1][1]
        if not is_dialogue and any(s <= start and end <= e for s, e in dialogue_spans):
            depth += 1
        words = " ".join(" ".join(text[s:e].split()) for s, e in parts)
        if speaker is None and not is_dialogue:
            para_start = max(text.rfind("\n\n", 0, start), 0)
            para_end = text.find("\n\n", end)
            para_end = len(text) if para_end < 0 else para_end
            close = end + 1 if end < len(text) and text[end] in "”»\"’“›" else end
            speaker = find_speaker(" ".join(text[para_start:start - 1].split()) + " ",
                                   " ".join(text[close:para_end].split()), lang)
        quotes.append(Quote(
            text=words, spans=tuple(parts), line=line_of(text, start), speaker=speaker,
            depth=depth, dialogue=is_dialogue, partial=_is_partial(text, start, words),
            unclosed=unclosed, index=len(quotes)))
    return quotes


def _is_partial(text: str, start: int, words: str) -> bool:
    """A quote woven into a sentence: starts lowercase, mid-sentence, or trails off."""
    if not words:
        return False
    first = words.lstrip("¿¡(")[:1]
    if first.islower():
        return True
    return words.endswith(("...", "…"))


def column_of(text: str, offset: int) -> int:
    """1-based column of a character offset.

    >>> column_of("ab\\ncd", 4)
    2
    """
    return offset - text.rfind("\n", 0, offset)


def unclosed_quotes(text: str, lang: str, path: str | None = None,
                    quotes: list[Quote] | None = None) -> list[Finding]:
    """A warning for every quotation whose closing mark is missing, at its opening mark:
    the quote ran to the end of its paragraph (the next one does not reopen it), to the end
    of the text, or to where the same mark opens again. Extraction ends such a quote there
    rather than dropping it or running on; the writer should say where it ends.

    >>> [(f.place, f.rule) for f in unclosed_quotes("Dijo: «No iremos.\\n\\nY se fue.", "es",
    ...                                              "n.txt")]
    [('n.txt:1:7', 'unclosed-quote')]
    """
    found = extract_quotes(text, lang) if quotes is None else quotes
    out: list[Finding] = []
    for quote in found:
        if not quote.unclosed:
            continue
        at = quote.start - 1
        mark = text[at] if at >= 0 else "“"
        closer = OPENERS.get(mark, "”")
        words = quote.text if len(quote.text) <= 60 else quote.text[:59] + "…"
        out.append(Finding(
            path, line_of(text, at), column_of(text, at), Severity.WARNING, "unclosed-quote",
            _("quotation opened here is never closed (it runs to line {line}): {mark}{words}; "
              "add the closing {closer} where the words end").format(
                  line=line_of(text, quote.end), mark=mark, words=words, closer=closer),
            data={"kind": "unclosed-quote", "text": quote.text, "mark": mark}))
    return out

