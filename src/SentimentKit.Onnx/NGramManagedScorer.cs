using SentimentKit.Text;

namespace SentimentKit.Onnx;

/// <summary>
/// The n-gram model in managed code: the featurizer, then <see cref="NGramLinearScorer"/>. Touches no native
/// library; explanations are exact gradient × input, as in the TorchSharp runtime.
/// </summary>
internal sealed class NGramManagedScorer(NGramFeaturizer featurizer, NGramLinearScorer scorer) : ITextScorer
{
    public bool CanExplain => true;

    public float[] Logits(IReadOnlyList<string> texts, int batchSize, CancellationToken cancellationToken)
    {
        var logits = new float[texts.Count * scorer.ClassCount];
        Parallel.For(0, texts.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            scorer.Score(featurizer.Transform(texts[i]), logits.AsSpan(i * scorer.ClassCount, scorer.ClassCount)));
        return logits;
    }

    public (IReadOnlyList<string> Tokens, double[] Attributions) Explain(string text, int target, bool multiLabel) =>
        featurizer.SpreadAttributions(text, document => scorer.Attributions(document, target, multiLabel));

    public void Dispose()
    {
    }
}
