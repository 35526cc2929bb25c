#!/usr/bin/env bash
# Proves SentimentKit works when referenced as a package: builds a throwaway console app outside
# the repository that references the packed SentimentKit from a local folder plus the CPU backend,
# runs it (device, train, save, load, predict), and checks that without a native backend the app
# gets SentimentKit's one-line diagnosis.
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
rm -rf "${cache%/}/sentimentkit/$version" "${cache%/}/sentimentkit.core/$version"

make_app() { # make_app DIR WITH_BACKEND
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
    cat > "$1/Consumer.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="SentimentKit" Version="$version" />
    $backend
  </ItemGroup>
</Project>
PROJ
    cp "$root/eng/consumer/Program.cs" "$1/Program.cs"
}

echo "consumer check: SentimentKit $version from $packages"
make_app "$work/with-backend" yes
dotnet build "$work/with-backend" -c "$config" -nologo -v quiet
dotnet run --project "$work/with-backend" -c "$config" --no-build

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
echo "consumer check: passed"
