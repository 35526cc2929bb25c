using SentimentKit.Artifacts;
using SentimentKit.Devices;

namespace SentimentKit.Families.Ensemble;

/// <summary>
/// Several trained models as one pipeline: the logits are the logarithm of the weighted average of the members'
/// calibrated probabilities, divided by the ensemble's own temperature, so that the model's softmax gives back that
/// average, calibrated once more. Each member's entries are written under its prefix (<c>members/0/…</c>), its manifest
/// inside the ensemble's section, exactly as a single model's file would hold them.
/// </summary>
internal sealed class EnsemblePipeline : ModelPipeline
{
    private readonly string?[] _recipes;
    private readonly Lazy<(string Prefix, ModelManifest Manifest, List<(string Name, byte[] Bytes)> Entries)[]> _members;

    /// <param name="ensemble">The members and their weights; the pipeline owns it.</param>
    /// <param name="temperature">The temperature of the averaged probabilities' logarithm; 1 leaves them as they are.</param>
    /// <param name="recipes">The recipe each member was trained with, for people reading the file; <see langword="null"/> where unknown.</param>
    public EnsemblePipeline(SentimentEnsemble ensemble, double temperature, IReadOnlyList<string?> recipes)
    {
        Ensemble = ensemble;
        Temperature = temperature;
        _recipes = [.. recipes];
        _members = new(() => [.. Ensemble.Models.Select((m, i) =>
        {
            var (manifest, entries) = ModelArtifact.Compose(m.Manifest, m.Pipeline, m.Calibration);
            return (EnsembleManifestSection.PrefixOf(i), ModelArtifactWriter.Seal(manifest, entries), entries);
        })]);
    }

    /// <summary>Gets the members and their weights.</summary>
    public SentimentEnsemble Ensemble { get; }

    /// <summary>Gets the temperature applied to the logarithm of the averaged probabilities.</summary>
    public double Temperature { get; }

    public override ModelKind Kind => ModelKind.Ensemble;

    public override int ClassCount => Ensemble.Labels.Count;

    /// <summary>Gets <see langword="false"/>: an ensemble averages its members' softmax probabilities, one label per text.</summary>
    /// <exception cref="NotSupportedException">Set to <see langword="true"/>.</exception>
    public override bool MultiLabel
    {
        get => false;
        set
        {
            if (value)
            {
                throw new NotSupportedException("An ensemble averages single-label probabilities; multi-label models are not ensembled.");
            }
        }
    }

    public override ComputeDevice Device => Ensemble.Models[0].Device;

    public override int FeatureCount => Ensemble.Models.Sum(m => m.FeatureCount);

    /// <summary>The member with the largest weight (the first of equals): the one whose attributions explain the ensemble.</summary>
    public SentimentModel Heaviest => Ensemble.Models[Ensemble.Weights.Select((w, i) => (w, i)).MaxBy(p => p.w).i];

    public override float[] Logits(IReadOnlyList<string> texts, int batchSize, CancellationToken cancellationToken = default) =>
        LogitsOf(Ensemble.Probabilities(texts, cancellationToken, batchSize), Temperature);

    /// <summary>
    /// The logits whose softmax is <paramref name="probabilities"/> sharpened or softened by <paramref name="temperature"/>:
    /// <c>log(p) / T</c>, a probability of 0 read as 1e-30.
    /// </summary>
    public static float[] LogitsOf(float[] probabilities, double temperature)
    {
        var logits = new float[probabilities.Length];
        for (var i = 0; i < logits.Length; i++)
        {
            logits[i] = (float)(Math.Log(Math.Max(probabilities[i], 1e-30)) / temperature);
        }

        return logits;
    }

    /// <summary>The attributions of the heaviest member: the members read different inputs (words, n-grams, word pieces), whose attributions do not add up.</summary>
    public override (IReadOnlyList<string> Tokens, double[] Attributions) Explain(string text, int target) => Heaviest.Explain(text, target);

    public override IEnumerable<(string Name, Action<Stream> Write)> Entries() =>
        _members.Value.SelectMany(m => m.Entries.Select(e => (m.Prefix + e.Name, (Action<Stream>)(s => s.Write(e.Bytes)))));

    public override ModelManifest Describe(ModelManifest manifest) =>
        manifest.WithSection(EnsembleManifestSection.Name, new EnsembleManifestSection
        {
            Temperature = Temperature,
            Members = [.. _members.Value.Select((m, i) => new EnsembleMemberSection { Prefix = m.Prefix, Weight = Ensemble.Weights[i], Recipe = _recipes.ElementAtOrDefault(i), Manifest = m.Manifest })],
        });

    public override void Dispose() => Ensemble.Dispose();
}
