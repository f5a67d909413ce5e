"""Benchmark: glossary diff and impact on a large generated glossary and catalog.

A temporary git repository gets a 10,000-entry glossary in 10 term files; a second commit
changes 50 entries (30 Spanish terms, 10 new forbidden forms, 5 renames, 5 removals) in 3 of
the files. A 5,000-entry Spanish catalog mentions random terms (10% of them changed ones).
Prints the wall time of ``diff_glossary``, of ``impact_of`` (which reads the catalog and
checks the entries that mention a changed term), and of the two CLI commands end to end.

    .venv/bin/python bench/review.py [--entries 10000] [--changed 50] [--catalog 5000]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = ("id,en,es,kind,pos,gender,en_plural,es_plural,es_feminine,en_variants,es_variants,"
          "forbidden_en,forbidden_es,dnt,direction,status,case,note")
SYL_EN = ["bar", "cor", "den", "fal", "gor", "hin", "jus", "kel", "lom", "mar", "nor", "pol",
          "quin", "ros", "sal", "tor", "vel", "wex"]
SYL_ES = ["ba", "ce", "di", "fo", "gu", "la", "me", "ni", "ño", "pa", "que", "ra", "sé", "ti",
          "vo", "xa", "yu", "zó"]


def word(rng: random.Random, syllables: list[str], n: int) -> str:
    return "".join(rng.choice(syllables) for _ in range(n))


def make_entries(n: int, rng: random.Random) -> list[list[str]]:
    rows = []
    seen_en: set[str] = set()
    seen_es: set[str] = set()
    for i in range(n):
        while True:
            en = f"{word(rng, SYL_EN, 2)} {word(rng, SYL_EN, 3)}"
            es = f"{word(rng, SYL_ES, 3)} {word(rng, SYL_ES, 2)}"
            if en not in seen_en and es not in seen_es:
                break
        seen_en.add(en)
        seen_es.add(es)
        rows.append([f"term-{i:05d}", en, es, "general", "noun", rng.choice("mf"), "",
                     "-", "", "", "", "", "", "", "both", "approved", "auto", ""])
    return rows


def write_files(root: Path, rows: list[list[str]], files: int, total: int) -> None:
    """Entry ``term-NNNNN`` goes to file NNNNN * files // total, before and after a change."""
    terms = root / "glossary" / "terms"
    terms.mkdir(parents=True, exist_ok=True)
    parts: list[list[str]] = [[] for _ in range(files)]
    for r in rows:
        parts[int(r[0][5:10]) * files // total].append(",".join(r) + "\n")
    for k, lines in enumerate(parts):
        (terms / f"part{k:02d}.csv").write_text(HEADER + "\n" + "".join(lines),
                                                encoding="utf-8")


def git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@x",
           "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@x",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def change(rows: list[list[str]], count: int, rng: random.Random) -> tuple[list[list[str]],
                                                                             list[int]]:
    """Change ``count`` entries in the first 3 files' worth of rows; return the new rows."""
    new = [list(r) for r in rows]
    span = len(rows) * 3 // 10
    picked = sorted(rng.sample(range(span), count))
    kinds = (["es"] * 30 + ["forbidden"] * 10 + ["rename"] * 5 + ["remove"] * 5)
    kinds = (kinds * (count // len(kinds) + 1))[:count]
    removed = set()
    for idx, kind in zip(picked, kinds, strict=True):
        if kind == "es":
            new[idx][2] = new[idx][2] + "ción"
        elif kind == "forbidden":
            new[idx][12] = "mal " + new[idx][2]
        elif kind == "rename":
            new[idx][0] = new[idx][0] + "-renamed"
        else:
            removed.add(idx)
    return [r for i, r in enumerate(new) if i not in removed], picked


def write_catalog(path: Path, rows: list[list[str]], picked: list[int], n: int,
                  rng: random.Random) -> None:
    out = ['msgid ""', 'msgstr ""', '"Language: es\\n"',
           '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for i in range(n):
        row = rows[rng.choice(picked)] if rng.random() < 0.1 else rng.choice(rows)
        out += [f'msgid "The {row[1]} was seen in town {i}."',
                f'msgstr "El {row[2]} fue visto en la ciudad {i}."', ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(out), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--entries", type=int, default=10_000)
    ap.add_argument("--changed", type=int, default=50)
    ap.add_argument("--catalog", type=int, default=5_000)
    ap.add_argument("--files", type=int, default=10)
    args = ap.parse_args()

    from glossary.diff import diff_glossary
    from translate.review import impact_of

    rng = random.Random(6)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        git(root, "init", "-q", "-b", "main")
        rows = make_entries(args.entries, rng)
        write_files(root, rows, args.files, args.entries)
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "base")
        git(root, "tag", "base")
        new_rows, picked = change(rows, args.changed, rng)
        write_files(root, new_rows, args.files, args.entries)
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "head")
        write_catalog(root / "locales" / "es" / "desk.po", rows, picked, args.catalog, rng)

        os.chdir(root)
        t0 = time.perf_counter()
        d = diff_glossary("base", "HEAD")
        t1 = time.perf_counter()
        imp = impact_of("base", "HEAD", catalogs=["locales"])
        t2 = time.perf_counter()
        counts = {k.value: n for k, n in d.counts().items()}
        print(f"glossary: {args.entries} entries in {args.files} files; catalog: "
              f"{imp.catalog_entries} entries")
        print(f"diff:   {t1 - t0:.3f} s  ({counts}; {len(d.files_changed)} files read, "
              f"{d.files_unchanged} skipped)")
        flips = sum(c.now_violates for c in imp.catalog)
        print(f"impact: {t2 - t1:.3f} s  (diff included; {imp.catalog_candidates} catalog entries "
              f"mention a changed term; {flips} now violate, {len(imp.catalog) - flips} no longer)")
        glosa = str(Path(sys.executable).parent / "glosa")
        for cmd in (["glossary", "diff", "base", "HEAD"],
                    ["glossary", "impact", "base", "HEAD", "--catalogs", "locales"]):
            t = time.perf_counter()
            subprocess.run([glosa, *cmd], check=True, capture_output=True)
            print(f"CLI glosa {' '.join(cmd)}: {time.perf_counter() - t:.3f} s")


if __name__ == "__main__":
    main()
