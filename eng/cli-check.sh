#!/usr/bin/env bash
# Drives the built `sentimentkit` command through the contract of DESIGN.md on a generated TSV:
# train (baseline, nbsvm, bilstm and auto), evaluate --json, predict --json from stdin and --text, serve, exit codes.
# Usage: eng/cli-check.sh [CONFIGURATION]
set -euo pipefail
config=${1:-Release}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cli="$root/samples/SentimentKit.Demo/bin/$config/net10.0/sentimentkit"
[ -x "$cli" ] || { echo "cli check: $cli is not built" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/sentimentkit-cli.XXXXXX")
serve_pid=""
stop_server() { if [ -n "$serve_pid" ]; then kill "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; serve_pid=""; fi; }
trap 'stop_server; rm -rf "$work"' EXIT
cd "$work"
failures=0
fail() { echo "cli check FAILED: $*" >&2; failures=$((failures + 1)); }
flip_byte() { # flip_byte FILE OFFSET: xor one byte with 0x55 in place
    local byte; byte=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
    # shellcheck disable=SC2059
    printf "$(printf '\\%03o' $((byte ^ 0x55)))" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}
expect_stderr() { # expect_stderr DESCRIPTION PATTERN: after expect_exit, the reason on stderr matches
    grep -q -- "$2" err.txt || fail "$1: stderr lacks '$2': $(head -c 300 err.txt)"
    ! LC_ALL=C grep -q '[[:cntrl:]]' err.txt || fail "$1: stderr holds control characters"
}
expect_exit() { # expect_exit CODE DESCRIPTION COMMAND...
    local want=$1 what=$2; shift 2
    set +e; "$@" >out.txt 2>err.txt < /dev/null; local got=$?; set -e
    [ "$got" -eq "$want" ] || fail "$what: exit $got, expected $want ($(head -c 300 err.txt))"
    if [ "$want" -eq 2 ] && [ "$(wc -l < err.txt)" -ne 1 ]; then fail "$what: expected a one-line reason on stderr, got: $(cat err.txt)"; fi
}

# 400 generated reviews: filler words around one sentiment word; labels as words.
awk 'BEGIN {
    srand(7); split("great wonderful excellent loved brilliant", pos, " "); split("awful terrible boring waste horrible", neg, " ");
    split("the movie film was plot actors a story and it this of scenes", fill, " ");
    print "text\tlabel";
    for (i = 0; i < 400; i++) {
        p = i % 2; n = 4 + int(rand() * 6); cue = int(rand() * n); line = "";
        for (w = 0; w < n; w++) { word = (w == cue) ? (p ? pos[1 + int(rand() * 5)] : neg[1 + int(rand() * 5)]) : fill[1 + int(rand() * 13)]; line = line (w ? " " : "") word }
        print line "\t" (p ? "positive" : "negative");
    }
}' > train.tsv

expect_exit 0 "train baseline --json" "$cli" train --data train.tsv --model baseline --epochs 4 --seed 1 --out baseline.skm --json
[ "$(wc -l < out.txt)" -eq 1 ] && grep -q '^{.*"validation":' out.txt || fail "train --json must print one JSON object on stdout, got: $(head -c 300 out.txt)"
[ -s baseline.skm ] || fail "train did not write baseline.skm"

expect_exit 0 "train bilstm" "$cli" train --data train.tsv --model bilstm --epochs 1 --max-tokens 32 --batch-size 32 --out bilstm.skm
[ -s bilstm.skm ] || fail "train did not write bilstm.skm"

expect_exit 0 "train nbsvm" "$cli" train --data train.tsv --model nbsvm --epochs 2 --out nbsvm.skm
[ -s nbsvm.skm ] || fail "train did not write nbsvm.skm"
expect_exit 0 "train --model auto" "$cli" train --data train.tsv --model auto --time-budget 20 --out auto.skm --json
[ -s auto.skm ] && grep -q '"leaderboard":\[{' out.txt && grep -q '"chosen":true' out.txt || fail "train --model auto must save a model and print its leaderboard: $(head -c 300 out.txt)"
expect_exit 2 "--time-budget 0" "$cli" train --data train.tsv --model auto --time-budget 0 --out auto2.skm
expect_stderr "--time-budget 0" "--time-budget must be a positive number"
expect_exit 2 "--time-budget not a number" "$cli" train --data train.tsv --model auto --time-budget soon --out auto2.skm
expect_exit 2 "--time-budget without auto" "$cli" train --data train.tsv --model nbsvm --time-budget 5 --out auto2.skm
expect_exit 2 "--epochs with auto" "$cli" train --data train.tsv --model auto --epochs 3 --out auto2.skm
[ ! -e auto2.skm ] || fail "a refused auto run wrote auto2.skm"

expect_exit 0 "predict nbsvm" "$cli" predict --model nbsvm.skm --text "what a great film" --json
grep -q '"label":' out.txt || fail "predict --json with the nbsvm model printed: $(head -c 300 out.txt)"

expect_exit 0 "evaluate --json" "$cli" evaluate --model baseline.skm --data train.tsv --format tsv --json
[ "$(wc -l < out.txt)" -eq 1 ] || fail "evaluate --json must print exactly one line"
for key in accuracy macro_f1 count per_class confusion_matrix; do
    grep -q "\"$key\":" out.txt || fail "evaluate --json lacks $key: $(head -c 300 out.txt)"
done

printf 'what a great film\nthe plot was awful\n' > texts.txt
set +e; "$cli" predict --model baseline.skm --json < texts.txt > out.txt 2> err.txt; rc=$?; set -e
[ "$rc" -eq 0 ] || fail "predict from stdin: exit $rc"
[ "$(wc -l < out.txt)" -eq 2 ] || fail "predict --json must print one line per input text, got $(wc -l < out.txt)"
while read -r line; do
    for key in label confidence probabilities; do
        grep -q "\"$key\":" <<<"$line" || fail "predict --json line lacks $key: $line"
    done
done < out.txt
grep -q '"text":"what a great film","label":"positive"' out.txt || fail "predict: 'what a great film' was not positive: $(head -n 1 out.txt)"

expect_exit 0 "predict --text" "$cli" predict --model bilstm.skm --text "loved it" --text "boring" --json
[ "$(wc -l < out.txt)" -eq 2 ] || fail "predict --text twice must print two lines"
expect_exit 0 "predict --explain --json" "$cli" predict --model nbsvm.skm --text "what a great film" --explain --json
grep -q '"tokens":\[{"token":"what","attribution":' out.txt || fail "predict --explain --json lacks tokens with attributions: $(head -c 300 out.txt)"
expect_exit 0 "predict --explain" "$cli" predict --model bilstm.skm --text "loved it" --explain
grep -q "loved" out.txt || fail "predict --explain did not show the words: $(head -c 300 out.txt)"
expect_exit 0 "device" "$cli" device --device cpu

# ONNX: export, then the libtorch-free runtime (from the .skm and from the exported file) must give the labels and,
# within 1e-5, the probabilities of TorchSharp; a damaged .onnx is exit 2 with one line.
probabilities() { sed 's/"text":"[^"]*",//' "$1" | grep -o '[0-9][0-9.eE+-]*' | tr '\n' ' '; }
same_within() { # same_within DESCRIPTION FILE_A FILE_B: every number of the two outputs within 1e-5, labels equal
    diff <(grep -o '"label":"[^"]*"' "$2") <(grep -o '"label":"[^"]*"' "$3") > /dev/null || fail "$1: labels differ: $(head -c 300 "$2") vs $(head -c 300 "$3")"
    awk -v a="$(probabilities "$2")" -v b="$(probabilities "$3")" 'BEGIN { n = split(a, x, " "); m = split(b, y, " ");
        if (n != m || n == 0) exit 1; for (i = 1; i <= n; i++) { d = x[i] - y[i]; if (d < 0) d = -d; if (d > 1e-5) exit 1 } }' \
        || fail "$1: numbers differ by more than 1e-5: $(head -c 300 "$2") vs $(head -c 300 "$3")"
}
onnx_runtime_check() { # onnx_runtime_check MODEL: export MODEL.skm, then predict and evaluate with both runtimes
    local m=$1
    expect_exit 0 "export $m" "$cli" export --model $m.skm --out $m.onnx
    [ -s $m.onnx ] || fail "export did not write $m.onnx"
    printf 'what a great film\nthe plot was awful\n\nboring boring boring but the actors were wonderful\nA CLICHÉD, Naïve plot\n' > onnx-texts.txt
    "$cli" predict --model $m.skm --json < onnx-texts.txt > torch.txt 2> err.txt || fail "predict $m --runtime torch: $(cat err.txt)"
    for source in $m.skm $m.onnx; do
        "$cli" predict --model $source --runtime onnx --json < onnx-texts.txt > onnx.txt 2> err.txt || fail "predict $source --runtime onnx: $(cat err.txt)"
        same_within "predict $source --runtime onnx vs torch" torch.txt onnx.txt
    done
    expect_exit 0 "evaluate $m --runtime torch" "$cli" evaluate --model $m.skm --data train.tsv --format tsv --json
    mv out.txt torch.txt
    expect_exit 0 "evaluate $m --runtime onnx" "$cli" evaluate --model $m.onnx --runtime onnx --data train.tsv --format tsv --json
    same_within "evaluate $m --runtime onnx vs torch" torch.txt out.txt
}
for m in bilstm nbsvm; do
    onnx_runtime_check $m
done
expect_exit 0 "predict --explain with --runtime onnx (n-grams)" "$cli" predict --model nbsvm.onnx --runtime onnx --text "what a great film" --explain --json
grep -q '"tokens":\[{"token":"what","attribution":' out.txt || fail "predict --explain --runtime onnx lacks tokens: $(head -c 300 out.txt)"
expect_exit 2 "predict --explain --runtime onnx (bilstm)" "$cli" predict --model bilstm.skm --runtime onnx --text "loved it" --explain
head -c 5000 bilstm.onnx > cut.onnx
expect_exit 2 "a truncated .onnx" "$cli" predict --model cut.onnx --runtime onnx --text "loved it"
expect_stderr "a truncated .onnx" "cannot be loaded: Truncated ONNX"
expect_exit 2 "a text file as .onnx" "$cli" evaluate --model train.tsv --runtime onnx --data train.tsv
expect_exit 2 "export to a missing folder" "$cli" export --model nbsvm.skm --out missing/x.onnx
expect_exit 2 "export a file that is not a model" "$cli" export --model train.tsv --out x.onnx

# serve: on a free loopback port (0), its address read from the one line it prints on stdout; then health, predict,
# explain, the model, the page, the OpenAPI document and malformed JSON over HTTP; then stopped with SIGTERM.
"$cli" serve --model baseline.skm --urls http://127.0.0.1:0 > serve.out 2> serve.err < /dev/null &
serve_pid=$!
url=""
for _ in $(seq 1 300); do
    url=$(sed -n 's/^serving .* at \(http:[^ ]*\).*/\1/p' serve.out | head -n 1)
    [ -n "$url" ] && break
    kill -0 "$serve_pid" 2> /dev/null || break
    sleep 0.2
done
http() { # http METHOD PATH [JSON]: the status code; the body goes to out.txt
    local method=$1 path=$2
    shift 2
    curl -sS -o out.txt -w '%{http_code}' -X "$method" ${1:+-H 'Content-Type: application/json' --data-binary "$1"} "$url$path" 2> curl.err || echo "000"
}
if [ -z "$url" ]; then
    fail "serve did not print where it listens: $(head -c 300 serve.err)"
else
    code=$(http GET /healthz)
    [ "$code" = 200 ] && grep -q '"status":"Healthy"' out.txt || fail "serve GET /healthz: $code $(head -c 300 out.txt)"
    code=$(http POST /predict '{"texts": ["what a great film", "the plot was awful"]}')
    [ "$code" = 200 ] && grep -q '^\[{"label":"positive","confidence":[0-9.eE-]*,"probabilities":{[^}]*}},{"label":"negative",' out.txt \
        || fail "serve POST /predict: $code $(head -c 300 out.txt)"
    code=$(http POST /predict '{"texts": ["unterminated')
    [ "$code" = 400 ] && grep -q '"detail":"The request body is not valid JSON' out.txt || fail "serve POST /predict with bad JSON: $code $(head -c 300 out.txt)"
    code=$(http POST /explain '{"text": "what a great film"}')
    [ "$code" = 200 ] && grep -q '"tokens":\[{"token":"what","attribution":' out.txt || fail "serve POST /explain: $code $(head -c 300 out.txt)"
    code=$(http GET /model)
    [ "$code" = 200 ] && grep -q '"labels":\["negative","positive"\]' out.txt || fail "serve GET /model: $code $(head -c 300 out.txt)"
    code=$(http GET /)
    [ "$code" = 200 ] && grep -q '<textarea' out.txt || fail "serve GET /: $code $(head -c 300 out.txt)"
    code=$(http GET /openapi/v1.json)
    [ "$code" = 200 ] && grep -q '"/predict"' out.txt || fail "serve GET /openapi/v1.json: $code $(head -c 300 out.txt)"
    kill "$serve_pid"
    set +e; wait "$serve_pid"; rc=$?; set -e
    serve_pid=""
    [ "$rc" -eq 0 ] || fail "serve stopped by SIGTERM exited $rc, expected 0 ($(tail -n 3 serve.err))"
fi
stop_server
expect_exit 2 "serve a missing model" "$cli" serve --model missing.skm --urls http://127.0.0.1:0
expect_exit 2 "serve a file that is not a model" "$cli" serve --model train.tsv --urls http://127.0.0.1:0
expect_exit 2 "serve --runtime onnx a corrupt .onnx" "$cli" serve --model cut.onnx --runtime onnx --urls http://127.0.0.1:0
expect_exit 2 "serve --urls not an address" "$cli" serve --model baseline.skm --urls nowhere

printf 'text\tlabel\ngreat film\tpositive\nodd film\tD\n' > unknown-label.tsv
expect_exit 2 "evaluate with a label the model lacks" "$cli" evaluate --model baseline.skm --data unknown-label.tsv
grep -q "unknown-label.tsv:3" err.txt || fail "an unknown label must be named with its file and line: $(cat err.txt)"
! grep -q "Parameter" err.txt || fail "the reason names a .NET parameter: $(cat err.txt)"
expect_exit 2 "unknown verb" "$cli" frobnicate
expect_exit 2 "missing data file" "$cli" train --data missing.tsv --out x.skm
expect_exit 2 "missing column" "$cli" train --data train.tsv --text-column review --out x.skm
expect_exit 2 "bad option value" "$cli" train --data train.tsv --epochs many --out x.skm
expect_exit 2 "not a model" "$cli" evaluate --model train.tsv --data train.tsv

# Batch scoring in-process (the Redis side is proved by tests/SentimentKit.Scoring.Tests): results.jsonl with one line
# per text, a rerun reuses every shard, and bad input exits 2 with nothing written.
expect_exit 0 "score" "$cli" score --model baseline.skm --input train.tsv --out scored --shard-size 64 --json
grep -q '"succeeded":true' out.txt && grep -q '"texts":400' out.txt || fail "score: unexpected summary: $(head -c 300 out.txt)"
[ "$(wc -l < scored/results.jsonl)" -eq 400 ] || fail "score: results.jsonl should hold 400 lines"
expect_exit 0 "score again (resumes)" "$cli" score --model baseline.skm --input train.tsv --out scored --shard-size 64 --json
grep -q '"shards_reused":7' out.txt || fail "score again: every shard should be reused: $(head -c 300 out.txt)"
expect_exit 2 "score a missing input" "$cli" score --model baseline.skm --input missing.csv --out scored-missing
[ ! -e scored-missing ] || fail "score a missing input: the output folder was created"
expect_exit 2 "score with a model that does not load" "$cli" score --model train.tsv --input train.tsv --out scored-bad
[ ! -e scored-bad ] || fail "score with a broken model: the output folder was created"
expect_exit 2 "score with an unreachable Redis" "$cli" score --model baseline.skm --input train.tsv --out scored-queue --queue redis://127.0.0.1:1/job
[ ! -e scored-queue/results.jsonl ] || fail "score with an unreachable Redis: results.jsonl was written"
expect_exit 2 "worker with a bad queue address" "$cli" worker --model baseline.skm --queue nowhere
expect_exit 2 "cuda without a CUDA libtorch" "$cli" device --device cuda

# Multi-label: a TSV whose label column holds label sets joined with '|' (each of three labels on 45% of the rows, one
# cue word each at a random place, so about a sixth of the rows have none), trained with --label-separator; predict
# --json prints labels, evaluate --json the multi-label metrics; JSON Lines arrays switch by themselves; the ONNX
# runtime gives the same sets; and each kind of mismatch is exit 2 with one line.
awk 'BEGIN {
    srand(11); split("joy anger boredom", names, " "); split("great awful boring", cues, " ");
    split("the movie film was plot actors a story and it this of scenes", fill, " ");
    print "text\tlabel";
    for (i = 0; i < 600; i++) {
        n = 2 + int(rand() * 4); labels = "";
        for (w = 1; w <= n; w++) words[w] = fill[1 + int(rand() * 13)];
        for (k = 1; k <= 3; k++) if (rand() < 0.45) {
            p = 1 + int(rand() * (n + 1)); for (w = n; w >= p; w--) words[w + 1] = words[w]; words[p] = cues[k]; n++;
            labels = labels (labels == "" ? "" : "|") names[k];
        }
        line = words[1]; for (w = 2; w <= n; w++) line = line " " words[w];
        print line "\t" labels;
    }
}' > multi.tsv
awk -F'\t' 'NR > 1 { n = split($2, l, "|"); printf "{\"text\":\"%s\",\"label\":[", $1; for (k = 1; k <= n; k++) printf "%s\"%s\"", (k > 1 ? "," : ""), l[k]; print "]}" }' multi.tsv > multi.jsonl
expect_exit 0 "train multi-label (--label-separator)" "$cli" train --data multi.tsv --label-separator '|' --model nbsvm --epochs 10 --batch-size 8 --seed 1 --out multi.skm --json
grep -q '"task":"multi_label"' out.txt && grep -q '"thresholds":\[{"label":"anger","threshold":' out.txt || fail "train multi-label --json: no task or thresholds: $(head -c 300 out.txt)"
expect_exit 0 "predict multi-label --json" "$cli" predict --model multi.skm --text "the film was great and boring" --text "the plot" --json
head -n 1 out.txt | grep -q '"labels":\["\(joy\|boredom\)","\(joy\|boredom\)"\]' || fail "predict multi-label: expected labels joy and boredom: $(head -n 1 out.txt)"
sed -n 2p out.txt | grep -q '"labels":\[\]' || fail "predict multi-label: expected no label for 'the plot': $(sed -n 2p out.txt)"
grep -q '"probabilities":{"anger":' out.txt || fail "predict multi-label: no probabilities: $(head -c 300 out.txt)"
expect_exit 0 "predict multi-label --explain --json" "$cli" predict --model multi.skm --text "the film was great and boring" --explain --json
grep -q '"per_label":{' out.txt || fail "predict multi-label --explain: no per-label attributions: $(head -c 300 out.txt)"
expect_exit 0 "evaluate multi-label --json" "$cli" evaluate --model multi.skm --data multi.tsv --label-separator '|' --json
for key in micro_f1 macro_f1 weighted_f1 hamming_loss subset_accuracy label_ranking_average_precision per_label roc_auc threshold; do
    grep -q "\"$key\":" out.txt || fail "evaluate multi-label --json lacks $key: $(head -c 300 out.txt)"
done
awk -v line="$(cat out.txt)" 'BEGIN { match(line, /"micro_f1":[0-9.eE-]+/); v = substr(line, RSTART + 11, RLENGTH - 11); exit !(v >= 0.95) }' \
    || fail "evaluate multi-label: micro F1 below 0.95 on its own training data: $(head -c 300 out.txt)"
expect_exit 0 "train multi-label from JSON Lines arrays" "$cli" train --data multi.jsonl --model baseline --epochs 2 --seed 1 --out multi-jsonl.skm --json
grep -q '"task":"multi_label"' out.txt || fail "train on JSON Lines arrays is not multi-label: $(head -c 300 out.txt)"
expect_exit 0 "export multi-label" "$cli" export --model multi.skm --out multi.onnx
printf 'the film was great and boring\nthe plot\nawful awful\n' > multi-texts.txt
"$cli" predict --model multi.skm --json < multi-texts.txt > torch.txt 2> err.txt || fail "predict multi.skm: $(cat err.txt)"
for source in multi.skm multi.onnx; do
    "$cli" predict --model $source --runtime onnx --json < multi-texts.txt > onnx.txt 2> err.txt || fail "predict $source --runtime onnx: $(cat err.txt)"
    same_within "multi-label predict $source --runtime onnx vs torch" torch.txt onnx.txt
    diff <(grep -o '"labels":\[[^]]*\]' torch.txt) <(grep -o '"labels":\[[^]]*\]' onnx.txt) > /dev/null || fail "multi-label $source --runtime onnx: label sets differ"
done
expect_exit 0 "score multi-label" "$cli" score --model multi.skm --input multi.tsv --out scored-multi --json
grep -q '"labels":\[' scored-multi/results.jsonl || fail "score multi-label: results.jsonl has no labels: $(head -c 300 scored-multi/results.jsonl)"
expect_exit 2 "an empty --label-separator" "$cli" train --data multi.tsv --label-separator '' --out x.skm
expect_stderr "an empty --label-separator" "label-separator"
expect_exit 2 "--label-separator equal to the TSV delimiter" "$cli" train --data multi.tsv --label-separator "$(printf '\t')" --out x.skm
expect_stderr "--label-separator equal to the TSV delimiter" "label-separator"
awk -F'\t' 'NR == 1 || $2 != ""' multi.tsv > labelled.tsv
expect_exit 2 "a label column of sets without --label-separator" "$cli" train --data labelled.tsv --out x.skm
expect_stderr "a label column of sets without --label-separator" "label-separator '|'"
expect_exit 2 "a single-label model given multi-label data" "$cli" evaluate --model baseline.skm --data multi.tsv --label-separator '|'
expect_stderr "a single-label model given multi-label data" "single-label"
expect_exit 2 "a multi-label model given single-label data" "$cli" evaluate --model multi.skm --data train.tsv
expect_stderr "a multi-label model given single-label data" "multi-label"
expect_exit 2 "--model auto with multi-label data" "$cli" train --data multi.tsv --label-separator '|' --model auto --time-budget 5 --out x.skm
[ ! -e x.skm ] || fail "a refused multi-label run wrote x.skm"

# The transformer: its encoder files, missing or bad, are one line (exit 2) before any data is read; with the MiniLM
# files of ./build.sh minilm (when present) it trains, saves one file, predicts and explains, and the ONNX runtime
# predicts as TorchSharp from the .skm and from the exported .onnx.
SENTIMENTKIT_MINILM_DIR="$work/no-minilm" expect_exit 2 "transformer without the MiniLM files" "$cli" train --data train.tsv --model transformer --out x.skm
expect_stderr "transformer without the MiniLM files" "build.sh minilm"
printf '[PAD]\n[UNK]\n[CLS]\n[SEP]\n' > tiny-vocab.txt
printf 'not an onnx model' > bad.onnx
expect_exit 2 "transformer with a bad --encoder" "$cli" train --data train.tsv --model transformer --encoder bad.onnx --vocab tiny-vocab.txt --out x.skm
expect_stderr "transformer with a bad --encoder" "bad.onnx"
expect_exit 2 "--encoder without --vocab" "$cli" train --data train.tsv --model transformer --encoder bad.onnx --out x.skm
expect_exit 2 "--encoder with bilstm" "$cli" train --data train.tsv --model bilstm --encoder bad.onnx --vocab tiny-vocab.txt --out x.skm
if [ -f "$root/artifacts/minilm/model.onnx" ]; then
    expect_exit 0 "train transformer (MiniLM)" "$cli" train --data train.tsv --model transformer --limit 40 --epochs 1 --max-tokens 16 --out transformer.skm
    expect_exit 0 "predict --explain transformer" "$cli" predict --model transformer.skm --text "a wonderful film" --explain --json
    grep -q '"wonderful"' out.txt || fail "predict --explain with the transformer: words expected, got: $(head -c 300 out.txt)"
    onnx_runtime_check transformer
    expect_exit 2 "predict --explain --runtime onnx (transformer)" "$cli" predict --model transformer.onnx --runtime onnx --text "loved it" --explain
fi

# A model with the IMDB labels (neg, pos), so that an archive that loads gives exit 0, not a label mismatch.
sample="$root/samples/SentimentKit.Demo/Data/imdb-sample.tar.gz"
size=$(stat -c %s "$sample")
expect_exit 0 "train on the IMDB sample" "$cli" train --data "$sample" --model baseline --epochs 1 --limit 300 --out imdb.skm
expect_exit 0 "evaluate on the IMDB sample" "$cli" evaluate --model imdb.skm --data "$sample" --json

# Bad data files: each is exit 2 with a one-line reason, never a crash or a partial load.
mkdir folder.d
expect_exit 2 "a folder as csv" "$cli" train --data folder.d --format csv --out x.skm
expect_stderr "a folder as csv" "'folder.d' is a folder"
expect_exit 2 "/dev/zero as csv" "$cli" train --data /dev/zero --format csv --out x.skm
expect_stderr "/dev/zero as csv" "binary data"
expect_exit 2 "/dev/zero as jsonl" "$cli" evaluate --model baseline.skm --data /dev/zero --format jsonl
expect_stderr "/dev/zero as jsonl" "binary data"
expect_exit 2 "/dev/zero, format from the name" "$cli" train --data /dev/zero --out x.skm
! grep -q "Parameter" err.txt || fail "/dev/zero: the reason names a .NET parameter: $(cat err.txt)"
cp "$sample" crc.tar.gz && flip_byte crc.tar.gz $((size - 8))
cp "$sample" isize.tar.gz && flip_byte isize.tar.gz $((size - 2))
head -c $((size - 8)) "$sample" > cut.tar.gz
cp "$sample" middle.tar.gz && flip_byte middle.tar.gz $((size / 2))
for archive in crc isize cut middle; do
    expect_exit 2 "$archive.tar.gz (damaged gzip)" "$cli" evaluate --model imdb.skm --data $archive.tar.gz
    expect_stderr "$archive.tar.gz (damaged gzip)" "gzip data is corrupt"
done
expect_exit 2 "review over --max-text-bytes" "$cli" evaluate --model imdb.skm --data "$sample" --max-text-bytes 100
expect_stderr "review over --max-text-bytes" "longer than 100 bytes, the MaxTextBytes limit"
expect_exit 2 "archive over --max-decompressed-bytes" "$cli" evaluate --model imdb.skm --data "$sample" --max-decompressed-bytes 100000
expect_stderr "archive over --max-decompressed-bytes" "MaxDecompressedBytes limit"
gzip -c train.tsv > train.tsv.gz
expect_exit 2 "tsv.gz over --max-decompressed-bytes" "$cli" evaluate --model baseline.skm --data train.tsv.gz --max-decompressed-bytes 1000
expect_stderr "tsv.gz over --max-decompressed-bytes" "MaxDecompressedBytes limit"
iconv -f UTF-8 -t UTF-16LE train.tsv > utf16.tsv
expect_exit 2 "UTF-16 without a byte order mark" "$cli" evaluate --model baseline.skm --data utf16.tsv
expect_stderr "UTF-16 without a byte order mark" "iconv -f UTF-16LE -t UTF-8"
[ ! -e x.skm ] || fail "a failed train left x.skm behind"

# TSV has no quoting: texts that begin, end or are full of quotes load as they are.
{
    printf 'text\tlabel\n'
    printf '"Masks" is a great film\tpositive\n'
    printf 'an awful film, "boring"\tnegative\n'
    printf '"""wonderful"""\tpositive\n'
    printf '"\tnegative\n'
} > quotes.tsv
expect_exit 0 "tsv with quotes" "$cli" evaluate --model baseline.skm --data quotes.tsv --json
grep -q '"count":4' out.txt || fail "tsv with quotes: expected 4 examples, got: $(head -c 300 out.txt)"

# IMDB folder: a symbolic link to a folder outside the dataset is skipped and counted on stderr.
mkdir imdb outside
tar xzf "$sample" -C imdb
mv imdb/aclImdb/test/pos outside/pos
ln -s "$work/outside/pos" imdb/aclImdb/test/pos
expect_exit 0 "IMDB folder with a symlinked folder" "$cli" evaluate --model imdb.skm --data imdb --json
grep -q '"count":500' out.txt || fail "symlinked folder: expected the 500 negative reviews only, got: $(head -c 300 out.txt)"
grep -q '1 links or unsafe paths skipped' err.txt || fail "symlinked folder: the skipped link is not reported: $(head -c 300 err.txt)"

if [ "$failures" -gt 0 ]; then
    echo "cli check: $failures failure(s)" >&2
    exit 1
fi
echo "cli check: passed"
