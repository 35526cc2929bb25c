#!/usr/bin/env bash
# The accelerator-machine checks of this project, in one command (see ../shared/gpu/README.md).
# Here, first:   ../shared/gpu/pack.sh tests/SentimentKit.Benchmarks/SentimentKit.Benchmarks.csproj --with-imdb
# Then with the device tool, carry [".gpu"]:   bash eng/gpu-run.sh
# Each step writes its log under $OUT (or ./gpu-results); the most important come first, and each has
# its own time limit, so that a slow step cannot eat the others' time.
set -uo pipefail
out=${OUT:-gpu-results}
mkdir -p "$out"
data=.gpu/data/aclImdb_v1.tar.gz
bench() { bash .gpu/remote.sh SentimentKit.Benchmarks.dll "$@"; }
step() { # step NAME SECONDS COMMAND...
    local name=$1 limit=$2; shift 2
    local start=$SECONDS
    timeout "$limit" "$@" > "$out/$name.log" 2>&1
    echo "$name: exit $? in $((SECONDS - start)) s" | tee -a "$out/summary.txt"
}
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv > "$out/nvidia-smi.csv" 2>&1
step device-proof 120 bench device-proof --device cuda --expect cuda
step bilstm-cuda 240 bench imdb --data "$data" --model bilstm --device cuda --json
step seed-pytorch 240 python3 .gpu/seed_imdb.py "$data" 4
step nbsvm-cuda 90 bench imdb --data "$data" --model baseline --ngrams 3 --weighting naivebayes --device cuda --json
tail -n 3 "$out"/*.log > "$out/tails.txt"
