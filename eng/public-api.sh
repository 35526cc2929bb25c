#!/usr/bin/env bash
# Rewrites each package's PublicAPI.Unshipped.txt from its code (every public symbol not in PublicAPI.Shipped.txt),
# so that the change shows in review. Run after changing a public API on purpose; the build fails (RS0016/RS0017)
# until then. (The analyzers' code fix only adds symbols reliably to an empty file, hence the rewrite.)
# Usage: eng/public-api.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
for project in "$root"/src/*/*.csproj; do
    dir=$(dirname "$project")
    [ -f "$dir/PublicAPI.Shipped.txt" ] || printf '#nullable enable\n' > "$dir/PublicAPI.Shipped.txt"
    printf '#nullable enable\n' > "$dir/PublicAPI.Unshipped.txt"
    dotnet format analyzers "$project" --diagnostics RS0016 RS0017 RS0036 RS0037 --severity warn -v quiet
done
