using SentimentKit.Artifacts;
using SentimentKit.Devices;
using SentimentKit.Training;

namespace SentimentKit.Families;

/// <summary>
/// A trained model of one family, text in and logits out: the family's text side (encoding) in front of a
/// <see cref="ClassifierRunner{TInput}"/>. The facade is the same for every family because it only talks to this.
/// </summary>
internal abstract class ModelPipeline : IDisposable
{
    public abstract ModelKind Kind { get; }

    public abstract int ClassCount { get; }

    /// <summary>Gets or sets a value indicating whether the logits are one sigmoid per label (set from the manifest's task when loaded).</summary>
    public abstract bool MultiLabel { get; set; }

    public abstract ComputeDevice Device { get; }

    /// <summary>Gets the vocabulary size or the number of n-gram features.</summary>
    public abstract int FeatureCount { get; }

    /// <summary>Logits of each text, row-major <c>[count, classes]</c>, in input order.</summary>
    public abstract float[] Logits(IReadOnlyList<string> texts, int batchSize, CancellationToken cancellationToken = default);

    /// <summary>The tokens of a text and each one's attribution toward class <paramref name="target"/>.</summary>
    public abstract (IReadOnlyList<string> Tokens, double[] Attributions) Explain(string text, int target);

    /// <summary>The artifact entries this pipeline writes besides the manifest: name and writer.</summary>
    public abstract IEnumerable<(string Name, Action<Stream> Write)> Entries();

    /// <summary>Every entry of <see cref="Entries"/> written out: name and bytes, in order.</summary>
    public List<(string Name, byte[] Bytes)> EntryBytes()
    {
        var entries = new List<(string Name, byte[] Bytes)>();
        foreach (var (name, write) in Entries())
        {
            using var buffer = new MemoryStream();
            write(buffer);
            entries.Add((name, buffer.ToArray()));
        }

        return entries;
    }

    /// <summary>Adds this family's section to a manifest.</summary>
    public abstract ModelManifest Describe(ModelManifest manifest);

    public abstract void Dispose();
}

/// <summary>The part of every pipeline that does not depend on the family: encoding in parallel, scoring, the weights entry.</summary>
/// <typeparam name="TInput">What the family's module reads for one text.</typeparam>
internal abstract class ModelPipeline<TInput>(ClassifierRunner<TInput> runner) : ModelPipeline
{
    protected ClassifierRunner<TInput> Runner { get; } = runner;

    public override int ClassCount => Runner.ClassCount;

    public override bool MultiLabel
    {
        get => Runner.MultiLabel;
        set => Runner.MultiLabel = value;
    }

    public override ComputeDevice Device => Runner.Device;

    /// <summary>What the module reads for one raw text.</summary>
    public abstract TInput Encode(string text);

    public override float[] Logits(IReadOnlyList<string> texts, int batchSize, CancellationToken cancellationToken = default)
    {
        var inputs = new TInput[texts.Count];
        Parallel.For(0, texts.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => inputs[i] = Encode(texts[i]));
        return Runner.Logits(inputs, batchSize, cancellationToken);
    }

    public override IEnumerable<(string Name, Action<Stream> Write)> Entries()
    {
        foreach (var entry in TextEntries())
        {
            yield return entry;
        }

        yield return (ArtifactEntries.Weights, Runner.SaveWeights);
    }

    /// <summary>
    /// Reads the weights entry of a model file into the module and returns this pipeline; a
    /// <see cref="ModelFormatException"/> when they do not fit, and the pipeline is disposed on any failure.
    /// </summary>
    public ModelPipeline WithWeights(ArtifactContents artifact)
    {
        try
        {
            Runner.LoadWeights(artifact.Open(ArtifactEntries.Weights));
            return this;
        }
        catch (InvalidDataException e)
        {
            Dispose();
            throw artifact.Error(e.Message, e);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public override void Dispose() => Runner.Dispose();

    /// <summary>The entries of the family's text side (vocabulary, features).</summary>
    protected abstract IEnumerable<(string Name, Action<Stream> Write)> TextEntries();
}
