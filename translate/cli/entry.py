"""The ``glosa`` console script. For ``glosa translate`` it first starts, on a guess from the
arguments, the Apertium pipeline the run will need (``translate.engines.prestart``), so
Apertium loads its dictionaries while Python imports the CLI; then it runs the CLI."""

from __future__ import annotations

import sys


def run() -> None:
    """Console-script entry (see ``translate.cli.main.run``)."""
    if len(sys.argv) > 1 and sys.argv[1] == "translate":
        from translate.engines.prestart import speculate

        speculate(sys.argv[2:])
    from translate.cli.main import run as main

    main()
