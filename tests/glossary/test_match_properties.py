"""Properties of the matcher: every generated form is found where it stands, and the offset
map of the normalisation always points back into the original text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.forms import inflections
from glossary.match import Matcher, normalize
from glossary.model import CaseRule, Entry, Gender, Glossary, Pos

LETTERS = "abcdefghijklmnopqrstuvwxyzáéíóúñü"
word = st.text(LETTERS, min_size=2, max_size=9)
term = st.lists(word, min_size=1, max_size=3).map(" ".join)


@settings(max_examples=120, deadline=None)
@given(en=term, es=term, pos=st.sampled_from([Pos.NOUN, Pos.VERB, Pos.ADJ, Pos.PROPER]),
       lang=st.sampled_from(["en", "es"]))
def test_every_form_is_found_where_it_stands(en: str, es: str, pos: Pos, lang: str) -> None:
    entry = Entry("x", en, es, pos=pos, gender=Gender.M, case=CaseRule.IGNORE)
    matcher = Matcher(Glossary((entry,)), lang)  # type: ignore[arg-type]
    for form, tag in inflections(entry, lang).items():  # type: ignore[arg-type]
        text = f"Dijo: {form}. Y"
        start = text.index(form)
        found = [(m.start, m.end, m.tag) for m in matcher.find_all(text)]
        assert (start, start + len(form), tag) in found


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40), lang=st.sampled_from(["en", "es"]))
def test_offset_map_points_into_the_text(text: str, lang: str) -> None:
    norm = normalize(text, lang)  # type: ignore[arg-type]
    n = len(norm.text)
    previous = (0, 0)
    for k in range(n):
        span = norm.span(k, k + 1)
        if span is None:
            continue  # inside the expansion of one character
        assert 0 <= span[0] < span[1] <= len(text)
        assert span >= previous
        previous = span
    if n:
        whole = norm.span(0, n)
        assert whole is not None and whole[0] == 0 and whole[1] <= len(text)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(
    [*LETTERS, *"ÁÉÑ ’‘`´-\u2010\u00a0\u202f\t\nß"]), max_size=30))
def test_spanish_shortcut_folds_like_the_table(text: str) -> None:
    """Spanish text without a character of the fold table skips ``translate``; the result
    must be what translating gives."""
    from glossary.match import _TABLES, _normalize_slow

    norm = normalize(text, "es")
    if norm.starts is None:
        assert norm.text == text.casefold().translate(_TABLES["es"])
    else:
        assert norm.text == _normalize_slow(text, "es", _TABLES["es"], True).text


def _desk() -> Glossary:
    from glossary.csvfile import default_terms_dir, load_glossary

    return load_glossary([default_terms_dir()])


_DESK = _desk()
_DESK_WORDS = [w for entry in _DESK for w in (entry.en, entry.es)]


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(st.one_of(st.sampled_from(_DESK_WORDS), word), max_size=8),
       lang=st.sampled_from(["en", "es"]))
def test_occurrences_are_find_and_find_all_without_objects(parts: list[str], lang: str) -> None:
    from glossary.match import matcher_for

    text = " y ".join(parts)
    matcher = matcher_for(_DESK, lang)  # type: ignore[arg-type]
    assert matcher.occurrences(text) == [(m.start, m.end, m.entry, m.role)
                                         for m in matcher.find(text)]
    assert matcher.occurrences(text, overlapping=True) == [
        (m.start, m.end, m.entry, m.role) for m in matcher.find_all(text)]
