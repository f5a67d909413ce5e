"""Command docstrings as translatable help.

Typer shows a command's docstring as its help when the command gives no ``help=``. babel
does not extract docstrings, so ``make locales-extract`` adds them to ``locales/glosa.pot``
(:func:`add_to_template`), and at run time :func:`translate_command_help` hands typer the
translated docstring. Commands that pass ``help=_("...")`` themselves are left as they are.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import typer


def command_infos(app: typer.Typer) -> Iterator[Any]:
    """Every command registered in ``app`` and its sub-apps (typer ``CommandInfo`` objects)."""
    yield from app.registered_commands
    for group in app.registered_groups:
        if group.typer_instance is not None:
            yield from command_infos(group.typer_instance)


def _doc(info: Any) -> str | None:
    callback = info.callback
    doc = inspect.getdoc(callback) if callback is not None else None
    return doc or None


def translate_command_help(app: typer.Typer, gettext: Callable[[str], str]) -> None:
    """Give every command without its own ``help`` its translated docstring."""
    for info in command_infos(app):
        if info.help is None:
            doc = _doc(info)
            if doc:
                info.help = gettext(doc)


def add_to_template(template: Path, root: Path) -> int:
    """Add the commands' docstrings (those without ``help=``) to a POT; return how many
    entries were added. The references name the file and line of each function."""
    from dataclasses import replace

    from translate.catalog import po
    from translate.cli.main import app

    catalog = po.read_catalog(template)
    known = {m.msgid: i for i, m in enumerate(catalog.messages)}
    added = 0
    for info in command_infos(app):
        doc = _doc(info) if info.help is None else None
        if not doc:
            continue
        source = Path(inspect.getsourcefile(info.callback) or "")
        line = inspect.getsourcelines(info.callback)[1]
        try:
            ref = f"{source.resolve().relative_to(root.resolve())}:{line}"
        except ValueError:
            ref = f"{source.name}:{line}"
        if doc in known:
            i = known[doc]
            old = catalog.messages[i]
            if ref not in old.references:
                catalog.messages[i] = replace(old, references=(*old.references, ref))
            continue
        catalog.messages.append(po.Message(doc, ("",), references=(ref,),
                                           auto_comments=("command help (docstring)",)))
        known[doc] = len(catalog.messages) - 1
        added += 1
    po.write_catalog(catalog, template)
    return added


if __name__ == "__main__":  # python -m translate.cli.helpdocs locales/glosa.pot
    count = add_to_template(Path(sys.argv[1]), Path.cwd())
    print(f"{sys.argv[1]}: {count} command docstrings added")
