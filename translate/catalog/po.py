"""Strict reading and exact writing of gettext PO/POT files: the only module that touches PO bytes.

Why our own reader: polib and babel silently turn an unterminated ``msgstr "Hola`` into
``Hol``, accept bad escapes and keep the last of two duplicate entries. Here every problem in
a file is collected as a :class:`~glossary.findings.Finding` (``file:line: message``) and the
catalog is refused with a :class:`~glossary.errors.ParseError`, writing nothing.

Why our own writer: reading and saving an unchanged catalog must give the same bytes, so a
pull request shows only what changed. Every entry keeps the text it was read from; an entry
that changed keeps the original lines of each part that did not change (comments, msgid...)
and writes the changed parts as GNU gettext does (``msgcat``: width 79, break after spaces
and hyphens, an empty first line when a string wraps or holds ``\\n``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from glossary.atomic import write_bytes_atomic
from glossary.errors import ParseError
from glossary.findings import Finding, Severity
from translate.i18n import _

WIDTH = 79  # GNU gettext's default page width

#: Flags that name a format language (``c-format``, ``python-brace-format``...).
FORMAT_FLAG_SUFFIX = "-format"


@dataclass
class _Raw:
    """The text an entry was read from: whole, and part by part with the values it parsed to."""

    text: str
    parts: tuple[tuple[str, object, tuple[str, ...]], ...]  # (part name, value, raw lines)
    fingerprint: tuple[object, ...] | None = None  # the values as read, computed when needed

    def lines_for(self, name: str, value: object) -> tuple[str, ...] | None:
        for part, old, lines in self.parts:
            if part == name:
                return lines if old == value else None
        return None


@dataclass(frozen=True)
class Message:
    """One catalog entry. ``msgstr`` holds one string, or one per plural form.

    ``line`` is the 1-based line of the ``msgid`` keyword in the file read (0 when new).
    """

    msgid: str
    msgstr: tuple[str, ...] = ("",)
    msgid_plural: str | None = None
    msgctxt: str | None = None
    translator_comments: tuple[str, ...] = ()  # text after "#" (with its leading space)
    auto_comments: tuple[str, ...] = ()  # text after "#. "
    references: tuple[str, ...] = ()  # "file:line" items
    flags: tuple[str, ...] = ()
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    line: int = field(default=0, compare=False)
    leading: str | None = field(default=None, compare=False)  # blank lines before it, as read
    raw: _Raw | None = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> tuple[str | None, str]:
        """What makes an entry unique in a catalog: context and msgid."""
        return (self.msgctxt, self.msgid)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None and not self.obsolete

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        """Every form filled in and not fuzzy (what msgfmt would compile)."""
        return not self.fuzzy and all(s != "" for s in self.msgstr)

    @property
    def untranslated(self) -> bool:
        return all(s == "" for s in self.msgstr)

    @property
    def format_flags(self) -> tuple[str, ...]:
        """Format languages this entry declares (``python-format``...), ``no-`` ones excluded."""
        return tuple(f for f in self.flags
                     if f.endswith(FORMAT_FLAG_SUFFIX) and not f.startswith("no-"))

    def with_flag(self, flag: str, on: bool = True) -> Message:
        """This entry with ``flag`` set (first, as msgmerge puts ``fuzzy``) or removed."""
        rest = tuple(f for f in self.flags if f != flag)
        return replace(self, flags=((flag, *rest) if on else rest))


@dataclass
class Catalog:
    """A PO file's entries in file order, the header first when there is one."""

    messages: list[Message]
    path: str | None = None
    tail: str = ""  # blank lines after the last entry, as read
    final_newline: bool = True  # False: the file read did not end with a newline (kept so)

    def __iter__(self) -> Iterator[Message]:
        return iter(self.messages)

    def __len__(self) -> int:
        return len(self.messages)

    @property
    def header(self) -> Message | None:
        return self.messages[0] if self.messages and self.messages[0].is_header else None

    def header_fields(self) -> list[tuple[str, str]]:
        """The header's ``Name: value`` lines, in order."""
        head = self.header
        if head is None:
            return []
        out = []
        for line in head.msgstr[0].split("\n"):
            name, sep, value = line.partition(":")
            if sep:
                out.append((name.strip(), value.strip()))
        return out

    def header_value(self, name: str) -> str | None:
        for key, value in self.header_fields():
            if key.lower() == name.lower():
                return value
        return None

    @property
    def nplurals(self) -> int:
        """``nplurals`` from the Plural-Forms header (2 when absent, as for en and es)."""
        m = re.search(r"nplurals\s*=\s*(\d+)", self.header_value("Plural-Forms") or "")
        return int(m.group(1)) if m else 2

    @property
    def language(self) -> str | None:
        return self.header_value("Language") or None

    def active(self) -> Iterator[Message]:
        """The entries that are not the header and not obsolete."""
        return (m for m in self.messages if not m.is_header and not m.obsolete)


# ---------------------------------------------------------------------------------------------
# Reading

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "a": "\a", "b": "\b",
            "f": "\f", "v": "\v", "?": "?", "'": "'"}
_SIMPLE_STRING = re.compile(r'"((?:[^"\\]|\\[ntr\\"abfv?\'])*)"[ \t]*')
_SIMPLE_ESCAPE = re.compile(r"\\(.)")


def _unescape(m: re.Match[str]) -> str:
    return _ESCAPES[m.group(1)]


_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=[\s\"]|$)")


class _Reader:
    def __init__(self, text: str, path: str) -> None:
        self.path = path
        self.lines = text.split("\n")
        self.findings: list[Finding] = []

    def error(self, line: int, col: int | None, rule: str, message: str) -> None:
        self.findings.append(Finding(self.path, line, col, Severity.ERROR, rule, message))

    def unquote(self, s: str, lineno: int, col: int) -> str | None:
        """The value of a ``"..."`` token (``s`` starts at the quote); None on error."""
        fast = _SIMPLE_STRING.fullmatch(s)
        if fast is not None:  # the common case: one string, simple escapes only
            body = fast.group(1)
            return _SIMPLE_ESCAPE.sub(_unescape, body) if "\\" in body else body
        return self.unquote_slow(s, lineno, col)

    def unquote_slow(self, s: str, lineno: int, col: int) -> str | None:
        """:meth:`unquote` character by character, for every other case and every error."""
        out: list[str] = []
        i, n = 1, len(s)
        while i < n:
            c = s[i]
            if c == '"':
                rest = s[i + 1:]
                nxt = rest.lstrip()
                if nxt.startswith('"'):  # "a" "b" on one line: GNU concatenates them
                    more = self.unquote(nxt, lineno, col + len(s) - len(nxt))
                    return None if more is None else "".join(out) + more
                if rest.strip():
                    self.error(lineno, col + i + 1, "po-syntax",
                               _("text after the closing quote: {text!r}; escape an inner "
                                 "quote as \\\"").format(text=rest.strip()))
                    return None
                return "".join(out)
            if c == "\\":
                if i + 1 >= n:
                    break
                e = s[i + 1]
                if e in _ESCAPES:
                    out.append(_ESCAPES[e])
                    i += 2
                    continue
                m = re.match(r"[0-7]{1,3}", s[i + 1:])
                if m:
                    out.append(chr(int(m.group(0), 8)))
                    i += 1 + len(m.group(0))
                    continue
                m = re.match(r"x([0-9a-fA-F]{1,2})", s[i + 1:])
                if m:
                    out.append(chr(int(m.group(1), 16)))
                    i += 1 + len(m.group(0))
                    continue
                self.error(lineno, col + i, "po-escape",
                           _("invalid escape sequence '\\{char}': write a backslash as "
                             "'\\\\'").format(char=e))
                return None
            out.append(c)
            i += 1
        self.error(lineno, col, "po-unterminated",
                   _("unterminated string: add the missing closing quote"))
        return None

    def read(self) -> Catalog:
        lines = self.lines
        if lines and lines[-1] == "":
            lines = lines[:-1]  # the final newline
        messages: list[Message] = []
        i, n = 0, len(lines)
        gap_start = 0
        while i < n:
            # skip blank lines between entries
            if not lines[i].strip():
                i += 1
                continue
            leading = "".join(line + "\n" for line in lines[gap_start:i])
            entry, i = self.read_entry(lines, i, leading)
            if entry is not None:
                messages.append(entry)
            gap_start = i
        tail = "".join(line + "\n" for line in lines[gap_start:])
        self.check_duplicates(messages)
        final_newline = not self.lines or self.lines[-1] == ""
        return Catalog(messages, self.path, tail, final_newline)

    def check_duplicates(self, messages: Sequence[Message]) -> None:
        seen: dict[tuple[bool, str | None, str], int] = {}
        for m in messages:
            k = (m.obsolete, m.msgctxt, m.msgid)
            if k in seen:
                what = _("duplicate msgid {msgid!r}") if m.msgctxt is None else \
                    _("duplicate msgctxt and msgid {msgid!r}")
                self.error(m.line, None, "po-duplicate",
                           what.format(msgid=m.msgid[:40]) + " " +
                           _("(first defined at line {line}): merge the two entries "
                             "(msguniq)").format(line=seen[k]))
            else:
                seen[k] = m.line

    def read_entry(self, lines: list[str], i: int, leading: str) -> tuple[Message | None, int]:
        """Read one entry starting at line index ``i``; return it and the next index."""
        tcomments: list[str] = []
        acomments: list[str] = []
        refs: list[str] = []
        flags: list[str] = []
        parts: list[tuple[str, object, tuple[str, ...]]] = []
        comment_lines: list[str] = []
        ref_lines: list[str] = []
        all_comment_lines: list[str] = []
        strings: dict[str, str] = {}  # keyword -> value; "prev:" prefix for #| ones
        string_lines: dict[str, list[str]] = {}
        order: list[str] = []
        obsolete: bool | None = None
        ok = True
        msgid_line = 0
        current: str | None = None  # the keyword continuation lines belong to
        current_active = False  # ``current`` is an active keyword (not #| nor #~)
        seen_msgstr = False
        n = len(lines)
        start = i
        while i < n:
            line = lines[i]
            lineno = i + 1
            if line[:1] == '"' and current is not None and obsolete is False \
                    and current_active:
                # fast path: a continuation line of an active keyword, at column 1
                value = self.unquote(line, lineno, 1)
                if value is None:
                    ok = False
                else:
                    strings[current] += value
                string_lines[current].append(line)
                i += 1
                continue
            stripped = line.strip()
            if not stripped:
                # a blank line ends the entry once its msgstr has been seen
                if seen_msgstr:
                    break
                i += 1
                comment_lines.append(line)
                continue
            body = line
            is_obsolete = False
            is_prev = False
            if line.startswith("#~"):
                is_obsolete = True
                body = line[2:]
                if body.startswith("|"):
                    is_prev = True
                    body = body[1:]
                body = body.lstrip(" ")
                if not body:
                    if seen_msgstr:
                        break
                    comment_lines.append(line)  # kept in the entry's text; an error alone
                    i += 1
                    continue
            elif line.startswith("#|"):
                is_prev = True
                body = line[2:].lstrip(" ")
            elif line.startswith("#"):
                if seen_msgstr:
                    break  # a comment after msgstr starts the next entry
                kind = line[1:2]
                text = line[2:]
                if kind == ".":
                    acomments.append(text[1:] if text.startswith(" ") else text)
                elif kind == ":":
                    refs.extend(text.split())
                    ref_lines.append(line)
                    all_comment_lines.append(line)
                    i += 1
                    continue
                elif kind == ",":
                    flags.extend(f.strip() for f in text.split(",") if f.strip())
                else:
                    tcomments.append(line[1:])
                comment_lines.append(line)
                all_comment_lines.append(line)
                i += 1
                continue
            col = len(line) - len(body) + 1
            if is_obsolete:
                if obsolete is False:
                    if seen_msgstr:
                        break
                    self.error(lineno, 1, "po-syntax",
                               _("an entry mixes obsolete '#~' lines and active lines"))
                    ok = False
                obsolete = True
            else:
                if obsolete is True:
                    if seen_msgstr:
                        break
                    self.error(lineno, 1, "po-syntax",
                               _("an entry mixes obsolete '#~' lines and active lines"))
                    ok = False
                obsolete = obsolete if is_prev else False
            b = body.lstrip()
            col += len(body) - len(b)
            if b.startswith('"'):
                if current is None or (current.startswith("prev:") != is_prev):
                    self.error(lineno, col, "po-syntax",
                               _("a string continuation line without a keyword before it"))
                    ok = False
                    i += 1
                    continue
                value = self.unquote(b, lineno, col)
                if value is None:
                    ok = False
                else:
                    strings[current] += value
                string_lines[current].append(line)
                i += 1
                continue
            m = _KEYWORD.match(b)
            if not m:
                word = b.split()[0] if b.split() else b
                self.error(lineno, col, "po-keyword",
                           _("unknown keyword {word!r}: expected msgctxt, msgid, msgid_plural, "
                             "msgstr or msgstr[N]").format(word=word))
                ok = False
                i += 1
                current = None
                current_active = False
                continue
            kw = m.group(1)
            if kw.startswith("msgstr"):
                if is_prev:
                    self.error(lineno, col, "po-syntax", _("'#|' lines may not hold a msgstr"))
                    ok = False
                seen_msgstr = True
            elif not is_prev:
                if seen_msgstr or (kw != "msgid_plural" and "msgid" in strings):
                    break  # the next entry begins (without a blank line, or msgstr missing)
                if kw == "msgid":
                    msgid_line = lineno
            name = ("prev:" if is_prev else "") + kw
            if name in strings:
                self.error(lineno, col, "po-syntax",
                           _("{keyword} appears twice in one entry").format(keyword=kw))
                ok = False
            rest = b[m.end():].lstrip()
            if not rest.startswith('"'):
                self.error(lineno, col, "po-syntax",
                           _("{keyword} must be followed by a quoted string").format(keyword=kw))
                ok = False
                strings[name] = ""
            else:
                value = self.unquote(rest, lineno, col + len(b) - len(rest))
                if value is None:
                    ok = False
                strings[name] = value or ""
            string_lines[name] = [line]
            order.append(name)
            current = name
            current_active = not is_prev and not is_obsolete
            i += 1
        # the entry's lines run from start to i, minus trailing blank lines
        end = i
        while end > start and not lines[end - 1].strip():
            end -= 1
        if not order:
            if comment_lines or ref_lines:
                self.error(start + 1, None, "po-syntax",
                           _("comments without an entry: add the msgid and msgstr or remove them"))
            return None, end if end > start else i
        if "msgid" not in strings:
            self.error(start + 1, None, "po-syntax", _("entry without msgid"))
            return None, end
        plural = "msgid_plural" in strings
        forms = sorted((int(k[7:-1]), k) for k in strings if k.startswith("msgstr["))
        if plural:
            if "msgstr" in strings:
                self.error(msgid_line, None, "po-plural",
                           _("an entry with msgid_plural needs msgstr[0], msgstr[1]..., "
                             "not msgstr"))
                ok = False
            if [f for f, _k in forms] != list(range(len(forms))) or not forms:
                self.error(msgid_line, None, "po-plural",
                           _("plural forms must be msgstr[0], msgstr[1]... in order"))
                ok = False
            msgstr = tuple(strings[k] for _i, k in forms)
            msgstr_lines = tuple(x for _i, k in forms for x in string_lines[k])
        else:
            if forms:
                self.error(msgid_line, None, "po-plural",
                           _("msgstr[N] without msgid_plural"))
                ok = False
            if "msgstr" not in strings:
                self.error(msgid_line, None, "po-syntax",
                           _("entry without msgstr: add msgstr \"\""))
                ok = False
            msgstr = (strings.get("msgstr", ""),)
            msgstr_lines = tuple(string_lines.get("msgstr", ()))
        if not ok:
            return None, end
        for name in order:
            parts.append((name, strings[name], tuple(string_lines[name])))
        parts.append(("msgstr", msgstr, msgstr_lines))
        comments = (tuple(tcomments), tuple(acomments), tuple(flags))
        parts.append(("comments", comments, tuple(x for x in comment_lines if x.strip())))
        parts.append(("references", tuple(refs), tuple(ref_lines)))
        parts.append(("all-comments", (comments, tuple(refs)), tuple(all_comment_lines)))
        parts.append(("obsolete", bool(obsolete), ()))
        msg = Message(
            msgid=strings["msgid"],
            msgstr=msgstr,
            msgid_plural=strings.get("msgid_plural"),
            msgctxt=strings.get("msgctxt"),
            translator_comments=tuple(tcomments),
            auto_comments=tuple(acomments),
            references=tuple(refs),
            flags=tuple(flags),
            previous_msgctxt=strings.get("prev:msgctxt"),
            previous_msgid=strings.get("prev:msgid"),
            previous_msgid_plural=strings.get("prev:msgid_plural"),
            obsolete=bool(obsolete),
            line=msgid_line,
            leading=leading,
            raw=_Raw("".join(line + "\n" for line in lines[start:end]), tuple(parts)),
        )
        return msg, end


def decode(data: bytes, path: str) -> tuple[str, list[Finding]]:
    """PO bytes as text; a BOM, invalid UTF-8 or CR line endings are findings."""
    findings: list[Finding] = []
    if data.startswith(b"\xef\xbb\xbf"):
        findings.append(Finding(path, 1, 1, Severity.ERROR, "po-bom",
                                _("the file starts with a UTF-8 BOM: save it without the BOM")))
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        findings.append(Finding(path, line, None, Severity.ERROR, "po-encoding",
                                _("invalid UTF-8 (byte 0x{byte:02x}): convert the catalog to "
                                  "UTF-8 (msgconv -t UTF-8)").format(byte=data[exc.start])))
        text = data.decode("utf-8", errors="replace")
    if "\r" in text:
        line = text.count("\n", 0, text.index("\r")) + 1
        findings.append(Finding(path, line, None, Severity.ERROR, "po-line-ending",
                                _("CR line ending: use LF (Unix) line endings")))
    return text, findings


def parse(data: bytes, path: str = "<input>") -> Catalog:
    """Read PO bytes strictly; raise :class:`ParseError` with every problem found."""
    text, findings = decode(data, path)
    reader = _Reader(text, path)
    catalog = reader.read()
    findings.extend(reader.findings)
    if not findings:
        charset = re.search(r"charset=([\w.-]+)", catalog.header_value("Content-Type") or "")
        if charset and charset.group(1).lower().replace("-", "") not in ("utf8", "charset"):
            head = catalog.header
            findings.append(Finding(path, head.line if head else 1, None, Severity.ERROR,
                                    "po-charset",
                                    _("charset {charset} is not supported: convert the catalog "
                                      "to UTF-8 (msgconv -t UTF-8)").format(
                                        charset=charset.group(1))))
    if findings:
        findings.sort(key=lambda f: (f.line or 0, f.col or 0))
        raise ParseError(findings, what=path)
    return catalog


def read_catalog(path: str | Path) -> Catalog:
    """Read a PO/POT file strictly (see :func:`parse`)."""
    from glossary.errors import GlosaError

    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise GlosaError(_("{path}: cannot read: {reason}").format(
            path=path, reason=exc.strerror)) from exc
    return parse(data, str(path))


# ---------------------------------------------------------------------------------------------
# Writing

_ESCAPE_OUT = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\a": "\\a",
               "\b": "\\b", "\f": "\\f", "\v": "\\v"}


def escape(text: str) -> str:
    r"""C-escape a string the way GNU gettext writes it.

    >>> escape('Say "hi"\n')
    'Say \\"hi\\"\\n'
    """
    return "".join(_ESCAPE_OUT.get(c, c) for c in text)


#: Characters a line may not start with, even after spaces (UAX #14 classes CL, CP, EX, IS, SY).
_NO_BREAK_BEFORE = frozenset("})]!?,.:;/")
_QUOTES = frozenset(['\\"', "'", "\u00ab", "\u00bb", "\u2018", "\u2019", "\u201c", "\u201d"])
_OPENERS = frozenset("([{\u00bf\u00a1")


def _break_after(tokens: list[str], k: int) -> bool:
    """Whether a line may break after escaped token ``k``: the subset of Unicode UAX #14 line
    breaking that GNU gettext (gnulib ``unilbrk``) applies to Latin text, checked against
    ``msgcat`` in the tests."""
    if k + 1 >= len(tokens):
        return False
    cur, nxt = tokens[k], tokens[k + 1]
    if nxt == " ":
        return False
    if nxt in _NO_BREAK_BEFORE or nxt == "\\n":
        return False
    if cur == " ":
        j = k
        while j > 0 and tokens[j] == " ":
            j -= 1
        before = tokens[j]
        if before in _QUOTES and nxt in _OPENERS:
            return False  # UAX #14 LB15: QU SP* x OP
        return not (before == "\u2014" and nxt == "\u2014")  # LB17: B2 SP* x B2
    first = nxt[:1]
    if cur in ("-", "/", ".", ",", ":", ";"):
        return first.isalpha()
    if cur == "\u2014" or nxt == "\u2014":
        return cur != nxt
    return cur == "\u2013"


def _tokens(text: str) -> list[str]:
    """Escaped text as unbreakable units (an escape sequence is one unit)."""
    return [_ESCAPE_OUT.get(c, c) for c in text]


def _wrap_portion(text: str, first_col: int, width: int) -> list[str]:
    """Split one portion into escaped pieces; each, quoted and after ``first_col``, fits."""
    toks = _tokens(text)
    pieces: list[str] = []
    start = 0
    used = first_col + 2  # the two quotes
    last_break = -1  # index of the last token a line may end with
    for i, tok in enumerate(toks):
        if used + len(tok) > width and last_break >= start:
            pieces.append("".join(toks[start:last_break + 1]))
            start = last_break + 1
            used = first_col + 2 + sum(len(t) for t in toks[start:i])
            last_break = -1
        used += len(tok)
        if _break_after(toks, i):
            last_break = i
    pieces.append("".join(toks[start:]))
    return pieces


def format_string(keyword: str, value: str, prefix: str = "", width: int = WIDTH) -> list[str]:
    """The lines of ``keyword "value"`` wrapped as GNU msgcat does.

    >>> format_string("msgid", "Hello")
    ['msgid "Hello"']
    >>> format_string("msgstr", "Uno\\nDos\\n")
    ['msgstr ""', '"Uno\\\\n"', '"Dos\\\\n"']
    """
    head = f"{prefix}{keyword} "
    portions: list[str] = []
    rest = value
    while "\n" in rest[:-1]:
        idx = rest.index("\n")
        portions.append(rest[:idx + 1])
        rest = rest[idx + 1:]
    portions.append(rest)
    if len(portions) == 1:
        single = f'{head}"{escape(value)}"'
        if len(single) <= width:
            return [single]
    if portions[-1] == "":
        portions.pop()
    lines = [f'{head}""']
    for portion in portions:
        for piece in _wrap_portion(portion, len(prefix), width):
            lines.append(f'{prefix}"{piece}"')
    return lines


def _pack_references(refs: Sequence[str], width: int = WIDTH) -> list[str]:
    lines: list[str] = []
    cur = "#:"
    for ref in refs:
        if cur != "#:" and len(cur) + 1 + len(ref) > width:
            lines.append(cur)
            cur = "#:"
        cur += " " + ref
    if cur != "#:":
        lines.append(cur)
    return lines


def format_message(m: Message) -> str:
    """An entry's text, keeping the original lines of every part that did not change."""
    raw = m.raw
    if raw is not None and raw.text and _unchanged(m):
        return raw.text
    prefix = "#~ " if m.obsolete else ""
    out: list[str] = []
    keep_keywords = raw is not None and raw.lines_for("obsolete", m.obsolete) is not None
    comments = (m.translator_comments, m.auto_comments, m.flags)
    kept = raw.lines_for("comments", comments) if raw else None
    kept_refs = raw.lines_for("references", m.references) if raw else None
    kept_all = raw.lines_for("all-comments", (comments, m.references)) if raw else None
    if kept_all is not None:
        out.extend(kept_all)
    elif kept is not None and not m.references and not kept_refs:
        out.extend(kept)
    else:
        out.extend("#" + c for c in m.translator_comments)
        out.extend(("#. " + c) if c else "#." for c in m.auto_comments)
        if kept_refs is not None:
            out.extend(kept_refs)
        else:
            out.extend(_pack_references(m.references))
        if m.flags:
            out.append("#, " + ", ".join(m.flags))
    prev_prefix = "#~| " if m.obsolete else "#| "
    fields: list[tuple[str, str, str | None, str]] = [
        ("prev:msgctxt", "msgctxt", m.previous_msgctxt, prev_prefix),
        ("prev:msgid", "msgid", m.previous_msgid, prev_prefix),
        ("prev:msgid_plural", "msgid_plural", m.previous_msgid_plural, prev_prefix),
        ("msgctxt", "msgctxt", m.msgctxt, prefix),
        ("msgid", "msgid", m.msgid, prefix),
        ("msgid_plural", "msgid_plural", m.msgid_plural, prefix),
    ]
    for name, kw, value, pfx in fields:
        if value is None:
            continue
        lines = raw.lines_for(name, value) if raw and keep_keywords else None
        out.extend(lines if lines is not None else format_string(kw, value, pfx))
    lines = raw.lines_for("msgstr", m.msgstr) if raw and keep_keywords else None
    if lines is not None and (m.msgid_plural is None) == (len(m.msgstr) == 1):
        out.extend(lines)
    elif m.msgid_plural is None:
        out.extend(format_string("msgstr", m.msgstr[0], prefix))
    else:
        for idx, s in enumerate(m.msgstr):
            out.extend(format_string(f"msgstr[{idx}]", s, prefix))
    return "".join(line + "\n" for line in out)


def _fingerprint(m: Message) -> tuple[object, ...]:
    """Everything an entry's text says, to tell an unchanged entry from a changed one."""
    return (m.msgctxt, m.msgid, m.msgid_plural, m.previous_msgctxt, m.previous_msgid,
            m.previous_msgid_plural, m.msgstr, m.translator_comments, m.auto_comments, m.flags,
            m.references, m.obsolete)


def _unchanged(m: Message) -> bool:
    raw = m.raw
    assert raw is not None
    if raw.fingerprint is None:
        values = {name: value for name, value, _lines in raw.parts}
        comments = values.get("comments", ((), (), ()))
        assert isinstance(comments, tuple)
        raw.fingerprint = (
            values.get("msgctxt"), values.get("msgid"), values.get("msgid_plural"),
            values.get("prev:msgctxt"), values.get("prev:msgid"),
            values.get("prev:msgid_plural"), values.get("msgstr"), comments[0], comments[1],
            comments[2], values.get("references"), values.get("obsolete"))
    return raw.fingerprint == _fingerprint(m)


def serialize(catalog: Catalog) -> bytes:
    """The catalog's bytes: unchanged entries as read, changed ones as GNU gettext writes them."""
    out: list[str] = []
    for idx, m in enumerate(catalog.messages):
        if m.leading is not None:
            out.append(m.leading)
        elif idx > 0:
            out.append("\n")
        out.append(format_message(m))
    out.append(catalog.tail)
    text = "".join(out)
    if not catalog.final_newline and text.endswith("\n"):
        text = text[:-1]
    return text.encode("utf-8")


def write_catalog(catalog: Catalog, path: str | Path | None = None) -> bool:
    """Write atomically; return False (file untouched, same mtime) when the bytes are the same."""
    target = path if path is not None else catalog.path
    if target is None:
        raise ValueError("no path to write the catalog to")
    try:
        return write_bytes_atomic(target, serialize(catalog))
    except OSError as exc:
        from glossary.errors import GlosaError

        raise GlosaError(_("{path}: cannot write: {reason}").format(
            path=target, reason=exc.strerror)) from exc
