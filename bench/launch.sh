#!/usr/bin/env bash
# BN Lab benchmark: the default headless experiment started the two ways README allows, ./bnlab --no-gui
# and java -jar target/bnlab.jar --no-gui (which restarts itself in a child JVM with ./bnlab's heap and GC
# settings, dev.bnlab.JvmSettings), in pairs whose order alternates (A B, B A, ...), with whole-process
# wall time and the peak RSS of the whole process tree (bench/tree_rss.py). Both use the same Java
# (JAVA_HOME's when set, as ./bnlab does). Target (issue 12): java -jar within 10 % of ./bnlab, both
# <= 1.5 GiB.
#   bench/launch.sh [PAIRS]      default 4
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=${1:-4}
out=bench/results/launch-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
./bnlab --fetch-data >/dev/null
java_cmd=java
[ -n "${JAVA_HOME-}" ] && java_cmd="$JAVA_HOME/bin/java"
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for i in $(seq "$pairs"); do
  if [ $((i % 2)) = 1 ]; then order="bnlab jar"; else order="jar bnlab"; fi
  for way in $order; do
    if [ "$way" = bnlab ]; then cmd=(./bnlab); else cmd=("$java_cmd" -jar target/bnlab.jar); fi
    python3 bench/tree_rss.py "$out/$way-$i.txt" -- "${cmd[@]}" --no-gui --output "$out/$way-$i" > "$out/$way-$i.log" 2>&1
    read -r wall rss < "$out/$way-$i.txt"
    extra=$(python3 - "$out/$way-$i/summary.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(" ".join("%.4f" % r["test_accuracy"] for r in d["runs"]), d["environment"]["max_heap_mib"])
PY
)
    printf '%s\t%s\t%s\t%s\t%s\n' "$way" "$i" "$wall" "$rss" "$extra" | tee -a "$out/$way.tsv"
  done
done
b=$(cut -f3 "$out/bnlab.tsv" | median)
j=$(cut -f3 "$out/jar.tsv" | median)
echo "./bnlab --no-gui: median ${b} s, peak RSS $(cut -f4 "$out/bnlab.tsv" | sort -n | tail -1) MiB"
echo "java -jar target/bnlab.jar --no-gui: median ${j} s, peak RSS $(cut -f4 "$out/jar.tsv" | sort -n | tail -1) MiB"
echo "ratio java -jar / ./bnlab: $(python3 -c "print('%.3f' % ($j / $b))")   (target <= 1.10; RSS <= 1536 MiB)"
echo "per pair: $(paste <(cut -f3 "$out/bnlab.tsv") <(cut -f3 "$out/jar.tsv") | awk '{printf "%.3f ", $2 / $1}')"
echo "columns of bnlab.tsv / jar.tsv: way, pair, wall s, peak RSS of the process tree MiB, accuracies, max heap MiB"
echo "results in $out"
