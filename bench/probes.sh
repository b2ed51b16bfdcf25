#!/usr/bin/env bash
# BN Lab benchmark: what measuring inside the networks costs. Runs the default notebook experiment headless
# with probes off (--eval-every 0) and on at each K given, interleaved (0, K1, K2, 0, K1, K2, ...) so all see
# the same machine load, and reports the median whole-process wall time and the median training time per
# run (summary.json's training_seconds, which includes probe_seconds) against probes off.
# Target (issue "Inside the network"): at the default K, training time <= 1.05x probes off.
#   bench/probes.sh [ROUNDS] [K ...]        default 3 rounds, K = 100 200
#   BNLAB=/path/to/bnlab bench/probes.sh    another launcher (e.g. a copied build)
#   EXTRA="--eval-examples 500" bench/probes.sh   more options for every run
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
shift || true
ks=("${@:-100 200}")
read -r -a ks <<< "${ks[*]}"
bnlab=${BNLAB:-./bnlab}
out=bench/results/probes-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
"$bnlab" --fetch-data >/dev/null
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for i in $(seq "$rounds"); do
  for k in 0 "${ks[@]}"; do
    start=$(date +%s.%N)
    # shellcheck disable=SC2086
    "$bnlab" --no-gui --eval-every "$k" ${EXTRA:-} --output "$out/k$k-$i" > "$out/k$k-$i.log" 2>&1
    wall=$(python3 -c "print('%.2f' % ($(date +%s.%N) - $start))")
    python3 - "$out/k$k-$i/summary.json" "$wall" <<'PY' | tee -a "$out/k$k.tsv"
import json, sys
d = json.load(open(sys.argv[1]))
runs = d["runs"]
train = sum(r["training_seconds"] for r in runs) / len(runs)
probe = sum(r.get("probe_seconds", 0) for r in runs) / len(runs)
print("%s\t%.2f\t%.2f\t%s" % (sys.argv[2], train, probe, " ".join("%.4f" % r["test_accuracy"] for r in runs)))
PY
  done
done
base_wall=$(cut -f1 "$out/k0.tsv" | median)
base_train=$(cut -f2 "$out/k0.tsv" | median)
echo "probes off: median wall ${base_wall} s, training ${base_train} s per run"
for k in "${ks[@]}"; do
  wall=$(cut -f1 "$out/k$k.tsv" | median)
  train=$(cut -f2 "$out/k$k.tsv" | median)
  probe=$(cut -f3 "$out/k$k.tsv" | median)
  echo "eval-every $k: median wall ${wall} s ($(python3 -c "print('%.3f' % ($wall / $base_wall))")x), training ${train} s per run ($(python3 -c "print('%.3f' % ($train / $base_train))")x), of which probes ${probe} s"
done
