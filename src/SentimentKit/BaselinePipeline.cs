using SentimentKit.Devices;
using SentimentKit.Modeling;
using SentimentKit.Text;
using SentimentKit.Training;

namespace SentimentKit;

/// <summary>Words to TF-IDF n-grams to the bag-of-n-grams logistic regression.</summary>
internal sealed class BaselinePipeline : TextPipeline
{
    private readonly ClassifierHost<SparseDocument> _host;

    public BaselinePipeline(NGramFeaturizer featurizer, BagOfNgramsClassifier module, ComputeDevice device)
    {
        Featurizer = featurizer;
        _host = new ClassifierHost<SparseDocument>(module, device);
    }

    public NGramFeaturizer Featurizer { get; }

    public override ModelKind Kind => ModelKind.Baseline;

    public override int ClassCount => _host.ClassCount;

    public override ComputeDevice Device => _host.Device;

    public override int FeatureCount => Featurizer.FeatureCount;

    public override float[] Logits(IReadOnlyList<string> texts, int batchSize) => _host.Logits(Featurizer.Transform(texts), batchSize);

    public override (IReadOnlyList<string> Tokens, double[] Attributions) Explain(string text, int target)
    {
        var (tokens, occurrences) = Featurizer.FeatureOccurrences(text);
        var result = new double[tokens.Count];
        var document = Featurizer.Transform(text);
        if (document.Count == 0)
        {
            return (tokens, result);
        }

        var perFeature = _host.Attributions(document, target);
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

    public override IEnumerable<(string Name, Action<Stream> Write)> Entries()
    {
        yield return (ModelArtifact.NGramsEntry, Featurizer.Save);
        yield return (ModelArtifact.WeightsEntry, _host.SaveWeights);
    }

    public void LoadWeights(Stream stream) => _host.LoadWeights(stream);

    public override void Dispose() => _host.Dispose();
}
