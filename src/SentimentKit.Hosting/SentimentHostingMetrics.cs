namespace SentimentKit.Hosting;

/// <summary>
/// The names of the <see cref="System.Diagnostics.Metrics"/> instruments that SentimentKit.Hosting records, for
/// OpenTelemetry (<c>AddMeter(SentimentHostingMetrics.MeterName)</c>) or <c>dotnet-counters</c>. Every instrument
/// carries the model's name in the <see cref="ModelTag"/> tag.
/// </summary>
public static class SentimentHostingMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "SentimentKit.Hosting";

    /// <summary>Counter of prediction and explanation calls ({call}); tags <see cref="ModelTag"/> and <see cref="OperationTag"/>.</summary>
    public const string Predictions = "sentimentkit.predictions";

    /// <summary>Counter of texts scored ({text}); a batch of 10 texts counts 10; tags <see cref="ModelTag"/> and <see cref="OperationTag"/>.</summary>
    public const string Texts = "sentimentkit.texts";

    /// <summary>Histogram of the time one call takes in the model (s); tags <see cref="ModelTag"/> and <see cref="OperationTag"/>.</summary>
    public const string Duration = "sentimentkit.prediction.duration";

    /// <summary>Counter of calls that threw ({call}); tags <see cref="ModelTag"/>, <see cref="OperationTag"/> and <c>error.type</c>.</summary>
    public const string PredictionFailures = "sentimentkit.prediction.failures";

    /// <summary>Counter of replaced model files loaded and swapped in ({reload}); tag <see cref="ModelTag"/>.</summary>
    public const string Reloads = "sentimentkit.model.reloads";

    /// <summary>Counter of replaced model files that failed to load, the previous model serving on ({failure}); tag <see cref="ModelTag"/>.</summary>
    public const string ReloadFailures = "sentimentkit.model.reload_failures";

    /// <summary>Counter of requests answered 400, 413 or 429 by a limit or a malformed body ({request}); tags <see cref="ModelTag"/> and <see cref="ReasonTag"/>.</summary>
    public const string RejectedRequests = "sentimentkit.requests.rejected";

    /// <summary>The tag naming the model (<c>default</c> unless the model was registered under a name).</summary>
    public const string ModelTag = "sentimentkit.model";

    /// <summary>The tag naming the call: <c>predict</c> or <c>explain</c>.</summary>
    public const string OperationTag = "sentimentkit.operation";

    /// <summary>
    /// The tag naming why a request was rejected: <c>text_too_long</c>, <c>batch_too_large</c>, <c>body_too_large</c>,
    /// <c>malformed_request</c> or <c>concurrency_limit</c>.
    /// </summary>
    public const string ReasonTag = "sentimentkit.reason";
}
