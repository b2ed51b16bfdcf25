#!/usr/bin/env bash
# Does BN Lab agree with the notebook's PyTorch code? Over N seeds each (default 10), on this machine:
#   1. BN Lab's default experiment (DL4J's Nesterov momentum):  ./bnlab --no-gui --seeds N
#   2. BN Lab with the notebook's optimizer (classical momentum): ./bnlab --no-gui --preset notebook-match --seeds N
#   3. the notebook's PyTorch code (bench/notebook_pytorch.py), torch seeds 123..123+N-1, its BN network tested
#      both without model.eval() (as the notebook: each test batch's own statistics) and with model.eval()
# then bench/agreement_table.py writes table.md (means with 95 % t-intervals, the BN gap, Welch's t-test of
# each BN Lab distribution against PyTorch's) and accuracies.csv into bench/results/agreement-<date>/, and
# prints the table. Only accuracies are compared, not times: other work on the machine does not matter.
#   bench/agreement.sh [SEEDS]
#   AGREEMENT_OUT=DIR bench/agreement.sh     reuse DIR: parts whose results are there are not run again
#   PYTORCH_JOBS=2 PYTORCH_THREADS=1         PyTorch seeds run side by side, each with this many threads
#     (the default: on a busy 2-core machine, one process with 2 threads spent most of its time waiting for
#     its own threads, ~15 min per seed; accuracies do not depend on it, only float summation order could)
# PyTorch comes from Debian (python3-torch python3-torchvision libopenblas0-pthread, for /usr/bin/python3);
# the script installs them with apt-get when missing (run as root). The table needs only Python's standard
# library; with scipy installed it checks its statistics against scipy's.
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=${1:-10}
out=${AGREEMENT_OUT:-bench/results/agreement-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$out/pytorch"
py=${BENCH_PYTHON:-/usr/bin/python3} # Debian's python3-torch installs for the system Python
if ! "$py" -c 'import torch, torchvision' 2>/dev/null; then
  apt-get install -y -qq python3-torch python3-torchvision libopenblas0-pthread >/dev/null
fi
./bnlab --fetch-data >/dev/null
log() { echo "$(date +%H:%M:%S) $*" | tee -a "$out/progress.log"; }

for part in nesterov momentum; do
  if [ -f "$out/bnlab-$part/summary.json" ]; then
    log "BN Lab $part: already in $out/bnlab-$part"
    continue
  fi
  preset=$([ "$part" = momentum ] && echo notebook-match || echo notebook)
  log "BN Lab $part: ./bnlab --no-gui --preset $preset --seeds $seeds"
  ./bnlab --no-gui --preset "$preset" --seeds "$seeds" --output "$out/bnlab-$part" > "$out/bnlab-$part.log" 2>&1
done

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/MNIST/raw"
data_dir=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/user.home/ {print $2}')/.deeplearning4j
ln -s "$data_dir"/*-ubyte "$root/MNIST/raw/"
parallel=${PYTORCH_JOBS:-2}
threads=${PYTORCH_THREADS:-1}
pytorch_seed() {
  local seed=$1
  log "PyTorch seed $seed ($threads thread(s))"
  if "$py" bench/notebook_pytorch.py "$root" "$threads" --seed "$seed" --json "$out/pytorch/seed-$seed.json" \
    > "$out/pytorch/seed-$seed.log" 2>&1; then
    log "PyTorch seed $seed: $(grep -E '^(Accuracy|BN network)' "$out/pytorch/seed-$seed.log" | awk '{print $NF}' | tr '\n' ' ')"
  else
    log "PyTorch seed $seed FAILED: see $out/pytorch/seed-$seed.log"
  fi
}
for i in $(seq 0 $((seeds - 1))); do
  seed=$((123 + i))
  if [ -f "$out/pytorch/seed-$seed.json" ]; then
    continue
  fi
  while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do
    wait -n || true
  done
  pytorch_seed "$seed" &
done
wait

log "table"
python3 bench/agreement_table.py "$out"
