"""``glosa translate``: translate text between English and Spanish with the glossary enforced."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from translate.cli.common import fail, glossary_paths
from translate.engines.prestart import (
    MAX_LINE_CHARS,
    PROGRESS_CHUNK,
    PROGRESS_MIN_LINES,
    early_input,
)
from translate.i18n import _

if TYPE_CHECKING:
    from glossary.model import Glossary, Lang
    from translate.enforce import TranslationResult
    from translate.engines.base import Engine

LANG_CODES = ("en", "es")


def read_input(source: str) -> tuple[str, str]:
    """The input text and its display name; strict UTF-8, no overlong lines, not empty."""
    from glossary.errors import GlosaError

    early = early_input(source)  # the console script may have read it already
    if source == "-":
        data = sys.stdin.buffer.read() if early is None else early
        name = "<stdin>"
    else:
        path = Path(source)
        name = source
        try:
            data = path.read_bytes() if early is None else early
        except FileNotFoundError:
            raise GlosaError(_("{path}: no such file").format(path=source)) from None
        except IsADirectoryError:
            raise GlosaError(_("{path}: is a folder, not a file").format(path=source)) from None
        except OSError as exc:
            raise GlosaError(f"{source}: {exc.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise GlosaError(_("{name}:{line}:{col}: invalid UTF-8 (byte 0x{byte:02x}); convert the "
                           "file to UTF-8, e.g. `iconv -f latin1 -t utf-8`").format(
            name=name, line=line, col=col, byte=data[exc.start])) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise GlosaError(_("{name}: empty input, nothing to translate").format(name=name))
    for lineno, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE_CHARS:
            raise GlosaError(_("{name}:{line}: line of {n} characters (limit {limit}); split it "
                               "into paragraphs").format(name=name, line=lineno, n=len(line),
                                                         limit=MAX_LINE_CHARS))
    return text, name


def result_json(result: TranslationResult, glossary_note: str, text: str | None = None,
                originals: list[dict[str, object]] | None = None) -> str:
    """The JSON form: per segment the source, the output and every glossary term's fate;
    with ``--originals``, the final ``text`` and each quote put back in the original words."""
    import json

    segments = []
    for span, seg in zip(result.spans, result.segments, strict=True):
        item: dict[str, object] = {"line": span.line + 1, "start": span.start, "end": span.end}
        item.update(seg.to_dict())
        segments.append(item)
    counts = {"present": 0, "enforced": 0, "failed": 0}
    for t in result.terms:
        counts[t.status.value] += 1
    doc = {"from": result.src, "to": result.tgt, "engine": result.engine,
           "glossary": glossary_note, "text": result.text if text is None else text,
           "segments": segments,
           "summary": {"segments": len(segments), "terms": len(result.terms), **counts}}
    if originals is not None:
        doc["originals"] = originals
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def translate(
    source: Annotated[str, typer.Argument(metavar="[FILE|-]",
                                          help=_("Text or Markdown file; - or nothing: stdin."))
                      ] = "-",
    src: Annotated[str, typer.Option("--from", help=_("Source language: en or es."))] = "en",
    tgt: Annotated[str, typer.Option("--to", help=_("Target language: es or en."))] = "es",
    glossary: Annotated[list[Path] | None, typer.Option(
        "--glossary", help=_("Extra term file or folder (repeatable); added to the desk "
                             "glossary unless --replace-glossary."))] = None,
    replace_glossary: Annotated[bool, typer.Option(
        "--replace-glossary", help=_("Use only the --glossary files, not the desk glossary."))
    ] = False,
    engine_name: Annotated[str, typer.Option("--engine", help=_("apertium (default) or argos."))
                           ] = "apertium",
    fmt: Annotated[str, typer.Option("--format", help=_("text (line-aligned) or json."))
                   ] = "text",
    output: Annotated[Path | None, typer.Option("-o", "--output",
                                                help=_("Write here (atomically), not stdout."))
                      ] = None,
    originals: Annotated[Path | None, typer.Option(
        "--originals", metavar="FILE",
        help=_("The quoted words as said, in the target language: quotes that render them are "
               "put back verbatim instead of a back-translation."))] = None,
) -> None:
    """Translate text between English and Spanish with the glossary enforced.

    Text output has exactly as many lines as the input (empty lines and Markdown markup
    kept); JSON output reports, per sentence, every glossary term and how it was enforced.
    """
    from glossary.errors import GlosaError, ParseError

    try:
        if src not in LANG_CODES or tgt not in LANG_CODES or src == tgt:
            fail(_("unknown language pair {src}->{tgt}: glosa translates en->es and es->en")
                 .format(src=src, tgt=tgt))
        if fmt not in ("text", "json"):
            fail(_("unknown format {fmt!r}: use text or json").format(fmt=fmt))
        if replace_glossary and not glossary:
            fail(_("--replace-glossary needs at least one --glossary FILE"))
        from glossary.csvfile import load_glossary
        from translate.engines.registry import check_engine, get_engine

        engine = get_engine(engine_name)
        check_engine(engine, src, tgt)  # type: ignore[arg-type]  # validated above
        paths = glossary_paths(glossary, replace_glossary)
        try:
            terms = load_glossary(paths)
        except ParseError as exc:
            fail(_("the glossary does not load:\n{errors}").format(errors=exc))
        note = (_("{files} only ({n} entries)") if replace_glossary else
                _("desk glossary + {files} ({n} entries)") if glossary else
                _("desk glossary ({n} entries)")).format(
            files=", ".join(str(p) for p in glossary or []), n=len(terms))
        if glossary:
            typer.echo(_("glosa: glossary: {note}").format(note=note), err=True)
        start = getattr(engine, "start", None)
        if callable(start):  # Apertium loads its dictionaries while the input is read
            cmd = start(src, tgt, terms.for_direction(src, tgt))  # type: ignore[arg-type]
            if isinstance(cmd, list):  # the next run with these arguments starts it early
                from translate.engines.prestart import discard_unused, remember, run_key

                # a guess for another pipeline (the glossary changed since) would go on
                # translating the input it was handed beside this run's pipeline: stop it
                discard_unused()
                remember(run_key(src, tgt, [str(g) for g in glossary or []], replace_glossary),
                         cmd)
        text, _name = read_input(source)
        try:
            original_words = read_input(str(originals))[0] if originals is not None else None
            result = _run(text, src, tgt, engine, terms)  # type: ignore[arg-type]
        finally:
            _release(engine)
    except GlosaError as exc:
        fail(str(exc))
    final_text = result.text
    restored: list[dict[str, object]] | None = None
    if original_words is not None:
        from translate.quotes.originals import restore_originals

        final_text, done = restore_originals(result.text, original_words, tgt)
        restored = [r.to_dict() for r in done]
        typer.echo(_("glosa: {n} quote(s) put back in the original words").format(
            n=len(done)), err=True)
    out = result_json(result, note, final_text, restored) if fmt == "json" else final_text
    if output is not None:
        from glossary.atomic import write_text_atomic

        try:
            write_text_atomic(output, out)
        except OSError as exc:
            fail(f"{output}: {exc.strerror}")
    else:
        sys.stdout.write(out)
        sys.stdout.flush()
    failed = [t for t in result.terms if t.status.value == "failed"]
    if failed:
        typer.echo(_("glosa: {n} glossary term(s) could not be enforced: {ids} (see --format "
                     "json)").format(n=len(failed),
                                     ids=", ".join(sorted({t.entry_id for t in failed}))),
                   err=True)


def _release(engine: Engine) -> None:
    """Let the engine go. The command exits next, so an engine that can (Apertium: ``detach``)
    is not waited for while its processes wind down. A pipeline started on a guess that
    turned out wrong (see ``translate.engines.prestart``) is killed."""
    from translate.engines.prestart import discard_unused

    detach = getattr(engine, "detach", None)
    if callable(detach):
        detach()
    else:
        engine.close()
    discard_unused()


def _run(text: str, src: Lang, tgt: Lang, engine: Engine, terms: Glossary) -> TranslationResult:
    """Translate, with a progress bar on stderr when it is a terminal and the input is long."""
    from translate.enforce import translate_text

    if not sys.stderr.isatty() or text.count("\n") < PROGRESS_MIN_LINES:
        return translate_text(text, src, tgt, engine=engine, glossary=terms)
    segments = [0]
    with typer.progressbar(length=1, label=_("translating"), file=sys.stderr) as bar:

        def step(done: int, total: int) -> None:
            bar.length = max(total, 1)
            bar.update(done - segments[0])
            segments[0] = done

        return translate_text(text, src, tgt, engine=engine, glossary=terms, progress=step,
                              chunk=PROGRESS_CHUNK)
