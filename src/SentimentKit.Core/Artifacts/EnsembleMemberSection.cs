namespace SentimentKit.Artifacts;

/// <summary>One member of an ensemble's manifest section (<see cref="EnsembleManifestSection"/>).</summary>
internal sealed record EnsembleMemberSection
{
    /// <summary>Gets the prefix of the member's entries in the zip (<c>members/0/</c>): its <c>weights.bin</c> is <c>members/0/weights.bin</c>.</summary>
    public required string Prefix { get; init; }

    /// <summary>Gets the member's weight in the average; the weights of a file sum to 1.</summary>
    public required double Weight { get; init; }

    /// <summary>Gets the recipe the member was trained with (<c>nbsvm</c>, <c>gru</c>, …), for people reading the file.</summary>
    public string? Recipe { get; init; }

    /// <summary>Gets the member's own manifest, as a single model's file would hold it; its checksums name its entries without the prefix.</summary>
    public required ModelManifest Manifest { get; init; }
}
