using SentimentKit.Devices;

namespace SentimentKit;

/// <summary>
/// Text in, logits and attributions out: the model-kind-specific half of a <see cref="SentimentModel"/>
/// (featurizing and the module host), so that the facade itself is the same for every kind.
/// </summary>
internal abstract class TextPipeline : IDisposable
{
    public abstract ModelKind Kind { get; }

    public abstract int ClassCount { get; }

    public abstract ComputeDevice Device { get; }

    /// <summary>Gets the vocabulary size or the number of n-gram features.</summary>
    public abstract int FeatureCount { get; }

    /// <summary>Logits of each text, row-major <c>[count, classes]</c>, in input order.</summary>
    public abstract float[] Logits(IReadOnlyList<string> texts, int batchSize);

    /// <summary>The tokens of a text and each one's attribution toward class <paramref name="target"/>.</summary>
    public abstract (IReadOnlyList<string> Tokens, double[] Attributions) Explain(string text, int target);

    /// <summary>The artifact entries this pipeline needs besides the manifest: name and writer.</summary>
    public abstract IEnumerable<(string Name, Action<Stream> Write)> Entries();

    public abstract void Dispose();
}
