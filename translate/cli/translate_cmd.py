"""``glosa translate``: translate text with the glossary enforced (being built)."""

from __future__ import annotations

import typer


def translate() -> None:
    """Translate text between English and Spanish with the glossary enforced."""
    typer.echo("glosa translate: not built yet", err=True)
    raise typer.Exit(2)
