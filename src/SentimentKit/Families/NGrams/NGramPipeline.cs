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

    public override (IReadOnlyList<string> Tokens, double[] Attributions) Explain(string text, int target)
    {
        var (tokens, occurrences) = Featurizer.FeatureOccurrences(text);
        var result = new double[tokens.Count];
        var document = Featurizer.Transform(text);
        if (document.Count == 0)
        {
            return (tokens, result);
        }

        var perFeature = Runner.Attributions(document, target);
        var contribution = new Dictionary<int, double>();
        for (var i = 0; i < document.Ids.Length; i++)
        {
            contribution[document.Ids[i]] = contribution.GetValueOrDefault(document.Ids[i]) + perFeature[i];
        }

        // A feature's contribution is shared by its occurrences, and each occurrence by its tokens.
        var occurrenceCount = occurrences.GroupBy(o => o.FeatureId).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (start, length, featureId) in occurrences)
        {
            var share = contribution.GetValueOrDefault(featureId) / occurrenceCount[featureId] / length;
            for (var t = start; t < start + length; t++)
            {
                result[t] += share;
            }
        }

        return (tokens, result);
    }

    public override ModelManifest Describe(ModelManifest manifest) => manifest.WithSection(NGramFamily.Section, new NGramSection(FeatureCount));

    protected override IEnumerable<(string Name, Action<Stream> Write)> TextEntries()
    {
        yield return (ArtifactEntries.NGrams, Featurizer.SaveWithoutNormalizer);
    }
}
