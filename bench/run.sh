#!/usr/bin/env bash
# BN Lab benchmark: the default headless experiment (60,000 images, 3 epochs, both runs, test evaluation)
# run exactly as README's command runs it (./bnlab --no-gui), with whole-process wall time and peak RSS,
# and the seed notebook's PyTorch code on the same machine, runs interleaved (BN Lab, PyTorch, BN Lab, ...)
# so that both see the same machine load. The machines here are shared and noisy: compare the ratio.
#   bench/run.sh [N]              N runs of each (default 3)
#   BENCH_PYTORCH=0 bench/run.sh  BN Lab only
# Needs /usr/bin/time. PyTorch comes from Debian (python3-torch python3-torchvision libopenblas0-pthread,
# for /usr/bin/python3); the script installs them with apt-get when missing (run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-3}
out=bench/results/run-$(date +%Y%m%d-%H%M%S) # a fresh folder: BN Lab never overwrites earlier results
mkdir -p "$out"
command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >/dev/null
./bnlab --fetch-data >/dev/null
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

pytorch=${BENCH_PYTORCH:-1}
py=${BENCH_PYTHON:-/usr/bin/python3} # Debian's python3-torch installs for the system Python
if [ "$pytorch" = 1 ]; then
  if ! "$py" -c 'import torch, torchvision' 2>/dev/null; then
    apt-get install -y -qq python3-torch python3-torchvision libopenblas0-pthread >/dev/null
  fi
  root=$(mktemp -d)
  mkdir -p "$root/MNIST/raw"
  data_dir=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/user.home/ {print $2}')/.deeplearning4j
  ln -s "$data_dir"/*-ubyte "$root/MNIST/raw/"
fi

: > "$out/bnlab.tsv"
: > "$out/pytorch.tsv"
for i in $(seq "$n"); do
  /usr/bin/time -f '%e %M' -o "$out/time.txt" ./bnlab --no-gui --output "$out/run-$i" > "$out/run-$i.log" 2>&1
  read -r wall rss < "$out/time.txt"
  acc=$(python3 -c "import json;d=json.load(open('$out/run-$i/summary.json'));print(' '.join('%.4f'%r['test_accuracy'] for r in d['runs']))")
  printf 'bnlab\t%s\t%s\t%s\n' "$wall" "$rss" "$acc" | tee -a "$out/bnlab.tsv"
  if [ "$pytorch" = 1 ]; then
    /usr/bin/time -f '%e %M' -o "$out/time.txt" "$py" bench/notebook_pytorch.py "$root" 2 > "$out/pytorch-$i.log" 2>&1
    read -r wall rss < "$out/time.txt"
    printf 'pytorch\t%s\t%s\t%s\n' "$wall" "$rss" "$(grep Accuracy "$out/pytorch-$i.log" | awk '{print $NF}' | tr '\n' ' ')" | tee -a "$out/pytorch.tsv"
  fi
done
bn_wall=$(cut -f2 "$out/bnlab.tsv" | median)
bn_rss=$(cut -f3 "$out/bnlab.tsv" | sort -n | tail -1)
echo "BN Lab headless default: median wall ${bn_wall} s over $n runs, peak RSS $((bn_rss / 1024)) MB"
if [ "$pytorch" = 1 ]; then
  pt_wall=$(cut -f2 "$out/pytorch.tsv" | median)
  echo "PyTorch notebook: median wall ${pt_wall} s over $n runs"
  echo "ratio BN Lab / PyTorch: $(python3 -c "print('%.2f' % ($bn_wall / $pt_wall))")"
fi
echo "results in $out"
