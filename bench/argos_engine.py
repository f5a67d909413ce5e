"""Argos engine benchmark on a tiny RANDOM-WEIGHT model: install, load, speed, forcing cost.

    python bench/argos_engine.py [--model FILE.argosmodel] [--sentences 256] [--budget 256]

Without ``--model`` it builds the tests' tiny model (SentencePiece on tests/data/argos/corpus.txt,
a 1-layer d=32 Transformer with random weights). Such a model never ends a sentence, so every
hypothesis runs to the decoding budget: the speeds are the engine's overhead plus the cost of
``--budget`` decoding steps, not what a real Argos model gives. The figures that carry over are
the ratios (forcing vs plain decoding) and how many decoder calls forcing takes.

1. ``install``: validate and install the .argosmodel under a fresh GLOSA_HOME.
2. ``load``: first ``ArgosEngine.load`` (ctranslate2 + sentencepiece import, model load).
3. ``plain``: translate N English sentences (the corpus lines repeated), no requirements.
4. ``forced``: the same sentences with glossary requirements (terms of the corpus); every term
   the model does not produce (with random weights: all) is forced with ``target_prefix``.
5. ``random``: ``--random`` term-dense segments drawn like the tests' property test (1-14
   words, terms and filler, seeded), where terms nest ("cartel" and "Gulf Cartel") and repeat;
   a term counts as missing when it is reported failed or its rendering occurs fewer times in
   the output than the term is required.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from translate.engines.base import Requirement, plain_requirements  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "argos" / "corpus.txt"
TERMS = {
    "Sinaloa Cartel": "Cártel de Sinaloa", "Gulf Cartel": "Cártel del Golfo",
    "National Guard": "Guardia Nacional", "cartels": "cárteles", "cartel": "cártel",
    "border": "frontera", "fentanyl": "fentanilo", "prosecutors": "fiscales", "judge": "juez",
    "police": "policía", "governor": "gobernador", "migrants": "migrantes",
    "Supreme Court": "Suprema Corte", "Border Patrol": "Patrulla Fronteriza",
    "weapons": "armas", "soldiers": "soldados", "journalists": "periodistas",
}
#: only in the random segments (the corpus figures stay comparable with earlier runs)
EXTRA_TERMS = {"Attorney General's Office": "Fiscalía General de la República"}
FILLER = "the a police said on in near border report city and of".split()


def random_segments(n: int, seed: int = 0) -> list[str]:
    """Segments like the property test's: 1-14 words, each a filler word or a whole term."""
    rng = random.Random(seed)
    terms = sorted(TERMS) + sorted(EXTRA_TERMS)
    return [" ".join(rng.choice(FILLER) if rng.random() < 0.5 else rng.choice(terms)
                     for _ in range(rng.randint(1, 14))) + "."
            for _ in range(n)]


def requirements_for(segment: str, terms: dict[str, str] = TERMS) -> list[Requirement]:
    return plain_requirements(segment, terms)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="an en->es .argosmodel (default: tiny random)")
    parser.add_argument("--sentences", type=int, default=256)
    parser.add_argument("--budget", type=int, default=256, help="decoding budget (pieces)")
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument("--random", type=int, default=500,
                        help="random term-dense segments to check (0: skip)")
    args = parser.parse_args()

    from translate.engines.argos import ArgosEngine, Forcing
    from translate.engines.argos_packages import install_package_file

    with tempfile.TemporaryDirectory(prefix="bench-argos-") as tmp:
        home = Path(tmp)
        model = args.model
        if model is None:
            from translate.engines.tinyargos import build_tiny_package

            t0 = time.perf_counter()
            model = build_tiny_package(home / "tiny.argosmodel", CORPUS)
            print(f"build tiny model: {time.perf_counter() - t0:.2f} s, "
                  f"{model.stat().st_size / 1e6:.2f} MB")
        t0 = time.perf_counter()
        install_package_file(model, home)
        print(f"install: {time.perf_counter() - t0:.3f} s")

        engine = ArgosEngine(home, beam_size=args.beam, decoding_budget=args.budget)
        t0 = time.perf_counter()
        engine.load("en", "es")
        print(f"load: {time.perf_counter() - t0:.3f} s")

        english = CORPUS.read_text(encoding="utf-8").splitlines()[0:-1:2]
        lines = (english * (args.sentences // len(english) + 1))[:args.sentences]
        reqs = [requirements_for(line) for line in lines]

        t0 = time.perf_counter()
        engine.translate(lines, "en", "es")
        plain = time.perf_counter() - t0
        calls_plain = engine.decode_calls
        print(f"plain: {len(lines)} sentences in {plain:.2f} s = {len(lines) / plain:.1f} "
              f"sentences/s ({calls_plain} decoder call, beam {args.beam}, "
              f"budget {args.budget})")

        t0 = time.perf_counter()
        results = engine.translate_detailed(lines, "en", "es", requirements=reqs)
        forced = time.perf_counter() - t0
        hows = Counter(t.how for r in results for t in r.terms)
        print(f"forced: {sum(map(len, reqs))} required terms in {len(lines)} sentences: "
              f"{forced:.2f} s = {len(lines) / forced:.1f} sentences/s, "
              f"{forced / plain:.2f}x plain, {engine.decode_calls - calls_plain} decoder calls; "
              + ", ".join(f"{how.value} {n}" for how, n in sorted(hows.items())))
        missing = hows.get(Forcing.FAILED, 0)
        print(f"terms missing from the output: {missing}")

        if args.random:
            from translate.engines.argos import find_term

            segments = random_segments(args.random)
            rreqs = [requirements_for(seg, TERMS | EXTRA_TERMS) for seg in segments]
            t0 = time.perf_counter()
            results = engine.translate_detailed(segments, "en", "es", requirements=rreqs)
            took = time.perf_counter() - t0
            failed = sum(t.how is Forcing.FAILED for r in results for t in r.terms)
            short = 0  # required k times, found fewer than k times
            bad = 0
            for result, seg_reqs in zip(results, rreqs, strict=True):
                need = Counter(r.targets[0] for r in seg_reqs)
                lack = sum(max(0, n - len(find_term(result.text, [t]))) for t, n in need.items())
                short += lack
                bad += bool(lack) or any(t.how is Forcing.FAILED for t in result.terms)
            print(f"random: {len(segments)} segments, {sum(map(len, rreqs))} required terms, "
                  f"{took:.2f} s; reported failed {failed}, occurrences short {short}, "
                  f"segments with a missing term {bad}")


if __name__ == "__main__":
    main()
