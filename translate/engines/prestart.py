"""Start the Apertium pipeline a ``glosa translate`` will need before the CLI is even imported.

Apertium takes about 0.3 s to load its dictionaries, and glosa's CLI about 0.15 s to import,
parse its arguments and load the glossary before it knows which pipeline it needs (the
compiled glossary's folder depends on the glossary's content). So the console script first
looks up the pipeline command the same arguments (direction, glossary files) used last time,
in ``$GLOSA_HOME/apertium/prestart.json``, and starts it at once; the engine then adopts it
if, and only if, it is exactly the command it needs. A guess that turns out wrong (the
glossary changed since) is killed unused and the right pipeline started as always, so the
output never depends on the guess.

Then it reads the input, cuts it into the segments enforcement will send (the same
segmenter, the same placeholder tokens) and hands them to that pipeline at once
(:func:`submit_early`), so Apertium translates while Python imports the CLI and loads the
glossary (about 0.15 s). The engine takes that batch over only if the segments it sends are
exactly those; otherwise the early batch is let through unused. The input read from stdin
is kept for the CLI (:func:`early_input`). This module imports nothing heavy: it runs before
all else.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from translate.engines.pipeline import Pipeline

#: Pipelines started on a guess, by command, until the engine adopts them.
_STARTED: dict[tuple[str, ...], subprocess.Popen[bytes]] = {}
#: Pre-started pipelines with the input's segments already submitted (:func:`submit_early`).
_EARLY: dict[tuple[str, ...], Pipeline] = {}
#: The input bytes read early, by the source argument (``-`` for stdin).
_INPUT: dict[str, bytes] = {}
#: ``glosa translate`` shows a progress bar when stderr is a terminal and the input has at
#: least this many lines; it then sends the segments PROGRESS_CHUNK at a time.
PROGRESS_MIN_LINES = 200
PROGRESS_CHUNK = 250
#: Longer lines are refused: they are not prose (a minified file, a binary) and would make
#: one enormous sentence.
MAX_LINE_CHARS = 20_000
STATE_FILE = "prestart.json"
PIPELINE_ENV = {"LC_ALL": "C.UTF-8"}


def _state_path() -> str:
    from translate.home import glosa_home

    return os.path.join(glosa_home(), "apertium", STATE_FILE)


def run_key(src: str, tgt: str, glossaries: Sequence[str], replace: bool) -> str:
    """What identifies a ``glosa translate`` run's pipeline before its glossary is read.

    >>> run_key("en", "es", [], False)
    'en>es|desk|'
    """
    files = "|".join(os.path.abspath(g) for g in glossaries)
    return f"{src}>{tgt}|{'only' if replace else 'desk'}|{files}"


def key_from_argv(argv: Sequence[str]) -> str | None:
    """The :func:`run_key` of ``glosa translate ARGV`` (None when the engine is not Apertium or
    the arguments ask for help). A rough parse: a wrong key only means no head start.

    >>> key_from_argv(["story.md", "--from=es", "--to", "en", "--glossary", "x.csv"]) == \\
    ...     run_key("es", "en", ["x.csv"], False)
    True
    """
    parsed = _parse(argv)
    return parsed[0] if parsed else None


def _parse(argv: Sequence[str]) -> tuple[str, str | None] | None:
    """:func:`key_from_argv`'s key and the input the run reads: the one positional argument,
    ``-`` (stdin) when there is none, None when it cannot tell (more than one, ``--``).

    >>> _parse(["--to", "en", "--from=es", "story.md", "--replace-glossary", "--glossary", "g"])
    ('es>en|only|...', 'story.md')
    >>> _parse(["--format", "json"])[1], _parse(["a", "b"])[1], _parse(["--", "a"])[1]
    ('-', None, None)
    """
    values = {"--from": "en", "--to": "es", "--engine": "apertium"}
    glossaries: list[str] = []
    positional: list[str] = []
    replace = False
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        name, eq, value = arg.partition("=")
        if name in ("--help", "-h"):
            return None
        if name in (*values, "--glossary", "-o", "--output", "--format", "--originals"):
            if not eq:
                i += 1
                value = args[i] if i < len(args) else ""
            if name == "--glossary":
                glossaries.append(value)
            elif name in values:
                values[name] = value
        elif arg == "--replace-glossary":
            replace = True
        elif arg == "--":
            positional += ["--", *args[i + 1:]]
            break
        elif arg == "-" or not arg.startswith("-"):
            positional.append(arg)
        i += 1
    if values["--engine"] != "apertium":
        return None
    source = "-" if not positional else positional[0] if len(positional) == 1 and \
        positional[0] != "--" else None
    return run_key(values["--from"], values["--to"], glossaries, replace), source


def _load_state() -> dict[str, list[str]]:
    import json

    try:
        with open(_state_path(), encoding="utf-8") as fh:
            state = json.load(fh)
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def speculate(argv: Sequence[str]) -> None:
    """Start the pipeline the last run with these arguments used, and hand it the input's
    segments (:func:`start_pipeline`, :func:`submit_early`). Never raises (but for Ctrl-C)."""
    start_pipeline(argv)
    submit_early(argv)


def start_pipeline(argv: Sequence[str]) -> None:
    """Start the pipeline the last run with these arguments used (if any, and if its compiled
    dictionaries are still there). Never raises: a failed guess only costs the head start."""
    try:
        key = key_from_argv(argv)
        cmd = _load_state().get(key or "")
        if not key or not isinstance(cmd, list) or not all(isinstance(c, str) for c in cmd):
            return
        if not _files_present(cmd):
            return
        _STARTED[tuple(cmd)] = start_process(cmd)
    except (OSError, ValueError, IndexError):
        return


def start_process(cmd: Sequence[str]) -> subprocess.Popen[bytes]:
    """Start a pipeline command (stdin and stdout piped) in a process group of its own, so
    :func:`kill_process` can stop every program in it."""
    return subprocess.Popen(list(cmd), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=dict(os.environ, **PIPELINE_ENV),
                            process_group=0)


def kill_process(proc: subprocess.Popen[bytes]) -> None:
    """Kill a process started by :func:`start_process` and every program of its pipeline:
    killing the ``sh`` of ``sh -c 'a | b | c'`` alone leaves a, b and c working through the
    input already written to them (a whole story, for an early batch)."""
    import signal

    try:
        if os.getpgid(proc.pid) == proc.pid:
            os.killpg(proc.pid, signal.SIGKILL)
            return
    except OSError:  # already gone
        pass
    proc.kill()


def _files_present(cmd: Sequence[str]) -> bool:
    """Whether what ``cmd`` reads is still there: the data dir after ``-d`` (the ``apertium``
    script), or every quoted absolute path of an ``sh -c`` pipeline (its dictionaries). A
    compiled glossary pruned from the cache since is no guess worth starting.

    >>> _files_present(["sh", "-c", "lt-proc -z /nonexistent/x.bin | lt-proc -z -p /"])
    False
    """
    if "-d" in cmd:
        return os.path.isdir(cmd[cmd.index("-d") + 1])
    if len(cmd) == 3 and cmd[:2] == ["sh", "-c"]:
        import shlex

        return all(os.path.exists(t) for t in shlex.split(cmd[2]) if t.startswith("/"))
    return True


def submit_early(argv: Sequence[str]) -> None:
    """Hand the segments of the run's input to the pipeline :func:`start_pipeline` started:
    read the input (a file, or stdin unless it is a terminal: a user may still be typing and
    the arguments not even be valid), decode it as ``read_input`` will, cut it with
    ``segment_text`` and protect placeholders as ``translate_text`` will, and submit them.
    Input ``read_input`` would refuse (not UTF-8, empty, a line over MAX_LINE_CHARS) is kept
    for it but not submitted. Never raises: a failure only costs the head start."""
    if len(_STARTED) != 1:
        return
    parsed = _parse(argv)
    source = parsed[1] if parsed else None
    if source is None:
        return
    try:
        if source == "-":
            if sys.stdin is None or sys.stdin.isatty():
                return
            data = _INPUT["-"] = sys.stdin.buffer.read()
        else:
            with open(source, "rb") as fh:
                data = _INPUT[source] = fh.read()
        text = data.decode("utf-8").removeprefix("\ufeff")
    except (OSError, ValueError):
        return
    if not text.strip() or max(map(len, text.split("\n"))) > MAX_LINE_CHARS:
        return
    from translate.engines.pipeline import Pipeline, batch_timeout
    from translate.placeholders import PROSE_FORMATS, protect
    from translate.segments import segment_text

    segments = [protect(s.text, PROSE_FORMATS).text for s in segment_text(text)]
    if sys.stderr is not None and sys.stderr.isatty() and \
            text.count("\n") >= PROGRESS_MIN_LINES:
        segments = segments[:PROGRESS_CHUNK]
    if not segments:
        return
    cmd, proc = _STARTED.popitem()
    pipe = Pipeline(cmd, proc)
    try:
        pipe.submit_early(segments, batch_timeout(segments))
    except OSError:
        _STARTED[cmd] = proc
        return
    _EARLY[cmd] = pipe


def early_input(source: str) -> bytes | None:
    """The input :func:`submit_early` read for ``source`` (taken: asked once), if it did."""
    return _INPUT.pop(source, None)


def adopt_early(cmd: Sequence[str]) -> Pipeline | None:
    """The pipeline for exactly ``cmd`` with the input's segments already submitted."""
    return _EARLY.pop(tuple(cmd), None)


def adopt(cmd: Sequence[str]) -> subprocess.Popen[bytes] | None:
    """The pipeline started on a guess for exactly ``cmd``, still running; else None."""
    proc = _STARTED.pop(tuple(cmd), None)
    if proc is not None and proc.poll() is not None:
        return None
    return proc


def remember(key: str, cmd: Sequence[str]) -> None:
    """Record that the run ``key`` needs the pipeline ``cmd`` (only written when it changed)."""
    import json

    state = _load_state()
    if state.get(key) == list(cmd):
        return
    state[key] = list(cmd)
    if len(state) > 32:  # keep the file small: the most recent keys
        state = dict(list(state.items())[-32:])
    path = _state_path()
    try:
        from glossary.atomic import write_text_atomic

        os.makedirs(os.path.dirname(path), exist_ok=True)
        write_text_atomic(path, json.dumps(state, indent=1) + "\n")
    except OSError as exc:  # a cache that cannot be written is no error
        print(f"glosa: could not write {path}: {exc.strerror}", file=sys.stderr)


def discard_unused() -> None:
    """Kill the pipelines started on a guess that nothing adopted."""
    while _EARLY:
        pipe = _EARLY.pop(next(iter(_EARLY)))
        _STARTED[tuple(pipe.cmd)] = pipe.proc
    while _STARTED:
        proc = _STARTED.pop(next(iter(_STARTED)))
        kill_process(proc)
        proc.wait()
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                try:
                    stream.close()
                except OSError:  # an early batch's input, still being written
                    pass
