#!/usr/bin/env bash
# A Redis server for the scoring tests and checks: Debian's redis-server package, installed with apt-get when missing
# and this runs as root (CI: a fresh Debian as root, no stdin), started bound to 127.0.0.1 on a free port with
# append-only persistence in a temporary folder, and stopped (the folder removed) after.
# Usage: eng/redis.sh install        install redis-server where missing; print its path
#        eng/redis.sh run CMD [ARG]... run CMD with SENTIMENTKIT_REDIS=127.0.0.1:PORT (and SENTIMENTKIT_REDIS_SERVER,
#                                      the binary, for tests that restart a server of their own); exit with its status
set -euo pipefail

say() { printf 'redis.sh: %s\n' "$*" >&2; }

install() {
    if command -v redis-server > /dev/null && command -v redis-cli > /dev/null; then
        command -v redis-server
        return 0
    fi
    if [ "$(id -u)" != 0 ] || ! command -v apt-get > /dev/null; then
        say "redis-server is missing and cannot be installed here (needs root and apt-get); install Redis 7 to run the scoring tests"
        return 1
    fi
    local log=${TMPDIR:-/tmp}/sentimentkit-redis-apt.log
    say "installing redis-server with apt-get (log: $log)"
    if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends redis-server redis-tools; } > "$log" 2>&1 < /dev/null; then
        tail -n 20 "$log" >&2
        say "apt-get could not install redis-server (full log: $log)"
        return 1
    fi
    command -v redis-server
}

run() {
    local server dir port pid status=0 try
    server=$(install)
    dir=$(mktemp -d "${TMPDIR:-/tmp}/sentimentkit-redis.XXXXXX")
    for try in 1 2 3 4 5 6 7 8 9 10; do
        port=$((20000 + RANDOM % 40000))
        "$server" --bind 127.0.0.1 --port "$port" --dir "$dir" --appendonly yes --appendfsync always --save '' \
            --daemonize no --logfile "$dir/redis.log" &
        pid=$!
        for _ in $(seq 50); do
            if redis-cli -h 127.0.0.1 -p "$port" ping 2> /dev/null | grep -q PONG; then break 2; fi
            kill -0 "$pid" 2> /dev/null || break
            sleep 0.1
        done
        kill "$pid" 2> /dev/null || true
        wait "$pid" 2> /dev/null || true
        pid=
    done
    if [ -z "$pid" ]; then
        say "redis-server did not start (log: $dir/redis.log)"
        return 1
    fi
    say "redis-server on 127.0.0.1:$port (append-only, $dir)"
    SENTIMENTKIT_REDIS=127.0.0.1:$port SENTIMENTKIT_REDIS_SERVER=$server "$@" || status=$?
    kill "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
    rm -rf "$dir"
    return "$status"
}

case "${1:-}" in
    install) install ;;
    run) shift; [ $# -gt 0 ] || { say "run needs a command"; exit 2; }; run "$@" ;;
    *) say "usage: eng/redis.sh install | run CMD [ARG]..."; exit 2 ;;
esac
