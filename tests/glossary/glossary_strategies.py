"""Hypothesis strategies for glossary entries that any term file may hold."""

from __future__ import annotations

from hypothesis import strategies as st

from glossary.model import CaseRule, Direction, Entry, Gender, Kind, Pos, Status

# any text a cell may hold: no line breaks or control characters (one entry per line)
_chars = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), max_codepoint=0x2FFFF,
                       blacklist_characters="\ufffe\uffff")  # XML cannot hold these two
text = st.text(_chars, max_size=30)
term = text.filter(lambda s: s.strip() != "")
item = term.filter(lambda s: "|" not in s)
items = st.lists(item, max_size=3).map(tuple)
slug = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
optional = st.one_of(st.none(), term)


@st.composite
def entries(draw: st.DrawFn, entry_id: str | None = None) -> Entry:
    return Entry(
        id=entry_id or draw(slug), en=draw(term), es=draw(term),
        kind=draw(st.sampled_from(Kind)), pos=draw(st.sampled_from(Pos)),
        gender=draw(st.one_of(st.none(), st.sampled_from(Gender))),
        en_plural=draw(optional), es_plural=draw(optional), es_feminine=draw(optional),
        en_variants=draw(items), es_variants=draw(items),
        forbidden_en=draw(items), forbidden_es=draw(items),
        dnt=draw(st.booleans()), direction=draw(st.sampled_from(Direction)),
        status=draw(st.sampled_from(Status)), case=draw(st.sampled_from(CaseRule)),
        note=draw(text),
    )


@st.composite
def entry_lists(draw: st.DrawFn) -> list[Entry]:
    ids = draw(st.lists(slug, max_size=6, unique=True))
    return [draw(entries(i)) for i in ids]
