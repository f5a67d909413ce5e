"""An English thesaurus (WordNet's synonyms), to widen the bilingual word list's reach.

A bilingual dictionary lists a word's usual renderings, not every word that can render it:
Apertium and FreeDict give "húmedo" as damp, humid or moist, never "wet", and "salvaje" as
wild, never "feral". WordNet knows that wet is similar to damp and moist, and that feral is
savage. :func:`translate.lexicon.word_coverage` can go one synonym further on the English side
(a synonym's translations), as a weaker view of a quote pair (see
:data:`translate.quotes.align.SYNONYM_DISCOUNT`).

The data is Debian's ``mythes-en-us`` (LibreOffice's English MyThes thesaurus, made from
WordNet; permissive licences, see ``/usr/share/doc/mythes-en-us/copyright``); it is read where
it is installed, never copied into glosa: ``th_en_US_v2.idx`` (``headword|offset``, one a
line, after the encoding and a count) and ``th_en_US_v2.dat``, where each entry is
``headword|n`` and n sense lines ``(pos)|term|term (similar term)|term (generic term)|...``.
Kept: a sense's synonyms (no note) and similar terms (WordNet's adjective clusters: wet ~
damp, moist); left out: generic terms (hypernyms: "hubris" -> "arrogance" is a kind, not a
rendering), related terms and antonyms, and terms of several words.

Data, not a model: nothing is downloaded; when the package is not installed there is no
thesaurus and the aligner does without.

The index (145,866 headwords) is not read into memory at each start: its folded form is kept
as a SQLite table (3.5 MB) under ``$GLOSA_HOME/thesaurus/``, named for the index file's path,
size, modification time and inode, and built from :func:`read_index` the first time (so a
lookup finds exactly what the dictionary would), and each lookup is one indexed query (about
5 us). Reading the whole index took 0.12-0.4 s per process. A binary search in the ``.idx``
itself was not chosen: lookups are by folded headword (case and accents off, the first of
headwords that fold alike wins), and a MyThes index is sorted by its raw headwords;
Debian's happens to be lowercase ASCII, a Latin-1 one with accents is not. When the cache
cannot be written, the index is read into a dictionary as before.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from translate.checks import fold
from translate.home import glosa_home

#: Where Debian's mythes packages put their thesauri.
SYSTEM_MYTHES = Path("/usr/share/mythes")
#: The English thesaurus's file name without its extension (.idx, .dat).
ENGLISH = "th_en_US_v2"
#: Notes of the terms kept besides plain synonyms.
KEPT_NOTES = frozenset({"similar term"})
_NOTE = re.compile(r"^(.*?)\s*\(([^()]*)\)$")
#: Bumped when the cached index's layout or what it holds changes.
INDEX_CACHE_VERSION = 1


@dataclass(frozen=True, eq=False)
class Thesaurus:
    """A MyThes thesaurus: folded headword -> byte offset of its entry in ``data`` (compared
    and hashed by identity: one per process)."""

    index: Mapping[str, int]
    data: Path
    encoding: str

    def synonyms(self, word: str) -> frozenset[str]:
        """Folded one-word synonyms and similar terms of a folded word, every sense together;
        empty when the thesaurus does not have it."""
        return _synonyms(self, word)


def parse_entry(lines: list[str]) -> frozenset[str]:
    """The kept terms of one entry (its headword line first).

    >>> sorted(parse_entry(["feral|1", "(adj)|ferine|savage|wild (similar term)|"
    ...                     "barbarian (generic term)|tame (antonym)|wild animal"]))
    ['ferine', 'savage', 'wild']
    """
    head, _, count = lines[0].rpartition("|")
    out: set[str] = set()
    for line in lines[1:1 + int(count)] if count.isdigit() else []:
        for term in line.split("|")[1:]:
            match = _NOTE.match(term)
            if match:
                if match.group(2) not in KEPT_NOTES:
                    continue
                term = match.group(1)
            folded = fold(term.strip())
            if folded and " " not in folded and folded != fold(head):
                out.add(folded)
    return frozenset(out)


@lru_cache(maxsize=65536)
def _synonyms(thesaurus: Thesaurus, word: str) -> frozenset[str]:
    offset = thesaurus.index.get(word)
    if offset is None:
        return frozenset()
    with thesaurus.data.open("rb") as fh:
        fh.seek(offset)
        head = fh.readline().decode(thesaurus.encoding, "replace").rstrip("\n")
        _, _, count = head.rpartition("|")
        lines = [head] + [fh.readline().decode(thesaurus.encoding, "replace").rstrip("\n")
                          for _ in range(int(count) if count.isdigit() else 0)]
    return parse_entry(lines)


def read_index(text: str) -> dict[str, int]:
    """A MyThes index (encoding line, entry count, then ``headword|offset`` lines) as folded
    headword -> offset; the first of headwords that fold alike wins.

    >>> read_index("UTF-8\\n2\\nwet|120\\nwét|300\\n")
    {'wet': 120}
    """
    index: dict[str, int] = {}
    for line in text.splitlines()[2:]:
        word, _, offset = line.rpartition("|")
        if word and offset.isdigit():
            index.setdefault(fold(word), int(offset))
    return index


class CachedIndex(Mapping[str, int]):
    """A folded index kept in a SQLite file (``word`` -> ``offset``), read one query at a
    time; the connection is opened on first use, and again in a forked child."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: tuple[int, sqlite3.Connection] | None = None

    def _db(self) -> sqlite3.Connection:
        if self._conn is None or self._conn[0] != os.getpid():
            self._conn = (os.getpid(), _connect(self.path))
        return self._conn[1]

    def get(self, word: str, default: int | None = None) -> int | None:  # type: ignore[override]
        row = self._db().execute("SELECT offset FROM idx WHERE word = ?", (word,)).fetchone()
        return default if row is None else int(row[0])

    def __getitem__(self, word: str) -> int:
        offset = self.get(word)
        if offset is None:
            raise KeyError(word)
        return offset

    def __iter__(self) -> Iterator[str]:
        return (row[0] for row in self._db().execute("SELECT word FROM idx ORDER BY word"))

    def __len__(self) -> int:
        return int(self._db().execute("SELECT count(*) FROM idx").fetchone()[0])


def _connect(path: Path) -> sqlite3.Connection:
    # read-only and immutable: no locks, no journal; the file is replaced, never changed
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                           check_same_thread=False)


def index_cache_path(idx: Path, home: Path | None = None) -> Path:
    """Where the folded index of ``idx`` is cached: named for the file's path, size and
    modification time, so a changed or reinstalled thesaurus gets a new one."""
    st = idx.stat()
    key = f"{idx.resolve()}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}"
    digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    name = f"{idx.stem}-{digest}-v{INDEX_CACHE_VERSION}.sqlite"
    return (home or glosa_home()) / "thesaurus" / name


def _write_index_cache(index: Mapping[str, int], target: Path) -> None:
    """Write ``index`` as a SQLite table, atomically (a reader never sees half of it)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        try:
            with conn:
                conn.execute("PRAGMA journal_mode = OFF")
                conn.execute("CREATE TABLE idx (word TEXT PRIMARY KEY, offset INTEGER NOT NULL)"
                             " WITHOUT ROWID")
                conn.executemany("INSERT INTO idx VALUES (?, ?)", index.items())
        finally:
            conn.close()
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp's 0600 is for the half-written file only
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cached_index(idx: Path, encoding: str, home: Path | None = None) -> Mapping[str, int]:
    """The folded index of ``idx``: the cached table when there is one (built now when
    not), else the whole index read into a dictionary (the cache cannot be written)."""
    try:
        cache = index_cache_path(idx, home)
        if cache.is_file():
            conn = _connect(cache)
            try:
                conn.execute("SELECT offset FROM idx LIMIT 1").fetchall()
                return CachedIndex(cache)
            except sqlite3.DatabaseError:
                pass  # damaged: built again below
            finally:
                conn.close()
    except OSError:
        cache = None
    index = read_index(idx.read_bytes().decode(encoding, "replace"))
    if cache is not None:
        try:
            _write_index_cache(index, cache)
        except (OSError, sqlite3.Error):
            return index
    return index


@lru_cache(maxsize=4)
def english_thesaurus(directory: Path = SYSTEM_MYTHES, home: Path | None = None
                      ) -> Thesaurus | None:
    """The installed English thesaurus, or ``None`` when it is not installed or cannot be
    read. Its folded index comes from the cache under ``$GLOSA_HOME`` (or ``home``), built
    on first use (:func:`cached_index`)."""
    idx, dat = directory / f"{ENGLISH}.idx", directory / f"{ENGLISH}.dat"
    if not idx.is_file() or not dat.is_file():
        return None
    try:
        with idx.open("rb") as fh:
            first = fh.readline()
        encoding = first.decode("ascii", "replace").strip() or "utf-8"
        codecs.lookup(encoding)  # an unknown encoding is no thesaurus (LookupError)
        return Thesaurus(cached_index(idx, encoding, home), dat, encoding)
    except (OSError, LookupError):
        return None
