"""The ``glosa`` entry point: joins the sub-apps and maps errors to exit codes."""

from __future__ import annotations

import sys

import typer

from translate.cli import catalog_cmd, engines_cmd, glossary_cmd, quotes_cmd, translate_cmd
from translate.i18n import _

app = typer.Typer(
    name="glosa",
    help=_("English<->Spanish translation and glossary toolkit for news desks."),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(glossary_cmd.app, name="glossary")
app.command("translate")(translate_cmd.translate)
app.add_typer(catalog_cmd.app, name="catalog")
app.add_typer(quotes_cmd.app, name="quotes")
app.add_typer(engines_cmd.app, name="engines")


def run() -> None:
    """Console-script entry: a user's mistake prints ``glosa: ...`` and exits 2, no traceback."""
    from glossary.errors import GlosaError
    from translate.cli.helpdocs import translate_command_help
    from translate.cli.localize import localize_command
    from translate.i18n import bind_library_messages

    bind_library_messages()
    translate_command_help(app, _)
    try:
        localize_command(typer.main.get_command(app))()
    except GlosaError as exc:
        typer.echo(f"glosa: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("glosa: interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    run()
