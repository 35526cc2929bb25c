using System.Diagnostics;
using SentimentKit.Devices;
using SentimentKit.Tests;
using StackExchange.Redis;

namespace SentimentKit.Scoring.Tests;

/// <summary>Real worker processes (<c>sentimentkit worker</c>), one of them killed with SIGKILL in the middle of a shard.</summary>
public class WorkerProcessTests
{
    [SkippableFact]
    public async Task Worker_KilledMidShard_JobCompletesWithEveryTextScoredOnce()
    {
        Skip.If(RedisServer.Unavailable is not null, RedisServer.Unavailable);
        using var folder = new TempDirectory();
        var input = folder.File("reviews.txt");
        var texts = TinyModel.WriteTexts(input, 60, seed: 21);
        var queue = RedisJobTests.Queue(RedisServer.SharedAddress);
        var torch = new TorchPredictorLoader(DevicePreference.Cpu);
        var job = new ScoringJob(torch) { PollInterval = TimeSpan.FromMilliseconds(50) };
        var submitted = job.SubmitAsync(queue, TinyModel.File, [input], folder.File("out"), new ScoringJobOptions { ShardSize = 10 });

        // A worker that holds each shard for a minute: it is certainly mid-shard when it is killed.
        using var doomed = StartWorker(queue, "--debug-shard-delay-ms", "60000");
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"{queue.Host}:{queue.Port}");
        var stream = $"sentimentkit:{queue.Job}:shards";
        await RedisJobTests.Eventually(() => !doomed.HasExited && Pending(redis, stream) > 0);
        doomed.Kill();
        await doomed.WaitForExitAsync();
        var held = redis.GetDatabase().StreamPending(stream, "workers");
        held.PendingMessageCount.Should().Be(1, "the killed worker held one shard, unacknowledged");

        var survivor = await new ScoringWorker(torch).RunAsync(TinyModel.File, queue, RedisJobTests.Fast("survivor"));
        var summary = await submitted;

        summary.Succeeded.Should().BeTrue();
        survivor.ShardsScored.Should().Be(6);
        File.ReadAllBytes(summary.ResultsPath!).Should().Equal(TinyModel.ExpectedResults(input, texts));
        redis.GetDatabase().StreamPending(stream, "workers").PendingMessageCount.Should().Be(0);
    }

    [SkippableFact]
    public async Task Score_ThroughCliWithTwoWorkerProcesses_ExitsZeroWithTheLocalResult()
    {
        Skip.If(RedisServer.Unavailable is not null, RedisServer.Unavailable);
        using var folder = new TempDirectory();
        var input = folder.File("reviews.txt");
        var texts = TinyModel.WriteTexts(input, 50, seed: 22);
        var queue = RedisJobTests.Queue(RedisServer.SharedAddress);

        using var score = Start("score", "--model", TinyModel.File, "--input", input, "--out", folder.File("out"), "--shard-size", "5", "--queue", queue.ToString(), "--json");
        using var first = StartWorker(queue);
        using var second = StartWorker(queue);
        await Task.WhenAll(score.WaitForExitAsync(), first.WaitForExitAsync(), second.WaitForExitAsync()).WaitAsync(TimeSpan.FromMinutes(3));

        score.ExitCode.Should().Be(0, await score.StandardError.ReadToEndAsync());
        first.ExitCode.Should().Be(0);
        second.ExitCode.Should().Be(0);
        (await score.StandardOutput.ReadToEndAsync()).Should().Contain("\"succeeded\":true").And.Contain("\"texts\":50");
        File.ReadAllBytes(Path.Combine(folder.File("out"), "results.jsonl")).Should().Equal(TinyModel.ExpectedResults(input, texts));
    }

    [Theory]
    [InlineData("redis://127.0.0.1:1/job", "cannot be reached")]
    [InlineData("redis:/nowhere", "expected redis://HOST:PORT/JOB")]
    public async Task Score_BadQueue_ExitsTwoWithOneLineAndNoResults(string address, string reason)
    {
        using var folder = new TempDirectory();
        var input = folder.File("t.txt");
        TinyModel.WriteTexts(input, 5, seed: 3);

        using var score = Start("score", "--model", TinyModel.File, "--input", input, "--out", folder.File("out"), "--queue", address);
        await score.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        var error = await score.StandardError.ReadToEndAsync();

        score.ExitCode.Should().Be(2);
        error.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain(reason);
        File.Exists(Path.Combine(folder.File("out"), "results.jsonl")).Should().BeFalse();
    }

    [Fact]
    public async Task Score_MissingInput_ExitsTwoNamingTheFile()
    {
        using var folder = new TempDirectory();

        using var score = Start("score", "--model", TinyModel.File, "--input", folder.File("absent.csv"), "--out", folder.File("out"));
        await score.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        score.ExitCode.Should().Be(2);
        (await score.StandardError.ReadToEndAsync()).Trim().Should().Contain("absent.csv").And.NotContain("\n");
        Directory.Exists(folder.File("out")).Should().BeFalse();
    }

    private static long Pending(ConnectionMultiplexer redis, string stream)
    {
        try
        {
            return redis.GetDatabase().StreamPending(stream, "workers").PendingMessageCount;
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            return 0; // not submitted yet
        }
    }

    private static Process StartWorker(RedisQueueAddress queue, params string[] extra) =>
        Start(["worker", "--model", TinyModel.File, "--queue", queue.ToString(), "--lease-seconds", "1", "--device", "cpu", .. extra]);

    /// <summary>Runs the `sentimentkit` command built beside this test project (same configuration).</summary>
    private static Process Start(params string[] arguments)
    {
        var testBin = AppContext.BaseDirectory; // tests/SentimentKit.Scoring.Tests/bin/CONFIG/TFM/
        var tfm = new DirectoryInfo(testBin).Name;
        var configuration = new DirectoryInfo(testBin).Parent!.Name;
        var root = new DirectoryInfo(testBin).Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var demo = Path.Combine(root, "samples", "SentimentKit.Demo", "bin", configuration, tfm, "SentimentKit.Demo.dll");
        File.Exists(demo).Should().BeTrue($"the CLI is built before the tests ({demo})");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(demo);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info)!;
    }
}
