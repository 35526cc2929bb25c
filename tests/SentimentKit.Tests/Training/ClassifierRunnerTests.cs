using SentimentKit.Devices;
using SentimentKit.Modeling;
using SentimentKit.Training;
using TorchSharp;

namespace SentimentKit.Tests.Training;

public class ClassifierRunnerTests
{
    // On CUDA, cuDNN runs an RNN's backward pass in training mode only: this is what would fail there otherwise.
    [Theory]
    [MemberData(nameof(AvailableDevices.All), MemberType = typeof(AvailableDevices))]
    public void Attributions_RunTheCellsInTrainingModeOnlyWhileDifferentiating(string device)
    {
        foreach (var cell in new[] { RnnCellType.Lstm, RnnCellType.Gru })
        {
            AttributionsLeaveEvaluationMode(TorchBackend.Resolve(DevicePreference.Parse(device)), cell);
        }
    }

    private static void AttributionsLeaveEvaluationMode(ComputeDevice device, RnnCellType cell)
    {
        torch.manual_seed(3);
        var module = new RnnClassifier(new RnnClassifierOptions
        {
            VocabularySize = 10, EmbeddingSize = 6, HiddenSize = 5, Layers = 2, CellType = cell, HeadHiddenSize = 4,
            Dropout = 0.5, EmbeddingDropout = 0.5, HeadDropout = 0.5,
        });
        using var host = new ClassifierRunner<int[]>(module, device, IntegratedGradients.Instance);
        int[] review = [2, 3, 4, 5, 6];

        var first = host.Attributions(review, target: 1);
        var second = host.Attributions(review, target: 1);

        // Dropout stayed off (two runs agree) and every module is back in evaluation mode afterwards.
        second.Should().Equal(first);
        first.Should().HaveCount(review.Length).And.Contain(a => a != 0);
        module.modules().Should().OnlyContain(m => !m.training);
    }
}
