"""Catalog benchmark: a generated 10,000-entry catalog through check, a no-op translate, and a
full prefill.

    .venv/bin/python bench/catalog.py [--entries 10000] [--engine memory|apertium|...]
                                      [--prefill-entries 500]

Prints wall and CPU times (CPU time is steadier on a shared machine). ``check`` (in process,
and as a whole ``glosa catalog check`` process with its start-up) and the no-op
``translate`` (every entry already translated, so nothing to fill, nothing written) must each
stay under 2 s for 10,000 entries. The full prefill is reported per entry, with the engine
named (Apertium when available).
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from glossary.csvfile import default_terms_dir, load_glossary
from translate.catalog import po
from translate.catalog.check import check_catalog
from translate.catalog.prefill import prefill_catalog

SUBJECTS = [("The Sinaloa cartel", "El cártel de Sinaloa"),
            ("The attorney general", "El fiscal general"),
            ("Federal police", "La policía federal"), ("The governor", "El gobernador"),
            ("A judge in Culiacán", "Un juez de Culiacán"),
            ("The National Guard", "La Guardia Nacional"), ("Prosecutors", "La fiscalía"),
            ("The mayor of Tijuana", "El alcalde de Tijuana")]
VERBS = [("denied", "negó"), ("announced", "anunció"), ("investigated", "investigó"),
         ("reported", "informó de"), ("confirmed", "confirmó"), ("rejected", "rechazó")]
OBJECTS = [("the arrest of {n} suspects", "la detención de {n} sospechosos"),
           ("a seizure of {n} kilograms of cocaine", "un decomiso de {n} kilos de cocaína"),
           ("an attack on {n} soldiers", "un ataque contra {n} soldados"),
           ("the extradition of a drug lord", "la extradición de un capo"),
           ("charges of money laundering", "cargos de lavado de dinero"),
           ("{n} million pesos in cash", "{n} millones de pesos en efectivo")]


def sentence(rng: random.Random, i: int) -> tuple[str, str]:
    """An English news sentence and a Spanish rendering with the same numbers and terms."""
    (s_en, s_es), (v_en, v_es), (o_en, o_es) = (rng.choice(SUBJECTS), rng.choice(VERBS),
                                                rng.choice(OBJECTS))
    n = rng.randint(2, 900)
    return (f"{s_en} {v_en} {o_en.format(n=n)} on day {i}.",
            f"{s_es} {v_es} {o_es.format(n=n)} el día {i}.")


def make_catalog(n: int, translated: bool, seed: int = 7) -> po.Catalog:
    rng = random.Random(seed)
    header = po.Message("", ("Language: es\nContent-Type: text/plain; charset=UTF-8\n"
                             "Plural-Forms: nplurals=2; plural=(n != 1);\n",))
    msgs = [header]
    for i in range(n):
        en, es = sentence(rng, i)
        if rng.random() < 0.3:
            en2, es2 = sentence(rng, i + n)
            en, es = f"{en} {en2}", f"{es} {es2}"
        msgs.append(po.Message(en, (es if translated else "",),
                               references=(f"story{i // 40}.md:{i % 40 + 1}",)))
    return po.Catalog(msgs)


def timed(label: str, fn):  # type: ignore[no-untyped-def]
    start, cpu = time.perf_counter(), time.process_time()
    out = fn()
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"{label}: {elapsed:.2f} s wall, {cpu:.2f} s CPU")
    return out, elapsed


def timed_process(label: str, args: list[str]) -> float:
    """Run a command; print its wall time and the CPU time it used (user + system)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    print(f"{label}: {elapsed:.2f} s wall, {cpu:.2f} s CPU")
    return elapsed


def open_engine(name: str):  # type: ignore[no-untyped-def]
    from translate.cli.catalog_cmd import open_engine as opener

    return opener(name)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--entries", type=int, default=10_000)
    ap.add_argument("--engine", default="memory")
    ap.add_argument("--prefill-entries", type=int, default=500)
    args = ap.parse_args()
    glossary = load_glossary([default_terms_dir()])
    print(f"glossary: {len(glossary)} entries; catalog: {args.entries} entries")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.po"
        # a translated catalog: Spanish renderings with the same numbers and terms
        cat = make_catalog(args.entries, translated=True)
        po.write_catalog(cat, path)
        print(f"file: {path.stat().st_size / 1e6:.1f} MB")
        loaded, _t = timed("read (strict parse)", lambda: po.read_catalog(path))
        timed("write unchanged (no rewrite)", lambda: po.write_catalog(loaded))
        findings, t_check = timed("check (read + all pair checks, desk glossary)",
                                  lambda: check_catalog(po.read_catalog(path), "en", "es",
                                                        glossary))
        print(f"  findings: {len(findings)}")
        glosa = str(Path(sys.executable).with_name("glosa"))
        timed_process("process start-up (glosa --help)", [glosa, "--help"])
        t_cli = timed_process("glosa catalog check (whole process: start-up, glossary, read, "
                              "check, print)", [glosa, "catalog", "check", str(path)])
        engine = open_engine(args.engine)

        def noop() -> bool:
            result = prefill_catalog(po.read_catalog(path), "en", "es", engine, glossary)
            assert result.filled == 0
            return po.write_catalog(result.catalog)

        changed, t_noop = timed("translate, nothing to fill (read + prefill + write)", noop)
        assert not changed
        # a full prefill of an untranslated catalog
        small = make_catalog(args.prefill_entries, translated=False, seed=11)
        result, t_fill = timed(f"prefill {args.prefill_entries} untranslated entries "
                               f"(engine {engine.name})",
                               lambda: prefill_catalog(small, "en", "es", engine, glossary))
        engine.close()
        print(f"  filled {result.filled}, skipped {len(result.warnings)}; "
              f"{1000 * t_fill / max(1, args.prefill_entries):.1f} ms per entry")
        print(f"under 2 s: check {t_check < 2}, glosa catalog check {t_cli < 2}, "
              f"no-op translate {t_noop < 2}")


if __name__ == "__main__":
    main()
