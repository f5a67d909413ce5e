"""``glosa catalog ...``: gettext catalogs of stories and site strings.

extract -> init/update -> translate (MT prefill, fuzzy) -> check -> compile / render.
Each command parses its arguments, makes one library call and prints.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from translate.cli.common import EXIT_FINDINGS, fail
from translate.i18n import _

if TYPE_CHECKING:
    from glossary.model import Glossary
    from translate.engines.base import Engine

app = typer.Typer(help=_("Gettext catalogs: extract, translate, check, compile and render."),
                  no_args_is_help=True)


def _written(path: Path, changed: bool, what: str) -> None:
    if changed:
        typer.echo(_("wrote {path} ({what})").format(path=path, what=what))
    else:
        typer.echo(_("{path} unchanged").format(path=path))


@app.command(help=_(
    "Make a POT template of a story: one entry per paragraph, heading, list item or quote."))
def extract(
    story: Annotated[Path, typer.Argument(help=_("The story (Markdown or plain text)."))],
    output: Annotated[Path, typer.Option("-o", "--output", help=_("The POT file to write."))],
    reference: Annotated[str | None, typer.Option(
        help=_("The file name to use in '#:' references (default: the story's name)."))] = None,
) -> None:
    """Make a POT template of a story: one entry per paragraph, heading, list item or quote."""
    from translate.catalog import po
    from translate.catalog.extract import extract_story

    previous = po.read_catalog(output) if output.exists() else None
    catalog = extract_story(story, reference, previous)
    changed = po.write_catalog(catalog, output)
    count = sum(1 for _m in catalog.active())
    _written(output, changed, _("{n} entries").format(n=count))


@app.command(help=_("Start a PO catalog for a language from a template (Plural-Forms: two forms)."))
def init(
    template: Annotated[Path, typer.Argument(help=_("The POT template."))],
    lang: Annotated[str, typer.Option("-l", "--lang", help=_("The catalog's language: es or en."))],
    output: Annotated[Path, typer.Option("-o", "--output", help=_("The PO file to write."))],
    force: Annotated[bool, typer.Option(help=_("Overwrite an existing catalog."))] = False,
) -> None:
    """Start a PO catalog for a language from a template (Plural-Forms: two forms)."""
    from translate.catalog import po
    from translate.catalog.merge import init_catalog

    if lang not in ("es", "en"):
        fail(_("unsupported language {lang!r}: use es or en").format(lang=lang))
    if output.exists() and not force:
        fail(_("{path} exists: use 'glosa catalog update' to merge, or --force to replace it")
             .format(path=output))
    catalog = init_catalog(po.read_catalog(template), lang)
    po.write_catalog(catalog, output)
    _written(output, True, _("{n} entries").format(n=sum(1 for _m in catalog.active())))


@app.command(
    help=_("Merge a newer template into a catalog, like msgmerge (translations are kept)."),
)
def update(
    catalog_path: Annotated[Path, typer.Argument(metavar="CATALOG", help=_("The PO catalog."))],
    template: Annotated[Path, typer.Argument(help=_("The newer POT template."))],
    fuzzy_matching: Annotated[bool, typer.Option(
        help=_("Reuse the translation of a similar old entry (marked fuzzy).")),
    ] = True,
    check: Annotated[bool, typer.Option(
        "--check", help=_("Write nothing; exit 1 if the catalog would change."))] = False,
) -> None:
    """Merge a newer template into a catalog, like msgmerge (translations are kept)."""
    from translate.catalog import po
    from translate.catalog.merge import update_catalog

    old = po.read_catalog(catalog_path)
    merged = update_catalog(old, po.read_catalog(template), fuzzy_matching)
    if check:
        if po.serialize(merged) != catalog_path.read_bytes():
            typer.echo(_("{path} is out of date with {template}").format(
                path=catalog_path, template=template))
            raise typer.Exit(EXIT_FINDINGS)
        return
    changed = po.write_catalog(merged, catalog_path)
    fuzzy = sum(1 for m in merged.active() if m.fuzzy)
    _written(catalog_path, changed, _("{n} fuzzy").format(n=fuzzy))


@app.command("compile", help=_(
    "Compile a catalog to a binary MO file (fuzzy entries skipped unless asked)."))
def compile_(
    catalog_path: Annotated[Path, typer.Argument(metavar="CATALOG", help=_("The PO catalog."))],
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help=_("The MO file (default: the catalog's name with .mo)."))] = None,
    use_fuzzy: Annotated[bool, typer.Option(help=_("Include fuzzy entries."))] = False,
) -> None:
    """Compile a catalog to a binary MO file (fuzzy entries skipped unless asked)."""
    from translate.catalog import po
    from translate.catalog.mo import compile_catalog

    target = output or catalog_path.with_suffix(".mo")
    count = compile_catalog(po.read_catalog(catalog_path), target, use_fuzzy)
    typer.echo(_("wrote {path} ({n} messages)").format(path=target, n=count))


@app.command(
    help=_("Write the translated story: each block replaced by its translation from the catalog."),
)
def render(
    catalog_path: Annotated[Path, typer.Argument(metavar="CATALOG", help=_("The PO catalog."))],
    story: Annotated[Path, typer.Argument(help=_("The source story the catalog came from."))],
    output: Annotated[Path, typer.Option("-o", "--output", help=_("The translated story."))],
    use_fuzzy: Annotated[bool, typer.Option(help=_("Use fuzzy translations too."))] = False,
) -> None:
    """Write the translated story: each block replaced by its translation from the catalog."""
    from glossary.atomic import write_text_atomic
    from translate.catalog import po
    from translate.catalog.render import render_from_catalog

    result = render_from_catalog(po.read_catalog(catalog_path), story, use_fuzzy)
    changed = write_text_atomic(output, result.text)
    if result.missing:
        typer.echo(_("glosa: warning: {n} block(s) had no translation and stay in the source "
                     "language").format(n=len(result.missing)), err=True)
    _written(output, changed, _("{n} blocks untranslated").format(n=len(result.missing)))


@app.command(help=_("Count translated, fuzzy, untranslated and obsolete entries."))
def stats(
    catalog_path: Annotated[Path, typer.Argument(metavar="CATALOG", help=_("The PO catalog."))],
    fmt: Annotated[str, typer.Option("--format", help=_("text or json"))] = "text",
) -> None:
    """Count translated, fuzzy, untranslated and obsolete entries."""
    from dataclasses import asdict

    from translate.catalog import po
    from translate.catalog.stats import catalog_stats

    s = catalog_stats(po.read_catalog(catalog_path))
    if fmt == "json":
        typer.echo(json.dumps({**asdict(s), "percent": round(s.percent, 1)}))
        return
    if fmt != "text":
        fail(_("unknown format {fmt!r}: use text or json").format(fmt=fmt))
    typer.echo(_("{path}: {translated} translated, {fuzzy} fuzzy, {untranslated} untranslated "
                 "of {total} ({percent:.0f}%); {obsolete} obsolete").format(
        path=catalog_path, translated=s.translated, fuzzy=s.fuzzy,
        untranslated=s.untranslated, total=s.total, percent=s.percent, obsolete=s.obsolete))


def _load_glossary(extra: list[Path] | None, only: bool) -> Glossary | None:
    from glossary.csvfile import load_glossary
    from translate.cli.common import glossary_paths

    paths = glossary_paths(extra, replace=only)
    return load_glossary(paths) if paths else None


def open_engine(name: str) -> Engine:
    """The named engine (``translate.engines.registry``), or ``memory``: an identity engine
    for trial runs (every text comes back as it is)."""
    if name == "memory":
        from translate.engines.base import MemoryEngine

        return MemoryEngine()
    from translate.engines.registry import get_engine

    return get_engine(name)


GlossaryOpt = Annotated[list[Path] | None, typer.Option(
    "--glossary", help=_("Extra term files or folders (added to the desk glossary)."))]
OnlyOpt = Annotated[bool, typer.Option(
    "--only-glossary", help=_("Use only the --glossary files, not the desk glossary."))]
FromOpt = Annotated[str | None, typer.Option(
    "--from", help=_("Source language (default: the other one of the catalog's)."))]
ToOpt = Annotated[str | None, typer.Option(
    "--to", help=_("Target language (default: the catalog's Language header)."))]


@app.command("translate", help=_(
    "Prefill untranslated entries by machine translation, marked fuzzy, with provenance."))
def translate_(
    catalog_path: Annotated[Path, typer.Argument(metavar="CATALOG", help=_("The PO catalog."))],
    src: FromOpt = None,
    tgt: ToOpt = None,
    engine: Annotated[str, typer.Option(
        help=_("Translation engine: apertium or argos (memory: identity, for trials)."))
    ] = "apertium",
    glossary: GlossaryOpt = None,
    only_glossary: OnlyOpt = False,
) -> None:
    """Prefill untranslated entries by machine translation, marked fuzzy, with provenance."""
    from glossary.findings import render_findings
    from translate.catalog import po
    from translate.catalog.check import languages
    from translate.catalog.prefill import prefill_catalog

    catalog = po.read_catalog(catalog_path)
    source, target = languages(catalog, src, tgt)
    terms = _load_glossary(glossary, only_glossary)
    eng = open_engine(engine)
    try:
        from translate.engines.registry import check_engine

        check_engine(eng, source, target)
        result = prefill_catalog(catalog, source, target, eng, terms)
    finally:
        eng.close()
    if result.warnings:
        typer.echo(render_findings(result.warnings, "text"), err=True)
    changed = po.write_catalog(result.catalog, catalog_path)
    _written(catalog_path, changed, _("{n} entries filled, marked fuzzy").format(
        n=result.filled))


@app.command(
    help=_("Check translations: terms, numbers, placeholders, quotes, markup, unchanged text."),
)
def check(
    catalog_path: Annotated[Path, typer.Argument(metavar="CATALOG", help=_("The PO catalog."))],
    src: FromOpt = None,
    tgt: ToOpt = None,
    glossary: GlossaryOpt = None,
    only_glossary: OnlyOpt = False,
    fmt: Annotated[str, typer.Option("--format", help=_("text, json or github"))] = "text",
    checks: Annotated[str | None, typer.Option(
        "--checks", help=_("Comma-separated checks to run (default: term, number, quotes, "
                           "placeholder, markup, unchanged; also: name, negation)."))] = None,
    originals: Annotated[Path | None, typer.Option(
        "--originals", metavar="FILE",
        help=_("The quoted words as said, in the catalog's language: a translated quote that "
               "renders one of them must carry them verbatim (error quote-original)."))
    ] = None,
) -> None:
    """Check translations: terms, numbers, placeholders, quotes, markup, unchanged text."""
    from glossary.findings import render_findings
    from translate.catalog import po
    from translate.catalog.check import ALL_CATALOG_CHECKS, DEFAULT_CHECKS, check_catalog, languages

    if fmt not in ("text", "json", "github"):
        fail(_("unknown format {fmt!r}: use text, json or github").format(fmt=fmt))
    wanted = tuple(c.strip() for c in checks.split(",") if c.strip()) if checks \
        else DEFAULT_CHECKS
    unknown = [c for c in wanted if c not in ALL_CATALOG_CHECKS]
    if unknown:
        fail(_("unknown check {name!r}: use {known}").format(
            name=unknown[0], known=", ".join(ALL_CATALOG_CHECKS)))
    said = None
    if originals is not None:
        from translate.cli.translate_cmd import read_input

        said = read_input(str(originals))[0]
    catalog = po.read_catalog(catalog_path)
    source, target = languages(catalog, src, tgt)
    findings = check_catalog(catalog, source, target, _load_glossary(glossary, only_glossary),
                             wanted, originals=said)
    out = render_findings(findings, fmt)
    if out:
        typer.echo(out)
    if any(f.is_error for f in findings):
        raise typer.Exit(EXIT_FINDINGS)
