using SentimentKit.Devices;
using SentimentKit.Training;

namespace SentimentKit.Tests.Training;

/// <summary>Resuming from a checkpoint that cannot be used fails with a <see cref="CheckpointException"/> that says why, and trains nothing.</summary>
public sealed class CheckpointTests : IDisposable
{
    private static readonly ComputeDevice Cpu = TorchBackend.Resolve(DevicePreference.Cpu);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sk-checkpoint-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private TrainerOptions Options(int epochs) => new()
    {
        Epochs = epochs,
        BatchSize = 16,
        LearningRate = 0.01,
        Seed = 8,
        ValidationFraction = 0,
        CheckpointDirectory = _directory,
        Resume = true,
    };

    private string WriteOneEpoch()
    {
        var (train, labels) = SyntheticCorpus.Make(64, seed: 6);
        using var model = SyntheticCorpus.SmallRnn(seed: 9);
        new ClassifierTrainer<int[]>(model, SyntheticCorpus.Labels, Options(1), Cpu).Train(train, labels);
        return Directory.GetFiles(_directory).Single();
    }

    private Action ResumeWith(SentimentKit.Modeling.RnnClassifier model)
    {
        var (train, labels) = SyntheticCorpus.Make(64, seed: 6);
        return () => new ClassifierTrainer<int[]>(model, SyntheticCorpus.Labels, Options(2), Cpu).Train(train, labels);
    }

    [Fact]
    public void Train_ResumeWithCheckpointOfAnotherModel_ThrowsNamingTheMismatch()
    {
        WriteOneEpoch();
        using var bigger = new SentimentKit.Modeling.RnnClassifier(new SentimentKit.Modeling.RnnClassifierOptions
        {
            VocabularySize = SyntheticCorpus.VocabularySize, EmbeddingSize = 16, HiddenSize = 24, Layers = 1, HeadHiddenSize = 16,
        });

        ResumeWith(bigger).Should().Throw<CheckpointException>().WithMessage("*was written for a different model*");
    }

    [Fact]
    public void Train_ResumeWithCorruptHeader_ThrowsNotACheckpoint()
    {
        var path = WriteOneEpoch();
        var bytes = File.ReadAllBytes(path);
        bytes[0] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
        using var model = SyntheticCorpus.SmallRnn(seed: 9);

        ResumeWith(model).Should().Throw<CheckpointException>().WithMessage("*is not a SentimentKit checkpoint*");
    }

    [Theory]
    [InlineData(12)]
    [InlineData(0.5)]
    [InlineData(0.95)]
    public void Train_ResumeWithTruncatedCheckpoint_ThrowsTruncatedOrCorrupt(double keep)
    {
        var path = WriteOneEpoch();
        var bytes = File.ReadAllBytes(path);
        var length = keep >= 1 ? (int)keep : (int)(bytes.Length * keep);
        File.WriteAllBytes(path, bytes[..length]);
        using var model = SyntheticCorpus.SmallRnn(seed: 9);

        ResumeWith(model).Should().Throw<CheckpointException>().WithMessage("*truncated or corrupt*");
    }
}
