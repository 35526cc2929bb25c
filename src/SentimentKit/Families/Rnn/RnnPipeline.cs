using SentimentKit.Artifacts;
using SentimentKit.Modeling;
using SentimentKit.Sequences;
using SentimentKit.Text;
using SentimentKit.Training;

namespace SentimentKit.Families.Rnn;

/// <summary>Words to vocabulary ids to the RNN classifier.</summary>
internal sealed class RnnPipeline(ModelKind kind, TextEncoder encoder, RnnClassifierOptions options, ClassifierRunner<int[]> runner)
    : ModelPipeline<int[]>(runner)
{
    public override ModelKind Kind { get; } = kind;

    public TextEncoder Encoder { get; } = encoder;

    /// <summary>Gets the module's options (without pretrained vectors: the weights hold them).</summary>
    public RnnClassifierOptions Options { get; } = options;

    public override int FeatureCount => Encoder.Vocabulary.Count;

    public override int[] Encode(string text) => Encoder.Encode(text);

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

        var attributions = Runner.Attributions(ids, target);
        for (var j = 0; j < positions.Length && j < attributions.Length; j++)
        {
            result[positions[j]] += attributions[j];
        }

        return (tokens, result);
    }

    public override ModelManifest Describe(ModelManifest manifest) => manifest.WithSection(RnnFamily.Section, Options);

    protected override IEnumerable<(string Name, Action<Stream> Write)> TextEntries()
    {
        yield return (ArtifactEntries.Vocabulary, Encoder.Vocabulary.Save);
    }
}
