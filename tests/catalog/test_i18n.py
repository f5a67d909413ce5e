"""glosa speaks Spanish: the reviewed es catalog, compiled, is used when LANG is Spanish."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.catalog.gnu import msgfmt_check, needs_gettext
from translate.catalog import po
from translate.catalog.prefill import PROVENANCE_PREFIX

ROOT = Path(__file__).resolve().parent.parent.parent
ES_PO = ROOT / "locales" / "es" / "LC_MESSAGES" / "glosa.po"
GLOSA = Path(sys.executable).parent / "glosa"


def test_spanish_catalog_is_reviewed() -> None:
    """Every entry translated by hand: nothing fuzzy, untranslated or left as raw MT."""
    catalog = po.read_catalog(ES_PO)
    assert catalog.language == "es"
    assert catalog.header_value("Plural-Forms") == "nplurals=2; plural=(n != 1);"
    entries = list(catalog.active())
    assert len(entries) > 50
    assert [m.msgid for m in entries if m.fuzzy or not m.translated] == []
    assert [m.msgid for m in entries
            if any(c.startswith(PROVENANCE_PREFIX) for c in m.auto_comments)] == []


def test_spanish_catalog_round_trips() -> None:
    data = ES_PO.read_bytes()
    assert po.serialize(po.parse(data, str(ES_PO))) == data


@needs_gettext
def test_spanish_catalog_passes_msgfmt() -> None:
    result = msgfmt_check(ES_PO)
    assert result.returncode == 0, result.stderr


def run_glosa(args: list[str], lang: str, locale_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    env.update(LANG=lang, GLOSA_LOCALEDIR=str(locale_dir), COLUMNS="100")
    return subprocess.run([str(GLOSA), *args], capture_output=True, text=True, env=env)


def test_spanish_help_and_errors_under_spanish_lang(locale_dir: Path) -> None:
    result = run_glosa(["catalog", "--help"], "es_ES.UTF-8", locale_dir)
    assert result.returncode == 0, result.stderr
    assert "Catálogos gettext: extraer, traducir, comprobar" in result.stdout
    assert "Opciones" in result.stdout and "Comandos" in result.stdout
    result = run_glosa(["catalog", "init", "x.pot", "-l", "fr", "-o", "y.po"], "es_ES.UTF-8",
                       locale_dir)
    assert result.returncode == 2
    assert "glosa: idioma no admitido 'fr': use es o en" in result.stderr
    bad = ROOT / "tests" / "data" / "catalog" / "bad" / "unterminated.po"
    result = run_glosa(["catalog", "check", str(bad)], "es_MX.UTF-8", locale_dir)
    assert result.returncode == 2
    assert "cadena sin terminar: añada la comilla de cierre que falta" in result.stderr


def test_english_stays_english(locale_dir: Path) -> None:
    result = run_glosa(["catalog", "--help"], "C.UTF-8", locale_dir)
    assert "Gettext catalogs: extract, translate, check" in result.stdout


def test_command_docstrings_are_translated_too(locale_dir: Path) -> None:
    """Commands without ``help=`` show their docstring; in Spanish, its translation."""
    result = run_glosa(["--help"], "es_ES.UTF-8", locale_dir)
    assert result.returncode == 0, result.stderr
    assert "Traduce texto entre inglés y español imponiendo el glosario." in result.stdout


def test_translate_command_help_uses_the_docstring() -> None:
    import typer

    from translate.cli.helpdocs import command_infos, translate_command_help

    app = typer.Typer()

    @app.command()
    def hello() -> None:
        """Say hello."""

    @app.command(help="Given help.")
    def bye() -> None:
        """Not used."""

    translate_command_help(app, lambda s: s.upper())
    assert [i.help for i in command_infos(app)] == ["SAY HELLO.", "Given help."]


def test_typers_own_words_in_spanish(locale_dir: Path) -> None:
    """The usage line, the help option and usage errors are literals in typer's copy of
    click; translate.cli.localize sends them through glosa's catalog."""
    result = run_glosa(["--help"], "es_ES.UTF-8", locale_dir)
    assert result.returncode == 0, result.stderr
    assert "Uso: glosa" in result.stdout and "Usage:" not in result.stdout
    assert "Muestra este mensaje y sale." in result.stdout
    result = run_glosa(["catalog", "check"], "es_ES.UTF-8", locale_dir)
    assert result.returncode == 2
    assert "Uso: glosa catalog check" in result.stderr
    assert "Falta el argumento 'CATALOG'." in result.stderr
    result = run_glosa(["catalog", "check", "x.po", "--nope"], "es_ES.UTF-8", locale_dir)
    assert result.returncode == 2
    assert "No existe la opción: --nope" in result.stderr
    result = run_glosa(["catalog", "check", "x.po", "y.po"], "es_ES.UTF-8", locale_dir)
    assert result.returncode == 2 and "Sobran argumentos (y.po)" in result.stderr


def test_typers_own_words_stay_english_in_english(locale_dir: Path) -> None:
    result = run_glosa(["catalog", "check"], "C.UTF-8", locale_dir)
    assert result.returncode == 2
    assert "Usage: glosa catalog check" in result.stderr
    assert "Missing argument 'CATALOG'." in result.stderr
    result = run_glosa(["--help"], "C.UTF-8", locale_dir)
    assert "Show this message and exit." in result.stdout
