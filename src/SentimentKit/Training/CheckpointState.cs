namespace SentimentKit.Training;

/// <summary>The JSON part of a checkpoint.</summary>
internal sealed record CheckpointState
{
    public required int Epoch { get; init; }

    public required long GlobalStep { get; init; }

    public required int Seed { get; init; }

    public required string Fingerprint { get; init; }

    public required LearningRateScheduler.PlateauState Plateau { get; init; }

    public double? BestValue { get; init; }

    public int? BestEpoch { get; init; }

    public int ValidationsWithoutImprovement { get; init; }

    public required IReadOnlyList<EpochSummary> History { get; init; }

    public bool HasBestWeights { get; init; }
}
