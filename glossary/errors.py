"""The one base exception of glosa, with parse and engine errors under it."""

from __future__ import annotations

from collections.abc import Sequence

from glossary.findings import Finding


class GlosaError(Exception):
    """Base class for every error a user can cause or fix; the CLI prints it without a traceback."""


class ParseError(GlosaError):
    """A file could not be read; carries every problem found, each with its place."""

    def __init__(self, findings: Sequence[Finding], what: str = "file") -> None:
        self.findings = tuple(findings)
        errors = sum(1 for f in self.findings if f.is_error)
        lines = [f.format() for f in self.findings]
        lines.append(f"{errors} error{'s' if errors != 1 else ''} in {what}")
        super().__init__("\n".join(lines))


class EngineError(GlosaError):
    """A translation engine is missing, misconfigured or failed."""
