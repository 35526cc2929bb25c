namespace SentimentKit.Artifacts;

/// <summary>
/// The manifest section <c>ensemble</c> of a model file whose kind is <see cref="ModelKind.Ensemble"/>: its members
/// (each a whole model: its own manifest, its entries under its <see cref="EnsembleMemberSection.Prefix"/>) with their
/// weights, and the temperature applied to the logarithm of their weighted average. Both runtimes read it through
/// <see cref="ArtifactContents.Ensemble"/>.
/// </summary>
internal sealed record EnsembleManifestSection
{
    /// <summary>The section's name in the manifest.</summary>
    public const string Name = "ensemble";

    /// <summary>The most members a file may hold (the zip holds at most <see cref="ArtifactEntries.MaxEntries"/> entries anyway).</summary>
    public const int MaxMembers = 4;

    /// <summary>Gets the members, in the order their probabilities are added.</summary>
    public required IReadOnlyList<EnsembleMemberSection> Members { get; init; }

    /// <summary>Gets the temperature that divides the logarithm of the averaged probabilities; 1 leaves them as they are.</summary>
    public double Temperature { get; init; } = 1;

    /// <summary>The entry prefix of member <paramref name="index"/>.</summary>
    public static string PrefixOf(int index) => FormattableString.Invariant($"members/{index}/");
}
