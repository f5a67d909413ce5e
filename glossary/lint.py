"""Lint the term files: everything the loader checks, plus conflicts between entries and style.

Every result is a :class:`~glossary.findings.Finding` placed at ``path:line:col`` (the column
of the cell concerned), so ``glosa glossary lint`` prints ``path:line:col: error: ... [rule]``
and the same list feeds JSON and GitHub annotations. :data:`RULES` lists every rule id.

Severity: an *error* makes the glossary wrong or ambiguous to enforce (a source term with two
targets, a forbidden form that is also accepted, a multiword Spanish noun with no plural);
a *warning* is style or a likely slip that does not change what gets enforced.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from glossary.csvfile import Cell, _decode, collect_glossary, term_files, tokenize
from glossary.findings import Finding, Severity
from glossary.forms import tagged_forms
from glossary.match import normalize
from glossary.model import COLUMNS, LANGS, CaseRule, Entry, Glossary, Lang, Pos, Status

#: rule id -> what it checks (the loader's own rules are listed too, for the docs)
RULES: dict[str, str] = {
    "no-files": "no term files were given",
    "unreadable": "a term file cannot be read",
    "bom": "the file starts with a UTF-8 byte order mark",
    "encoding": "the file is not valid UTF-8",
    "line-ending": "a CR (Windows or old Mac) line ending",
    "csv-quoting": "bad RFC 4180 quoting (unterminated, text after the closing quote, bare quote)",
    "no-header": "the file is empty or has no header",
    "bad-header": "the header does not start with id,en,es",
    "unknown-column": "a header column the format does not know",
    "duplicate-column": "a header column given twice",
    "field-count": "a row with more or fewer fields than the header",
    "empty-field": "an empty id, en or es",
    "bad-id": "an id that is not a lowercase slug",
    "bad-value": "a value outside its column's allowed set (kind, pos, gender, dnt...)",
    "empty-item": "an empty item in a |-separated list",
    "duplicate-id": "an id used twice (across all files)",
    "blank-line": "a blank line between entries",
    "no-final-newline": "the last line has no LF",
    "column-order": "the header is not the full column list in the desk's order",
    "whitespace": "leading, trailing or doubled spaces in a cell or around a | item",
    "capitalisation": "a capital letter where the convention has none, or the reverse",
    "missing-gender": "a Spanish noun or proper noun without gender",
    "unexpected-gender": "a gender on a verb, adverb or phrase",
    "missing-es-plural": "a multiword Spanish noun without es_plural (give it, or '-')",
    "unexpected-plural": "a plural on a verb, adverb or phrase",
    "unexpected-feminine": "es_feminine on something that is not a noun or adjective",
    "redundant-variant": "a variant equal to the preferred term or repeated",
    "dnt-differs": "a do-not-translate entry whose two sides differ",
    "ambiguous-source": "one source term mapped to two different targets in one direction",
    "duplicate-entry": "two entries with the same source term and the same target",
    "shared-variant": "a variant that is also another entry's term or variant",
    "forbidden-accepted": "a forbidden form that is also one of the entry's accepted forms",
    "forbidden-elsewhere": "a forbidden form that another entry accepts",
}

_UNINFLECTED = (Pos.VERB, Pos.ADV, Pos.PHRASE)


@dataclass(frozen=True)
class FileCells:
    """The cells of one term file by line and column name, to place findings on a cell."""

    path: str
    rows: Mapping[int, Mapping[str, Cell]] = field(default_factory=dict)

    def col(self, line: int | None, column: str) -> int | None:
        if line is None:
            return None
        cell = self.rows.get(line, {}).get(column)
        return cell.col if cell is not None else 1


def _finding(entry: Entry, cells: Mapping[str, FileCells], column: str, severity: Severity,
             rule: str, message: str) -> Finding:
    src = entry.source
    if src is None:
        return Finding(None, None, None, severity, rule, f"{entry.id}: {message}")
    layout = cells.get(src.path)
    col = layout.col(src.line, column) if layout else None
    return Finding(src.path, src.line, col, severity, rule, message)


def _where(entry: Entry) -> str:
    return f"{entry.source.path}:{entry.source.line}" if entry.source else entry.id


# --------------------------------------------------------------------------------------------
# File-level style: blank lines, column order, whitespace in cells
# --------------------------------------------------------------------------------------------

def _lint_file(path: Path, name: str, findings: list[Finding]) -> FileCells:
    try:
        data = path.read_bytes()
    except OSError:
        return FileCells(name)  # the loader reports it
    text = _decode(data, name, [])
    if text is None or text == "":
        return FileCells(name)
    lines = text.split("\n")
    for lineno, raw in enumerate(lines[:-1], start=1):
        if raw.strip() == "" and lineno > 1:
            findings.append(Finding(name, lineno, 1, Severity.WARNING, "blank-line",
                                    "blank line: remove it (one entry per line)"))
    if lines[-1] != "":
        findings.append(Finding(name, len(lines), len(lines[-1]) + 1, Severity.WARNING,
                                "no-final-newline", "the last line has no LF: end it with one"))
    records = tokenize(text, name, [])
    if not records or records[0].line != 1:
        return FileCells(name)
    columns = [c.value for c in records[0].cells]
    if tuple(columns) != COLUMNS and set(columns) <= set(COLUMNS):
        findings.append(Finding(name, 1, 1, Severity.WARNING, "column-order",
                                "the desk's files carry every column in this order: "
                                + ",".join(COLUMNS)))
    rows: dict[int, dict[str, Cell]] = {}
    for rec in records[1:]:
        if len(rec.cells) != len(columns):
            continue
        row = dict(zip(columns, rec.cells, strict=True))
        rows[rec.line] = row
        for column, cell in row.items():
            message = _whitespace_problem(cell.value, column)
            if message:
                findings.append(Finding(name, rec.line, cell.col, Severity.WARNING,
                                        "whitespace", f"{column}: {message}"))
    return FileCells(name, rows)


def _whitespace_problem(value: str, column: str) -> str | None:
    if value != value.strip():
        return "leading or trailing space: remove it"
    if "  " in value:
        return "doubled space: use a single space"
    if any(ch in value for ch in "\t\u00a0"):
        return "tab or non-breaking space: use a plain space"
    if column in ("en_variants", "es_variants", "forbidden_en", "forbidden_es"):
        if any(item != item.strip() for item in value.split("|")):
            return "space around '|': write items as a|b"
    return None


# --------------------------------------------------------------------------------------------
# One entry at a time
# --------------------------------------------------------------------------------------------

def _is_sentence_case(term: str) -> bool:
    words = term.split(" ")
    return (len(words) > 1 and words[0][:1].isupper() and words[0][1:].islower()
            and all(w == w.lower() for w in words[1:]))


def _is_all_caps_phrase(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return " " in term and len(letters) > 4 and all(c.isupper() for c in letters)


def _lint_entry(e: Entry, cells: Mapping[str, FileCells]) -> Iterable[Finding]:
    W, E = Severity.WARNING, Severity.ERROR
    if e.dnt and e.en != e.es:
        yield _finding(e, cells, "es", W, "dnt-differs",
                       f"dnt entry has en {e.en!r} but es {e.es!r}: make them equal, or clear "
                       "dnt and keep both (a name that differs only in accents)")
    if e.pos in (Pos.NOUN, Pos.PROPER) and e.gender is None:
        yield _finding(e, cells, "gender", W, "missing-gender",
                       f"Spanish {e.pos.value} {e.es!r} has no gender: set m or f")
    if e.pos in _UNINFLECTED and e.gender is not None:
        yield _finding(e, cells, "gender", W, "unexpected-gender",
                       f"a {e.pos.value} has no grammatical gender: clear it")
    if e.pos is Pos.NOUN and " " in e.es.strip() and not e.es_plural:
        yield _finding(e, cells, "es_plural", E, "missing-es-plural",
                       f"multiword Spanish noun {e.es!r} needs es_plural (e.g. "
                       "'acusaciones formales'), or '-' when it has no plural")
    for lang in LANGS:
        column = f"{lang}_plural"
        if e.pos in _UNINFLECTED and getattr(e, column):
            yield _finding(e, cells, column, W, "unexpected-plural",
                           f"a {e.pos.value} does not inflect: clear {column}")
    if e.es_feminine and e.pos not in (Pos.NOUN, Pos.ADJ):
        yield _finding(e, cells, "es_feminine", W, "unexpected-feminine",
                       f"es_feminine on a {e.pos.value}: only nouns and adjectives have one")
    yield from _lint_capitals(e, cells)
    for lang in LANGS:
        column = f"{lang}_variants"
        seen = {e.term(lang)}
        for variant in e.variants(lang):
            if variant in seen:
                yield _finding(e, cells, column, W, "redundant-variant",
                               f"variant {variant!r} is the preferred term or already listed: "
                               "remove it")
            seen.add(variant)
    for lang in LANGS:
        accepted: dict[str, list[str]] = {}
        for form in tagged_forms(e, lang):
            accepted.setdefault(_key(form, lang), []).append(form)
        for bad in e.forbidden(lang):
            hit = next((f for f in accepted.get(_key(bad, lang), [])
                        if _collide(bad, e, f, e, lang)), None)
            if hit is not None:
                yield _finding(e, cells, f"forbidden_{lang}", E, "forbidden-accepted",
                               f"forbidden {bad!r} is also an accepted form ({hit!r}) of this "
                               "entry: remove it from one of the lists")


def _lint_capitals(e: Entry, cells: Mapping[str, FileCells]) -> Iterable[Finding]:
    W = Severity.WARNING
    if e.pos is Pos.PROPER and e.en[:1].islower() and e.case is not CaseRule.EXACT:
        yield _finding(e, cells, "en", W, "capitalisation",
                       f"English proper name {e.en!r} starts lowercase: capitalise it, or set "
                       "case exact if the name is written so")
    if e.pos is not Pos.PROPER:
        for lang in LANGS:
            term = e.term(lang)
            if _is_sentence_case(term):
                yield _finding(e, cells, lang, W, "capitalisation",
                               f"{term!r} is a common {e.pos.value} written in sentence case: "
                               "write it lowercase (a capital at a sentence start matches "
                               "anyway), or set pos proper")
            elif _is_all_caps_phrase(term):
                yield _finding(e, cells, lang, W, "capitalisation",
                               f"{term!r} is written in capitals: write it as in running text")


# --------------------------------------------------------------------------------------------
# Conflicts between entries
# --------------------------------------------------------------------------------------------

@lru_cache(maxsize=1 << 17)
def _key(form: str, lang: Lang) -> str:
    return normalize(form.strip(), lang).text


def _case_mode(form: str, entry: Entry) -> str:
    if entry.case is CaseRule.IGNORE:
        return "ci"
    if entry.case is CaseRule.EXACT:
        return "cs"
    return "cs1" if form != form.lower() else "ci"


def _collide(a: str, ea: Entry, b: str, eb: Entry, lang: Lang) -> bool:
    """Whether some text would match both forms under their entries' case rules."""
    if _key(a, lang) != _key(b, lang):
        return False
    ma, mb = _case_mode(a, ea), _case_mode(b, eb)
    if ma == "ci" or mb == "ci":
        return True
    ca = normalize(a, lang, fold_case=False).text
    cb = normalize(b, lang, fold_case=False).text
    return ca == cb if ma == mb == "cs" else ca[1:] == cb[1:]


def _lint_conflicts(glossary: Glossary, cells: Mapping[str, FileCells]) -> Iterable[Finding]:
    live = [e for e in glossary.entries if e.status is not Status.DEPRECATED]
    reported: set[tuple[str, str, str]] = set()
    for s, t in (LANGS, LANGS[::-1]):
        first: dict[str, list[tuple[str, Entry]]] = {}
        for e in live:
            if not e.covers(s, t):
                continue
            for i, term in enumerate(e.accepted(s)):
                column = s if i == 0 else f"{s}_variants"
                for prior_term, prior in first.get(_key(term, s), []):
                    if prior.id == e.id or prior.pos is not e.pos or not _collide(
                            term, e, prior_term, prior, s):
                        continue
                    reported.add((s, e.id, prior.id))
                    if _key(prior.term(t), t) != _key(e.term(t), t):
                        yield _finding(
                            e, cells, column, Severity.ERROR, "ambiguous-source",
                            f"{s} {term!r} is also a source term of {prior.id!r} "
                            f"({_where(prior)}) with another target ({prior.term(t)!r} vs "
                            f"{e.term(t)!r}) in {s}->{t}: merge the entries, drop the "
                            "variant, or narrow one entry's direction")
                    else:
                        yield _finding(
                            e, cells, column, Severity.WARNING, "duplicate-entry",
                            f"{s} {term!r} -> {e.term(t)!r} is also entry {prior.id!r} "
                            f"({_where(prior)}): keep one")
                first.setdefault(_key(term, s), []).append((term, e))
    for lg in LANGS:
        terms: dict[str, list[tuple[str, Entry]]] = {}
        forms: dict[str, list[tuple[str, Entry]]] = {}
        for e in live:
            for term in e.accepted(lg):
                terms.setdefault(_key(term, lg), []).append((term, e))
            for form in tagged_forms(e, lg):
                forms.setdefault(_key(form, lg), []).append((form, e))
        for e in live:
            for variant in e.variants(lg):
                for term, other in terms.get(_key(variant, lg), []):
                    if other.id == e.id or (lg, e.id, other.id) in reported or (
                            lg, other.id, e.id) in reported:
                        continue
                    if _collide(variant, e, term, other, lg):
                        reported.add((lg, e.id, other.id))
                        yield _finding(e, cells, f"{lg}_variants", Severity.WARNING,
                                       "shared-variant",
                                       f"variant {variant!r} is also a term of {other.id!r} "
                                       f"({_where(other)}): a text using it matches both "
                                       "entries; keep it in one")
            for bad in e.forbidden(lg):
                for form, other in forms.get(_key(bad, lg), []):
                    if other.id != e.id and _collide(bad, e, form, other, lg):
                        yield _finding(e, cells, f"forbidden_{lg}", Severity.WARNING,
                                       "forbidden-elsewhere",
                                       f"forbidden {bad!r} is accepted by {other.id!r} "
                                       f"({_where(other)}) as {form!r}: it will be flagged "
                                       "only where that entry does not apply")
                        break


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------

def lint_glossary(glossary: Glossary,
                  cells: Mapping[str, FileCells] | None = None) -> list[Finding]:
    """Entry and cross-entry rules on a loaded glossary (no file-level checks)."""
    layout = cells or {}
    findings: list[Finding] = []
    for entry in glossary.entries:
        findings.extend(_lint_entry(entry, layout))
    findings.extend(_lint_conflicts(glossary, layout))
    return findings


def _sort_key(f: Finding) -> tuple[str, int, int]:
    return (f.path or "", f.line or 0, f.col or 0)


def lint_paths(paths: Iterable[str | Path]) -> list[Finding]:
    """Every finding for the given term files and folders, sorted by place."""
    paths = list(paths)
    glossary, findings = collect_glossary(paths)
    cells: dict[str, FileCells] = {}
    for path in term_files(paths):
        name = str(path)
        cells[name] = _lint_file(path, name, findings)
    findings.extend(lint_glossary(glossary, cells))
    return sorted(findings, key=_sort_key)
