"""Benchmark: load a large generated glossary and match it over ~1 MB of news text.

Terms are drawn from the text itself (single words, bigrams, capitalised names) plus
invented names, so the automaton has a realistic share of hits; about a tenth are verbs
(every conjugated form becomes a pattern), a third carry variants and a fifth forbidden forms.
For each glossary size the script writes the term files, then reports:

- load: ``load_glossary`` (the strict CSV loader) on the term files;
- build: ``Matcher(glossary, lang)`` (inflections + Aho-Corasick automaton);
- match: ``Matcher.find`` over the whole text (normalisation, automaton pass, word-boundary
  and case checks, overlap resolution, TermMatch objects);
Times are printed as wall/CPU seconds (CPU = this process only: on a shared machine it is the
figure that does not depend on the other processes).

- peak: tracemalloc's peak of Python allocations during build + match, and the process's
  maximum resident set size at the end.

    .venv/bin/python bench/glossary_match.py [TEXT] [--sizes 1000,5000,10000] [--mb 1.0]
        [--lang en]

TEXT defaults to ../shared/eval/ntrex128/newstest2019-src.eng.txt (repeated up to --mb).
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from glossary.csvfile import format_terms, load_glossary  # noqa: E402
from glossary.match import Matcher  # noqa: E402
from glossary.model import Entry, Gender, Glossary, Kind, Lang, Pos  # noqa: E402

DEFAULT_TEXT = ROOT.parent / "shared" / "eval" / "ntrex128" / "newstest2019-src.eng.txt"
SYL = ["ba", "ce", "di", "fo", "gu", "la", "me", "ni", "ño", "pa", "que", "ra", "sé", "ti"]


def make_glossary(text: str, n: int, drawn: int, seed: int = 7) -> list[Entry]:
    """``n`` entries: the first ``drawn`` from the text's own words, the rest invented."""
    rng = random.Random(seed)
    words = sorted({w for w in re.findall(r"\b[a-z]{4,}\b", text)})
    bigrams = sorted(set(re.findall(r"\b([a-z]{3,} [a-z]{3,})\b", text)))
    names = sorted(set(re.findall(r"\b([A-Z][a-z]{2,} [A-Z][a-z]{2,})\b", text)))
    verbs = [w for w in words if w.endswith(("ate", "ize", "ect", "end", "ort"))]
    entries: list[Entry] = []
    seen: set[str] = set()
    while len(entries) < n:
        roll = rng.random()
        pos = Pos.NOUN
        if len(entries) >= drawn:
            en = "".join(rng.choice(SYL) for _ in range(3)) + " " + rng.choice(words)
            pos = Pos.PROPER if roll < 0.3 else Pos.VERB if roll < 0.4 else Pos.NOUN
            if pos is Pos.VERB:
                en = "".join(rng.choice(SYL) for _ in range(3)) + "ate"
        elif roll < 0.3:
            en = rng.choice(words)
        elif roll < 0.55:
            en = rng.choice(bigrams)
        elif roll < 0.7:
            en, pos = rng.choice(names), Pos.PROPER
        elif roll < 0.8:
            en, pos = rng.choice(verbs), Pos.VERB
        else:
            en = "".join(rng.choice(SYL) for _ in range(3)) + " " + rng.choice(words)
        if en in seen:
            continue
        seen.add(en)
        es = "".join(rng.choice(SYL) for _ in range(3)) + ("ar" if pos is Pos.VERB else "o")
        es_plural = "-" if pos is Pos.PROPER else None
        variants = (en.upper().replace(" ", "")[:5],) if rng.random() < 0.33 else ()
        forbidden = (es + "ción",) if rng.random() < 0.2 else ()
        entries.append(Entry(
            f"t{len(entries):05d}", en, es, kind=Kind.GENERAL, pos=pos,
            gender=None if pos is Pos.VERB else Gender.M, es_plural=es_plural,
            en_variants=variants, forbidden_es=forbidden))
    return entries


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> str:
    wall, cpu = time.perf_counter() - start[0], time.process_time() - start[1]
    return f"{wall:.3f}/{cpu:.3f}"


def measure(text: str, entries: list[Entry], lang: Lang) -> str:
    n = len(entries)
    with tempfile.TemporaryDirectory() as tmp:
        per_file = (n + 9) // 10
        for k in range(10):
            chunk = entries[k * per_file:(k + 1) * per_file]
            (Path(tmp) / f"part{k}.csv").write_text(format_terms(chunk), encoding="utf-8")
        gc.collect()
        t0 = _clock()
        glossary = load_glossary([tmp])
        load = _since(t0)
    assert len(glossary) == n
    gc.collect()
    t1 = _clock()
    matcher = Matcher(glossary, lang)
    build = _since(t1)
    t2 = _clock()
    matches = matcher.find(text)
    match = _since(t2)
    # memory in a second pass: tracemalloc slows allocation-heavy code several times
    del matcher, matches
    gc.collect()
    tracemalloc.start()
    again = Matcher(Glossary(glossary.entries), lang)
    found = again.find(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return (f"{n:>8} {load:>13} {build:>13} {match:>13} {len(found):>8} "
            f"{again.size:>8} {peak / 2**20:>8.1f} {rss:>9.1f}")


def run(text: str, sizes: list[int], lang: Lang) -> None:
    print(f"text: {len(text):,} characters ({len(text.encode()):,} bytes), lang {lang}")
    print("times are wall/CPU seconds; peak = tracemalloc peak of build + match")
    header = (f"{'entries':>8} {'load':>13} {'build':>13} {'match':>13} {'matches':>8} "
              f"{'forms':>8} {'peak MB':>8} {'maxrss MB':>9}")
    drawn = min(sizes)
    for title, count in (("(a) every term drawn from the text: hits grow with the entries",
                          None),
                         (f"(b) {drawn} terms drawn from the text, the rest invented: "
                          "hits stay the same", drawn)):
        print(title)
        print(header)
        base = make_glossary(text, max(sizes), max(sizes) if count is None else count)
        for n in sizes:
            print(measure(text, base[:n], lang), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("text", nargs="?", type=Path, default=DEFAULT_TEXT)
    ap.add_argument("--sizes", default="1000,5000,10000")
    ap.add_argument("--mb", type=float, default=1.0, help="text size in MB (repeats the file)")
    ap.add_argument("--lang", choices=("en", "es"), default="en")
    args = ap.parse_args()
    raw = args.text.read_text(encoding="utf-8")
    target = int(args.mb * 1_000_000)
    text = (raw * (target // max(len(raw), 1) + 1))[:target]
    run(text, [int(s) for s in args.sizes.split(",")], "en" if args.lang == "en" else "es")


if __name__ == "__main__":
    main()
