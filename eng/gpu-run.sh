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
# The transformer on full IMDB (issue 13): all-MiniLM-L6-v2 fine-tuned on the 25,000 training reviews, scored on the
# learning curve's 5,000 test reviews. model.onnx (91 MB) is larger than what one run carries (64 MiB), so it travels
# in two halves in two runs while the machine stays warm (ignored files are kept between calls):
#   here: mkdir -p .gpu/minilm && split -b 45M artifacts/minilm/model.onnx .gpu/minilm/model.onnx.part- && cp artifacts/minilm/vocab.txt .gpu/minilm/
#   run 1 carries .gpu/minilm/model.onnx.part-aa (move -ab aside), run 2 carries -ab and the rest and runs this script.
if ls .gpu/minilm/model.onnx.part-* > /dev/null 2>&1 && [ -f .gpu/minilm/vocab.txt ]; then
    cat .gpu/minilm/model.onnx.part-* > .gpu/minilm/model.onnx
    step transformer-curve-cuda 480 bench curve --data "$data" --models transformer,nbsvm --sizes 25000 --test 5000 --max-tokens 512 \
        --device cuda --encoder .gpu/minilm/model.onnx --vocab .gpu/minilm/vocab.txt --out "$out/curve"
else
    echo "transformer-curve-cuda: skipped, .gpu/minilm holds no MiniLM files (see eng/gpu-run.sh)" | tee -a "$out/summary.txt"
fi
tail -n 3 "$out"/*.log > "$out/tails.txt"
