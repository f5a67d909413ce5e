"""``glosa quotes ...``: pair a story's quotes with their originals and flag what changed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from translate.cli.common import EXIT_FINDINGS, fail, glossary_paths
from translate.i18n import _

if TYPE_CHECKING:
    from translate.engines.base import Engine

app = typer.Typer(help=_("Check translated quotes against their originals."),
                  no_args_is_help=True)

FORMATS = ("text", "json", "html")
MODES = ("excerpt", "document")


def open_engine(name: str) -> Engine:
    """The translation engine used to compare across languages (tests replace this)."""
    from translate.engines.registry import get_engine

    return get_engine(name)


def _read(path: Path) -> str:
    from glossary.errors import GlosaError

    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise GlosaError(_("{path}: no such file").format(path=path)) from exc
    except UnicodeDecodeError as exc:
        raise GlosaError(_("{path}: not UTF-8 text (byte {pos}); save it as UTF-8").format(
            path=path, pos=exc.start)) from exc
    except OSError as exc:
        raise GlosaError(f"{path}: {exc.strerror}") from exc


@app.command()
def align(
    original: Annotated[Path, typer.Argument(
        help=_("The text in the language the words were spoken or written in."))],
    translation: Annotated[Path, typer.Argument(
        help=_("The story that quotes them in the other language."))],
    mode: Annotated[str, typer.Option(
        "--mode", help=_("excerpt: the story quotes a subset; document: a full translation, "
                         "every original quote must appear."))] = "excerpt",
    src: Annotated[str | None, typer.Option(
        "--from", help=_("Language of ORIGINAL (en or es); detected when not given."))] = None,
    tgt: Annotated[str | None, typer.Option(
        "--to", help=_("Language of TRANSLATION (en or es); detected when not given."))] = None,
    fmt: Annotated[str, typer.Option("--format", help=_("text, json or html"))] = "text",
    glossary: Annotated[list[Path] | None, typer.Option(
        "--glossary", help=_("Extra term files or folders, on top of the desk glossary."))
    ] = None,
    engine_name: Annotated[str, typer.Option(
        "--engine", help=_("Translation engine used to compare across languages."))
    ] = "apertium",
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help=_("Write the report here instead of standard output."))] = None,
) -> None:
    """Pair each quote of TRANSLATION with its original in ORIGINAL and report unsourced or
    missing quotes and changed numbers, negations, names and glossary terms.
    Exits 1 when there are errors."""
    if fmt not in FORMATS:
        fail(_("--format must be one of: {choices}").format(choices=", ".join(FORMATS)))
    if mode not in MODES:
        fail(_("--mode must be one of: {choices}").format(choices=", ".join(MODES)))
    for lang in (src, tgt):
        if lang is not None and lang not in ("en", "es"):
            fail(_("unknown language {lang!r}: use en or es").format(lang=lang))
    from glossary.csvfile import load_glossary
    from translate.langid import detect_language
    from translate.quotes.align import align_quotes

    original_text = _read(original)
    translation_text = _read(translation)
    src = src or detect_language(original_text)
    tgt = tgt or detect_language(translation_text)
    if src is None or tgt is None:
        missing = original if src is None else translation
        fail(_("cannot tell the language of {path}; say it with --from/--to").format(
            path=missing))
    if src == tgt:
        fail(_("both texts look like {lang}; give --from and --to").format(lang=src))
    gloss = load_glossary(glossary_paths(glossary))
    engine = open_engine(engine_name)
    try:
        result = align_quotes(original_text, translation_text, engine,
                              original_lang=src,  # type: ignore[arg-type]
                              translation_lang=tgt,  # type: ignore[arg-type]
                              mode=mode,  # type: ignore[arg-type]
                              glossary=gloss, original_path=str(original),
                              translation_path=str(translation))
    finally:
        engine.close()
    text = render(result, fmt, str(original), str(translation))
    if output is not None:
        from glossary.atomic import write_text_atomic

        write_text_atomic(output, text)
    else:
        typer.echo(text, nl=not text.endswith("\n"))
    if result.has_errors:
        raise typer.Exit(EXIT_FINDINGS)


def render(result: object, fmt: str, original_name: str, translation_name: str) -> str:
    """The alignment as text, JSON or HTML."""
    import json

    from glossary.findings import render_findings
    from translate.quotes.align import Alignment

    assert isinstance(result, Alignment)
    if fmt == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        from translate.quotes.report_html import render_html

        return render_html(result, original_name=original_name,
                           translation_name=translation_name)
    lines = []
    for pair in result.pairs:
        o_lines = ",".join(str(q.line) for q in pair.originals)
        t_lines = ",".join(str(q.line) for q in pair.translations)
        lines.append(f"{translation_name}:{t_lines} <- {original_name}:{o_lines} "
                     f"[{pair.kind}, similarity {pair.similarity:.2f}]")
    lines.append(render_findings(result.findings, "text"))
    return "\n".join(lines) + "\n"
