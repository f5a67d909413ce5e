"""Meta-tests: every glosa command has help text and is documented in the README."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main

from translate.cli.main import app

Command = Any  # typer's (vendored) click Command

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> list[tuple[str, Command]]:
    root = typer.main.get_command(app)
    out: list[tuple[str, Command]] = []

    def walk(prefix: str, cmd: Command) -> None:
        if hasattr(cmd, "commands"):
            for name, sub in cmd.commands.items():
                walk(f"{prefix} {name}", sub)
        else:
            out.append((prefix, cmd))

    walk("glosa", root)
    return out


COMMANDS = _commands()


def test_every_group_is_there() -> None:
    names = {name for name, _ in COMMANDS}
    for expected in ("glosa translate", "glosa glossary lint", "glosa catalog check",
                     "glosa quotes align", "glosa engines install", "glosa glossary diff"):
        assert expected in names


@pytest.mark.parametrize(("name", "cmd"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_command_has_help(name: str, cmd: Command) -> None:
    assert (cmd.help or "").strip(), f"{name} has no help text"
    for param in cmd.params:
        if param.param_type_name == "option" and param.name != "help":
            assert (param.help or "").strip() or param.hidden, f"{name} {param.opts} has no help"


@pytest.mark.parametrize("name", [n for n, _ in COMMANDS])
def test_command_is_in_readme(name: str) -> None:
    assert name in (ROOT / "README.md").read_text(encoding="utf-8"), f"README lacks `{name}`"


def test_readme_opens_with_the_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = text.split("```")[1]
    assert "make sample" in first_block and "make test" in first_block


def test_help_is_fast_and_imports_nothing_heavy() -> None:
    code = ("import sys, time; t=time.perf_counter(); import translate.cli.main; "
            "heavy=[m for m in ('ctranslate2','argostranslate','torch','sacrebleu','rapidfuzz',"
            "'polib','babel.messages','ahocorasick','simplemma') if m in sys.modules]; "
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
