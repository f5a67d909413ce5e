"""What changed in the glossary between two git revisions, entry by entry.

Entries are compared by ``id`` across all term files (ids are unique across files), field by
field on their cell values, so a change in CSV quoting, line order or file formatting reports
nothing. Files whose git blob id is the same on both sides are skipped without being read.
An id that disappears while an entry with the same content (or the same en/es pair) appears
under a new id is reported as a rename, not as a removal plus an addition.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from glossary.csvfile import LIST_COLUMNS, parse_terms
from glossary.errors import GlosaError
from glossary.findings import Finding
from glossary.gitrev import WORKTREE, GitRepo, changed_lines
from glossary.model import COLUMNS, Entry, Glossary

DEFAULT_PATH = "glossary/terms"
#: Pseudo-field reported when an entry moved to another term file.
FILE_FIELD = "file"


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    RENAMED = "renamed"
    CHANGED = "changed"


@dataclass(frozen=True)
class FieldChange:
    """One cell of one entry: its value before and after (``|``-joined for list columns)."""

    field: str
    before: str
    after: str

    @property
    def is_list(self) -> bool:
        return self.field in LIST_COLUMNS

    def items_added(self) -> tuple[str, ...]:
        """For list columns: items present after but not before.

        >>> FieldChange("forbidden_es", "a|b", "a|b|c").items_added()
        ('c',)
        """
        old = set(_items(self.before))
        return tuple(i for i in _items(self.after) if i not in old)

    def items_removed(self) -> tuple[str, ...]:
        new = set(_items(self.after))
        return tuple(i for i in _items(self.before) if i not in new)


def _items(value: str) -> list[str]:
    return [p for p in value.split("|") if p.strip()] if value else []


@dataclass(frozen=True)
class EntryChange:
    """One entry added, removed, renamed (``old_id`` -> ``id``) or changed, with its fields."""

    kind: ChangeKind
    id: str
    before: Entry | None
    after: Entry | None
    fields: tuple[FieldChange, ...] = ()
    old_id: str | None = None

    @property
    def entry(self) -> Entry:
        """The entry as it is now (as it was, for a removal)."""
        found = self.after or self.before
        assert found is not None
        return found

    @property
    def place(self) -> str:
        src = self.entry.source
        return f"{src.path}:{src.line}" if src else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "id": self.id,
            "old_id": self.old_id,
            "path": self.entry.source.path if self.entry.source else None,
            "line": self.entry.source.line if self.entry.source else None,
            "before": self.before.to_row() if self.before else None,
            "after": self.after.to_row() if self.after else None,
            "fields": [{"field": f.field, "before": f.before, "after": f.after}
                       for f in self.fields],
        }


@dataclass(frozen=True)
class GlossaryDiff:
    """The entry changes between ``base`` and ``head`` (revision names as the user gave them)."""

    base: str
    head: str
    path: str
    changes: tuple[EntryChange, ...]
    files_changed: tuple[str, ...] = ()
    files_unchanged: int = 0
    findings: tuple[Finding, ...] = field(default=())

    def of_kind(self, kind: ChangeKind) -> list[EntryChange]:
        return [c for c in self.changes if c.kind is kind]

    def counts(self) -> dict[ChangeKind, int]:
        return {k: len(self.of_kind(k)) for k in ChangeKind}

    def touched_ids(self) -> set[str]:
        """Every id whose meaning may have changed, on either side (old ids of renames too)."""
        out: set[str] = set()
        for c in self.changes:
            out.add(c.id)
            if c.old_id:
                out.add(c.old_id)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "base": self.base,
            "head": self.head,
            "path": self.path,
            "summary": {k.value: n for k, n in self.counts().items()},
            "files_changed": list(self.files_changed),
            "files_unchanged": self.files_unchanged,
            "changes": [c.to_dict() for c in self.changes],
            "problems": [f.to_dict() for f in self.findings],
        }


def _row_values(entry: Entry) -> tuple[str, ...]:
    row = entry.to_row()
    return tuple(row[c] for c in COLUMNS if c != "id")


def _field_changes(before: Entry, after: Entry) -> tuple[FieldChange, ...]:
    a, b = before.to_row(), after.to_row()
    out = [FieldChange(c, a[c], b[c]) for c in COLUMNS if c != "id" and a[c] != b[c]]
    pa = before.source.path if before.source else ""
    pb = after.source.path if after.source else ""
    if pa != pb:
        out.append(FieldChange(FILE_FIELD, pa, pb))
    return tuple(out)


def compare_entries(before: Iterable[Entry], after: Iterable[Entry]) -> list[EntryChange]:
    """Changes from the ``before`` entries to the ``after`` entries, matched by id.

    Removed/added pairs become renames when their content is identical, or failing that when
    their (en, es) pair is identical and unique among the removed and added entries.
    """
    old: dict[str, Entry] = {}
    for e in before:
        old.setdefault(e.id, e)
    new: dict[str, Entry] = {}
    for e in after:
        new.setdefault(e.id, e)
    changes: list[EntryChange] = []
    for eid, e_new in new.items():
        e_old = old.get(eid)
        if e_old is not None:
            fields = _field_changes(e_old, e_new)
            if fields:
                changes.append(EntryChange(ChangeKind.CHANGED, eid, e_old, e_new, fields))
    removed = [e for i, e in old.items() if i not in new]
    added = [e for i, e in new.items() if i not in old]

    renamed: list[EntryChange] = []
    for key_of in (_row_values, lambda e: (e.en, e.es)):
        by_key: dict[tuple[str, ...], list[Entry]] = {}
        for e in removed:
            by_key.setdefault(key_of(e), []).append(e)
        added_keys: dict[tuple[str, ...], int] = {}
        for e in added:
            added_keys[key_of(e)] = added_keys.get(key_of(e), 0) + 1
        still_added = []
        exact = key_of is _row_values
        for e in added:
            k = key_of(e)
            cands = by_key.get(k)
            if cands and (exact or (len(cands) == 1 and added_keys[k] == 1)):
                prior = cands.pop(0)
                renamed.append(EntryChange(ChangeKind.RENAMED, e.id, prior, e,
                                           _field_changes(prior, e), old_id=prior.id))
            else:
                still_added.append(e)
        taken = {c.old_id for c in renamed}
        removed = [e for e in removed if e.id not in taken]
        added = still_added

    changes.extend(EntryChange(ChangeKind.ADDED, e.id, None, e) for e in added)
    changes.extend(EntryChange(ChangeKind.REMOVED, e.id, e, None) for e in removed)
    changes.extend(renamed)
    order = list(ChangeKind)

    def sort_key(c: EntryChange) -> tuple[int, str, int, str]:
        src = c.entry.source
        return (order.index(c.kind), src.path if src else "", src.line if src else 0, c.id)

    return sorted(changes, key=sort_key)


def _parse(files: dict[str, bytes], findings: list[Finding] | None) -> list[Entry]:
    entries: list[Entry] = []
    for path, data in files.items():
        problems: list[Finding] = []
        entries.extend(parse_terms(data, path, problems))
        if findings is not None:
            findings.extend(f for f in problems if f.is_error)
    return entries


def _blank_common_lines(old: bytes, new: bytes) -> tuple[bytes, bytes]:
    """Both files with the lines they share blanked, when their headers are the same.

    A line found in both versions of a file is the same entry with the same values on both
    sides, so it cannot be part of any change; the parser skips blank lines but keeps the
    line numbers, so the changed lines are parsed alone and still reported at their places.
    Keeps a big glossary's diff proportional to the change, not to the file.
    """
    a, b = old.split(b"\n"), new.split(b"\n")
    if not a or not b or a[0] != b[0]:
        return old, new
    common = set(a[1:]) & set(b[1:])
    common.discard(b"")
    if not common:
        return old, new

    def blank(lines: list[bytes]) -> bytes:
        return b"\n".join([lines[0], *(b"" if x in common else x for x in lines[1:])])

    return blank(a), blank(b)


def diff_glossary(base: str, head: str = WORKTREE, path: str | os.PathLike[str] = DEFAULT_PATH,
                  repo: str | os.PathLike[str] = ".") -> GlossaryDiff:
    """Diff the term files under ``path`` between revisions ``base`` and ``head``.

    ``head`` may be :data:`~glossary.gitrev.WORKTREE` (the files on disk). Raises
    :class:`~glossary.gitrev.GitError` (a GlosaError) for a bad revision or a non-repository.
    Problems reading the head's files (errors ``glosa glossary lint`` reports) are kept in
    ``findings``; the entries on those lines are left out of the comparison.
    """
    git = GitRepo(repo)
    folder = git.relpath(path)
    old_blobs = {b.path: b for b in git.term_blobs(base, folder)}
    new_blobs = {b.path: b for b in git.term_blobs(head, folder)}
    paths = sorted(set(old_blobs) | set(new_blobs))
    if not paths:
        raise GlosaError(f"no term files (*.csv) under {folder or 'the repository root'} at "
                         f"{rev_label(base)} or {rev_label(head)}: check --path")
    changed = [p for p in paths if (old_blobs.get(p) is None or new_blobs.get(p) is None
                                    or old_blobs[p].oid != new_blobs[p].oid)]
    blobs = git.read_blobs([old_blobs[p].oid for p in changed if p in old_blobs]
                           + [new_blobs[p].oid for p in changed if p in new_blobs])
    old_files = {p: blobs[old_blobs[p].oid] for p in changed if p in old_blobs}
    new_files = {p: blobs[new_blobs[p].oid] for p in changed if p in new_blobs}
    for p in changed:
        if p in old_files and p in new_files:
            old_files[p], new_files[p] = _blank_common_lines(old_files[p], new_files[p])
    findings: list[Finding] = []
    before = _parse(old_files, None)  # the base's own problems are not this change's
    after = _parse(new_files, findings)
    return GlossaryDiff(
        base=base, head=head, path=folder,
        changes=tuple(compare_entries(before, after)),
        files_changed=tuple(changed),
        files_unchanged=len(paths) - len(changed),
        findings=tuple(findings),
    )


def glossary_at(rev: str, path: str | os.PathLike[str] = DEFAULT_PATH,
                repo: str | os.PathLike[str] = ".") -> tuple[Glossary, list[Finding]]:
    """The whole glossary under ``path`` at ``rev`` (or the working tree), leniently read.

    Like :func:`glossary.csvfile.collect_glossary`: the good entries plus every problem.
    """
    git = GitRepo(repo)
    blobs = git.term_blobs(rev, git.relpath(path))
    data = git.read_blobs([b.oid for b in blobs])
    findings: list[Finding] = []
    entries: list[Entry] = []
    seen: set[str] = set()
    for b in blobs:
        for e in parse_terms(data[b.oid], b.path, findings):
            if e.id not in seen:
                seen.add(e.id)
                entries.append(e)
    return Glossary(tuple(entries)), findings


# ---------------------------------------------------------------------------------------------
# Output: Markdown for a pull-request comment, and JSON.

def rev_label(rev: str) -> str:
    """How a revision is named in the report."""
    return "working tree" if rev == WORKTREE else rev


def md_code(value: str) -> str:
    """``value`` as a Markdown code span safe inside a table cell: shown exactly as it is.

    >>> md_code("cártel")
    '`cártel`'
    >>> md_code('a|b "c"')
    '`a\\\\|b "c"`'
    >>> md_code("")
    '*(empty)*'
    """
    if value == "":
        return "*(empty)*"
    longest = run = 0
    for ch in value:
        run = run + 1 if ch == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value.replace('|', chr(92) + '|')}{pad}{fence}"


def _list_cell(items: Sequence[str], marked: Iterable[str], mark: str) -> str:
    if not items:
        return "*(empty)*"
    marks = set(marked)
    return ", ".join(f"{mark}{md_code(i)}{mark}" if i in marks else md_code(i) for i in items)


def _field_cells(fc: FieldChange) -> tuple[str, str]:
    if fc.is_list:
        return (_list_cell(_items(fc.before), fc.items_removed(), "~~"),
                _list_cell(_items(fc.after), fc.items_added(), "**"))
    return md_code(fc.before), md_code(fc.after)


def _other_fields(entry: Entry) -> str:
    row = entry.to_row()
    quiet = {"id": None, "en": None, "es": None, "direction": "both", "case": "auto"}
    parts = [f"{c}: {md_code(row[c])}" for c in COLUMNS
             if row[c] != "" and (c not in quiet or quiet[c] not in (None, row[c]))]
    return "<br>".join(parts)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary_line(d: GlossaryDiff) -> str:
    """One line: what changed, where, between which revisions."""
    revs = f"`{rev_label(d.base)}` → `{rev_label(d.head)}`"
    if not d.changes:
        return f"No glossary entries changed ({revs})."
    c = d.counts()
    parts = [f"{c[k]} {k.value}" for k in ChangeKind if c[k]]
    total = len(d.files_changed) + d.files_unchanged
    return (f"**{_plural(len(d.changes), 'glossary entry', 'glossary entries')} changed** "
            f"({', '.join(parts)}) in {len(d.files_changed)} of "
            f"{_plural(total, 'term file', 'term files')} ({revs}).")


def render_markdown(d: GlossaryDiff, heading: str = "###") -> str:
    """The diff as Markdown for a PR comment: a summary line, then a table per kind of change.

    Values are shown as code spans exactly as stored (no CSV quoting, accents as they are);
    list columns mark removed items ~~struck~~ and added items **bold**.
    """
    out = [f"{heading} Glossary changes", "", summary_line(d)]
    if d.findings:
        out += ["", f"⚠️ {_plural(len(d.findings), 'problem', 'problems')} reading the new "
                "term files; the entries on those lines are left out here "
                "(`glosa glossary lint` explains them):", ""]
        out += [f"- `{f.place}`: {f.message}" for f in d.findings[:20]]
        if len(d.findings) > 20:
            out.append(f"- … and {len(d.findings) - 20} more")
    sub = heading + "#"
    added = d.of_kind(ChangeKind.ADDED)
    if added:
        out += ["", f"{sub} Added ({len(added)})", "",
                "| Entry | English | Spanish | Other fields | File |", "|---|---|---|---|---|"]
        for c in added:
            e = c.entry
            out.append(f"| {md_code(e.id)} | {md_code(e.en)} | {md_code(e.es)} | "
                       f"{_other_fields(e)} | {md_code(c.place)} |")
    removed = d.of_kind(ChangeKind.REMOVED)
    if removed:
        out += ["", f"{sub} Removed ({len(removed)})", "",
                "| Entry | English | Spanish | File |", "|---|---|---|---|"]
        for c in removed:
            e = c.entry
            out.append(f"| {md_code(e.id)} | {md_code(e.en)} | {md_code(e.es)} | "
                       f"{md_code(c.place)} |")
    renamed = d.of_kind(ChangeKind.RENAMED)
    if renamed:
        out += ["", f"{sub} Renamed ({len(renamed)})", "",
                "| Old id | New id | Also changed | File |", "|---|---|---|---|"]
        for c in renamed:
            also = "<br>".join(
                f"{f.field}: {' → '.join(_field_cells(f))}" for f in c.fields) or "—"
            out.append(f"| {md_code(c.old_id or '')} | {md_code(c.id)} | {also} | "
                       f"{md_code(c.place)} |")
    changed = d.of_kind(ChangeKind.CHANGED)
    if changed:
        out += ["", f"{sub} Changed ({len(changed)})", "",
                "| Entry | Field | Before | After |", "|---|---|---|---|"]
        for c in changed:
            for fc in c.fields:
                before, after = _field_cells(fc)
                out.append(f"| {md_code(c.id)} | {fc.field} | {before} | {after} |")
    return "\n".join(out) + "\n"


def render_json(d: GlossaryDiff) -> str:
    """The diff as JSON (accents kept as UTF-8)."""
    return json.dumps(d.to_dict(), ensure_ascii=False, indent=2) + "\n"


def only_changed_lines(findings: Iterable[Finding], base: str,
                       paths: Sequence[str | os.PathLike[str]],
                       repo: str | os.PathLike[str] = ".") -> list[Finding]:
    """The findings that sit on lines added or changed since ``base`` (``lint --diff``).

    A finding without a line is kept when its file changed; one without a path is always kept.
    Paths in findings are taken relative to the current folder, as lint reports them.
    """
    git = GitRepo(repo)
    changed = changed_lines(base, [str(p) for p in paths], git)
    kept = []
    for f in findings:
        if f.path is None:
            kept.append(f)
            continue
        lines = changed.get(git.relpath(f.path))
        if lines is not None and (f.line is None or f.line in lines):
            kept.append(f)
    return kept
