#!/usr/bin/env bash
# BN Lab benchmark: what scheduling a sweep costs. Runs one 1-epoch cell of each variant alone (the notebook
# network at lr 0.01, both variants side by side: one per core), then the lr-sweep preset (6 rates x 2
# variants x 3 seeds = 36 cells), headless, and compares the sweep's wall time with
#   cells x (mean time of one 1-epoch cell) / cores used          (the issue's bound; target <= 1.15x)
# and with the sum of the cells' own training times / cores used    (idle lanes and start-up only).
#   bench/sweep.sh                 BNLAB=/path/to/bnlab bench/sweep.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bnlab=${BNLAB:-./bnlab}
out=bench/results/sweep-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
"$bnlab" --fetch-data >/dev/null
"$bnlab" --no-gui --epochs 1 --output "$out/cell" > "$out/cell.log" 2>&1
start=$(date +%s.%N)
"$bnlab" --no-gui --preset lr-sweep --output "$out/sweep" > "$out/sweep.log" 2>&1
wall=$(python3 -c "print('%.2f' % ($(date +%s.%N) - $start))")
python3 - "$out/cell/summary.json" "$out/sweep/summary.json" "$wall" <<'PY'
import json, sys
cell = json.load(open(sys.argv[1]))
sweep = json.load(open(sys.argv[2]))
wall = float(sys.argv[3])
one = sum(r["training_seconds"] for r in cell["runs"]) / len(cell["runs"])
cores = sweep["environment"]["cpus"]
runs = sweep["runs"]
bound = len(runs) * one / cores
own = sum(r["training_seconds"] for r in runs) / cores
diverged = sum(1 for r in runs if r["status"] == "diverged")
print("one 1-epoch cell: %.2f s (mean of %s)" % (one, ", ".join("%.2f" % r["training_seconds"] for r in cell["runs"])))
print("sweep: %d cells (%d diverged and stopped early) on %d cores: wall %.2f s, training %.2f s of it" % (
    len(runs), diverged, cores, wall, sweep["wall_seconds"]))
print("cells x one cell / cores = %.2f s: ratio %.3f (target <= 1.15)" % (bound, sweep["wall_seconds"] / bound))
print("sum of the cells' own times / cores = %.2f s: ratio %.3f" % (own, sweep["wall_seconds"] / own))
PY
