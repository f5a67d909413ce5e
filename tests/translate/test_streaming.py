"""Batches streamed through a long-running pipeline: outputs cut, decoded and handed over in
order while the pipeline works, and a misbehaving pipeline answered by the batch's fallback.

The pipeline mechanics run against ``cat`` (it echoes each NUL-terminated chunk), so they are
tested without Apertium; one test runs the real engine."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.errors import EngineError
from glossary.model import Glossary, Lang
from translate.engines.apertium import ApertiumEngine, Pipeline, from_stream, to_stream
from translate.engines.base import MemoryEngine


def echoed(text: str) -> str:
    """What a pipeline that changes nothing gives back for ``text``."""
    return from_stream(to_stream(text)).strip()


@pytest.fixture
def cat() -> Iterator[Pipeline]:
    pipe = Pipeline(["cat"])
    yield pipe
    pipe.close()


# Text with everything the stream format must carry: superblank brackets, escapes, NULs
# (which would cut a segment in two), line breaks, tildes, and the marker shape itself.
_TRICKY = st.lists(st.sampled_from([*"ab é[]\\^$/@<>{}~\n\0\r", "Xqflush1x", "Xqflush2x"]),
                   max_size=25).map("".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(_TRICKY, max_size=12), st.lists(_TRICKY, max_size=5))
def test_segments_come_back_in_order_and_intact(first: list[str], second: list[str]) -> None:
    with Pipeline(["cat"]) as pipe:
        batch = pipe.submit(first, timeout=10)
        streamed = list(batch)
        assert streamed == batch.result() == [echoed(s) for s in first]
        assert pipe.translate(second, timeout=10) == [echoed(s) for s in second]


def test_stream_yields_before_the_batch_is_done(cat: Pipeline) -> None:
    segments = [f"segment {i} [x] \\ done." for i in range(500)]
    batch = cat.submit(segments, timeout=10)
    it = iter(batch)
    assert next(it) == "segment 0 [x] \\ done."
    assert [next(it) for _ in range(499)] == [echoed(s) for s in segments[1:]]
    assert batch.result()[-1] == "segment 499 [x] \\ done."


def test_one_batch_at_a_time(cat: Pipeline) -> None:
    batch = cat.submit(["a"] * 2000, timeout=10)
    if not batch.done:
        with pytest.raises(EngineError, match="busy"):
            cat.submit(["b"], timeout=10)
    assert batch.result() == ["a"] * 2000
    assert cat.translate(["b"], timeout=10) == ["b"]


def test_a_pipeline_that_drops_a_segment_is_an_error() -> None:
    # GNU sed -z reads NUL-terminated chunks; this one drops the second: one short
    with Pipeline(["sed", "-u", "-z", "2d"]) as pipe:
        batch = pipe.submit(["one", "two", "three"], timeout=10)
        assert len(list(batch)) <= 3
        with pytest.raises(EngineError, match="returned 2 segments for 3"):
            batch.result()


class StreamingEngine(MemoryEngine):
    """A memory engine with ``submit``: streams ``first`` (what a failing pipeline gave out
    before dying), then answers ``result()`` with the real translations (the fallback)."""

    def __init__(self, table: dict[str, str], first: Sequence[str] | None = None) -> None:
        super().__init__(table)
        self.first = first
        self.submitted: list[list[str]] = []

    def submit(self, segments: Sequence[str], src: Lang, tgt: Lang, *,
               glossary: Glossary | None = None) -> _Batch:
        self.submitted.append(list(segments))
        return _Batch(self.first, self.translate(segments, src, tgt, glossary=glossary))


class _Batch:
    def __init__(self, first: Sequence[str] | None, final: list[str]) -> None:
        self.first = first
        self.final = final

    def __iter__(self) -> Iterator[str]:
        yield from (self.final if self.first is None else self.first)

    def result(self) -> list[str]:
        return self.final


def _glossary() -> Glossary:
    from glossary.model import Entry

    return Glossary((Entry(id="cartel", en="cartel", es="cártel"),))


@pytest.mark.parametrize("first", [None, ["la cartel es roja", "stale"], []])
def test_streamed_outputs_are_verified_and_a_fallback_answer_wins(first: list[str] | None
                                                                   ) -> None:
    from translate.enforce import Status, translate_segments

    engine = StreamingEngine({"the cartel": "el cártel", "is red": "es rojo"}, first)
    results = translate_segments(["The cartel is red.", "Nothing here."], "en", "es",
                                 engine=engine, glossary=_glossary())
    assert engine.submitted  # the streaming road was taken
    assert [r.output for r in results] == ["el cártel es rojo.", "Nothing here."]
    (term,) = results[0].terms
    assert term.status is Status.PRESENT and term.target_form == "cártel"


class _WholeOnly(_Batch):
    def __iter__(self) -> Iterator[str]:
        raise AssertionError("a submitted batch is taken whole, not one output at a time")


def test_a_submitted_batch_is_taken_whole() -> None:
    """Waking for each output of the pipeline cost about 0.05 s of CPU per NTREX run and
    bought no time: glosa takes the batch's ``result()`` once."""
    from translate.enforce import Status, translate_segments

    class WholeEngine(StreamingEngine):
        def submit(self, segments: Sequence[str], src: Lang, tgt: Lang, *,
                   glossary: Glossary | None = None) -> _Batch:
            self.submitted.append(list(segments))
            return _WholeOnly(None, self.translate(segments, src, tgt, glossary=glossary))

    engine = WholeEngine({"the cartel": "el cártel", "is red": "es rojo"})
    results = translate_segments(["The cartel is red."], "en", "es", engine=engine,
                                 glossary=_glossary())
    assert engine.submitted
    assert results[0].output == "el cártel es rojo."
    assert results[0].terms[0].status is Status.PRESENT


def test_engines_without_submit_take_the_batch_road() -> None:
    from translate.enforce import translate_segments

    engine = MemoryEngine({"the cartel": "el cártel"})
    (res,) = translate_segments(["The cartel."], "en", "es", engine=engine,
                                glossary=_glossary())
    assert res.output == "el cártel." and engine.calls == [["The cartel."]]


@pytest.mark.skipif(shutil.which("apertium") is None, reason="Apertium is not installed")
def test_apertium_streams_and_starts_early(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    with ApertiumEngine(home=tmp_path) as engine:
        engine.start("en", "es")
        (pipe,) = engine._pipelines.values()
        batch = engine.submit(["The dog.", "[x] The cat.", "Red house"], "en", "es")
        assert list(batch) == ["El perro.", "[x] El gato.", "Casa roja"]
        assert batch.result() == ["El perro.", "[x] El gato.", "Casa roja"]
        assert list(engine._pipelines.values()) == [pipe]  # the started pipeline served it
        assert engine.submit([], "en", "es").result() == []




@pytest.mark.skipif(shutil.which("apertium") is None, reason="Apertium is not installed")
def test_detached_pipeline_ends_on_its_own(tmp_path: object) -> None:
    import time
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    engine = ApertiumEngine(home=tmp_path)
    assert engine.translate(["The dog."], "en", "es") == ["El perro."]
    (pipe,) = engine._pipelines.values()
    engine.detach()
    assert engine._pipelines == {}
    deadline = time.monotonic() + 10
    while pipe.proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    # it ended by itself: end of input, or SIGPIPE (141) writing its last held-back markers
    # to the output glosa closed; never a kill
    assert pipe.proc.returncode in (0, 141)
