#!/usr/bin/env bash
# BN Lab memory over a long run: trains headless (or in the window, under Xvfb, with --window) for 30
# epochs on the full data and samples the process's resident memory (RSS) every 2 s. Prints RSS at the end
# of each 5th epoch: flat memory means the last epochs sit at the level of the first ones.
#   bench/memory.sh [--window] [BN Lab options]     default: --epochs 30
set -euo pipefail
cd "$(dirname "$0")/.."
window=false
if [ "${1:-}" = "--window" ]; then window=true; shift; fi
out=bench/results/memory-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
./bnlab --fetch-data >/dev/null
args=(--epochs 30 "$@")
if $window; then
  command -v Xvfb >/dev/null || apt-get install -y -qq xvfb >/dev/null
  display=:$((90 + RANDOM % 9))
  Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
  xvfb=$!
  trap 'kill $xvfb 2>/dev/null || true' EXIT
  sleep 1
  DISPLAY=$display ./bnlab --autostart --output "$out/results" "${args[@]}" > "$out/console.log" 2>&1 &
else
  ./bnlab --no-gui --output "$out/results" "${args[@]}" > "$out/console.log" 2>&1 &
fi
launcher=$!
sleep 1
pid=$(pgrep -f -n "bnlab.jar") # the JVM the launcher started
t0=$(date +%s%N)
echo "seconds,rss_mb" > "$out/rss.csv"
while kill -0 "$pid" 2>/dev/null && [ ! -f "$out/results/summary.json" ]; do
  rss=$(awk '/VmRSS/ {print $2}' /proc/"$pid"/status 2>/dev/null || echo 0)
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  echo "$((ms / 1000)).$(printf %03d $((ms % 1000))),$((rss / 1024))" >> "$out/rss.csv"
  sleep 2
done
if $window; then sleep 1; kill "$launcher" 2>/dev/null || true; fi
wait "$launcher" 2>/dev/null || true
python3 - "$out" <<'PY'
import csv, json, sys
out = sys.argv[1]
rows = [(float(r["seconds"]), int(r["rss_mb"])) for r in csv.DictReader(open(out + "/rss.csv"))]
summary = json.load(open(out + "/results/summary.json"))
epochs = summary["config"]["epochs"]
total = max(r["training_seconds"] for r in summary["runs"])
start = rows[-1][0] - total  # training began this long before the last sample
print("%d epochs, %.0f s of training, %d samples; peak RSS %d MB" % (epochs, total, len(rows), max(r for _, r in rows)))
for e in range(5, epochs + 1, 5):
    t = start + total * e / epochs
    near = min(rows, key=lambda r: abs(r[0] - t))
    print("  after epoch %2d: RSS %d MB" % (e, near[1]))
print("accuracy:", [r["test_accuracy"] for r in summary["runs"]])
PY
echo "samples: $out/rss.csv"
