"""``glosa translate`` runs an app with the translate command alone (typer then builds one
command, not all of them, at each start): it must behave exactly like the full CLI."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from tests.translate.test_translate_cli import CASES
from translate.cli.helpdocs import translate_command_help
from translate.cli.main import app
from translate.cli.runner import translate_app
from translate.i18n import _

needs_apertium = pytest.mark.skipif(shutil.which("apertium") is None,
                                    reason="Apertium is not installed (make debs)")

EXTRA = [
    ("help", ["translate", "--help"], b""),
    ("unknown-option", ["translate", "--bogus"], b"x\n"),
    ("option-without-value", ["translate", "--from"], b"x\n"),
    ("extra-argument", ["translate", "a.txt", "b.txt"], b"x\n"),
]


@pytest.fixture(autouse=True)
def glosa_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLOSA_HOME", str(tmp_path_factory.getbasetemp() / "app-glosa-home"))


@needs_apertium
@pytest.mark.parametrize(("name", "args", "stdin"),
                         [(c[0], c[1], c[2]) for c in CASES] + EXTRA,
                         ids=[c[0] for c in CASES] + [c[0] for c in EXTRA])
def test_translate_app_answers_like_the_full_cli(name: str, args: list[str],
                                                 stdin: bytes) -> None:
    small = translate_app()
    translate_command_help(app, _)
    translate_command_help(small, _)
    full = CliRunner().invoke(app, args, input=stdin)
    alone = CliRunner().invoke(small, args, input=stdin)
    assert (alone.exit_code, alone.stdout, alone.stderr) == (
        full.exit_code, full.stdout, full.stderr)


@pytest.mark.parametrize("args", [["translate", "--help"], ["translate", "--bogus"],
                                  ["translate", "--from", "fr"]])
def test_console_script_translate_matches_the_full_cli(args: list[str]) -> None:
    """The console script (``translate.cli.entry``) against ``translate.cli.main`` run as a
    whole, end to end: same output, same exit code (early errors: no engine needed)."""
    def run(module: str) -> tuple[int, str, str]:
        code = (f"import sys; sys.argv = ['glosa', *{args!r}]; "
                f"from {module} import run; run()")
        proc = subprocess.run([sys.executable, "-c", code], input=b"x\n", capture_output=True,
                              timeout=120)
        return proc.returncode, proc.stdout.decode(), proc.stderr.decode()

    assert run("translate.cli.entry") == run("translate.cli.main")


def test_console_script_translate_imports_no_other_command_group() -> None:
    code = ("import sys; sys.argv = ['glosa', 'translate', '--help']\n"
            "from translate.cli.entry import run\n"
            "try:\n    run()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('translate.cli.')))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=120)
    loaded = proc.stdout.strip().splitlines()[-1]
    for group in ("catalog_cmd", "quotes_cmd", "engines_cmd", "glossary_cmd", "main"):
        assert f"translate.cli.{group}'" not in loaded
