#!/usr/bin/env bash
# BN Lab benchmark: what N seeds cost. Runs the notebook preset headless with 1 seed and with N seeds
# (default 5: 10 runs), interleaved (1, N, 1, N, ...) so both see the same machine load, exactly as
# README's command runs it (./bnlab --no-gui), with whole-process wall time and peak RSS.
# Target (issue "Experiments, not a pair"): N=5 takes <= 5.0x the 1-seed time, peak RSS <= 1.5 GiB.
#   bench/seeds.sh [PAIRS] [SEEDS]      default 3 pairs, 5 seeds
# Needs /usr/bin/time (Debian: time); installs it with apt-get when missing (run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=${1:-3}
seeds=${2:-5}
out=bench/results/seeds-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >/dev/null
./bnlab --fetch-data >/dev/null
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for i in $(seq "$pairs"); do
  for s in 1 "$seeds"; do
    /usr/bin/time -f '%e %M' -o "$out/time.txt" ./bnlab --no-gui --seeds "$s" --output "$out/s$s-$i" > "$out/s$s-$i.log" 2>&1
    read -r wall rss < "$out/time.txt"
    printf '%s\t%s\t%s\n' "$wall" "$rss" "$(python3 -c "import json;d=json.load(open('$out/s$s-$i/summary.json'));print(' '.join('%.4f'%r['test_accuracy'] for r in d['runs']))")" | tee -a "$out/seeds-$s.tsv"
  done
done
one=$(cut -f1 "$out/seeds-1.tsv" | median)
many=$(cut -f1 "$out/seeds-$seeds.tsv" | median)
rss=$(cut -f2 "$out/seeds-$seeds.tsv" | sort -n | tail -1)
echo "1 seed: median ${one} s; $seeds seeds: median ${many} s; ratio $(python3 -c "print('%.2f' % ($many / $one))") (target <= $seeds.0)"
echo "peak RSS with $seeds seeds: $((rss / 1024)) MiB (target <= 1536 MiB)"
