"""``glosa glossary ...``: lint, lookup, import and export of the desk glossary."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from glossary.model import Lang
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


def _lang(value: str | None, option: str) -> Lang | None:
    if value is None:
        return None
    if value not in ("en", "es"):
        fail(_("{option} must be en or es").format(option=option))
    return "en" if value == "en" else "es"


@app.command()
def lookup(
    term: Annotated[str, typer.Argument(help=_("A term in any form: plural, variant, "
                                               "without accents..."))],
    lang: Annotated[str | None, typer.Option("--lang", help=_("Search only en or es."))] = None,
    paths: Annotated[
        list[Path] | None,
        typer.Option("--glossary", "-g", help=_("Term files or folders (default: the shipped "
                                                 "glossary).")),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help=_("Show at most this many."))] = 5,
) -> None:
    """Find glossary entries for a term (any inflection or variant; accents and case ignored)."""
    from glossary.csvfile import load_glossary
    from glossary.lookup import describe
    from glossary.lookup import lookup as find

    glossary = load_glossary(paths or [display_path(p) for p in glossary_paths(None)])
    hits = find(glossary, term, _lang(lang, "--lang"), limit)
    if not hits:
        fail(_("no glossary entry for {term!r}").format(term=term), EXIT_FINDINGS)
    roles = {"preferred": _("preferred"), "variant": _("variant"),
             "forbidden": _("forbidden")}
    blocks = []
    for hit in hits:
        how = _("matched {lang} {form!r} ({role} of {lemma!r})").format(
            lang=hit.lang, form=hit.form, role=roles.get(hit.role, hit.role), lemma=hit.lemma)
        if hit.role == "id":
            how = _("matched the id")
        blocks.append(describe(hit.entry, _) + "\n  " + how)
    typer.echo("\n\n".join(blocks))


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help=_("tbx, deepl, google or amazon"))],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help=_("File to write (default: stdout)."))
    ] = None,
    src: Annotated[str, typer.Option("--from", help=_("Source language (deepl, amazon)."))] = "en",
    tgt: Annotated[str, typer.Option("--to", help=_("Target language (deepl, amazon)."))] = "es",
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help=_("Term files or folders (default: the shipped glossary).")),
    ] = None,
) -> None:
    """Export the glossary as TBX-Basic, or as a DeepL, Google or Amazon glossary file."""
    from glossary.atomic import write_text_atomic
    from glossary.csvfile import load_glossary
    from glossary.exports import FORMATS
    from glossary.exports import export as render

    if fmt not in FORMATS:
        fail(_("--format must be one of: {formats}").format(formats=", ".join(FORMATS)))
    s, t = _lang(src, "--from"), _lang(tgt, "--to")
    assert s is not None and t is not None
    if s == t:
        fail(_("--from and --to must differ"))
    glossary = load_glossary(paths or [display_path(p) for p in glossary_paths(None)])
    text = render(glossary, fmt, s, t)
    if output is None or str(output) == "-":
        typer.echo(text, nl=False)
        return
    try:
        write_text_atomic(output, text)
    except OSError as exc:
        fail(_("cannot write {path}: {reason}").format(path=output,
                                                       reason=exc.strerror or exc))
    typer.echo(_("wrote {path}").format(path=output), err=True)


@app.command("import")
def import_(
    source: Annotated[Path, typer.Argument(help=_("A TBX file."))],
    output: Annotated[
        Path, typer.Option("--output", "-o",
                           help=_("A .csv file, or a folder to get one term file per domain."))
    ],
) -> None:
    """Import a TBX file into term files (validated like the term files themselves)."""
    from glossary.exports import import_tbx

    try:
        written = import_tbx(source, output)
    except OSError as exc:
        fail(_("cannot write {path}: {reason}").format(path=exc.filename or output,
                                                       reason=exc.strerror or exc))
    for path in written:
        typer.echo(_("wrote {path}").format(path=path), err=True)
