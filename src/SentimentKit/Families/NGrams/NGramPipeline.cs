using SentimentKit.Artifacts;
using SentimentKit.Text;
using SentimentKit.Training;

namespace SentimentKit.Families.NGrams;

/// <summary>Words to weighted n-grams to the bag-of-n-grams logistic regression.</summary>
internal sealed class NGramPipeline(NGramFeaturizer featurizer, ClassifierRunner<SparseDocument> runner) : ModelPipeline<SparseDocument>(runner)
{
    public NGramFeaturizer Featurizer { get; } = featurizer;

    public override ModelKind Kind => ModelKind.NGrams;

    public override int FeatureCount => Featurizer.FeatureCount;

    public override SparseDocument Encode(string text) => Featurizer.Transform(text);

    public override float[] Logits(IReadOnlyList<string> texts, int batchSize, CancellationToken cancellationToken = default) =>
        Runner.Logits(Featurizer.Transform(texts), batchSize, cancellationToken);

    public override (IReadOnlyList<string> Tokens, double[] Attributions) Explain(string text, int target) =>
        Featurizer.SpreadAttributions(text, document => Runner.Attributions(document, target));

    public override ModelManifest Describe(ModelManifest manifest) => manifest.WithSection(NGramFamily.Section, new NGramSection(FeatureCount));

    protected override IEnumerable<(string Name, Action<Stream> Write)> TextEntries()
    {
        yield return (ArtifactEntries.NGrams, Featurizer.SaveWithoutNormalizer);
    }
}
