namespace SentimentKit.Artifacts;

/// <summary>The names of the entries of a model artifact and the limits on reading them.</summary>
internal static class ArtifactEntries
{
    /// <summary>The format version this library writes; it reads this one and version 1 (SentimentKit 0.1).</summary>
    public const int FormatVersion = 2;

    public const string Manifest = "manifest.json";
    public const string Vocabulary = "vocab.json";
    public const string NGrams = "ngrams.json";
    public const string Weights = "weights.bin";
    public const string Calibration = "calibration.json";

    public const long MaxJsonBytes = 1L << 30;
    public const long MaxManifestBytes = 16L << 20;
    public const long MaxWeightsBytes = int.MaxValue;
    public const int MaxEntries = 16;
    public const int MaxLabels = 100_000;
}
