using SentimentKit.Devices;
using SentimentKit.Modeling;
using SentimentKit.Sequences;
using SentimentKit.Text;
using SentimentKit.Training;

namespace SentimentKit;

/// <summary>Words to vocabulary ids to the RNN classifier.</summary>
internal sealed class RnnPipeline : TextPipeline
{
    private readonly ClassifierHost<int[]> _host;

    public RnnPipeline(ModelKind kind, TextEncoder encoder, RnnClassifier module, RnnClassifierOptions options, ComputeDevice device)
    {
        Kind = kind;
        Encoder = encoder;
        Options = options;
        _host = new ClassifierHost<int[]>(module, device);
    }

    public override ModelKind Kind { get; }

    public TextEncoder Encoder { get; }

    /// <summary>Gets the module's options (without pretrained vectors: the weights hold them).</summary>
    public RnnClassifierOptions Options { get; }

    public override int ClassCount => _host.ClassCount;

    public override ComputeDevice Device => _host.Device;

    public override int FeatureCount => Encoder.Vocabulary.Count;

    public int[][] Encode(IReadOnlyList<string> texts)
    {
        var ids = new int[texts.Count][];
        Parallel.For(0, texts.Count, i => ids[i] = Encoder.Encode(texts[i]));
        return ids;
    }

    public override float[] Logits(IReadOnlyList<string> texts, int batchSize) => _host.Logits(Encode(texts), batchSize);

    public override (IReadOnlyList<string> Tokens, double[] Attributions) Explain(string text, int target)
    {
        var tokens = Encoder.Tokenize(text);
        var ids = Encoder.Encode(text);
        var result = new double[tokens.Count];
        if (tokens.Count == 0 || ids.Length != tokens.Count)
        {
            return (tokens, result);
        }

        // The model reads a truncated copy: map its positions back to the tokens they came from.
        var positions = Enumerable.Range(0, ids.Length).ToArray();
        if (Options.MaxTokens is { } max && ids.Length > max)
        {
            positions = SequencePadder.Truncate(positions, max, Options.Truncation);
        }

        var attributions = _host.Attributions(ids, target);
        for (var j = 0; j < positions.Length && j < attributions.Length; j++)
        {
            result[positions[j]] += attributions[j];
        }

        return (tokens, result);
    }

    public override IEnumerable<(string Name, Action<Stream> Write)> Entries()
    {
        yield return (ModelArtifact.VocabularyEntry, Encoder.Vocabulary.Save);
        yield return (ModelArtifact.WeightsEntry, _host.SaveWeights);
    }

    public void LoadWeights(Stream stream) => _host.LoadWeights(stream);

    public override void Dispose() => _host.Dispose();
}
