"""A long-running Apertium pipeline fed NUL-separated batches, and Apertium's stream format.

Kept apart from :mod:`translate.engines.apertium` (dictionaries, repairs) and light to import:
the console script hands a ``glosa translate`` run's segments to the pipeline it pre-started
(``translate.engines.prestart``) before the CLI and the glossary are even imported.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from translate.engines.prestart import kill_process, start_process

if TYPE_CHECKING:
    from glossary.errors import EngineError

#: Characters Apertium's stream format reserves (escaped with a backslash in text).
RESERVED = re.compile(r"([\[\]{}\\^$@/<>])")


def to_stream(text: str) -> str:
    """Plain text as Apertium stream text: reserved characters escaped, line breaks and ``~``
    (which the post-generator would eat) kept as superblanks.

    >>> to_stream('a/b [x] ~')
    'a\\\\/b \\\\[x\\\\] [~]'
    """
    out = RESERVED.sub(r"\\\1", text)
    out = out.replace("~", "[~]").replace("\r", "").replace("\n", "[\\n]")
    return out.replace("\0", " ")


def from_stream(text: str) -> str:
    """Apertium's output back to plain text: unescape, drop superblank brackets.

    One regular-expression pass (this runs on every segment of every batch, while the
    pipeline is still translating the rest); text with nothing to undo is returned as is.

    >>> from_stream('El \\\\[x\\\\] [~] y [\\\\n]')
    'El [x] ~ y \\n'
    """
    if "\\" not in text and "[" not in text and "]" not in text:
        return text

    def undo(m: re.Match[str]) -> str:
        ch = m.group(1)
        if ch is None:
            return ""  # a superblank's bracket
        if ch == "n" and m.start() > 0 and text[m.start() - 1] == "[":
            return "\n"  # [\n]: a line break kept as a superblank
        return ch

    return _STREAM_MARKUP.sub(undo, text)


_STREAM_MARKUP = re.compile(r"\\(.)|[\[\]]", re.S)


def _engine_error(message: str) -> EngineError:
    """An :class:`EngineError` (imported when needed: the ``glossary`` package's import is
    not, before the console script's early batch goes in)."""
    from glossary.errors import EngineError

    return EngineError(message)


def batch_timeout(segments: Sequence[str]) -> float:
    """Seconds a batch may take before its pipeline counts as stalled."""
    return 60 + 0.05 * sum(map(len, segments))


def _end_process(proc: subprocess.Popen[bytes]) -> None:
    """Close stdin so the process ends by itself; kill it after 5 s; close its stdout."""
    if proc.stdin:
        try:
            proc.stdin.close()
        except OSError:
            pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        kill_process(proc)
        proc.wait()
    if proc.stdout:
        proc.stdout.close()


class PipelineBatch:
    """One batch on its way through a :class:`Pipeline`: a writer thread feeds the segments
    in, a reader thread decodes what comes out. Iterate to take the translations as they
    arrive (work on the first ones while Apertium translates the rest); :meth:`result`
    waits for all and raises :class:`EngineError` if the pipeline misbehaved, in which case
    the iteration has stopped early."""

    _END = object()

    def __init__(self, pipe: Pipeline, segments: Sequence[str], timeout: float) -> None:
        import queue
        import threading

        self.size = len(segments)
        self.timeout = timeout
        self.markers = [f"Xqflush{pipe._tag}n{next(pipe._ids)}x" for _ in range(pipe.MARKERS)]
        self.write_errors: list[BaseException] = []
        self.done = False
        self._outputs: list[str] = []
        self._error: BaseException | None = None
        self._queue: queue.SimpleQueue[object] = queue.SimpleQueue()
        # a sentence-final period right before NUL is dropped by the pipeline; a blank keeps it
        payload = "".join(to_stream(s) + "\n\0" for s in segments)
        payload += "".join(m + "\n\0" for m in self.markers)
        data = payload.encode("utf-8")
        stdin = pipe.proc.stdin
        assert stdin is not None

        def write() -> None:
            try:
                stdin.write(data)
                stdin.flush()
            except (BrokenPipeError, OSError) as exc:
                self.write_errors.append(exc)

        def read() -> None:
            try:
                pipe._read_batch(self)
            except BaseException as exc:  # handed to the caller by result()
                self._error = exc
            finally:
                self.done = True
                self._queue.put(self._END)

        self._writer = threading.Thread(target=write, daemon=True)
        self._reader = threading.Thread(target=read, daemon=True)
        self._writer.start()
        self._reader.start()

    def arrived(self, text: str) -> None:
        """Called by the reader for each translated segment, in order."""
        self._outputs.append(text)
        if len(self._outputs) <= self.size:
            self._queue.put(text)

    def __iter__(self) -> Iterator[str]:
        """The translations as they arrive; stops early (see :meth:`result`) on trouble."""
        for _ in range(self.size):
            item = self._queue.get()
            if item is self._END:
                return
            assert isinstance(item, str)
            yield item

    def result(self) -> list[str]:
        """Every translation, in order, once the batch is through."""
        self._reader.join()
        self._writer.join(timeout=self.timeout)
        if self._error is not None:
            raise self._error
        return self._outputs


class Pipeline:
    """One long-running ``apertium -z`` pipeline that serves many batches.

    lttoolbox 3.7.1 holds the last NUL-terminated chunk or two back until more bytes arrive
    (``lt-proc -b`` reads ahead), so each batch is followed by marker chunks
    (``Xqflush<tag>n17x``, a random tag per pipeline; passed through as unknown words): when
    the first marker comes out, every segment of the batch has, and the batch is cut off
    there, its size checked. Markers of earlier batches that come out later are skipped. Any
    surprise (a count that does not match, a timeout, a dead process) raises, and the engine
    falls back to a fresh pipeline per batch. A batch is submitted (:meth:`submit`) and read
    by its own thread, so the caller can work on the first translations meanwhile; one batch
    at a time.
    """

    MARKERS = 3

    def __init__(self, cmd: Sequence[str], proc: subprocess.Popen[bytes] | None = None) -> None:
        """Start ``cmd``, or take over ``proc``, already running it (see ``prestart``)."""
        import itertools
        import secrets

        self.cmd = list(cmd)
        self.proc = proc or start_process(self.cmd)
        self._buf = b""
        self._ids = itertools.count(1)
        self._tag = secrets.token_hex(4)  # so no text can pass for a marker
        self._stale: set[str] = set()
        self._busy: PipelineBatch | None = None
        #: the segments of a batch submitted on a guess (see :meth:`submit_early`)
        self._early: list[str] | None = None

    def alive(self) -> bool:
        return self.proc.poll() is None

    def translate(self, segments: Sequence[str], timeout: float) -> list[str]:
        """Translate ``segments`` and wait for all of them."""
        return self.submit(segments, timeout).result()

    def submit(self, segments: Sequence[str], timeout: float) -> PipelineBatch:
        """Start translating ``segments`` and return at once; the outputs arrive (in order)
        through the returned batch while the caller does other work."""
        early, self._early = self._early, None
        if early is not None and self._busy is not None:
            if early == list(segments):
                return self._busy  # already on its way
            self._busy.result()  # a guess that turned out different: let it through unused
        if self._busy is not None and not self._busy.done:
            raise _engine_error("apertium pipeline is busy with another batch")
        self._busy = PipelineBatch(self, segments, timeout)
        return self._busy

    def submit_early(self, segments: Sequence[str], timeout: float) -> None:
        """Submit ``segments`` before anyone asks for them (``prestart.submit_early``): the
        next :meth:`submit` of exactly these segments takes this batch over."""
        self.submit(segments, timeout)
        self._early = list(segments)

    def _read_batch(self, batch: PipelineBatch) -> None:
        """The reader side of a batch (runs in the batch's reader thread): cut the output at
        NULs, decode each chunk, hand it on, stop at the batch's first marker."""
        import select

        stdout = self.proc.stdout
        assert stdout is not None
        markers = batch.markers
        deadline = time.monotonic() + batch.timeout
        fd = stdout.fileno()
        count = 0
        while True:
            while b"\0" not in self._buf:
                left = deadline - time.monotonic()
                if left <= 0 or batch.write_errors:
                    raise _engine_error("apertium pipeline stalled")
                ready, _w, _x = select.select([fd], [], [], min(left, 1.0))
                if ready:
                    chunk = os.read(fd, 1 << 16)
                    if not chunk:
                        raise _engine_error("apertium pipeline ended")
                    self._buf += chunk
            *raws, self._buf = self._buf.split(b"\0")
            for n, raw in enumerate(raws):
                text = from_stream(raw.decode("utf-8", "replace")).strip()
                if text == markers[0]:
                    # what follows belongs to no batch yet (late markers): keep it
                    self._buf = b"\0".join([*raws[n + 1:], self._buf])
                    self._stale.update(markers[1:])
                    if count != batch.size:
                        raise _engine_error(f"apertium pipeline returned {count} segments "
                                          f"for {batch.size}")
                    return
                if text in self._stale:
                    self._stale.discard(text)
                    continue
                count += 1
                batch.arrived(text)

    def close(self) -> None:
        _end_process(self.proc)

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
