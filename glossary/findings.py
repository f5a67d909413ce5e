"""One `Finding` type for every lint and check result, and its output formats.

Every output format (text, JSON, GitHub annotations) is written once, here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """A problem at a place: ``path:line:col: severity: message [rule]``.

    ``line`` and ``col`` are 1-based; either may be ``None`` when unknown.
    ``data`` carries structured extras (msgid, msgstr, quote texts...) for JSON output.
    """

    path: str | None
    line: int | None
    col: int | None
    severity: Severity
    rule: str
    message: str
    data: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def place(self) -> str:
        """``path:line:col`` with the parts that are known.

        >>> Finding("a.csv", 3, 7, Severity.ERROR, "x", "m").place
        'a.csv:3:7'
        >>> Finding("a.csv", 3, None, Severity.ERROR, "x", "m").place
        'a.csv:3'
        """
        parts = [self.path or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)

    def format(self) -> str:
        """The GNU-style one-line form.

        >>> Finding("t.csv", 2, 5, Severity.ERROR, "empty-field", "empty es").format()
        't.csv:2:5: error: empty es [empty-field]'
        """
        return f"{self.place}: {self.severity.value}: {self.message} [{self.rule}]"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity.value,
            "rule": self.rule,
            "message": self.message,
        }
        out.update(self.data)
        return out


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(finding: Finding) -> str:
    """A GitHub Actions workflow command that annotates the file and line.

    >>> format_github(Finding("g.csv", 4, 2, Severity.WARNING, "r", "stray space"))
    '::warning file=g.csv,line=4,col=2,title=r::stray space'
    """
    level = "error" if finding.severity is Severity.ERROR else (
        "warning" if finding.severity is Severity.WARNING else "notice"
    )
    props = []
    if finding.path:
        props.append(f"file={_gh_escape(finding.path, prop=True)}")
    if finding.line is not None:
        props.append(f"line={finding.line}")
        if finding.col is not None:
            props.append(f"col={finding.col}")
    props.append(f"title={_gh_escape(finding.rule, prop=True)}")
    return f"::{level} {','.join(props)}::{_gh_escape(finding.message)}"


def render_findings(findings: Iterable[Finding], fmt: str) -> str:
    """Render findings as ``text``, ``json`` or ``github``; the text form ends with a count."""
    items = list(findings)
    if fmt == "json":
        return json.dumps([f.to_dict() for f in items], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(format_github(f) for f in items)
    if fmt != "text":
        raise ValueError(f"unknown format {fmt!r}")
    lines = [f.format() for f in items]
    errors = sum(1 for f in items if f.is_error)
    warnings = sum(1 for f in items if f.severity is Severity.WARNING)
    lines.append(f"{errors} error{'s' if errors != 1 else ''}, "
                 f"{warnings} warning{'s' if warnings != 1 else ''}")
    return "\n".join(lines)
