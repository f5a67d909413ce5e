"""Helpers shared by the CLI modules: output, exit codes, glossary options."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import typer

EXIT_FINDINGS = 1  # the check ran and found errors
EXIT_USAGE = 2  # the user's input or invocation is wrong


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print ``glosa: message`` to stderr and exit; for user mistakes, never a traceback."""
    typer.echo(f"glosa: {message}", err=True)
    raise typer.Exit(code)


def glossary_paths(extra: list[Path] | None, replace: bool = False) -> list[Path]:
    """The shipped desk glossary plus ``extra`` (or only ``extra`` when ``replace``)."""
    from glossary.csvfile import default_terms_dir

    extra = list(extra or [])
    if replace:
        return extra
    return [default_terms_dir(), *extra]


def display_path(path: Path) -> Path:
    """``path`` relative to the current folder when it lies inside it (shorter messages)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def stdout_is_tty() -> bool:
    return sys.stdout.isatty()
