"""``glosa engines ...``: list installed engines and models; install Argos models."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from translate.cli.common import fail
from translate.i18n import _

app = typer.Typer(help=_("List translation engines and install Argos models."),
                  no_args_is_help=True)


@app.command("list")
def list_models(
    fmt: Annotated[str, typer.Option("--format", help=_("text or json"))] = "text",
) -> None:
    """Show the installed engines and models: Apertium pairs and Argos packages."""
    from translate.engines.inventory import installed_models

    if fmt not in ("text", "json"):
        fail(_("--format must be text or json"))
    inventory = installed_models()
    if fmt == "json":
        typer.echo(json.dumps({
            "models": [asdict(m) for m in inventory.models],
            "problems": [p.to_dict() for p in inventory.problems],
            "notes": list(inventory.notes),
        }, ensure_ascii=False, indent=2))
        return
    rows = [(m.engine, f"{m.src}->{m.tgt}", m.name, m.version,
             m.location if m.ready else m.note) for m in inventory.models]
    widths = [max([len(r[i]) for r in rows], default=0) for i in range(4)]
    for row in rows:
        cells = [c.ljust(w) for c, w in zip(row, widths, strict=False)] + [row[4]]
        typer.echo("  ".join(cells).rstrip())
    for problem in inventory.problems:
        typer.echo(problem.format(), err=True)
    for note in inventory.notes:
        typer.echo(note)


@app.command()
def install(
    file: Annotated[
        Path | None,
        typer.Argument(help=_("An .argosmodel file to install (works offline)."),
                       show_default=False),
    ] = None,
    index: Annotated[
        tuple[str, str] | None,
        typer.Option("--index", metavar="FROM TO",
                     help=_("Download the FROM->TO package from the Argos index (online).")),
    ] = None,
) -> None:
    """Install an Argos model from a file, or (online) from the Argos package index."""
    from glossary.errors import GlosaError
    from translate.engines import argos_packages

    if (file is None) == (index is None):
        fail(_("give an .argosmodel FILE or --index FROM TO (one of them)"))
    try:
        if file is not None:
            result = argos_packages.install_package_file(file)
        else:
            assert index is not None
            result = argos_packages.install_from_index(index[0], index[1])
    except GlosaError as exc:
        fail(str(exc))
    package = result.package
    typer.echo(_("installed argos {src}->{tgt} model {name} {version} in {path}").format(
        src=package.from_code, tgt=package.to_code, name=package.name,
        version=package.version, path=package.path))
    if result.replaced:
        typer.echo(_("replaced: {names}").format(names=", ".join(result.replaced)))
