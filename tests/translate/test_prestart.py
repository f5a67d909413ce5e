"""The head start ``glosa translate`` gets by starting last run's pipeline before importing the
CLI: the guess is keyed by the arguments, adopted only when it is exactly the command the
engine needs, and killed otherwise."""

from __future__ import annotations

import io
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


# --------------------------------------------------------------------------------------------
# The early batch: the input's segments handed to the pre-started pipeline before the CLI
# --------------------------------------------------------------------------------------------

class _Stdin:
    """A stand-in for ``sys.stdin``: its bytes, and whether it is a terminal."""

    def __init__(self, data: bytes, tty: bool = False) -> None:
        self.buffer = io.BytesIO(data)
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


STORY = "The cartel denied it. Two men were arrested.\n\n`code` stays, *bold* too.\n"
#: STORY's segments as enforcement sends them (placeholders protected)
STORY_SEGMENTS = ["The cartel denied it.", "Two men were arrested.",
                  "Xqp1x stays, Xqp2x bold Xqp3x too."]


def _guess_cat(home: Path) -> None:
    _state(home, {prestart.run_key("en", "es", [], False): ["cat"]})


def _early_segments(cmd: list[str]) -> list[str] | None:
    pipe = prestart._EARLY.get(tuple(cmd))
    return None if pipe is None else pipe._early


def test_a_file_is_segmented_and_submitted_early(home: Path, tmp_path: Path) -> None:
    from translate.enforce import PROSE_FORMATS, protect
    from translate.segments import segment_text

    story = tmp_path / "story.md"
    story.write_text(STORY, "utf-8")
    assert [protect(s.text, PROSE_FORMATS).text for s in segment_text(STORY)] == STORY_SEGMENTS
    _guess_cat(home)
    prestart.speculate([str(story), "--format", "json"])
    assert _early_segments(["cat"]) == STORY_SEGMENTS and prestart._STARTED == {}
    pipe = prestart.adopt_early(["cat"])
    assert pipe is not None and prestart.adopt_early(["cat"]) is None  # taken once
    early = pipe._busy
    # the same segments: the batch already on its way is taken over, not sent again
    batch = pipe.submit(STORY_SEGMENTS, timeout=10)
    assert batch is early
    assert batch.result() == STORY_SEGMENTS
    assert pipe.translate(["Next."], timeout=10) == ["Next."]
    pipe.close()
    assert prestart.early_input(str(story)) == STORY.encode()  # read once, kept for the CLI
    assert prestart.early_input(str(story)) is None


def test_other_segments_let_the_early_batch_through_unused(home: Path, tmp_path: Path) -> None:
    story = tmp_path / "story.md"
    story.write_text(STORY, "utf-8")
    _guess_cat(home)
    prestart.speculate([str(story)])
    pipe = prestart.adopt_early(["cat"])
    assert pipe is not None
    early = pipe._busy
    batch = pipe.submit(["Something else.", "[x]"], timeout=10)
    assert batch is not early and early is not None and early.done
    assert batch.result() == ["Something else.", "[x]"]
    pipe.close()


def test_stdin_is_read_once_and_handed_to_the_cli(home: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from translate.cli.translate_cmd import read_input

    _guess_cat(home)
    monkeypatch.setattr("sys.stdin", _Stdin(("\ufeff" + STORY).encode()))
    prestart.speculate(["--to", "es", "-"])
    assert _early_segments(["cat"]) == STORY_SEGMENTS
    # the CLI gets the bytes read early: stdin itself is empty now
    assert read_input("-") == (STORY, "<stdin>")
    assert prestart.early_input("-") is None


def test_a_terminal_is_not_read(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _guess_cat(home)
    monkeypatch.setattr("sys.stdin", _Stdin(STORY.encode(), tty=True))
    prestart.speculate([])
    assert prestart._EARLY == {} and len(prestart._STARTED) == 1
    assert prestart.early_input("-") is None


@pytest.mark.parametrize("data", [
    b"caf\xe9 con leche\n",  # not UTF-8
    b" \n\n",  # empty
    b"ok\n" + b"x" * (prestart.MAX_LINE_CHARS + 1) + b"\n",  # a line too long
])
def test_input_the_cli_refuses_is_kept_but_not_submitted(home: Path, data: bytes,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    from glossary.errors import GlosaError
    from translate.cli.translate_cmd import read_input

    _guess_cat(home)
    monkeypatch.setattr("sys.stdin", _Stdin(data))
    prestart.speculate([])
    assert prestart._EARLY == {} and len(prestart._STARTED) == 1  # the guess, unused yet
    with pytest.raises(GlosaError, match="<stdin>"):
        read_input("-")  # the CLI's own error, on the bytes read early


@pytest.mark.parametrize("argv", [["a.txt", "b.txt"], ["--", "a.txt"], ["missing.txt"]])
def test_no_early_batch_when_the_input_is_unclear(home: Path, argv: list[str]) -> None:
    _guess_cat(home)
    prestart.speculate(argv)
    assert prestart._EARLY == {} and len(prestart._STARTED) == 1


def test_with_a_progress_bar_only_the_first_chunk_goes_early(home: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    story = tmp_path / "long.txt"
    lines = [f"Line {i}." for i in range(prestart.PROGRESS_MIN_LINES + 100)]
    story.write_text("\n".join(lines) + "\n", "utf-8")
    _guess_cat(home)
    monkeypatch.setattr("sys.stderr", _Stdin(b"", tty=True))
    prestart.speculate([str(story)])
    assert _early_segments(["cat"]) == lines[:prestart.PROGRESS_CHUNK]


def test_an_unadopted_early_batch_is_killed(home: Path, tmp_path: Path) -> None:
    story = tmp_path / "long.txt"
    story.write_text("A sentence.\n" * 5000, "utf-8")
    _guess_cat(home)
    prestart.speculate([str(story)])
    (pipe,) = prestart._EARLY.values()
    prestart.discard_unused()
    assert pipe.proc.returncode is not None
    assert prestart._EARLY == {} and prestart._STARTED == {}


@pytest.mark.skipif(shutil.which("apertium") is None, reason="Apertium is not installed")
@pytest.mark.parametrize("markdown", [True, False])
def test_engine_takes_over_the_early_batch(home: Path, tmp_path: Path, markdown: bool) -> None:
    """With the segments enforcement sends, the early batch is the one translated; with
    others (here: the text not read as Markdown), the right ones are translated after it."""
    from translate.enforce import translate_text
    from translate.engines.apertium import ApertiumEngine
    from translate.segments import segment_text

    text = "# The dog\n\nThe cat sleeps.\n"
    with ApertiumEngine(home=home) as engine:
        cmd = engine.start("en", "es")
        assert cmd is not None
        expected = translate_text(text, "en", "es", engine=engine, markdown=markdown).text
    _state(home, {prestart.run_key("en", "es", [], False): cmd})
    story = tmp_path / "story.md"
    story.write_text(text, "utf-8")
    prestart.speculate([str(story)])
    early = prestart._EARLY[tuple(cmd)]
    with ApertiumEngine(home=home) as engine:
        result = translate_text(text, "en", "es", engine=engine, markdown=markdown)
        assert result.text == expected
        assert engine._pipelines[tuple(cmd)] is early
    assert prestart._EARLY == {} and prestart._STARTED == {}
    sent = [s.text for s in segment_text(text, markdown=markdown)]
    assert (sent == [s.text for s in segment_text(text)]) == markdown  # the case it tests


def test_glosa_translate_from_stdin_twice_gives_the_same_output(home: Path) -> None:
    if shutil.which("apertium") is None:
        pytest.skip("Apertium is not installed")
    glosa = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "glosa"
    if not glosa.exists():
        pytest.skip("no installed glosa script")
    story = "The Sinaloa cartel denied it.\n\nTwo drug lords were arrested.\n"
    runs = [subprocess.run([str(glosa), "translate", "-"], input=story, capture_output=True,
                           text=True, check=True) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout
    assert runs[0].stdout.splitlines() == ["El cártel de Sinaloa lo negó.", "",
                                           "Dos capos estuvieron arrestados."]


@pytest.mark.skipif(shutil.which("apertium") is None, reason="Apertium is not installed")
def test_a_stale_guess_is_stopped_once_the_right_pipeline_runs(home: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    """After a glossary edit the remembered pipeline is not the one the run needs: it must
    not go on translating its early batch (a whole story) beside the right one."""
    from typer.testing import CliRunner

    from translate.cli import translate_cmd
    from translate.cli.main import app

    story = tmp_path / "story.txt"
    story.write_text("The cartel denied it.\n" * 50, "utf-8")
    _guess_cat(home)  # what the last run used: not this run's pipeline
    prestart.speculate([str(story)])
    (guess,) = prestart._EARLY.values()
    alive_when_reading: list[bool] = []
    read_input = translate_cmd.read_input

    def reading(source: str) -> tuple[str, str]:
        alive_when_reading.append(guess.proc.poll() is None)
        return read_input(source)

    monkeypatch.setattr(translate_cmd, "read_input", reading)
    result = CliRunner().invoke(app, ["translate", str(story)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "El cártel lo negó."
    assert alive_when_reading == [False]


def _group_members(pgid: int) -> list[int]:
    """The live (not zombie) processes of process group ``pgid``."""
    members = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[2]) == pgid:
            members.append(int(d.name))
    return members


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_killing_a_pipeline_stops_every_program_in_it() -> None:
    """Killing the ``sh`` of ``sh -c 'a | b'`` alone left a and b running: a discarded
    early batch went on being translated beside the run's own pipeline."""
    import time

    proc = prestart.start_process(["sh", "-c", "sleep 60 | sleep 60"])
    deadline = time.monotonic() + 5
    while len(_group_members(proc.pid)) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(_group_members(proc.pid)) == 3  # sh and the two programs
    prestart.kill_process(proc)
    proc.wait()
    while _group_members(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert _group_members(proc.pid) == []
    for stream in (proc.stdin, proc.stdout):
        assert stream is not None
        stream.close()
