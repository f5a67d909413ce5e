"""Speed, memory and quality of ``glosa translate`` (Apertium + desk glossary) on NTREX.

Runs, in one process run so the machine's load is shared alike:
1. bare ``apertium -u eng-spa`` on the 1997 NTREX English lines (the reference time);
2. ``glosa translate --from en --to es`` with the desk glossary on the same file (the CLI, as
   a user runs it: process start, glossary load, segmentation, matching, enforcement), first
   with a cold dictionary cache (compile included), then warm;
and reports wall time, the glosa/apertium ratio, peak RSS of glosa including its child
processes (the Apertium pipeline), and chrF2++ against the Mexican and the Spanish references.

Each round times bare Apertium then glosa; the per-round ratios are summarised (median,
quartiles, how many within 1.2x) as well as the best time of each.

Usage: ``.venv/bin/python bench/translate_speed.py [--ntrex DIR] [--runs N]``
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_NTREX = ROOT.parent / "shared" / "eval" / "ntrex128"


def timed(cmd: list[str], stdin_path: Path, env: dict[str, str]) -> tuple[float, str, float]:
    """Wall seconds, stdout, and peak RSS (MB) of the command and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with stdin_path.open("rb") as fh:
        t = time.perf_counter()
        proc = subprocess.run(cmd, stdin=fh, capture_output=True, env=env)
        wall = time.perf_counter() - t
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed: {proc.stderr.decode()[:500]}")
    # RUSAGE_CHILDREN gives the largest single descendant; measure the tree separately below
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, proc.stdout.decode("utf-8"), max(before, after) / 1024


def tree_peak_memory(cmd: list[str], stdin_path: Path, env: dict[str, str]
                     ) -> tuple[float, float]:
    """Peak summed RSS and peak summed PSS (MB) of a process and all its descendants, sampled
    every 20 ms. RSS counts shared libraries and pages once per process (an Apertium pipeline
    is ~12 processes); PSS shares them out, so its sum is the memory the tree really holds."""
    with stdin_path.open("rb") as fh:
        proc = subprocess.Popen(cmd, stdin=fh, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, env=env)
        peak_rss = peak_pss = 0.0
        while proc.poll() is None:
            rss, pss = _tree_memory(proc.pid)
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            time.sleep(0.02)
    return peak_rss, peak_pss


def _tree_memory(pid: int) -> tuple[float, float]:
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(d))
    rss = pss = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        stack.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            continue
    return rss / 1024, pss / 1024


def _quantile(sorted_values: list[float], q: float) -> float:
    """The ``q`` quantile of ``sorted_values`` (linear between the two nearest)."""
    pos = q * (len(sorted_values) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def chrf(hyps: list[str], refs: list[str]) -> float:
    from sacrebleu.metrics import CHRF

    return float(CHRF(word_order=2).corpus_score(hyps, [refs]).score)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--ntrex", type=Path, default=DEFAULT_NTREX)
    ap.add_argument("--runs", type=int, default=10,
                    help="rounds of bare then glosa (this VM's speed moves by 10-40%% "
                         "between runs: one round says little)")
    args = ap.parse_args()
    src = args.ntrex / "newstest2019-src.eng.txt"
    refs = {name: (args.ntrex / f"newstest2019-ref.{name}.txt").read_text(encoding="utf-8")
            .splitlines() for name in ("spa-MX", "spa")}
    lines = src.read_text(encoding="utf-8").splitlines()
    glosa = str(ROOT / ".venv" / "bin" / "glosa")
    # glosa's modules byte-compiled once, as a (non-editable) pip install does: an editable
    # checkout run with PYTHONDONTWRITEBYTECODE set (this project's sessions have it) would
    # otherwise compile about a dozen modules from source at every start (about 0.06 s)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "glossary"),
                    str(ROOT / "translate")], check=True, capture_output=True)
    print(f"load average before the runs: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, GLOSA_HOME=home)
        bare_cmd = ["apertium", "-u", "eng-spa"]
        glosa_cmd = [glosa, "translate", "--from", "en", "--to", "es"]
        cold, _out, _rss = timed(glosa_cmd, src, env)
        print(f"glosa cold cache (glossary compiled): {cold:.2f} s")
        bare_times, glosa_times = [], []
        bare_out = glosa_out = ""
        for _ in range(args.runs):
            t, bare_out, _ = timed(bare_cmd, src, env)
            bare_times.append(t)
            t, glosa_out, _ = timed(glosa_cmd, src, env)
            glosa_times.append(t)
        b, g = min(bare_times), min(glosa_times)
        print(f"bare apertium -u eng-spa: best {b:.2f} s of {bare_times}")
        print(f"glosa translate (desk glossary, warm cache): best {g:.2f} s of "
              f"{[round(x, 2) for x in glosa_times]}")
        ratios = sorted(x / y for x, y in zip(glosa_times, bare_times, strict=True))
        print(f"ratio glosa / apertium: {g / b:.2f}x (best of each); median of the per-run "
              f"ratios {statistics.median(ratios):.2f}x (quartiles "
              f"{_quantile(ratios, 0.25):.2f}-{_quantile(ratios, 0.75):.2f}x, "
              f"{sum(r <= 1.2 for r in ratios)} of {len(ratios)} runs within 1.2x); "
              f"load average now {os.getloadavg()[0]:.2f}")
        for label, cmd in (("bare apertium", bare_cmd), ("glosa", glosa_cmd)):
            rss, pss = tree_peak_memory(cmd, src, env)
            print(f"peak memory of {label} with all child processes: PSS {pss:.0f} MB "
                  f"(summed RSS {rss:.0f} MB)")
    glosa_lines = glosa_out.split("\n")[: len(lines)]
    bare_lines = bare_out.split("\n")[: len(lines)]
    assert len(glosa_lines) == len(lines), "glosa output is not line-aligned"
    for name, ref in refs.items():
        print(f"chrF2++ vs ref.{name}: apertium {chrf(bare_lines, ref):.1f}, "
              f"glosa {chrf(glosa_lines, ref):.1f}")


if __name__ == "__main__":
    main()
