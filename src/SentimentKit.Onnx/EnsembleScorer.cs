using SentimentKit.Evaluation;

namespace SentimentKit.Onnx;

/// <summary>
/// An ensemble's <c>.skm</c> in the libtorch-free runtime: each member scored as its own file would be, its calibrated
/// probabilities averaged with the members' weights, and logits returned whose softmax is that average sharpened by the
/// ensemble's temperature — the same arithmetic as the TorchSharp runtime's. Explains with the heaviest member, as there.
/// </summary>
internal sealed class EnsembleScorer(IReadOnlyList<(double Weight, double Temperature, ITextScorer Scorer)> members, double temperature, int classCount) : ITextScorer
{
    private readonly ITextScorer _heaviest = members[members.Select((m, i) => (m.Weight, i)).MaxBy(p => p.Weight).i].Scorer;

    public bool CanExplain => _heaviest.CanExplain;

    public float[] Logits(IReadOnlyList<string> texts, int batchSize, CancellationToken cancellationToken)
    {
        var average = new float[texts.Count * classCount];
        foreach (var (weight, memberTemperature, scorer) in members)
        {
            var probabilities = TemperatureScaling.SoftmaxRows(scorer.Logits(texts, batchSize, cancellationToken), classCount, memberTemperature);
            for (var i = 0; i < average.Length; i++)
            {
                average[i] += (float)(weight * probabilities[i]);
            }
        }

        for (var i = 0; i < average.Length; i++)
        {
            average[i] = (float)(Math.Log(Math.Max(average[i], 1e-30)) / temperature);
        }

        return average;
    }

    public (IReadOnlyList<string> Tokens, double[] Attributions) Explain(string text, int target, bool multiLabel) => _heaviest.Explain(text, target, multiLabel);

    public void Dispose()
    {
        foreach (var member in members)
        {
            member.Scorer.Dispose();
        }
    }
}
