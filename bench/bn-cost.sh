#!/usr/bin/env bash
# BN Lab benchmark: what Batch Normalization costs per epoch. Trains the notebook's network without BN alone,
# then the one with BN after each ReLU alone (same settings, 2 epochs, probes off, full test set), interleaved
# (none, after, none, after, ...) so both see the same machine load, each in a fresh process started as
# ./bnlab starts it. Reports each run's training time (summary.json's training_seconds), the medians and
# their ratio, the same for the last epoch alone (steady state), and the CPU seconds of the thread running
# the run (bench/thread_cpu.py: building the network, training and the final test evaluation, which
# training_seconds leaves out). The two came within 2.3 % of each other in every run here: the thread
# hardly waits for a core. Target (issue 12): BN alone <= 1.10x the plain network alone.
# Columns of none.tsv / after.tsv: variant, training s, test accuracy, final loss, the run's thread CPU s.
#   bench/bn-cost.sh [PAIRS] [EPOCHS]        default 3 pairs, 2 epochs
#   BNLAB=/path/to/bnlab bench/bn-cost.sh    another launcher (e.g. a copied build)
#   EXTRA="-Dbnlab.stockLayers=true"          JVM options before -jar (here: DL4J's own layer code)
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=${1:-3}
epochs=${2:-2}
out=bench/results/bn-cost-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
if [ -n "${BNLAB:-}" ]; then
  cmd=("$BNLAB")
else
  [ -f target/bnlab.jar ] || ./mvnw -q -B -DskipTests package
  # ./bnlab's JVM settings, plus EXTRA
  # shellcheck disable=SC2206
  cmd=(java -Xmx1g -XX:+UseParallelGC ${EXTRA:-} -jar target/bnlab.jar)
fi
"${cmd[@]}" --fetch-data >/dev/null
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for i in $(seq "$pairs"); do
  for v in none after; do
    python3 bench/thread_cpu.py 'bnlab-run-[0-9]+' "$out/$v-$i.cpu" -- "${cmd[@]}" --no-gui --variants "$v" \
      --epochs "$epochs" --eval-every 0 --output "$out/$v-$i" > "$out/$v-$i.log" 2>&1
    python3 - "$out/$v-$i/summary.json" "$v" "$(cat "$out/$v-$i.cpu")" <<'PY' | tee -a "$out/$v.tsv"
import json, sys
r = json.load(open(sys.argv[1]))["runs"][0]
print("%s\t%.2f\t%.4f\t%.6f\t%s" % (sys.argv[2], r["training_seconds"], r["test_accuracy"], r["final_loss"], sys.argv[3]))
PY
  done
done
plain=$(cut -f2 "$out/none.tsv" | median)
bn=$(cut -f2 "$out/after.tsv" | median)
# the last epoch alone: the steady state, after the first epoch's JIT compilation
last() { { grep -h "epoch $epochs done in" "$out"/$1-*.log || true; } | sed 's/.* done in \([0-9.]*\) s.*/\1/' | median; }
plainLast=$(last none)
bnLast=$(last after)
echo "without BN: median training ${plain} s; BN after the activation: ${bn} s (${pairs} pairs, ${epochs} epochs each)"
echo "ratio BN / plain: $(python3 -c "print('%.3f' % ($bn / $plain))")   (target <= 1.10)"
echo "epoch ${epochs} alone: ${plainLast} s and ${bnLast} s, ratio $(python3 -c "print('%.3f' % ($bnLast / $plainLast))")"
plainCpu=$(cut -f5 "$out/none.tsv" | median)
bnCpu=$(cut -f5 "$out/after.tsv" | median)
echo "the run's thread, CPU: ${plainCpu} s and ${bnCpu} s, ratio $(python3 -c "print('%.3f' % ($bnCpu / $plainCpu))")"
echo "results in $out"
