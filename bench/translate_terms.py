"""Term success and chrF2++ of ``glosa translate`` (Apertium) with glossaries enforced.

1. WMT25 terminology, track 1, en->es: each sentence with its own ``proper`` dictionary
   (the library takes a glossary per segment), then with one glossary of the terms that have a
   single target across the set. Term success = the required Spanish term occurs in the output
   (case-insensitively), the task's own measure. chrF2++ = sacrebleu chrF, word order 2.
2. The desk glossary on the desk sentences of ``tests/data/translate/desk_sentences.tsv``, both
   directions: share of glossary terms found in the source that come out in an accepted form.

Usage: ``.venv/bin/python bench/translate_terms.py [--wmt PATH]``
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from glossary.csvfile import default_terms_dir, load_glossary  # noqa: E402
from glossary.match import contains_accepted  # noqa: E402
from glossary.model import CaseRule, Entry, Gender, Glossary, Pos  # noqa: E402
from translate.enforce import translate_segments  # noqa: E402
from translate.engines.apertium import ApertiumEngine  # noqa: E402

DEFAULT_WMT = ROOT.parent / "shared" / "eval" / "wmt25-terminology-enes" / "full_data.enes.jsonl"
_FEMININE_ENDINGS = ("a", "ión", "dad", "tad", "tud", "umbre", "sis", "ez")


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "term"


def entry_from_pair(en: str, es: str, n: int) -> Entry:
    """A glossary entry for a bare ``en -> es`` term pair (no part of speech given).

    Guesses, as a user importing a two-column term list would have to: a single Spanish word
    in -ar/-er/-ir is a verb; identical sides are kept as is (dnt); other terms are nouns whose
    gender follows the usual endings; multiword Spanish nouns get no plural. Case is ignored
    (the task's dictionaries are case-insensitive).
    """
    words = es.split()
    if len(words) == 1 and re.search(r"(ar|er|ir)$", es) and not en[:1].isupper():
        return Entry(f"t{n}-{_slug(en)}", en, es, pos=Pos.VERB, case=CaseRule.IGNORE)
    last = words[0].lower()
    gender = Gender.F if last.endswith(_FEMININE_ENDINGS) else Gender.M
    return Entry(f"t{n}-{_slug(en)}", en, es, pos=Pos.NOUN, gender=gender,
                 es_plural="-" if len(words) > 1 else None, dnt=en == es,
                 case=CaseRule.IGNORE)


def chrf(hyps: list[str], refs: list[str]) -> float:
    from sacrebleu.metrics import CHRF

    return float(CHRF(word_order=2).corpus_score(hyps, [refs]).score)


def success(outputs: list[str], dicts: list[dict[str, str]]) -> tuple[int, int]:
    """The task's measure: the required term occurs, case-insensitively, as written."""
    hit = total = 0
    for out, d in zip(outputs, dicts, strict=True):
        low = out.lower()
        for es in d.values():
            total += 1
            hit += es.lower() in low
    return hit, total


def success_inflected(outputs: list[str], dicts: list[dict[str, str]]) -> tuple[int, int]:
    """glosa's measure (issue 3): an accepted form, inflections included (``edita`` for
    ``editar``, ``elementos`` for ``elemento``), whole words."""
    hit = total = 0
    for out, d in zip(outputs, dicts, strict=True):
        for i, (en, es) in enumerate(d.items()):
            total += 1
            hit += contains_accepted(out, entry_from_pair(en, es, i), "es") is not None
    return hit, total


def figures(outputs: list[str], dicts: list[dict[str, str]]) -> str:
    h, n = success(outputs, dicts)
    hi, _n = success_inflected(outputs, dicts)
    return f"term success {h}/{n} = {h / n:.3f} (inflections accepted: {hi / n:.3f})"


def wmt(path: Path, engine: ApertiumEngine) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    src = [r["en"] for r in rows]
    refs = [r["es"] for r in rows]
    dicts: list[dict[str, str]] = [r["proper"] for r in rows]

    t = time.perf_counter()
    bare = engine.translate(src, "en", "es")
    print(f"wmt25 apertium alone: {figures(bare, dicts)}, chrF2++ "
          f"{chrf(bare, refs):.1f} ({time.perf_counter() - t:.1f} s)")

    # 1. every sentence with its own dictionary
    entries_by_pair: dict[tuple[str, str], Entry] = {}
    per_sentence: list[Glossary | None] = []
    for d in dicts:
        entries = []
        for en, es in d.items():
            key = (en, es)
            if key not in entries_by_pair:
                entries_by_pair[key] = entry_from_pair(en, es, len(entries_by_pair))
            entries.append(entries_by_pair[key])
        per_sentence.append(Glossary(tuple(entries)) if entries else None)
    t = time.perf_counter()
    results = translate_segments(src, "en", "es", engine=engine, glossaries=per_sentence)
    outs = [r.output for r in results]
    print(f"wmt25 per-sentence dictionaries: {figures(outs, dicts)}, chrF2++ "
          f"{chrf(outs, refs):.1f} ({time.perf_counter() - t:.1f} s)")

    # 2. one glossary of the terms with a single target across the set
    targets: dict[str, set[str]] = defaultdict(set)
    for d in dicts:
        for en, es in d.items():
            targets[en].add(es)
    single = {en: next(iter(v)) for en, v in targets.items() if len(v) == 1}
    glossary = Glossary(tuple(entry_from_pair(en, es, i)
                              for i, (en, es) in enumerate(sorted(single.items()))))
    only_single = [{en: es for en, es in d.items() if en in single} for d in dicts]
    t = time.perf_counter()
    results = translate_segments(src, "en", "es", engine=engine, glossary=glossary)
    outs = [r.output for r in results]
    print(f"wmt25 one glossary ({len(single)} single-target terms of {len(targets)}): "
          f"apertium alone {figures(bare, only_single)}; glosa {figures(outs, only_single)}, "
          f"chrF2++ {chrf(outs, refs):.1f} ({time.perf_counter() - t:.1f} s)")


def desk(engine: ApertiumEngine) -> None:
    glossary = load_glossary([default_terms_dir()])
    tsv = ROOT / "tests" / "data" / "translate" / "desk_sentences.tsv"
    rows = [line.split("\t") for line in tsv.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    for direction in ("en-es", "es-en"):
        s, t = direction.split("-")
        texts = [r[1] for r in rows if r[0] == direction]
        bare = engine.translate(texts, s, t)  # type: ignore[arg-type]
        results = translate_segments(texts, s, t, engine=engine,  # type: ignore[arg-type]
                                     glossary=glossary)
        terms = [term for r in results for term in r.terms]
        ok = sum(term.status.value != "failed" for term in terms)
        by = defaultdict(int)
        for term in terms:
            by[term.method or "failed"] += 1
        present_bare = 0
        for out, r in zip(bare, results, strict=True):
            for term in r.terms:
                present_bare += contains_accepted(out, glossary[term.entry_id], t) is not None
        print(f"desk {direction}: {len(texts)} sentences, term success {ok}/{len(terms)} = "
              f"{ok / len(terms):.3f} (apertium alone {present_bare}/{len(terms)}); "
              f"by method {dict(by)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--wmt", type=Path, default=DEFAULT_WMT)
    args = ap.parse_args()
    engine = ApertiumEngine()
    desk(engine)
    if args.wmt.is_file():
        wmt(args.wmt, engine)
    else:
        print(f"skipped WMT25: {args.wmt} not found")


if __name__ == "__main__":
    main()
