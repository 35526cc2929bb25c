namespace SentimentKit.Onnx;

/// <summary>Texts in, logits out, for one kind of model in the libtorch-free runtime.</summary>
internal interface ITextScorer : IDisposable
{
    /// <summary>Gets whether <see cref="Explain"/> is available.</summary>
    bool CanExplain { get; }

    /// <summary>Logits of each text, row-major <c>[count, classes]</c>, in input order.</summary>
    float[] Logits(IReadOnlyList<string> texts, int batchSize, CancellationToken cancellationToken);

    /// <summary>The tokens of a text and each one's attribution toward class <paramref name="target"/> (its own sigmoid when <paramref name="multiLabel"/>).</summary>
    (IReadOnlyList<string> Tokens, double[] Attributions) Explain(string text, int target, bool multiLabel);
}
