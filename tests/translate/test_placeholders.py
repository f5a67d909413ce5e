"""Placeholder protection: cases per format flag, and the protect/restore round trip."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translate.placeholders import FORMATS, find_placeholders, protect, restore, verify

# (name, text, formats, expected originals)
FIND_CASES = [
    ("brace", "Hello {name}, {0} {{literal}}", ["python-brace-format"],
     ["{name}", "{0}", "{{", "}}"]),
    ("percent-named", "%(count)d files in %(dir)s", ["python-format"], ["%(count)d", "%(dir)s"]),
    ("percent-plain", "%s of %d (100%%)", ["python-format"], ["%s", "%d", "%%"]),
    ("c-format", "%1$s has %-5.2f and %lu", ["c-format"], ["%1$s", "%-5.2f", "%lu"]),
    ("html", 'Click <a href="x">here</a> &amp; go', ["html"],
     ['<a href="x">', "</a>", "&amp;"]),
    ("markdown-link", "See [the report](https://e.com/a_b) now", ["markdown"],
     ["[", "](https://e.com/a_b)"]),
    ("markdown-emphasis", "**The cartel** and `code`", ["markdown"], ["**", "**", "`code`"]),
    ("stream-chars", "a ~ b ^ c", ["stream"], ["~", "^"]),
    ("no-percent-word", "100% sure", ["python-format"], []),
]


@pytest.mark.parametrize(("name", "text", "formats", "expected"), FIND_CASES,
                         ids=[c[0] for c in FIND_CASES])
def test_find(name: str, text: str, formats: list[str], expected: list[str]) -> None:
    assert [text[s:e] for s, e, _k in find_placeholders(text, formats)] == expected


def test_restore_reports_lost_and_duplicated() -> None:
    p = protect("{a} and {b}", ["python-brace-format"])
    r = restore("Xqp1x y Xqp1x", p)
    assert [x.original for x in r.missing] == ["{b}"]
    assert [x.original for x in r.duplicated] == ["{a}"]
    assert not r.ok


def test_verify_names_missing() -> None:
    assert verify("%(n)d of {x}", "%(n)d de", FORMATS) == ["{x}"]
    assert verify("%(n)d of {x}", "{x}: %(n)d", FORMATS) == []


_PIECES = st.sampled_from(["word", " ", "{name}", "%(n)d", "%s", "<b>", "</b>", "**", "[",
                           "](http://x.y/z)", "~", ",", ".", "Xq", "`c`", "_"])


@given(st.lists(_PIECES, max_size=20).map("".join))
def test_round_trip(text: str) -> None:
    p = protect(text, FORMATS)
    r = restore(p.text, p)
    assert r.ok
    assert r.text == text


def _full_scan(text: str, formats: tuple[str, ...]) -> list[tuple[int, int]]:
    from translate.placeholders import _regex

    return [(m.start(), m.end()) for m in _regex(formats).finditer(text)
            if not (m.lastgroup == "python_format" and m.group(0) == "%")]


@pytest.mark.parametrize("kind", FORMATS)
def test_texts_skipped_by_the_prefilter_have_no_placeholder(kind: str) -> None:
    """Texts without any character a placeholder needs are not scanned with the full
    expression; that must never miss one. Every text of up to two printable ASCII
    characters (with a letter around them), each kind alone, against the full scan."""
    ascii_chars = [chr(c) for c in range(32, 127)]
    for a in ascii_chars:
        for b in ascii_chars:
            for text in (a + b, f"x{a}{b}y"):
                got = [(s, e) for s, e, _k in find_placeholders(text, [kind])]
                assert got == _full_scan(text, (kind,)), (kind, text)


@given(st.text(alphabet=st.sampled_from(list("ab %{}()<>&;`[]!*_~^$@\\#/.sdx1\n")),
               max_size=40),
       st.lists(st.sampled_from(FORMATS), min_size=1, unique=True).map(tuple))
def test_prefilter_agrees_with_the_full_scan(text: str, formats: tuple[str, ...]) -> None:
    assert [(s, e) for s, e, _k in find_placeholders(text, formats)] == _full_scan(text,
                                                                                  formats)


def test_restore_without_placeholders_returns_the_translation_unchanged() -> None:
    p = protect("The cartel denied it.", FORMATS)
    assert p.placeholders == ()
    r = restore("El cártel Xqp1x lo negó.", p)  # a token the source never had stays
    assert r.text == "El cártel Xqp1x lo negó." and r.ok
