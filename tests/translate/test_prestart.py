"""The head start ``glosa translate`` gets by starting last run's pipeline before importing the
CLI: the guess is keyed by the arguments, adopted only when it is exactly the command the
engine needs, and killed otherwise."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from translate.engines import prestart


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("GLOSA_HOME", str(tmp_path))
    yield tmp_path
    prestart.discard_unused()


@pytest.mark.parametrize(("argv", "expected"), [
    ([], ("en", "es", [], False)),
    (["story.md"], ("en", "es", [], False)),
    (["--from", "es", "--to", "en", "-"], ("es", "en", [], False)),
    (["--from=es", "--to=en"], ("es", "en", [], False)),
    (["-o", "out.txt", "--format", "json", "in.txt"], ("en", "es", [], False)),
    (["--glossary", "a.csv", "--glossary=b/", "x"], ("en", "es", ["a.csv", "b/"], False)),
    (["--replace-glossary", "--glossary", "a.csv"], ("en", "es", ["a.csv"], True)),
    (["--engine", "argos"], None),
    (["--engine=argos"], None),
    (["--help"], None),
])
def test_key_from_argv_matches_the_parsed_run(argv: list[str],
                                              expected: tuple[str, str, list[str], bool] | None
                                              ) -> None:
    key = prestart.key_from_argv(argv)
    assert key == (prestart.run_key(*expected) if expected else None)


def _state(home: Path, state: dict[str, list[str]]) -> None:
    (home / "apertium").mkdir(exist_ok=True)
    (home / "apertium" / prestart.STATE_FILE).write_text(json.dumps(state), "utf-8")


def test_the_remembered_pipeline_starts_and_is_adopted_once(home: Path) -> None:
    prestart.remember(prestart.run_key("en", "es", [], False), ["cat"])
    prestart.speculate(["story.md"])
    proc = prestart.adopt(["cat"])
    assert proc is not None and proc.poll() is None
    assert prestart.adopt(["cat"]) is None  # only once
    proc.kill()
    proc.wait()
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.close()
    proc.stdout.close()


def test_a_wrong_guess_is_killed_unused(home: Path) -> None:
    _state(home, {prestart.run_key("en", "es", [], False): ["cat"]})
    prestart.speculate([])
    (proc,) = prestart._STARTED.values()
    assert prestart.adopt(["cat", "-u"]) is None  # the engine needs another command
    prestart.discard_unused()
    assert proc.returncode is not None and prestart._STARTED == {}


@pytest.mark.parametrize("state", [
    {},  # no earlier run
    {"en>es|desk|": ["apertium", "-d", "/nonexistent/compiled", "eng-spa"]},  # cache gone
    {"en>es|desk|": ["sh", "-c", "lt-proc -z /nonexistent/c/eng-spa.automorf.bin | cat"]},
    {"en>es|desk|": "not a command"},
])
def test_nothing_starts_without_a_usable_guess(home: Path, state: dict[str, object]) -> None:
    (home / "apertium").mkdir()
    (home / "apertium" / prestart.STATE_FILE).write_text(json.dumps(state), "utf-8")
    prestart.speculate([])
    assert prestart._STARTED == {}


def test_a_broken_state_file_is_no_error(home: Path) -> None:
    (home / "apertium").mkdir()
    (home / "apertium" / prestart.STATE_FILE).write_text("{not json", "utf-8")
    prestart.speculate([])
    assert prestart._STARTED == {}
    prestart.remember("k", ["cat"])
    assert json.loads((home / "apertium" / prestart.STATE_FILE).read_text("utf-8")) == {
        "k": ["cat"]}


@pytest.mark.skipif(shutil.which("apertium") is None, reason="Apertium is not installed")
def test_engine_adopts_the_prestarted_pipeline_and_cli_remembers_it(home: Path) -> None:
    from translate.engines.apertium import ApertiumEngine

    with ApertiumEngine(home=home) as engine:
        cmd = engine.start("en", "es")
        assert cmd is not None
    # a later run: the guess is the same command, so the engine takes it over
    _state(home, {prestart.run_key("en", "es", [], False): cmd})
    prestart.speculate([])
    (guess,) = prestart._STARTED.values()
    with ApertiumEngine(home=home) as engine:
        assert engine.translate(["The dog."], "en", "es") == ["El perro."]
        (pipe,) = engine._pipelines.values()
        assert pipe.proc is guess
    assert prestart._STARTED == {}


def test_glosa_translate_twice_gives_the_same_output(home: Path, tmp_path: Path) -> None:
    if shutil.which("apertium") is None:
        pytest.skip("Apertium is not installed")
    glosa = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "glosa"
    if not glosa.exists():
        pytest.skip("no installed glosa script")
    story = tmp_path / "story.txt"
    story.write_text("The Sinaloa cartel denied it.\n\nTwo drug lords were arrested.\n", "utf-8")
    runs = [subprocess.run([str(glosa), "translate", str(story)], capture_output=True,
                           text=True, check=True) for _ in range(2)]
    assert (home / "apertium" / prestart.STATE_FILE).is_file()
    assert runs[0].stdout == runs[1].stdout
    assert runs[0].stdout.splitlines()[0] == "El cártel de Sinaloa lo negó."
