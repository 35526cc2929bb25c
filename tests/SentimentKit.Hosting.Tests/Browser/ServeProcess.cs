using System.Diagnostics;

namespace SentimentKit.Hosting.Tests.Browser;

/// <summary>
/// <c>sentimentkit serve</c> run as a person runs it, on a free port of 127.0.0.1 (port 0): the address is read from
/// the one line it prints on stdout. Stopped on dispose.
/// </summary>
internal sealed class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _stderr = [];

    private ServeProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public static async Task<ServeProcess> StartAsync(string cli, string model)
    {
        File.Exists(cli).Should().BeTrue($"the test project builds {cli} first");
        var process = Process.Start(new ProcessStartInfo(cli, ["serve", "--model", model, "--urls", "http://127.0.0.1:0", "--device", "cpu"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var stderr = new List<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderr)
                {
                    stderr.Add(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        try
        {
            using var wait = new CancellationTokenSource(Eventually.Limit);
            var line = await process.StandardOutput.ReadLineAsync(wait.Token)
                ?? throw new InvalidOperationException($"sentimentkit serve exited ({process.ExitCode}): {string.Join(" | ", stderr)}");
            var url = line[(line.LastIndexOf(" at ", StringComparison.Ordinal) + 4)..].Split(' ')[0];
            return new ServeProcess(process, url);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }
}
