using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using SentimentKit.Data;
using SentimentKit.Devices;

namespace SentimentKit.Benchmarks;

/// <summary>
/// <c>serve-load</c>: <c>sentimentkit serve</c> under load on loopback. For each model: in-process
/// <c>PredictBatch</c> throughput first (the reference), then the command started on 127.0.0.1 and driven by an
/// in-process HTTP load generator — a fixed number of <c>/predict</c> requests of one IMDB test review each over a
/// fixed number of connections, bounded in time — with requests/s, p50/p95/p99 latency, errors, and the server's
/// resident memory after warm-up and after the run.
/// </summary>
internal static class ServeLoadCommand
{
    private const int InProcessBatch = 256;

    public static int Run(VerbOptions options)
    {
        var models = (options.Get("models") ?? throw new ArgumentException("--models A.skm[,B.skm] is required (train them with sentimentkit train)."))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var requests = options.GetInt("requests", 20_000);
        var connections = options.GetInt("connections", 32);
        var warmup = options.GetInt("warmup", 1_000);
        var maxSeconds = options.GetInt("max-seconds", 900);
        var cli = options.Get("cli") ?? DefaultCli();
        if (!File.Exists(cli))
        {
            throw new ArgumentException($"no sentimentkit command at '{cli}'; build the solution or pass --cli PATH.");
        }

        var reviews = ImdbData.Load(ImdbData.Locate(options.Get("data")), ImdbSplit.Test).Examples.Select(e => e.Text).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"serve-load: {requests:N0} POST /predict requests of one IMDB test review each, {connections} connections, loopback only, at most {maxSeconds} s per model; {Environment.ProcessorCount} cores shared by server and client"));
        foreach (var model in models)
        {
            var reference = InProcessThroughput(model, reviews, maxSeconds / 4);
            var served = ServeAsync(cli, model, reviews, requests, connections, warmup, TimeSpan.FromSeconds(maxSeconds)).GetAwaiter().GetResult();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {reference.Kind,-7} {served.Completed:N0} requests answered 200 in {served.Seconds:F1} s: {served.Completed / served.Seconds:F0} requests/s; latency p50 {served.P50:F2} ms, p95 {served.P95:F2} ms, p99 {served.P99:F2} ms, max {served.Max:F1} ms; {served.Errors} errors"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"          server resident memory {served.RssBeforeMb:F0} MB after warm-up, {served.RssAfterMb:F0} MB after ({(served.RssAfterMb / served.RssBeforeMb) - 1:+0.0%;-0.0%}); in-process PredictBatch({InProcessBatch}) {reference.TextsPerSecond:F0} texts/s: served/in-process {served.Completed / served.Seconds / reference.TextsPerSecond:F2}"));
        }

        return 0;
    }

    private static string DefaultCli()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SentimentKit.sln")))
            {
                var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
                return Path.Combine(dir.FullName, "samples", "SentimentKit.Demo", "bin", configuration, "net10.0", "sentimentkit");
            }
        }

        return "sentimentkit";
    }

    /// <summary>Texts per second of batched prediction in this process, over the same reviews, for at most a time budget.</summary>
    private static (ModelKind Kind, double TextsPerSecond) InProcessThroughput(string model, string[] reviews, int seconds)
    {
        using var predictor = new TorchPredictorLoader(DevicePreference.Cpu).Load(model);
        predictor.PredictBatch(reviews.Take(InProcessBatch).ToArray());
        var watch = Stopwatch.StartNew();
        var done = 0;
        while (done < reviews.Length && watch.Elapsed.TotalSeconds < seconds)
        {
            var batch = reviews.Skip(done).Take(InProcessBatch).ToArray();
            predictor.PredictBatch(batch);
            done += batch.Length;
        }

        return (predictor.Info.Kind, done / watch.Elapsed.TotalSeconds);
    }

    private static async Task<Result> ServeAsync(string cli, string model, string[] reviews, int requests, int connections, int warmup, TimeSpan limit)
    {
        using var server = Process.Start(new ProcessStartInfo(cli, ["serve", "--model", model, "--urls", "http://127.0.0.1:0", "--device", "cpu"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        // The server logs to stderr: its warnings and errors are kept to explain any failed request.
        var serverLog = new ConcurrentQueue<string>();
        server.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } logged && (logged.StartsWith("warn", StringComparison.Ordinal) || logged.StartsWith("fail", StringComparison.Ordinal) || logged.StartsWith("crit", StringComparison.Ordinal)))
            {
                serverLog.Enqueue(logged);
            }
        };
        server.BeginErrorReadLine();
        try
        {
            using var started = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            var line = await server.StandardOutput.ReadLineAsync(started.Token).ConfigureAwait(false) ?? throw new InvalidOperationException("sentimentkit serve exited before listening.");
            var url = new Uri(line[(line.LastIndexOf(" at ", StringComparison.Ordinal) + 4)..].Trim() + "/predict");
            var bodies = reviews.Select(r => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { texts = new[] { r } }))).ToArray();
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
            {
                Timeout = TimeSpan.FromSeconds(60),
            };
            await RunAsync(client, url, bodies, warmup, connections, limit, offset: bodies.Length / 2).ConfigureAwait(false);
            var rssBefore = ResidentMb(server.Id);
            var watch = Stopwatch.StartNew();

            // In four quarters, the server's memory read after each: growth that levels off is not a leak.
            var latencies = new List<double>();
            var errors = new List<string>();
            var rss = new List<double>();
            for (var quarter = 0; quarter < 4; quarter++)
            {
                var count = (requests / 4) + (quarter < requests % 4 ? 1 : 0);
                var (some, failed) = await RunAsync(client, url, bodies, count, connections, TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, (limit - watch.Elapsed).Ticks)), offset: latencies.Count + errors.Count).ConfigureAwait(false);
                latencies.AddRange(some);
                errors.AddRange(failed);
                rss.Add(ResidentMb(server.Id));
            }

            var seconds = watch.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"          server resident memory after each quarter of the run: {string.Join(", ", rss.Select(m => m.ToString("F0", CultureInfo.InvariantCulture)))} MB"));
            foreach (var error in errors.Take(5))
            {
                Console.WriteLine($"          error: {error}");
            }

            foreach (var logged in serverLog.Take(5))
            {
                Console.WriteLine($"          server: {(logged.Length > 300 ? logged[..300] : logged)}");
            }

            var sorted = latencies.Order().ToArray();
            return new Result(sorted.Length, seconds, Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), sorted.Length == 0 ? 0 : sorted[^1], errors.Count, rssBefore, rss[^1]);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Sends <paramref name="count"/> requests over <paramref name="connections"/> concurrent loops; returns each answered request's latency (ms) and what went wrong with the others.</summary>
    private static async Task<(double[] Latencies, IReadOnlyCollection<string> Errors)> RunAsync(HttpClient client, Uri url, byte[][] bodies, int count, int connections, TimeSpan limit, int offset)
    {
        var next = -1;
        var errors = new ConcurrentQueue<string>();
        var latencies = new ConcurrentBag<double>();
        using var deadline = new CancellationTokenSource(limit);
        var loops = Enumerable.Range(0, connections).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count && !deadline.IsCancellationRequested)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var content = new ByteArrayContent(bodies[(offset + i) % bodies.Length]);
                    content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                    using var response = await client.PostAsync(url, content, deadline.Token).ConfigureAwait(false);
                    var answer = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        errors.Enqueue($"request {i}: {(int)response.StatusCode} {(answer.Length > 300 ? answer[..300] : answer)}");
                        continue;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    errors.Enqueue($"request {i}: {e.GetType().Name}: {e.Message}");
                    continue;
                }

                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        });
        await Task.WhenAll(loops).ConfigureAwait(false);
        return ([.. latencies], [.. errors]);
    }

    /// <summary>The resident memory of another process in MB (Linux: VmRSS of /proc/PID/status).</summary>
    private static double ResidentMb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private sealed record Result(int Completed, double Seconds, double P50, double P95, double P99, double Max, int Errors, double RssBeforeMb, double RssAfterMb);
}
