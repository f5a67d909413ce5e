"""TBX-Basic export and import that round-trip every field of an entry.

Standard TBX-Basic data categories carry what they can: ``termEntry@id`` (id),
``descrip[@type=subjectField]`` (kind), ``note`` (note), ``termNote[@type=partOfSpeech]``
(pos), ``termNote[@type=grammaticalGender]`` (gender, on the Spanish terms) and
``termNote[@type=administrativeStatus]`` (preferredTerm = the preferred term, admittedTerm =
a variant, deprecatedTerm = a forbidden rendering). The rest are ``descrip`` elements with an
``x-glosa-`` type at entry level (status, direction, dnt, case, the term file's name) and
``termNote`` elements on the preferred term (``x-glosa-plural``, ``x-glosa-feminine``), so a
TBX tool shows them and glosa reads them back.

Import accepts TBX v2 (``martif``/``termEntry``/``langSet``/``tig``) and, leniently, TBX v3
(``conceptEntry``/``langSec``/``termSec``); it validates like the CSV loader and reports every
problem as ``path:line:col``.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from glossary.atomic import write_text_atomic
from glossary.csvfile import Cell, _entry
from glossary.errors import GlosaError, ParseError
from glossary.findings import Finding, Severity
from glossary.model import Entry, Gender, Glossary, Lang, Pos

_POS_TO_TBX = {Pos.NOUN: "noun", Pos.PROPER: "properNoun", Pos.VERB: "verb",
               Pos.ADJ: "adjective", Pos.ADV: "adverb", Pos.PHRASE: "other"}
_TBX_TO_POS = {v: k.value for k, v in _POS_TO_TBX.items()}
_GENDER_TO_TBX = {Gender.M: "masculine", Gender.F: "feminine"}
_TBX_TO_GENDER = {v: k.value for k, v in _GENDER_TO_TBX.items()}
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
X = "x-glosa-"


# --------------------------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------------------------

#: characters XML 1.0 cannot hold at all, not even as character references
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    if text is not None and _NOT_XML.search(text):
        bad = _NOT_XML.search(text)
        assert bad is not None
        raise GlosaError(f"{text!r} holds U+{ord(bad.group()):04X}, which XML cannot carry: "
                         "remove it from the term file before exporting to TBX")
    el = ET.SubElement(parent, tag, {k.replace("_", ":", 1) if k == "xml_lang" else k: v
                                     for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _tig(parent: ET.Element, term: str, status: str, entry: Entry, lang: Lang) -> ET.Element:
    tig = _sub(parent, "tig")
    _sub(tig, "term", term)
    _sub(tig, "termNote", _POS_TO_TBX[entry.pos], type="partOfSpeech")
    if lang == "es" and entry.gender is not None and status != DEPRECATED:
        _sub(tig, "termNote", _GENDER_TO_TBX[entry.gender], type="grammaticalGender")
    _sub(tig, "termNote", status, type="administrativeStatus")
    return tig


def _term_entry(body: ET.Element, entry: Entry) -> None:
    te = _sub(body, "termEntry", id=entry.id)
    _sub(te, "descrip", entry.kind.value, type="subjectField")
    _sub(te, "descrip", entry.status.value, type=X + "status")
    _sub(te, "descrip", entry.direction.value, type=X + "direction")
    _sub(te, "descrip", "yes" if entry.dnt else "no", type=X + "dnt")
    _sub(te, "descrip", entry.case.value, type=X + "case")
    if entry.source is not None and entry.source.path.endswith(".csv"):
        _sub(te, "descrip", os.path.basename(entry.source.path), type=X + "file")
    if entry.note:
        _sub(te, "note", entry.note)
    for lang in ("en", "es"):
        lg: Lang = "en" if lang == "en" else "es"
        ls = _sub(te, "langSet", xml_lang=lang)
        pref = _tig(ls, entry.term(lg), PREFERRED, entry, lg)
        plural = entry.plural(lg)
        if plural is not None:
            _sub(pref, "termNote", plural, type=X + "plural")
        if lg == "es" and entry.es_feminine is not None:
            _sub(pref, "termNote", entry.es_feminine, type=X + "feminine")
        for variant in entry.variants(lg):
            _tig(ls, variant, ADMITTED, entry, lg)
        for bad in entry.forbidden(lg):
            _tig(ls, bad, DEPRECATED, entry, lg)


def format_tbx(entries: Iterable[Entry], title: str = "glosa desk glossary") -> str:
    """TBX-Basic XML for ``entries`` (UTF-8, LF, two-space indentation)."""
    root = ET.Element("martif", {"type": "TBX-Basic", "xml:lang": "en"})
    header = _sub(root, "martifHeader")
    file_desc = _sub(header, "fileDesc")
    _sub(_sub(file_desc, "sourceDesc"), "p", title)
    _sub(_sub(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    body = _sub(_sub(root, "text"), "body")
    for entry in entries:
        _term_entry(body, entry)
    ET.indent(root, space="  ")
    xml = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n' + xml + "\n")


def write_tbx(path: str | os.PathLike[str], entries: Iterable[Entry]) -> bool:
    """Write a TBX-Basic file atomically."""
    return write_text_atomic(path, format_tbx(entries))


# --------------------------------------------------------------------------------------------
# Import
# --------------------------------------------------------------------------------------------

@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    line: int
    col: int
    children: list[_Node] = field(default_factory=list)
    text: str = ""

    def all(self, *tags: str) -> list[_Node]:
        return [c for c in self.children if c.tag in tags]

    def iter(self, *tags: str) -> Iterable[_Node]:
        for c in self.children:
            if c.tag in tags:
                yield c
            yield from c.iter(*tags)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].rsplit(" ", 1)[-1]


def _parse_xml(data: bytes, path: str) -> _Node:
    """A small tree with 1-based line and column on every element (ElementTree has none)."""
    parser = expat.ParserCreate(namespace_separator=" ")
    root = _Node("#document", {}, 1, 1)
    stack = [root]

    def start(name: str, attrs: dict[str, str]) -> None:
        node = _Node(_local(name), {_local(k): v for k, v in attrs.items()},
                     parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
        stack[-1].children.append(node)
        stack.append(node)

    def end(name: str) -> None:
        stack.pop()

    def chars(text: str) -> None:
        stack[-1].text += text

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise ParseError([Finding(path, exc.lineno, exc.offset + 1, Severity.ERROR, "xml",
                                  f"not well-formed XML: {expat.ErrorString(exc.code)}")],
                         "TBX file") from None
    return root


def _lang_of(node: _Node) -> str:
    return node.attrs.get("lang", "").lower().split("-")[0]


def _note_type(node: _Node, kind: str) -> str | None:
    for tn in node.all("termNote"):
        if tn.attrs.get("type") == kind:
            return tn.text
    return None


def _cell(value: str, node: _Node) -> Cell:
    # a term file holds one entry per line: line breaks from a pretty-printed TBX become spaces
    return Cell(value.replace("\r\n", " ").replace("\n", " ").replace("\r", " "),
                node.line, node.col)


def read_tbx(path: str | os.PathLike[str], display: str | None = None) -> Glossary:
    """Read a TBX file into a glossary; every problem raises one :class:`ParseError`."""
    name = display or str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ParseError([Finding(name, None, None, Severity.ERROR, "unreadable",
                                  f"cannot read: {exc.strerror or exc}")], "TBX file") from None
    return parse_tbx(data, name)


def parse_tbx(data: bytes, name: str) -> Glossary:
    """Parse TBX bytes; see :func:`read_tbx`."""
    root = _parse_xml(data, name)
    findings: list[Finding] = []
    entries: list[Entry] = []
    files: dict[str, str] = {}
    seen: dict[str, int] = {}
    for te in root.iter("termEntry", "conceptEntry"):
        row, file_name = _row(te, name, findings)
        if row is None:
            continue
        before = len(findings)
        entry = _entry(row, name, te.line, findings)
        if entry is None or len(findings) > before:
            continue
        if entry.id in seen:
            findings.append(Finding(name, te.line, te.col, Severity.ERROR, "duplicate-id",
                                    f"duplicate id {entry.id!r}, first at line {seen[entry.id]}"))
            continue
        seen[entry.id] = te.line
        entries.append(entry)
        if file_name:
            files[entry.id] = file_name
    top = root.children[0] if root.children else root
    if top.tag not in ("martif", "tbx"):
        findings.append(Finding(name, top.line, top.col, Severity.ERROR, "not-tbx",
                                f"root element <{top.tag}> is not <martif> (TBX v2) or <tbx> "
                                "(TBX v3): is this a TBX file?"))
    if findings:
        raise ParseError(findings, "TBX file")
    return Glossary(tuple(entries))


def tbx_file_names(data: bytes, name: str) -> dict[str, str]:
    """id -> the term file name an exported entry came from (``x-glosa-file``)."""
    out: dict[str, str] = {}
    for te in _parse_xml(data, name).iter("termEntry", "conceptEntry"):
        for d in te.all("descrip"):
            if d.attrs.get("type") == X + "file" and te.attrs.get("id"):
                out[te.attrs["id"]] = d.text
    return out


def _row(te: _Node, path: str, findings: list[Finding]) -> tuple[dict[str, Cell] | None, str]:
    row: dict[str, Cell] = {}
    file_name = ""
    if "id" not in te.attrs:
        findings.append(Finding(path, te.line, te.col, Severity.ERROR, "empty-field",
                                "termEntry has no id attribute: add id=\"a-slug\""))
        return None, ""
    row["id"] = _cell(te.attrs["id"], te)
    descrips = {d.attrs.get("type", ""): d for d in te.all("descrip")}
    if "subjectField" in descrips:
        row["kind"] = _cell(descrips["subjectField"].text, descrips["subjectField"])
    for key in ("status", "direction", "case"):
        d = descrips.get(X + key)
        if d is not None:
            row[key] = _cell(d.text, d)
    dnt = descrips.get(X + "dnt")
    if dnt is not None:
        row["dnt"] = _cell(dnt.text, dnt)
    if X + "file" in descrips:
        file_name = descrips[X + "file"].text
    notes = te.all("note")
    if notes:
        row["note"] = _cell(" ".join(n.text for n in notes), notes[0])
    for ls in te.all("langSet", "langSec"):
        lang = _lang_of(ls)
        if lang not in ("en", "es"):
            continue
        preferred: list[_Node] = []
        variants: list[str] = []
        forbidden: list[str] = []
        for tig in ls.all("tig", "ntig", "termSec"):
            terms = list(tig.iter("term"))
            if not terms:
                continue
            status = _note_type(tig, "administrativeStatus") or ""
            if "termGrp" in (c.tag for c in tig.children):  # ntig keeps notes in termGrp
                grp = tig.all("termGrp")[0]
                status = _note_type(grp, "administrativeStatus") or status
            text = terms[0].text
            if status.startswith(("deprecatedTerm", "supersededTerm", "notRecommendedTerm")):
                forbidden.append(text)
            elif status.startswith("preferredTerm") or (not preferred and not status):
                if preferred:
                    variants.append(text)
                else:
                    preferred.append(tig)
                    row[lang] = _cell(text, terms[0])
            else:
                variants.append(text)
        if not preferred and variants:
            first = variants.pop(0)
            row[lang] = _cell(first, ls)
        if preferred:
            tig = preferred[0]
            pos = _note_type(tig, "partOfSpeech")
            if pos and "pos" not in row:
                row["pos"] = _cell(_TBX_TO_POS.get(pos, pos), tig)
            gender = _note_type(tig, "grammaticalGender")
            if lang == "es" and gender:
                row["gender"] = _cell(_TBX_TO_GENDER.get(gender, gender), tig)
            plural = _note_type(tig, X + "plural")
            if plural is not None:
                row[f"{lang}_plural"] = _cell(plural, tig)
            feminine = _note_type(tig, X + "feminine")
            if lang == "es" and feminine is not None:
                row["es_feminine"] = _cell(feminine, tig)
        if any("|" in v for v in variants + forbidden):
            findings.append(Finding(path, ls.line, ls.col, Severity.ERROR, "bad-value",
                                    "a term contains '|', which the term files use as a "
                                    "separator: rename it"))
        row[f"{lang}_variants"] = _cell("|".join(variants), ls)
        row[f"forbidden_{lang}"] = _cell("|".join(forbidden), ls)
    for key in ("en", "es"):
        row.setdefault(key, _cell("", te))
    return row, file_name
