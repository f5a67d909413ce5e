"""What a glossary change does downstream: catalog entries and story sentences it affects.

Given the entry changes between two revisions (:mod:`glossary.diff`), only text that contains
a changed entry's term is looked at again, so the cost follows the size of the change, not of
the glossary or the corpus:

- catalogs: each translated entry whose source contains a changed term is checked with the
  shared term check (:func:`translate.checks.check_terms`) against the entry as it was and as
  it is; an entry that passes before and fails after *now violates* the glossary, the reverse
  *no longer violates* it.
- stories: each sentence that contains a changed term (as it was or as it is) is translated
  with the old and the new glossary; sentences whose translation differs are reported with
  both versions. Nothing else is re-translated.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from glossary.diff import (
    ChangeKind,
    EntryChange,
    GlossaryDiff,
    diff_glossary,
    glossary_at,
    md_code,
)
from glossary.errors import GlosaError
from glossary.gitrev import WORKTREE
from glossary.model import Entry, Glossary, Lang

if TYPE_CHECKING:
    from translate.catalog.po import Message
    from translate.engines.base import Engine

#: Translate a batch of segments from one language to another with a given glossary.
Translator = Callable[[Sequence[str], Lang, Lang, Glossary], list[str]]

STORY_SUFFIXES = (".md", ".markdown", ".txt")


@dataclass(frozen=True)
class CatalogImpact:
    """A catalog entry whose glossary verdict flips: ``now_violates`` or no longer."""

    path: str
    line: int
    msgid: str
    msgstr: str
    entry_id: str
    now_violates: bool
    message: str  # the term check's message on the violating side

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "msgid": self.msgid, "msgstr": self.msgstr,
                "entry_id": self.entry_id, "now_violates": self.now_violates,
                "message": self.message}


@dataclass(frozen=True)
class SentenceImpact:
    """A story sentence whose translation changes with the glossary change."""

    path: str
    line: int
    source: str
    before: str
    after: str
    entry_ids: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "source": self.source,
                "before": self.before, "after": self.after, "entry_ids": list(self.entry_ids)}


@dataclass(frozen=True)
class Impact:
    """Everything :func:`impact_of` found, with how much it looked at."""

    diff: GlossaryDiff
    catalog: tuple[CatalogImpact, ...] = ()
    stories: tuple[SentenceImpact, ...] = ()
    catalog_files: int = 0
    catalog_entries: int = 0
    catalog_candidates: int = 0
    story_files: int = 0
    sentences_retranslated: int = 0
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "base": self.diff.base, "head": self.diff.head,
            "changed_entries": len(self.diff.changes),
            "catalog": {"files": self.catalog_files, "entries": self.catalog_entries,
                        "candidates": self.catalog_candidates,
                        "changes": [c.to_dict() for c in self.catalog]},
            "stories": {"files": self.story_files,
                        "sentences_retranslated": self.sentences_retranslated,
                        "changes": [s.to_dict() for s in self.stories]},
            "notes": list(self.notes),
        }


# ---------------------------------------------------------------------------------------------
# Which text mentions a changed entry

@dataclass(frozen=True)
class _Side:
    """One changed entry as it was (``before``) and as it is (``after``); either may be None."""

    label: str
    before: Entry | None
    after: Entry | None


def _sides(changes: Iterable[EntryChange]) -> list[_Side]:
    out = []
    for c in changes:
        label = f"{c.old_id} → {c.id}" if c.kind is ChangeKind.RENAMED and c.old_id else c.id
        out.append(_Side(label, c.before, c.after))
    return out


class _Finder:
    """Which changed entries a text mentions, in either version, through the glossary matcher.

    One :class:`glossary.match.Matcher` over the changed entries as they were and as they are
    (so inflected forms and the entries' case rules count, as everywhere else in glosa).
    """

    def __init__(self, sides: Sequence[_Side], lang: Lang) -> None:
        from glossary.match import Matcher

        self.side_of: dict[Entry, int] = {}
        entries: list[Entry] = []
        for i, side in enumerate(sides):
            for entry in (side.before, side.after):
                if entry is not None and entry not in self.side_of:
                    self.side_of[entry] = i
                    entries.append(entry)
        self.matcher = Matcher(Glossary(tuple(entries)), lang)

    def sides_in(self, text: str) -> list[int]:
        """Indexes of the sides whose preferred term or a variant occurs in ``text``."""
        return sorted({self.side_of[m.entry] for m in self.matcher.find_all(text) if m.accepted})


# ---------------------------------------------------------------------------------------------
# Catalogs

def _files(dirs: Iterable[str | os.PathLike[str]], suffixes: Iterable[str], what: str
           ) -> list[Path]:
    """Files given as such, plus those under given folders whose suffix is in ``suffixes``;
    a path that does not exist is the user's mistake."""
    wanted = set(suffixes)
    files: list[Path] = []
    for d in dirs:
        p = Path(d)
        if p.is_file():
            files.append(p)
        elif p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.suffix in wanted and f.is_file()))
        else:
            raise GlosaError(f"{d}: no such {what} file or folder")
    return files


def _catalog_files(dirs: Iterable[str | os.PathLike[str]]) -> list[Path]:
    return _files(dirs, (".po",), "catalog")


def _term_verdict(m: Message, entry: Entry | None, src: Lang, tgt: Lang, path: str
                  ) -> str | None:
    """The term check's message when ``entry`` is violated by the catalog entry, else None.

    The same check ``glosa catalog check`` runs, with a glossary of this one entry.
    """
    if entry is None:
        return None
    from translate.catalog.check import check_message

    for f in check_message(m, src, tgt, Glossary((entry,)), path, checks=["term"]):
        if f.rule == "term" and f.is_error:
            return f.message
    return None


def catalog_impact(sides: Sequence[_Side], files: Sequence[Path]
                   ) -> tuple[list[CatalogImpact], int, int]:
    """Catalog entries whose verdict flips; also how many entries were read and checked.

    Only translated entries (not fuzzy, not empty) count, in each catalog's own direction
    (its ``Language`` header, as ``glosa catalog check`` reads it).
    """
    from translate.catalog.check import languages
    from translate.catalog.po import read_catalog

    finders: dict[Lang, _Finder] = {}
    out: list[CatalogImpact] = []
    total = candidates = 0
    for f in files:
        catalog = read_catalog(f)
        src, tgt = languages(catalog, None, None)
        finder = finders.get(src) or finders.setdefault(src, _Finder(sides, src))
        for m in catalog.active():
            if not m.translated:
                continue
            total += 1
            source = m.msgid if m.msgid_plural is None else f"{m.msgid}\n{m.msgid_plural}"
            hit = finder.sides_in(source)
            if hit:
                candidates += 1
            for i in hit:
                side = sides[i]
                before = _term_verdict(m, side.before, src, tgt, str(f))
                after = _term_verdict(m, side.after, src, tgt, str(f))
                if (before is None) != (after is None):
                    out.append(CatalogImpact(str(f), m.line, m.msgid, m.msgstr[0], side.label,
                                             after is not None, after or before or ""))
    return out, total, candidates


# ---------------------------------------------------------------------------------------------
# Stories

def story_sentences(text: str) -> list[tuple[int, str]]:
    """(1-based line, sentence) for every sentence of a Markdown or plain-text story.

    The same segmentation ``glosa translate`` uses (:func:`translate.segments.segment_text`),
    so a sentence here is a sentence there.

    >>> story_sentences("# Court\\n\\nThe cartel denied it. Nobody spoke.\\n")
    [(1, 'Court'), (3, 'The cartel denied it.'), (3, 'Nobody spoke.')]
    """
    from translate.segments import segment_text

    return [(seg.line + 1, seg.text) for seg in segment_text(text, markdown=True)
            if seg.text.strip()]


def _story_files(dirs: Iterable[str | os.PathLike[str]]) -> list[Path]:
    return _files(dirs, STORY_SUFFIXES, "story")


def story_language(path: Path) -> tuple[Lang, Lang]:
    """Source and target language from the name: ``*.es.md`` is Spanish, anything else English.

    >>> story_language(Path("nota.es.md"))
    ('es', 'en')
    """
    return ("es", "en") if ".es." in path.name or path.name.endswith(".es") else ("en", "es")


def story_impact(sides: Sequence[_Side], files: Sequence[Path], before: Glossary,
                 after: Glossary, translate: Translator) -> tuple[list[SentenceImpact], int]:
    """Sentences whose translation changes; re-translates only those with a changed term."""
    finders: dict[Lang, _Finder] = {}
    todo: dict[tuple[Lang, Lang], list[tuple[Path, int, str, tuple[str, ...]]]] = {}
    for f in files:
        src, tgt = story_language(f)
        finder = finders.get(src) or finders.setdefault(src, _Finder(sides, src))
        try:
            text = f.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise GlosaError(f"{f}: cannot read the story as UTF-8: {exc}") from exc
        for line, sentence in story_sentences(text):
            hit = finder.sides_in(sentence)
            if hit:
                labels = tuple(sides[i].label for i in hit)
                todo.setdefault((src, tgt), []).append((f, line, sentence, labels))
    out: list[SentenceImpact] = []
    count = 0
    for (src, tgt), items in todo.items():
        segments = [s for _f, _l, s, _ids in items]
        count += len(segments)
        old = translate(segments, src, tgt, before)
        new = translate(segments, src, tgt, after)
        for (f, line, sentence, labels), a, b in zip(items, old, new, strict=True):
            if a != b:
                out.append(SentenceImpact(str(f), line, sentence, a, b, labels))
    return out, count


class EngineTranslator:
    """A :data:`Translator` through glosa's pipeline (:func:`translate.enforce.translate_segments`:
    the engine with the glossary, then verification and repair of every term), as
    ``glosa translate`` would produce it. The engine starts on first use."""

    def __init__(self, engine: str = "apertium") -> None:
        self.engine_name = engine
        self._engine: Engine | None = None

    def __call__(self, segments: Sequence[str], src: Lang, tgt: Lang,
                 glossary: Glossary) -> list[str]:
        from translate.enforce import translate_segments
        from translate.engines.registry import check_engine, get_engine

        if self._engine is None:
            self._engine = get_engine(self.engine_name)
        check_engine(self._engine, src, tgt)
        results = translate_segments(segments, src, tgt, engine=self._engine, glossary=glossary)
        return [r.output for r in results]

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()
            self._engine = None


# ---------------------------------------------------------------------------------------------

def impact_of(base: str, head: str = WORKTREE, *, path: str | os.PathLike[str] = "glossary/terms",
              catalogs: Sequence[str | os.PathLike[str]] = (),
              stories: Sequence[str | os.PathLike[str]] = (),
              translate: Translator | None = None,
              repo: str | os.PathLike[str] = ".",
              diff: GlossaryDiff | None = None) -> Impact:
    """The downstream impact of the glossary change ``base`` -> ``head``.

    Catalog and story paths are files on disk (the working tree), read once. ``translate`` is
    needed only for stories (default: glosa's pipeline with Apertium).
    """
    d = diff if diff is not None else diff_glossary(base, head, path, repo)
    sides = _sides(d.changes)
    cat_files = _catalog_files(catalogs)
    story_paths = _story_files(stories)
    notes: list[str] = []
    cat: list[CatalogImpact] = []
    total = candidates = 0
    if sides and cat_files:
        cat, total, candidates = catalog_impact(sides, cat_files)
    sent: list[SentenceImpact] = []
    count = 0
    if sides and story_paths:
        old_g, _ = glossary_at(base, path, repo)
        new_g, _ = glossary_at(head, path, repo)
        own = EngineTranslator()
        try:
            sent, count = story_impact(sides, story_paths, old_g, new_g, translate or own)
        finally:
            own.close()  # starts nothing unless it was used
    return Impact(d, tuple(cat), tuple(sent), len(cat_files), total, candidates,
                  len(story_paths), count, tuple(notes))


# ---------------------------------------------------------------------------------------------
# Output

def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def render_markdown(imp: Impact, heading: str = "###") -> str:
    """The impact as Markdown for the PR comment (after the diff)."""
    sub = heading + "#"
    out = [f"{heading} Impact", ""]
    if not imp.diff.changes:
        out.append("No glossary entry changed, so nothing downstream changes.")
        return "\n".join(out) + "\n"
    if imp.catalog_files:
        now = [c for c in imp.catalog if c.now_violates]
        fixed = [c for c in imp.catalog if not c.now_violates]
        out.append(f"**Catalogs:** {_plural(len(now), 'entry now violates', 'entries now violate')}"
                   f" the glossary, {_plural(len(fixed), 'entry', 'entries')} no longer "
                   f"{'does' if len(fixed) == 1 else 'do'} "
                   f"({_plural(imp.catalog_entries, 'translated entry', 'translated entries')} "
                   f"in {_plural(imp.catalog_files, 'catalog', 'catalogs')}; "
                   f"{imp.catalog_candidates:,} mention a changed term).")
        for title, check, rows in (("Now violate the glossary", "Check", now),
                                   ("No longer violate", "Was reported as", fixed)):
            if rows:
                out += ["", f"{sub} {title} ({len(rows)})", "",
                        f"| Place | Entry | Source | Translation | {check} |",
                        "|---|---|---|---|---|"]
                for c in rows:
                    out.append(f"| {md_code(f'{c.path}:{c.line}')} | {md_code(c.entry_id)} | "
                               f"{md_code(c.msgid)} | {md_code(c.msgstr)} | "
                               f"{md_code(c.message)} |")
        out.append("")
    if imp.story_files:
        stories = sorted({s.path for s in imp.stories})
        out.append(f"**Stories:** {_plural(len(imp.stories), 'sentence', 'sentences')} in "
                   f"{_plural(len(stories), 'story', 'stories')} would translate differently "
                   f"({_plural(imp.sentences_retranslated, 'sentence', 'sentences')} with a "
                   f"changed term re-translated, in {_plural(imp.story_files, 'story', 'stories')}"
                   ").")
        for path in stories:
            out += ["", f"{sub} {md_code(path)}", "",
                    "| Line | Entry | Source | Before | After |", "|---|---|---|---|---|"]
            for s in imp.stories:
                if s.path == path:
                    out.append(f"| {s.line} | {', '.join(md_code(i) for i in s.entry_ids)} | "
                               f"{md_code(s.source)} | {md_code(s.before)} | "
                               f"{md_code(s.after)} |")
        out.append("")
    if not imp.catalog_files and not imp.story_files:
        out.append("No catalogs or stories given (`--catalogs DIR`, `--stories DIR`).")
    for note in imp.notes:
        out.append(f"> {note}")
    return "\n".join(out).rstrip("\n") + "\n"


def render_json(imp: Impact) -> str:
    return json.dumps(imp.to_dict(), ensure_ascii=False, indent=2) + "\n"
