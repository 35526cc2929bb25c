using SentimentKit.Devices;
using SentimentKit.Tests;

namespace SentimentKit.Scoring.Tests;

public class LocalJobTests
{
    private static readonly TorchPredictorLoader Loader = new(DevicePreference.Cpu);

    [Fact]
    public async Task RunAsync_TextFile_CombinedOutputEqualsPredictBatchByteForByte()
    {
        using var folder = new TempDirectory();
        var input = folder.File("reviews.txt");
        var texts = TinyModel.WriteTexts(input, 230, seed: 7);

        var summary = await new ScoringJob(Loader).RunAsync(TinyModel.File, [input], folder.File("out"), new ScoringJobOptions { ShardSize = 25 });

        summary.Succeeded.Should().BeTrue();
        summary.ShardCount.Should().Be(10);
        summary.TextCount.Should().Be(230);
        File.ReadAllBytes(summary.ResultsPath!).Should().Equal(TinyModel.ExpectedResults(input, texts));
        summary.LabelCounts.Values.Sum().Should().Be(230);
        File.ReadAllText(summary.SummaryPath).Should().Contain("\"texts\": 230").And.Contain("\"failed_shards\": []");
    }

    [Fact]
    public async Task RunAsync_Rerun_SkipsFinishedShardsAndRescoresMissingOnesIdentically()
    {
        using var folder = new TempDirectory();
        var input = folder.File("reviews.txt");
        TinyModel.WriteTexts(input, 100, seed: 8);
        var options = new ScoringJobOptions { ShardSize = 10 };
        var job = new ScoringJob(Loader);
        var first = await job.RunAsync(TinyModel.File, [input], folder.File("out"), options);
        var shardFiles = Directory.GetFiles(Path.Combine(folder.File("out"), "shards"), "*.jsonl").Order().ToArray();
        var third = File.ReadAllBytes(shardFiles[2]);
        var combined = File.ReadAllBytes(first.ResultsPath!);
        File.Delete(shardFiles[2]);
        File.WriteAllText(shardFiles[5], "{\"half\":"); // an incomplete file is scored again

        var second = await job.RunAsync(TinyModel.File, [input], folder.File("out"), options);

        second.ShardsReused.Should().Be(8);
        File.ReadAllBytes(shardFiles[2]).Should().Equal(third);
        File.ReadAllBytes(second.ResultsPath!).Should().Equal(combined);
    }

    [Fact]
    public async Task RunAsync_FolderOfAnotherJob_ThrowsScoringJobException()
    {
        using var folder = new TempDirectory();
        var a = folder.File("a.txt");
        var b = folder.File("b.txt");
        TinyModel.WriteTexts(a, 10, seed: 1);
        TinyModel.WriteTexts(b, 10, seed: 2);
        var job = new ScoringJob(Loader);
        await job.RunAsync(TinyModel.File, [a], folder.File("out"));

        var act = () => job.RunAsync(TinyModel.File, [b], folder.File("out"));

        await act.Should().ThrowAsync<ScoringJobException>().WithMessage("*another job*");
    }

    [Fact]
    public async Task RunAsync_MissingInput_ThrowsFileNotFoundAndWritesNothing()
    {
        using var folder = new TempDirectory();

        var act = () => new ScoringJob(Loader).RunAsync(TinyModel.File, [folder.File("missing.txt")], folder.File("out"));

        await act.Should().ThrowAsync<FileNotFoundException>().WithMessage("*missing.txt*");
        Directory.Exists(folder.File("out")).Should().BeFalse();
    }

    [Fact]
    public async Task RunAsync_ModelThatDoesNotLoad_ThrowsModelFormatExceptionAndWritesNothing()
    {
        using var folder = new TempDirectory();
        var input = folder.File("t.txt");
        TinyModel.WriteTexts(input, 5, seed: 3);
        var model = folder.File("broken.skm");
        File.WriteAllText(model, "not a model");

        var act = () => new ScoringJob(Loader).RunAsync(model, [input], folder.File("out"));

        await act.Should().ThrowAsync<ModelFormatException>();
        Directory.Exists(folder.File("out")).Should().BeFalse();
    }
}
