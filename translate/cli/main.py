"""The ``glosa`` entry point: joins the sub-apps and maps errors to exit codes."""

from __future__ import annotations

from translate.cli import catalog_cmd, engines_cmd, glossary_cmd, quotes_cmd, translate_cmd
from translate.cli.runner import new_app, run_app

app = new_app()
app.add_typer(glossary_cmd.app, name="glossary")
app.command("translate")(translate_cmd.translate)
app.add_typer(catalog_cmd.app, name="catalog")
app.add_typer(quotes_cmd.app, name="quotes")
app.add_typer(engines_cmd.app, name="engines")


def run() -> None:
    """Console-script entry: a user's mistake prints ``glosa: ...`` and exits 2, no traceback."""
    run_app(app)


if __name__ == "__main__":
    run()
