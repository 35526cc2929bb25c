using SentimentKit.Devices;
using SentimentKit.Tests;

namespace SentimentKit.Scoring.Tests;

public class RedisJobTests
{
    private static readonly TorchPredictorLoader Torch = new(DevicePreference.Cpu);

    internal static ScoringWorkerOptions Fast(string name, int maxDeliveries = 3) => new()
    {
        Name = name,
        LeaseTime = TimeSpan.FromSeconds(1),
        MaxDeliveries = maxDeliveries,
        PollInterval = TimeSpan.FromMilliseconds(50),
        JobWaitTime = TimeSpan.FromSeconds(30),
    };

    internal static RedisQueueAddress Queue(string address) => RedisQueueAddress.Parse($"redis://{address}/test-{Guid.NewGuid():N}");

    [SkippableFact]
    public async Task SubmitAsync_ThreeWorkers_CombinedOutputEqualsPredictBatchByteForByte()
    {
        Skip.If(RedisServer.Unavailable is not null, RedisServer.Unavailable);
        using var folder = new TempDirectory();
        var input = folder.File("reviews.txt");
        var texts = TinyModel.WriteTexts(input, 240, seed: 11);
        var queue = Queue(RedisServer.SharedAddress);
        var job = new ScoringJob(Torch) { PollInterval = TimeSpan.FromMilliseconds(50) };

        var submitted = job.SubmitAsync(queue, TinyModel.File, [input], folder.File("out"), new ScoringJobOptions { ShardSize = 20 });
        var workers = Enumerable.Range(1, 3).Select(i => Task.Run(() => new ScoringWorker(Torch).RunAsync(TinyModel.File, queue, Fast($"w{i}")))).ToArray();
        var summary = await submitted;
        var done = await Task.WhenAll(workers);

        summary.Succeeded.Should().BeTrue();
        summary.Mode.Should().Be("redis");
        File.ReadAllBytes(summary.ResultsPath!).Should().Equal(TinyModel.ExpectedResults(input, texts));
        done.Sum(w => w.ShardsScored).Should().Be(12);
        done.Sum(w => w.TextsScored).Should().Be(240);
    }

    [SkippableFact]
    public async Task SubmitAsync_ShardThatCrashesEveryTime_IsDeadLetteredAfterMaxDeliveriesAndNamed()
    {
        Skip.If(RedisServer.Unavailable is not null, RedisServer.Unavailable);
        using var folder = new TempDirectory();
        var input = folder.File("reviews.txt");
        var texts = TinyModel.WriteTexts(input, 40, seed: 12);
        texts[25] = TestLoader.Poison + " " + texts[25];
        File.WriteAllText(input, string.Concat(texts.Select(t => t + "\n")));
        var queue = Queue(RedisServer.SharedAddress);
        var loader = new TestLoader(Torch);
        var job = new ScoringJob(loader) { PollInterval = TimeSpan.FromMilliseconds(50) };

        var submitted = job.SubmitAsync(queue, TinyModel.File, [input], folder.File("out"), new ScoringJobOptions { ShardSize = 10 });
        var workers = Enumerable.Range(1, 2).Select(i => Task.Run(() => new ScoringWorker(loader).RunAsync(TinyModel.File, queue, Fast($"w{i}", maxDeliveries: 2)))).ToArray();
        var summary = await submitted;
        await Task.WhenAll(workers);

        summary.Succeeded.Should().BeFalse();
        var failure = summary.Failures.Should().ContainSingle().Subject;
        failure.Shard.Index.Should().Be(2);
        failure.Shard.FirstRecord.Should().Be(21);
        failure.Deliveries.Should().Be(2);
        failure.Reason.Should().Contain("poisoned text");
        summary.ResultsPath.Should().BeNull();
        File.Exists(Path.Combine(folder.File("out"), "results.jsonl")).Should().BeFalse();
        File.ReadAllText(summary.SummaryPath).Should().Contain("\"shard\": 2").And.Contain("\"deliveries\": 2");
    }

    [SkippableFact]
    public async Task SubmitAsync_RedisKilledAndRestartedMidJob_JobCompletes()
    {
        Skip.If(RedisServer.Binary is null, "redis-server is not installed, so no server of this test's own can be restarted");
        using var server = RedisServer.Start();
        using var folder = new TempDirectory();
        var input = folder.File("reviews.txt");
        var texts = TinyModel.WriteTexts(input, 120, seed: 13);
        var queue = Queue(server.Address);
        var loader = new TestLoader(Torch, TimeSpan.FromMilliseconds(40));
        var job = new ScoringJob(loader) { PollInterval = TimeSpan.FromMilliseconds(50) };

        var submitted = job.SubmitAsync(queue, TinyModel.File, [input], folder.File("out"), new ScoringJobOptions { ShardSize = 4 });
        var workers = Enumerable.Range(1, 2).Select(i => Task.Run(() => new ScoringWorker(loader).RunAsync(TinyModel.File, queue, Fast($"w{i}")))).ToArray();
        var shards = Path.Combine(folder.File("out"), "shards");
        await Eventually(() => Directory.Exists(shards) && Directory.GetFiles(shards, "*.jsonl").Length >= 3);
        server.Kill();
        await Task.Delay(TimeSpan.FromSeconds(1));
        server.StartAgain();
        var summary = await submitted;
        await Task.WhenAll(workers);

        summary.Succeeded.Should().BeTrue();
        Directory.GetFiles(shards, "*.jsonl").Should().HaveCount(30);
        File.ReadAllBytes(summary.ResultsPath!).Should().Equal(TinyModel.ExpectedResults(input, texts));
    }

    [Fact]
    public async Task SubmitAsync_UnreachableRedis_ThrowsQueueUnavailableAndWritesNothing()
    {
        using var folder = new TempDirectory();
        var input = folder.File("t.txt");
        TinyModel.WriteTexts(input, 5, seed: 3);

        var act = () => new ScoringJob(Torch).SubmitAsync(RedisQueueAddress.Parse("redis://127.0.0.1:1/nobody"), TinyModel.File, [input], folder.File("out"));

        await act.Should().ThrowAsync<QueueUnavailableException>().WithMessage("*127.0.0.1:1*");
        Directory.Exists(folder.File("out")).Should().BeFalse();
    }

    internal static async Task Eventually(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60), "the condition should hold within a minute");
            await Task.Delay(20);
        }
    }
}
