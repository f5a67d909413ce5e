"""The ``glosa`` console script. For ``glosa translate`` it first starts, on a guess from the
arguments, the Apertium pipeline the run will need and hands it the input's segments
(``translate.engines.prestart``), so Apertium translates while Python imports the CLI; then
it runs an app with the translate command alone (``translate.cli.runner.translate_app``:
typer builds no other command, and no other command group is imported). Everything else
runs the full CLI."""

from __future__ import annotations

import sys


def run() -> None:
    """Console-script entry (see ``translate.cli.main.run``). Ctrl-C at any point, imports
    included, ends with ``glosa: interrupted`` and exit 130, not a traceback."""
    try:
        if len(sys.argv) > 1 and sys.argv[1] == "translate":
            from translate.engines.prestart import speculate

            speculate(sys.argv[2:])
            from translate.cli.runner import run_app, translate_app

            run_app(translate_app())
            return
        from translate.cli.main import run as main

        main()
    except KeyboardInterrupt:
        sys.stderr.write("glosa: interrupted\n")
        sys.exit(130)
