"""``glosa glossary ...``: lint, lookup, import and export of the desk glossary."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from translate.cli.common import EXIT_FINDINGS, glossary_paths
from translate.i18n import _

app = typer.Typer(help=_("Check, search, import and export the glossary."), no_args_is_help=True)


@app.command()
def lint(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help=_("Term files or folders (default: the shipped glossary).")),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help=_("text, json or github"))] = "text",
) -> None:
    """Check term files: everything the loader checks, plus conflicts and style."""
    from glossary.csvfile import collect_glossary
    from glossary.findings import render_findings

    _glossary, findings = collect_glossary(paths or glossary_paths(None))
    out = render_findings(findings, fmt)
    if out:
        typer.echo(out)
    if any(f.is_error for f in findings):
        raise typer.Exit(EXIT_FINDINGS)
