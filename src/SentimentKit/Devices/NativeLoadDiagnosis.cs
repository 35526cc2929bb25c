using System.Text.RegularExpressions;

namespace SentimentKit.Devices;

/// <summary>
/// Turns the dynamic loader's words into a cause and a fix. TorchSharp itself reports every
/// native load failure as a missing package reference, which hides causes such as an old libstdc++.
/// </summary>
internal sealed partial record NativeLoadDiagnosis(string Cause, string Fix)
{
    internal const string LibStdCxxFix =
        "on Debian 12 run './build.sh prereq' as root, which adds Debian 13 (trixie) pinned at priority 100 and runs 'apt-get install -t trixie libstdc++6'; elsewhere install the libstdc++ of GCC 13 or newer (Ubuntu 24.04, Debian 13, Fedora 39 have it)";

    internal const string MissingLibTorchFix =
        "reference a native backend in the app (TorchSharp-cpu 0.107.0 or libtorch-cpu-linux-x64 2.10.0, or a CUDA libtorch package), or put an installed libtorch's lib folder (such as a PyTorch install's torch/lib) on LD_LIBRARY_PATH";

    /// <summary>Reads a loader message (dlerror text, as .NET puts it into DllNotFoundException).</summary>
    /// <param name="loaderMessage">The message; may be empty when none was captured.</param>
    /// <returns>The diagnosis.</returns>
    public static NativeLoadDiagnosis FromLoaderMessage(string? loaderMessage)
    {
        var text = loaderMessage ?? string.Empty;
        var symbol = MissingVersionPattern().Match(text);
        if (symbol.Success)
        {
            var version = symbol.Groups["version"].Value;
            var library = symbol.Groups["library"].Value;
            if (version.StartsWith("GLIBCXX_", StringComparison.Ordinal) || version.StartsWith("CXXABI_", StringComparison.Ordinal))
            {
                return new NativeLoadDiagnosis(
                    $"TorchSharp's native glue needs {version}, which this system's libstdc++ ({library}) lacks (GCC 13 or newer provides it)",
                    LibStdCxxFix);
            }

            return new NativeLoadDiagnosis(
                $"a native libtorch component needs {version}, which {library} on this system lacks",
                "use a newer Linux distribution (glibc 2.35 or newer) or a libtorch built for this one");
        }

        var missing = MissingFilePattern().Match(text);
        if (missing.Success)
        {
            var file = missing.Groups["file"].Value;
            return file.Contains("LibTorchSharp", StringComparison.Ordinal)
                ? new NativeLoadDiagnosis($"TorchSharp's native glue ({file}) is not in the app's folder", MissingLibTorchFix)
                : new NativeLoadDiagnosis($"libtorch ({file}) was not found beside the app nor on LD_LIBRARY_PATH", MissingLibTorchFix);
        }

        var firstLine = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return new NativeLoadDiagnosis(
            string.IsNullOrEmpty(firstLine) ? "libtorch could not be loaded" : $"libtorch could not be loaded ({firstLine})",
            MissingLibTorchFix);
    }

    /// <summary>Gets the one-line message for an exception.</summary>
    public string ToMessage() => $"libtorch could not be loaded: {Cause}. Fix: {Fix}.";

    // glibc's words: "/usr/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' not found (required by ...)".
    [GeneratedRegex(@"(?<library>[^\s:]+): version [`'](?<version>[A-Z_]+[0-9.]+)' not found")]
    private static partial Regex MissingVersionPattern();

    // glibc's words: "libtorch_cpu.so: cannot open shared object file: No such file or directory".
    [GeneratedRegex(@"(?<file>[^\s:]+\.so[0-9.]*): cannot open shared object file")]
    private static partial Regex MissingFilePattern();
}
