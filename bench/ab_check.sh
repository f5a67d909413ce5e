#!/bin/bash
# A/B timing of `glosa catalog check` for two checkouts, interleaved so both see the same load.
#   bench/ab_check.sh CATALOG.po TREE_A TREE_B [RUNS]
# e.g. bench/ab_check.sh /tmp/big10k.po /work/main . 3  (make the catalog with bench/catalog.py's
# make_catalog); uses this checkout's .venv, PYTHONPATH at each tree (-P: not the cwd).
set -eu
catalog=$1; a=$(cd "$2" && pwd); b=$(cd "$3" && pwd); runs=${4:-3}
py=$(cd "$(dirname "$0")/.." && pwd)/.venv/bin/python
for _ in $(seq "$runs"); do
  for tree in "$a" "$b"; do
    /usr/bin/time -f "$tree: %e s wall, %U+%S s CPU" env PYTHONPATH="$tree" "$py" -P -c \
      "import sys; sys.argv = ['glosa', 'catalog', 'check', '$catalog']
from translate.cli.main import run; run()" > /dev/null 2> >(tail -1 >&2) || true
  done
done
cat /proc/loadavg
