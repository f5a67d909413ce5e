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


@needs_apertium
def test_ctrl_c_inside_a_command_says_interrupted(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """typer turns a KeyboardInterrupt inside a command into a silent exit 130: glosa says
    what happened, without a traceback."""
    from translate.cli import translate_cmd
    from translate.cli.runner import run_app

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(translate_cmd, "read_input", interrupted)
    monkeypatch.setattr(sys, "argv", ["glosa", "translate", "story.txt"])
    with pytest.raises(SystemExit) as exc:
        run_app(translate_app())
    assert exc.value.code == 130
    assert capsys.readouterr().err == "glosa: interrupted\n"


@pytest.mark.parametrize("argv", [["glosa", "translate", "story.txt"], ["glosa", "--help"]])
def test_ctrl_c_while_starting_says_interrupted(argv: list[str],
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """Before the app runs (the head start, the CLI's imports) Ctrl-C gave a traceback."""
    from translate.cli import entry, main
    from translate.engines import prestart

    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(prestart, "speculate", interrupted)
    monkeypatch.setattr(main, "run", interrupted)
    monkeypatch.setattr(sys, "argv", argv)
    with pytest.raises(SystemExit) as exc:
        entry.run()
    assert exc.value.code == 130
    assert capsys.readouterr().err == "glosa: interrupted\n"
