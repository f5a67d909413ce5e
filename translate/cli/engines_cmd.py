"""``glosa engines ...``: (being built)."""

from __future__ import annotations

import typer

from translate.i18n import _

app = typer.Typer(help=_("engines commands."), no_args_is_help=True)
