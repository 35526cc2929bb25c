using SentimentKit.Artifacts;
using SentimentKit.Modeling;
using SentimentKit.Onnx;
using SentimentKit.Text;
using SentimentKit.Training;

namespace SentimentKit.Families.Transformer;

/// <summary>Words to WordPiece ids to the fine-tuned transformer; attributions of pieces summed back into their words.</summary>
internal sealed class TransformerPipeline(TransformerText text, TransformerManifestSection section, ClassifierRunner<int[]> runner)
    : ModelPipeline<int[]>(runner)
{
    public override ModelKind Kind => ModelKind.Transformer;

    public TransformerText Text { get; } = text;

    public TransformerManifestSection Section { get; } = section;

    public TransformerClassifier Module => (TransformerClassifier)Runner.Module;

    public override int FeatureCount => Text.Vocabulary.Count;

    public override int[] Encode(string text) => Text.EncodeIds(text);

    public override (IReadOnlyList<string> Tokens, double[] Attributions) Explain(string text, int target)
    {
        var (words, encoding) = Text.EncodeWords(text);
        var result = new double[words.Length];
        if (words.Length == 0)
        {
            return (words, result);
        }

        // Integrated gradients give one figure per piece the model read; a word's is the sum of its pieces'. Words in
        // the dropped middle of a long text were not read and keep 0.
        var attributions = Runner.Attributions(encoding.Ids, target);
        for (var j = 0; j < attributions.Length && j < encoding.WordIndices.Length; j++)
        {
            if (encoding.WordIndices[j] >= 0)
            {
                result[encoding.WordIndices[j]] += attributions[j];
            }
        }

        return (words, result);
    }

    public override ModelManifest Describe(ModelManifest manifest) =>
        manifest.WithSection(TransformerFamily.Section, Section) with { Tokenizer = TransformerFamily.Tokenizer };

    protected override IEnumerable<(string Name, Action<Stream> Write)> TextEntries()
    {
        yield return (ArtifactEntries.WordPieceVocabulary, Save);
    }

    // One token a line, as vocab.txt is read back (a final newline ends the last line).
    private void Save(Stream stream)
    {
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        foreach (var token in Text.Vocabulary.Tokens)
        {
            writer.WriteLine(token);
        }
    }
}
