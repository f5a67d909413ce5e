"""``glosa glossary ...``: lint, lookup, import and export of the desk glossary."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from translate.cli.common import EXIT_FINDINGS, display_path, fail, glossary_paths
from translate.i18n import _

app = typer.Typer(help=_("Check, search, import and export the glossary."), no_args_is_help=True)


@app.command()
def lint(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help=_("Term files or folders (default: the shipped glossary).")),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help=_("text, json or github"))] = "text",
    diff_base: Annotated[
        str | None,
        typer.Option("--diff", metavar="BASE",
                     help=_("Report only findings on lines changed since the git revision BASE.")),
    ] = None,
) -> None:
    """Check term files: everything the loader checks, plus conflicts and style."""
    from glossary.findings import render_findings
    from glossary.lint import lint_paths

    if fmt not in ("text", "json", "github"):
        fail(_("--format must be text, json or github"))
    targets = paths or [display_path(p) for p in glossary_paths(None)]
    findings = lint_paths(targets)
    if diff_base is not None:
        from glossary.diff import only_changed_lines

        findings = only_changed_lines(findings, diff_base, targets)
    out = render_findings(findings, fmt)
    if out:
        typer.echo(out)
    if any(f.is_error for f in findings):
        raise typer.Exit(EXIT_FINDINGS)


@app.command()
def diff(
    base: Annotated[
        str, typer.Argument(help=_("The revision to compare from (e.g. origin/main)."))
    ],
    head: Annotated[
        str,
        typer.Argument(help=_("The revision to compare to; WORKTREE (the default) means the "
                              "files on disk, committed or not.")),
    ] = "WORKTREE",
    path: Annotated[
        str, typer.Option("--path", help=_("The term folder (or one .csv file) in the repository."))
    ] = "glossary/terms",
    fmt: Annotated[str, typer.Option("--format", help=_("markdown or json"))] = "markdown",
) -> None:
    """Show glossary entries added, removed, renamed and changed between two git revisions."""
    from glossary.diff import diff_glossary, render_json, render_markdown

    if fmt not in ("markdown", "json"):
        fail(_("--format must be markdown or json"))
    result = diff_glossary(base, head, path)
    typer.echo(render_markdown(result) if fmt == "markdown" else render_json(result), nl=False)


@app.command()
def impact(
    base: Annotated[str, typer.Argument(help=_("The revision to compare from."))],
    head: Annotated[
        str, typer.Argument(help=_("The revision to compare to (WORKTREE: the files on disk)."))
    ] = "WORKTREE",
    path: Annotated[
        str, typer.Option("--path", help=_("The term folder (or one .csv file) in the repository."))
    ] = "glossary/terms",
    catalogs: Annotated[
        list[Path] | None,
        typer.Option("--catalogs", help=_("A .po file or a folder of them (repeatable).")),
    ] = None,
    stories: Annotated[
        list[Path] | None,
        typer.Option("--stories", help=_("A story file or a folder of .md/.txt (repeatable).")),
    ] = None,
    engine: Annotated[
        str, typer.Option("--engine", help=_("Engine that re-translates story sentences."))
    ] = "apertium",
    fmt: Annotated[str, typer.Option("--format", help=_("markdown or json"))] = "markdown",
) -> None:
    """Show catalog entries and story sentences that a glossary change affects."""
    from translate.review import EngineTranslator, impact_of, render_json, render_markdown

    if fmt not in ("markdown", "json"):
        fail(_("--format must be markdown or json"))
    translator = EngineTranslator(engine)
    try:
        result = impact_of(base, head, path=path, catalogs=catalogs or [],
                           stories=stories or [], translate=translator)
    finally:
        translator.close()
    typer.echo(render_markdown(result) if fmt == "markdown" else render_json(result), nl=False)
