#!/usr/bin/env bash
# BN Lab window benchmark, under Xvfb: trains in the window (--autostart) and headless with the same
# settings, one after the other, and compares training time; the window also reports how long from Start
# to the first points on the chart, and how long tasks posted to the FX thread waited while training
# (p50 / p95 / max, sampled every 50 ms; start-up, before the first points, is reported apart).
#   bench/gui.sh [BN Lab options]        e.g. bench/gui.sh --epochs 50   (~47,000 points per run)
#   bench/gui.sh --seeds 5               10 runs drawing, as bands (issue "Experiments, not a pair")
#   BENCH_WINDOW_OPTS=-Dbnlab.chartRefreshMs=1000 bench/gui.sh   extra JVM options for the window only
# Needs Xvfb (Debian: xvfb); installs it with apt-get when missing (run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/results/gui-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
command -v Xvfb >/dev/null || apt-get install -y -qq xvfb >/dev/null
ldconfig -p | grep -q libgtk-3 || apt-get install -y -qq libgtk-3-0 >/dev/null # JavaFX's glass needs GTK 3
./bnlab --fetch-data >/dev/null
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
DISPLAY=$display BNLAB_JAVA_OPTS="-Xmx1g -XX:+UseParallelGC ${BENCH_WINDOW_OPTS:-} -Dbnlab.probe=$PWD/$out/probe.json" \
  ./bnlab --autostart --output "$out/window" "$@" > "$out/window.log" 2>&1 &
gui=$!
while [ ! -f "$out/window/summary.json" ] || [ ! -f "$out/probe.json" ]; do
  kill -0 $gui 2>/dev/null || { echo "the window exited early, see $out/window.log"; exit 1; }
  sleep 1
done
sleep 1
kill $gui; wait $gui 2>/dev/null || true
./bnlab --no-gui --output "$out/headless" "$@" > "$out/headless.log" 2>&1
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
w = json.load(open(out + "/window/summary.json"))
h = json.load(open(out + "/headless/summary.json"))
p = json.load(open(out + "/probe.json"))
tw = w["wall_seconds"]  # the experiment's own time: every run, from the first batch to the last evaluation
th = h["wall_seconds"]
print("runs: %d, iterations per run: %d" % (len(w["runs"]), p["iterations_per_run"]))
print("experiment: window %.1f s, headless %.1f s, window/headless %.3f" % (tw, th, tw / th))
print("Start -> first points on the chart: %.0f ms" % p["start_to_first_points_ms"])
print("FX thread latency while training: p50 %.1f ms, p95 %.1f ms, max %.1f ms (%d samples)"
      % (p["fx_latency_p50_ms"], p["fx_latency_p95_ms"], p["fx_latency_max_ms"], p["fx_latency_samples"]))
print("FX thread latency during start-up (Start -> first points): p95 %.1f ms, max %.1f ms (%d samples)"
      % (p["startup_latency_p95_ms"], p["startup_latency_max_ms"], p["startup_latency_samples"]))
print("accuracy: window %s, headless %s" % ([r["test_accuracy"] for r in w["runs"]], [r["test_accuracy"] for r in h["runs"]]))
print("identical accuracies: %s" % ([r["test_accuracy"] for r in w["runs"]] == [r["test_accuracy"] for r in h["runs"]]))
PY
