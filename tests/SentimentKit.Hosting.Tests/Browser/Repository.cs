using System.Diagnostics;

namespace SentimentKit.Hosting.Tests.Browser;

/// <summary>Where the repository's files are, seen from the test's output folder.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>Gets the build configuration of this test assembly (Release or Debug), read from its output folder.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>Gets the built <c>sentimentkit</c> command of the same configuration (the test project builds it first).</summary>
    public static string Cli => Path.Combine(Root, "samples", "SentimentKit.Demo", "bin", Configuration, "net10.0", "sentimentkit");

    /// <summary>Runs <c>eng/browser.sh --check</c>: the paths of Chromium and chromedriver, or why there are none.</summary>
    public static (string? Chromium, string? Driver, string Reason) FindBrowser()
    {
        using var script = Process.Start(new ProcessStartInfo("bash", [Path.Combine(Root, "eng", "browser.sh"), "--check"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var output = script.StandardOutput.ReadToEndAsync();
        var error = script.StandardError.ReadToEnd();
        script.WaitForExit();
        var lines = output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return script.ExitCode == 0 && lines.Length == 2 ? (lines[0], lines[1], string.Empty) : (null, null, error.Trim());
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SentimentKit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No SentimentKit.sln above {AppContext.BaseDirectory}.");
    }
}
