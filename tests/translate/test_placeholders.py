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
