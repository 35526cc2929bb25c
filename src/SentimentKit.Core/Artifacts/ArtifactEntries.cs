namespace SentimentKit.Artifacts;

/// <summary>The names of the entries of a model artifact and the limits on reading them.</summary>
internal static class ArtifactEntries
{
    /// <summary>The format version this library writes for a single-label model; it reads versions 1 (SentimentKit 0.1) to <see cref="MultiLabelFormatVersion"/>.</summary>
    public const int FormatVersion = 2;

    /// <summary>
    /// The format version of a multi-label model: a library that reads only version 2 refuses such a file instead of
    /// scoring it with a softmax. Single-label files stay at version 2, readable by the libraries before it.
    /// </summary>
    public const int MultiLabelFormatVersion = 3;

    /// <summary>The newest format version this library reads.</summary>
    public const int NewestFormatVersion = MultiLabelFormatVersion;

    public const string Manifest = "manifest.json";
    public const string Vocabulary = "vocab.json";
    public const string NGrams = "ngrams.json";

    /// <summary>The WordPiece vocabulary of a transformer, as the encoder's <c>vocab.txt</c> had it (one token a line).</summary>
    public const string WordPieceVocabulary = "vocab.txt";
    public const string Weights = "weights.bin";
    public const string Calibration = "calibration.json";

    /// <summary>
    /// The SHA-256 over every other entry, the manifest included (format 2): checked before anything is read, so that an
    /// entry changed on its own — even with the manifest's checksums made to match — fails whole.
    /// </summary>
    public const string Digest = "digest.sha256";

    /// <summary>An entry's name without the prefix of an ensemble member (<c>members/0/weights.bin</c> → <c>weights.bin</c>).</summary>
    public static string BaseName(string name) => name[(name.LastIndexOf('/') + 1)..];

    public const long MaxJsonBytes = 1L << 30;
    public const long MaxManifestBytes = 16L << 20;
    public const long MaxWeightsBytes = int.MaxValue;
    public const int MaxEntries = 16;
    public const int MaxLabels = 100_000;
}
