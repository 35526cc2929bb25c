namespace SentimentKit.Hosting;

/// <summary>Where one served model stands: what is loaded, since when, how often it was reloaded, and the last reload failure.</summary>
public sealed record SentimentModelStatus
{
    /// <summary>Gets the model's registered name (<see cref="SentimentPredictorPool.DefaultModelName"/> unless named).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the full path of the model file that is served and watched.</summary>
    public required string ModelPath { get; init; }

    /// <summary>Gets the runtime that loads the model: <c>torch</c> or <c>onnx</c>.</summary>
    public required string Runtime { get; init; }

    /// <summary>Gets what the loaded model is, or <see langword="null"/> when nothing is loaded yet.</summary>
    public ModelInfo? Info { get; init; }

    /// <summary>Gets when the model now serving was loaded, or <see langword="null"/> when nothing is loaded yet.</summary>
    public DateTimeOffset? LoadedUtc { get; init; }

    /// <summary>Gets how many replacements of the file were loaded and swapped in since the start.</summary>
    public int Reloads { get; init; }

    /// <summary>
    /// Gets why the last replacement of the file could not be used (the previous model serving on), or
    /// <see langword="null"/> when the file now holds the model that serves.
    /// </summary>
    public string? LastReloadError { get; init; }

    /// <summary>Gets when the last replacement failed, or <see langword="null"/> when <see cref="LastReloadError"/> is.</summary>
    public DateTimeOffset? LastReloadFailedUtc { get; init; }

    /// <summary>Gets a value indicating whether the file is watched for replacements.</summary>
    public bool IsWatching { get; init; }

    /// <summary>Gets a value indicating whether the model serves but the file holds a replacement that failed to load.</summary>
    public bool IsDegraded => Info is not null && LastReloadError is not null;
}
