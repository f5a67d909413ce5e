"""The ``glosa`` command line: thin typer apps, one module per command group."""
