#!/usr/bin/env bash
# Regenerates the demo's embedded default data, samples/SentimentKit.Demo/Data/imdb-sample.tar.gz: a stratified,
# seeded sample of IMDB (2,000 train and 1,000 test reviews, half pos, half neg) in the IMDB layout, written
# byte-for-byte reproducibly from the published archive.
#   eng/make-imdb-sample.sh [path/to/aclImdb_v1.tar.gz]     (default: ../shared/data/aclImdb_v1.tar.gz)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
data=${1:-$root/../shared/data/aclImdb_v1.tar.gz}
dotnet run -c Release --project tests/SentimentKit.Benchmarks -- sample-imdb \
    --data "$data" --out samples/SentimentKit.Demo/Data/imdb-sample.tar.gz \
    --train 2000 --test 1000 --seed 20110601
