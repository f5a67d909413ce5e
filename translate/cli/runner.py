"""The root ``glosa`` app's settings and how it runs (errors to exit codes), shared by the
full CLI (``translate.cli.main``) and the translate-only app the console script runs for
``glosa translate``.

typer builds a click command for every registered command at each start, reading each one's
signature (about 35 ms of CPU for glosa's commands, and the imports of every command group);
``glosa translate``, the command whose speed users time, needs one of them.
"""

from __future__ import annotations

import sys

import typer

from translate.i18n import _


def new_app() -> typer.Typer:
    """The root app, with no commands yet."""
    return typer.Typer(
        name="glosa",
        help=_("English<->Spanish translation and glossary toolkit for news desks."),
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=False,
    )


def translate_app() -> typer.Typer:
    """The root app with ``translate`` alone (the same command, help and errors as in the
    full app: a root callback keeps it a group, so ``glosa translate ...`` parses alike)."""
    from translate.cli import translate_cmd

    app = new_app()
    app.command("translate")(translate_cmd.translate)

    @app.callback()
    def _root() -> None:
        pass

    return app


def run_app(app: typer.Typer) -> None:
    """Run ``app`` on ``sys.argv``: a user's mistake prints ``glosa: ...`` and exits 2, no
    traceback."""
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
    except SystemExit as exc:
        if exc.code == 130:  # typer turns Ctrl-C inside a command into a silent exit 130
            typer.echo("glosa: interrupted", err=True)
        raise
