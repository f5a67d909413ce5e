"""Strict reading, exact round trip and GNU-style writing of PO files (translate.catalog.po)."""

from __future__ import annotations

import os
import random
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.errors import ParseError
from tests.catalog.gnu import msgcat, msgfmt_check, needs_gettext
from translate.catalog import po

DATA = Path(__file__).parent.parent / "data" / "catalog"
ROUNDTRIP = sorted((DATA / "roundtrip").iterdir())
BAD = sorted((DATA / "bad").glob("*.po"))


@pytest.mark.parametrize("path", ROUNDTRIP, ids=lambda p: p.name)
def test_unchanged_catalog_round_trips_byte_for_byte(path: Path) -> None:
    data = path.read_bytes()
    assert po.serialize(po.parse(data, path.name)) == data


@needs_gettext
@pytest.mark.parametrize("path", [p for p in ROUNDTRIP if p.suffix == ".po"], ids=lambda p: p.name)
def test_golden_catalogs_pass_msgfmt(path: Path) -> None:
    result = msgfmt_check(path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.name)
def test_malformed_catalog_is_refused_with_every_error(path: Path) -> None:
    expected = path.with_suffix(".errors").read_text(encoding="utf-8").splitlines()
    with pytest.raises(ParseError) as info:
        po.parse(path.read_bytes(), path.name)
    assert [f.format() for f in info.value.findings] == expected


def test_unterminated_string_is_not_truncated_silently() -> None:
    data = b'msgid "Hello"\nmsgstr "Hola\n'
    with pytest.raises(ParseError, match=r"x.po:2:8: error: unterminated string"):
        po.parse(data, "x.po")


def test_features_are_read(tmp_path: Path) -> None:
    cat = po.read_catalog(DATA / "roundtrip" / "features.po")
    by_key = {m.key: m for m in cat.messages}
    plural = by_key[(None, "Found %d term")]
    assert plural.msgid_plural == "Found %d terms"
    assert plural.msgstr == ("Se encontró %d término", "Se encontraron %d términos")
    assert plural.previous_msgid == "Found %d file" and plural.fuzzy
    assert by_key[("verb", "Close")].msgstr == ("Cerrar",)
    assert by_key[("adjective", "Close")].msgstr == ("Cercano",)
    obsolete = [m for m in cat.messages if m.obsolete]
    assert [m.msgid for m in obsolete] == ["An old sentence", "Old"]
    assert obsolete[1].previous_msgid == "Older"
    assert cat.nplurals == 2 and cat.language == "es"
    multi = by_key[(None, "First line\nSecond line with \"quotes\" and a tab\there\n")]
    assert multi.msgstr[0].startswith("Primera línea\n")


def test_changed_entry_is_rewritten_and_the_rest_kept(tmp_path: Path) -> None:
    path = DATA / "roundtrip" / "features.po"
    data = path.read_bytes()
    cat = po.parse(data, "features.po")
    idx = next(i for i, m in enumerate(cat.messages) if m.msgid == "Untranslated")
    cat.messages[idx] = replace(cat.messages[idx], msgstr=("Sin traducir",)).with_flag("fuzzy")
    out = po.serialize(cat).decode()
    before, after = data.decode(), out
    assert after.replace('#, fuzzy\nmsgid "Untranslated"\nmsgstr "Sin traducir"',
                         'msgid "Untranslated"\nmsgstr ""') == before


def test_only_changed_parts_of_an_entry_are_rewrapped() -> None:
    path = DATA / "roundtrip" / "features.po"
    cat = po.read_catalog(path)
    idx = next(i for i, m in enumerate(cat.messages) if m.msgid.startswith("The governor"))
    cat.messages[idx] = replace(cat.messages[idx], msgstr=("Otro texto.",))
    out = po.serialize(cat).decode()
    # the hand-wrapped msgid keeps its original lines
    assert '"The governor said the security forces would stay in the city until "\n' in out
    assert 'msgstr "Otro texto."\n' in out


def test_write_with_nothing_changed_keeps_file_and_mtime(tmp_path: Path) -> None:
    target = tmp_path / "f.po"
    target.write_bytes((DATA / "roundtrip" / "features.po").read_bytes())
    os.utime(target, (1_000_000_000, 1_000_000_000))
    cat = po.read_catalog(target)
    assert po.write_catalog(cat) is False
    assert target.stat().st_mtime == 1_000_000_000


def test_new_entries_are_formatted_like_msgcat() -> None:
    lines = po.format_string("msgid", "word " * 30)
    assert lines[0] == 'msgid ""'
    assert all(len(line) <= po.WIDTH for line in lines)


_WORDS = ["the", "cartel", "Sinaloa", "well-known", "a", "said:", "(AP)", "\u2014", "2,500",
          "1.5", "e-mail", "http://x.org/a/b", "50%", '"quoted"', "don't", "\u00bfQu\u00e9?",
          "a\u00f1o", "{name}", "%(count)d", "%s", "...", "\u00abhola\u00bb", "end.", "\\back",
          "tab\there", "!", ";", "[x]", "\u2013", "\u2026", "\u00a1Ya!", "a/b", "x:y", "U.S.",
          "10:30", "co-", "\u00d3-\u00c9"]


def _text(rng: random.Random) -> str:
    seps = [" ", " ", " ", "  ", "\n"]
    return "".join(rng.choice(_WORDS) + rng.choice(seps)
                   for _ in range(rng.randint(1, 40))).strip(" ")


@needs_gettext
def test_wrapping_matches_gnu_msgcat(tmp_path: Path) -> None:
    """GNU msgcat is the oracle: a catalog we write is exactly what msgcat writes."""
    rng = random.Random(4)
    msgs = [po.Message("", ("Content-Type: text/plain; charset=UTF-8\n",))]
    for i in range(300):
        msgs.append(po.Message(f"id{i} {_text(rng)}", (_text(rng),),
                               references=tuple(f"story.md:{n}" for n in sorted(
                                   set(rng.sample(range(1, 999), rng.randint(0, 12)))))))
    msgs.append(po.Message("gone " + _text(rng), (_text(rng),), obsolete=True))
    target = tmp_path / "w.po"
    data = po.serialize(po.Catalog(msgs))
    target.write_bytes(data)
    assert msgcat(target).decode() == data.decode()


_text_st = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",),
                                          exclude_characters="\r\x00"), max_size=120)


@st.composite
def catalogs(draw: st.DrawFn) -> po.Catalog:
    n = draw(st.integers(0, 6))
    msgs = [po.Message("", ("Content-Type: text/plain; charset=UTF-8\n",))]
    ids = draw(st.lists(_text_st.filter(bool), min_size=n, max_size=n, unique=True))
    for msgid in ids:
        plural = draw(st.booleans())
        msgs.append(po.Message(
            msgid=msgid,
            msgid_plural=draw(_text_st) if plural else None,
            msgstr=tuple(draw(_text_st) for _ in range(2 if plural else 1)),
            translator_comments=tuple(" " + c for c in draw(st.lists(
                st.text(alphabet="abc ñ,.", max_size=20), max_size=2))),
            auto_comments=tuple(draw(st.lists(st.text(alphabet="abc ñ:", max_size=20),
                                              max_size=2))),
            references=tuple(draw(st.lists(st.from_regex(r"[a-z]{1,8}\.md:[1-9][0-9]{0,3}",
                                                         fullmatch=True), max_size=4))),
            flags=tuple(draw(st.lists(st.sampled_from(["fuzzy", "python-format"]),
                                      unique=True, max_size=2))),
            previous_msgid=draw(st.none() | _text_st),
        ))
    return po.Catalog(msgs)


def _content(cat: po.Catalog) -> list[po.Message]:
    return [replace(m, line=0, leading=None, raw=None) for m in cat.messages]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_written_catalogs_read_back_equal_and_rewrite_identically(cat: po.Catalog) -> None:
    data = po.serialize(cat)
    again = po.parse(data, "h.po")
    assert _content(again) == _content(cat)
    assert po.serialize(again) == data


_LINES = st.sampled_from([
    'msgid ""', 'msgstr ""', 'msgid "Hello"', 'msgstr "Hola"', 'msgctxt "menu"',
    'msgid_plural "Hellos"', 'msgstr[0] "Hola"', 'msgstr[1] "Holas"', 'msgstr[2] ""',
    '"Content-Type: text/plain; charset=UTF-8\\n"', '"continued "', '"bad \\q escape"',
    '"unterminated', '# translator comment', '#. extracted', '#: story.md:3 ui.py:9',
    '#, fuzzy, python-format', '#| msgid "Old"', '#~ msgid "Gone"', '#~ msgstr "Ido"',
    '#~| msgid "Older"', '', '', '   ', 'msgstring "x"', '\ufeff', 'msgid "Hello" "you"',
    '#', '#~', 'msgstr "a\\tb\\n"',
])


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINES, max_size=25), st.booleans())
def test_any_input_is_refused_or_round_trips_exactly(lines: list[str], final: bool) -> None:
    """Whatever the bytes, the reader either refuses them with a ParseError or gives back
    exactly the same bytes when nothing is changed (never another exception)."""
    data = ("\n".join(lines) + ("\n" if final and lines else "")).encode("utf-8")
    try:
        cat = po.parse(data, "f.po")
    except ParseError:
        return
    assert po.serialize(cat) == data
