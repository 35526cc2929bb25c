#!/usr/bin/env bash
# Proves SentimentKit works when referenced as a package: builds a throwaway console app outside
# the repository that references the packed SentimentKit from a local folder plus the CPU backend,
# runs it (device, train, save, load, predict), and checks that without a native backend the app
# gets SentimentKit's one-line diagnosis. Then a second app (eng/consumer-onnx) that references only the
# SentimentKit.Onnx package, published for linux-x64, predicts with the models the first app trained, and the
# check shows its publish folder holds no TorchSharp and no libtorch, its size (at most 60 MB) and the highest
# GLIBCXX version its native libraries need (at most 3.4.30: a stock Debian 12 runs it).
# Usage: eng/consumer-check.sh PACKAGES_DIR [CONFIGURATION]
set -euo pipefail
packages=$(cd "${1:?usage: consumer-check.sh PACKAGES_DIR [CONFIGURATION]}" && pwd)
config=${2:-Release}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
nupkg=$(ls "$packages"/SentimentKit.[0-9]*.nupkg | head -n 1)
version=$(basename "$nupkg" .nupkg); version=${version#SentimentKit.}
torchsharp=$(sed -n 's|.*Include="TorchSharp-cpu" Version="\([^"]*\)".*|\1|p' "$root/Directory.Packages.props")
work=$(mktemp -d "${TMPDIR:-/tmp}/sentimentkit-consumer.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The package cache keeps one copy per version: drop any earlier build of this version.
cache=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
rm -rf "${cache%/}/sentimentkit/$version" "${cache%/}/sentimentkit.core/$version" "${cache%/}/sentimentkit.onnx/$version"

make_app() { # make_app DIR WITH_BACKEND [PACKAGE PROGRAM_DIR PROJECT_NAME]
    local package=${3:-SentimentKit} program=${4:-consumer} name=${5:-Consumer}
    mkdir -p "$1"
    cat > "$1/nuget.config" <<CFG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="sentimentkit-local" value="$packages" />
  </packageSources>
</configuration>
CFG
    local backend=""
    [ "$2" = yes ] && backend="<PackageReference Include=\"TorchSharp-cpu\" Version=\"$torchsharp\" />"
    cat > "$1/$name.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="$package" Version="$version" />
    $backend
  </ItemGroup>
</Project>
PROJ
    cp "$root/eng/$program/Program.cs" "$1/Program.cs"
}

echo "consumer check: SentimentKit $version from $packages"
make_app "$work/with-backend" yes
dotnet build "$work/with-backend" -c "$config" -nologo -v quiet
mkdir -p "$work/models"
SENTIMENTKIT_CONSUMER_MODELS="$work/models" dotnet run --project "$work/with-backend" -c "$config" --no-build
dotnet run --project "$work/with-backend" -c "$config" --no-build -- predict "$work/models"

make_app "$work/without-backend" no
dotnet build "$work/without-backend" -c "$config" -nologo -v quiet
set +e
out=$(dotnet run --project "$work/without-backend" -c "$config" --no-build 2>&1)
rc=$?
set -e
if [ "$rc" -ne 3 ] || ! grep -q "^consumer: libtorch could not be loaded: TorchSharp's native glue" <<<"$out"; then
    echo "consumer check FAILED: without a native backend expected SentimentKit's diagnosis and exit 3, got exit $rc:" >&2
    echo "$out" >&2
    exit 1
fi
echo "$out"

# The ONNX-only app: SentimentKit.Onnx alone, published for linux-x64 (framework-dependent).
onnx_app="$work/onnx-only"
make_app "$onnx_app" no SentimentKit.Onnx consumer-onnx ConsumerOnnx
dotnet publish "$onnx_app" -c "$config" -r linux-x64 --self-contained false -o "$onnx_app/publish" -nologo -v quiet
"$onnx_app/publish/ConsumerOnnx" "$work/models"
failed=0
torch_files=$(find "$onnx_app/publish" \( -iname '*torch*' -o -iname 'libc10*' \) | sed "s|$onnx_app/publish/||")
if [ -n "$torch_files" ]; then echo "consumer check FAILED: the ONNX-only app ships TorchSharp or libtorch: $torch_files" >&2; failed=1; fi
size_mb=$(du -sm "$onnx_app/publish" | cut -f1)
glibcxx=$(find "$onnx_app/publish" -name '*.so*' -exec objdump -T {} + 2>/dev/null | grep -o 'GLIBCXX_[0-9.]*' | sort -uV | tail -n 1)
glibc=$(find "$onnx_app/publish" -name '*.so*' -exec objdump -T {} + 2>/dev/null | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -n 1)
echo "consumer-onnx: publish folder (linux-x64, framework-dependent): ${size_mb} MB, no TorchSharp or libtorch file; native libraries: $(cd "$onnx_app/publish" && find . -name '*.so*' -printf '%P (%s bytes) ' ); they need at most ${glibcxx:-no GLIBCXX} and ${glibc:-no GLIBC}"
[ "$size_mb" -le 60 ] || { echo "consumer check FAILED: the ONNX-only publish folder is ${size_mb} MB, over 60 MB" >&2; failed=1; }
if [ -n "$glibcxx" ] && [ "$(printf '%s\n%s\n' "$glibcxx" GLIBCXX_3.4.30 | sort -V | tail -n 1)" != GLIBCXX_3.4.30 ]; then
    echo "consumer check FAILED: the ONNX-only app's native libraries need $glibcxx, newer than GLIBCXX_3.4.30" >&2; failed=1
fi
[ "$failed" -eq 0 ] || exit 1
echo "consumer check: passed"
