"""Strict reading and writing of the desk's term files (``glossary/terms/*.csv``).

Python's ``csv`` module cannot say *where* a quoting error is, so the tokenizer here is a
small RFC 4180 reader that keeps 1-based line and column for every cell. Every problem in
every file is collected before failing, and reported as ``path:line:col: message``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple, TypeVar

from glossary.atomic import write_text_atomic
from glossary.errors import ParseError
from glossary.findings import Finding, Severity
from glossary.model import (
    COLUMNS,
    REQUIRED_COLUMNS,
    CaseRule,
    Direction,
    Entry,
    Gender,
    Glossary,
    Kind,
    Pos,
    SourceRef,
    Status,
)

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LIST_COLUMNS = ("en_variants", "es_variants", "forbidden_en", "forbidden_es")
DNT_VALUES = {"": False, "yes": True, "no": False}


class Cell(NamedTuple):
    """One CSV field with its 1-based place. A named tuple, not a dataclass: a 10,000-entry
    glossary makes 190,000 of them, and tuples are built several times faster."""

    value: str
    line: int
    col: int


class Record(NamedTuple):
    """One line's fields."""

    cells: tuple[Cell, ...]
    line: int


def tokenize(text: str, path: str, findings: list[Finding]) -> list[Record]:
    """Split RFC 4180 CSV into records of cells with positions; report quoting errors.

    A quoted field may not span lines (one entry per line, so diffs stay readable).
    """
    records: list[Record] = []
    for lineno, raw in enumerate(text.split("\n"), start=1):
        if raw == "" and lineno > 1:
            continue  # the final LF, or a blank line (lint warns about the latter)
        if '"' not in raw:
            # no quoting on this line (most lines): plain split, columns by running length
            fast: list[Cell] = []
            col = 1
            for value in raw.split(","):
                fast.append(Cell(value, lineno, col))
                col += len(value) + 1
            records.append(Record(tuple(fast), lineno))
            continue
        cells: list[Cell] = []
        i, n = 0, len(raw)
        ok = True
        while True:
            col = i + 1
            if i < n and raw[i] == '"':
                j = i + 1
                buf: list[str] = []
                closed = False
                while j < n:
                    ch = raw[j]
                    if ch == '"':
                        if j + 1 < n and raw[j + 1] == '"':
                            buf.append('"')
                            j += 2
                            continue
                        closed = True
                        j += 1
                        break
                    buf.append(ch)
                    j += 1
                if not closed:
                    findings.append(Finding(path, lineno, col, Severity.ERROR, "csv-quoting",
                                            "unterminated quoted field: add the closing '\"' "
                                            "(a field may not span lines)"))
                    ok = False
                    break
                if j < n and raw[j] != ",":
                    findings.append(Finding(path, lineno, j + 1, Severity.ERROR, "csv-quoting",
                                            f"unexpected {raw[j]!r} after closing quote: "
                                            "quote the whole field and double inner quotes"))
                    ok = False
                    break
                cells.append(Cell("".join(buf), lineno, col))
                i = j
            else:
                j = raw.find(",", i)
                end = n if j < 0 else j
                value = raw[i:end]
                q = value.find('"')
                if q >= 0:
                    findings.append(Finding(path, lineno, i + q + 1, Severity.ERROR, "csv-quoting",
                                            "bare '\"' in an unquoted field: quote the field and "
                                            "write the quote as '\"\"'"))
                    ok = False
                    break
                cells.append(Cell(value, lineno, col))
                i = end
            if i >= n:
                break
            i += 1  # skip the comma
            if i == n:
                cells.append(Cell("", lineno, i + 1))
                break
        if ok:
            records.append(Record(tuple(cells), lineno))
    return records


def _report_invalid_utf8(data: bytes, path: str, findings: list[Finding], limit: int = 20
                         ) -> None:
    """One finding per invalid byte sequence, its column counted in characters."""
    pos = 0
    reported = 0
    while reported < limit:
        try:
            data[pos:].decode("utf-8")
            return
        except UnicodeDecodeError as exc:
            bad = pos + exc.start
            line_start = data.rfind(b"\n", 0, bad) + 1
            line = data.count(b"\n", 0, bad) + 1
            col = len(data[line_start:bad].decode("utf-8", errors="replace")) + 1
            findings.append(Finding(path, line, col, Severity.ERROR, "encoding",
                                    f"invalid UTF-8 (byte 0x{data[bad]:02x}): "
                                    "save the file as UTF-8"))
            reported += 1
            pos = pos + exc.end


def _decode(data: bytes, path: str, findings: list[Finding]) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        findings.append(Finding(path, 1, 1, Severity.ERROR, "bom",
                                "file starts with a UTF-8 BOM: save it as UTF-8 without BOM"))
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        _report_invalid_utf8(data, path, findings)
        return None
    if "\r" in text:
        idx = text.index("\r")
        line = text.count("\n", 0, idx) + 1
        col = idx - (text.rfind("\n", 0, idx) + 1) + 1
        findings.append(Finding(path, line, col, Severity.ERROR, "line-ending",
                                "CR line ending: use LF (Unix) line endings"))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


E = TypeVar("E", bound=StrEnum)


def _enum(cls: type[E], cell: Cell, column: str, path: str, default: E,
          findings: list[Finding]) -> E:
    if cell.value == "":
        return default
    member = cls._value2member_map_.get(cell.value)
    if member is not None:
        return member  # type: ignore[return-value]
    try:
        return cls(cell.value)
    except ValueError:
        allowed = ", ".join(m.value for m in cls)
        findings.append(Finding(path, cell.line, cell.col, Severity.ERROR, "bad-value",
                                f"{column} {cell.value!r} is not one of: {allowed}"))
        return default


def _split_list(cell: Cell, column: str, path: str, findings: list[Finding]) -> tuple[str, ...]:
    if cell.value == "":
        return ()
    parts = cell.value.split("|")
    if any(p.strip() == "" for p in parts):
        findings.append(Finding(path, cell.line, cell.col, Severity.ERROR, "empty-item",
                                f"{column} has an empty item: remove the stray '|'"))
    return tuple(p for p in parts if p.strip() != "")


def read_terms(path: str | Path, findings: list[Finding], display: str | None = None
               ) -> list[Entry]:
    """Read one term file, appending every problem to ``findings``; return the good entries."""
    p = Path(path)
    name = display or str(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        findings.append(Finding(name, None, None, Severity.ERROR, "unreadable",
                                f"cannot read: {exc.strerror or exc}"))
        return []
    return parse_terms(data, name, findings)


def parse_terms(data: bytes, name: str, findings: list[Finding]) -> list[Entry]:
    """Parse one term file's bytes (e.g. a blob from git), reporting problems as ``name``.

    The same strict rules as :func:`read_terms`, which reads the bytes from disk.
    """
    text = _decode(data, name, findings)
    if text is None:
        return []
    if text == "":
        findings.append(Finding(name, 1, 1, Severity.ERROR, "no-header",
                                "empty file: the first line must be a header starting id,en,es"))
        return []
    records = tokenize(text, name, findings)
    if not records or records[0].line != 1:
        findings.append(Finding(name, 1, 1, Severity.ERROR, "no-header",
                                "the first line must be a header starting id,en,es"))
        return []
    header = records[0]
    columns = [c.value for c in header.cells]
    header_ok = True
    if columns[:3] != list(REQUIRED_COLUMNS):
        findings.append(Finding(name, 1, 1, Severity.ERROR, "bad-header",
                                f"header must start with id,en,es (found {','.join(columns[:3])})"))
        header_ok = False
    seen: set[str] = set()
    for cell in header.cells:
        if cell.value not in COLUMNS:
            findings.append(Finding(name, 1, cell.col, Severity.ERROR, "unknown-column",
                                    f"unknown column {cell.value!r}; known: {', '.join(COLUMNS)}"))
            header_ok = False
        elif cell.value in seen:
            findings.append(Finding(name, 1, cell.col, Severity.ERROR, "duplicate-column",
                                    f"column {cell.value!r} appears twice"))
            header_ok = False
        seen.add(cell.value)
    if not header_ok:
        return []
    entries: list[Entry] = []
    for rec in records[1:]:
        if len(rec.cells) != len(columns):
            last = rec.cells[-1]
            findings.append(Finding(name, rec.line, last.col, Severity.ERROR, "field-count",
                                    f"{len(rec.cells)} fields, header has {len(columns)}: "
                                    "check for a missing or extra comma"))
            continue
        row = dict(zip(columns, rec.cells, strict=True))
        entry = _entry(row, name, rec.line, findings)
        if entry is not None:
            entries.append(entry)
    return entries


def _entry(row: dict[str, Cell], path: str, line: int, findings: list[Finding]) -> Entry | None:
    before = len(findings)
    empty = Cell("", line, 1)

    def get(col: str) -> Cell:
        return row.get(col, empty)

    for col in REQUIRED_COLUMNS:
        if get(col).value.strip() == "":
            findings.append(Finding(path, line, get(col).col, Severity.ERROR, "empty-field",
                                    f"{col} is empty: every entry needs id, en and es"))
    entry_id = get("id").value
    if entry_id and not ID_RE.match(entry_id):
        findings.append(Finding(path, line, get("id").col, Severity.ERROR, "bad-id",
                                f"id {entry_id!r} is not a slug: use lowercase letters, digits "
                                "and single hyphens (e.g. cartel-sinaloa)"))
    dnt_cell = get("dnt")
    if dnt_cell.value not in DNT_VALUES:
        findings.append(Finding(path, line, dnt_cell.col, Severity.ERROR, "bad-value",
                                f"dnt {dnt_cell.value!r} must be empty, yes or no"))
    gender_cell = get("gender")
    gender = None
    if gender_cell.value:
        gender = _enum(Gender, gender_cell, "gender", path, Gender.M, findings)
    entry = Entry(
        id=entry_id,
        en=get("en").value,
        es=get("es").value,
        kind=_enum(Kind, get("kind"), "kind", path, Kind.GENERAL, findings),
        pos=_enum(Pos, get("pos"), "pos", path, Pos.NOUN, findings),
        gender=gender,
        en_plural=get("en_plural").value or None,
        es_plural=get("es_plural").value or None,
        es_feminine=get("es_feminine").value or None,
        en_variants=_split_list(get("en_variants"), "en_variants", path, findings),
        es_variants=_split_list(get("es_variants"), "es_variants", path, findings),
        forbidden_en=_split_list(get("forbidden_en"), "forbidden_en", path, findings),
        forbidden_es=_split_list(get("forbidden_es"), "forbidden_es", path, findings),
        dnt=DNT_VALUES.get(dnt_cell.value, False),
        direction=_enum(Direction, get("direction"), "direction", path, Direction.BOTH, findings),
        status=_enum(Status, get("status"), "status", path, Status.APPROVED, findings),
        case=_enum(CaseRule, get("case"), "case", path, CaseRule.AUTO, findings),
        note=get("note").value,
        source=SourceRef(path, line),
    )
    if any(f.is_error for f in findings[before:]):
        return None
    return entry


def term_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders to their ``*.csv`` files (sorted); keep files as given."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(sorted(p.glob("*.csv")))
        else:
            out.append(p)
    return out


def collect_glossary(paths: Iterable[str | Path]) -> tuple[Glossary, list[Finding]]:
    """Load term files and folders, returning the good entries and every finding."""
    findings: list[Finding] = []
    entries: list[Entry] = []
    first_seen: dict[str, Entry] = {}
    files = term_files(paths)
    if not files:
        findings.append(Finding(None, None, None, Severity.ERROR, "no-files",
                                "no glossary files given (expected *.csv files or folders)"))
    for f in files:
        for entry in read_terms(f, findings):
            prior = first_seen.get(entry.id)
            if prior is not None:
                src = entry.source
                where = prior.source
                findings.append(Finding(
                    src.path if src else None, src.line if src else None, 1, Severity.ERROR,
                    "duplicate-id",
                    f"duplicate id {entry.id!r}, first defined at "
                    f"{where.path}:{where.line}" if where else f"duplicate id {entry.id!r}"))
                continue
            first_seen[entry.id] = entry
            entries.append(entry)
    return Glossary(tuple(entries)), findings


def load_glossary(paths: Iterable[str | Path]) -> Glossary:
    """Load the glossary strictly: any error in any file raises :class:`ParseError` with all."""
    glossary, findings = collect_glossary(paths)
    errors = [f for f in findings if f.is_error]
    if errors:
        raise ParseError(errors, "glossary")
    return glossary


def default_terms_dir() -> Path:
    """The desk glossary shipped with glosa."""
    return Path(__file__).parent / "terms"


def _quote(value: str) -> str:
    if value == "" or not any(ch in value for ch in ',"\n\r') and value == value.strip():
        return value
    return '"' + value.replace('"', '""') + '"'


def format_terms(entries: Sequence[Entry], columns: Sequence[str] = COLUMNS) -> str:
    """CSV text for ``entries`` with a header; quotes only where needed, LF endings."""
    lines = [",".join(columns)]
    for entry in entries:
        row = entry.to_row()
        lines.append(",".join(_quote(row[c]) for c in columns))
    return "\n".join(lines) + "\n"


def write_terms(path: str | Path, entries: Sequence[Entry],
                columns: Sequence[str] = COLUMNS) -> bool:
    """Write a term file atomically; returns False when the file already had those bytes."""
    return write_text_atomic(path, format_terms(entries, columns))
