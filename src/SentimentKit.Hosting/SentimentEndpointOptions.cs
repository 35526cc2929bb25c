using System.Globalization;

namespace SentimentKit.Hosting;

/// <summary>
/// The limits of the endpoints that <see cref="SentimentEndpointRouteBuilderExtensions.MapSentimentEndpoints"/> maps:
/// a request beyond one is answered 400, 413 or 429 with a problem-details body naming the limit, never failed with
/// a 500. Bound from configuration (<c>SentimentKit:Endpoints</c> in <c>sentimentkit serve</c>) or set in code;
/// <see cref="Validate"/> reports every error at once.
/// </summary>
public sealed class SentimentEndpointOptions
{
    /// <summary>Gets or sets the most characters a text may have; a longer one is answered 413.</summary>
    /// <value>The default value is 20,000 (IMDB's longest review has about 13,700).</value>
    public int MaxTextLength { get; set; } = 20_000;

    /// <summary>Gets or sets the most texts one <c>/predict</c> request may hold; more are answered 400.</summary>
    /// <value>The default value is 256.</value>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>Gets or sets the largest request body in bytes; a larger one is answered 413 before it is read whole.</summary>
    /// <value>The default value is 8,388,608 (8 MiB).</value>
    public long MaxRequestBodyBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>
    /// Gets or sets how many prediction and explanation requests run at once; others wait in a queue of
    /// <see cref="QueueLimit"/>, before their bodies are read.
    /// </summary>
    /// <value>The default value is 32.</value>
    public int MaxConcurrentRequests { get; set; } = 32;

    /// <summary>
    /// Gets or sets how many requests may wait for one of the <see cref="MaxConcurrentRequests"/> places; a request
    /// that finds the queue full is answered 429 at once, so that memory stays bounded under any load.
    /// </summary>
    /// <value>The default value is 256.</value>
    public int QueueLimit { get; set; } = 256;

    /// <summary>Checks every option and reports every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">An option is invalid; <see cref="InvalidOptionsException.Errors"/> lists each problem.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        void AtLeast(string name, long value, long minimum)
        {
            if (value < minimum)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{name} must be at least {minimum} (was {value})."));
            }
        }

        AtLeast(nameof(MaxTextLength), MaxTextLength, 1);
        AtLeast(nameof(MaxBatchSize), MaxBatchSize, 1);
        AtLeast(nameof(MaxRequestBodyBytes), MaxRequestBodyBytes, 1024);
        AtLeast(nameof(MaxConcurrentRequests), MaxConcurrentRequests, 1);
        AtLeast(nameof(QueueLimit), QueueLimit, 0);
        if (errors.Count > 0)
        {
            throw new InvalidOptionsException(nameof(SentimentEndpointOptions), errors);
        }
    }

    /// <summary>Returns a copy that later changes to this object do not affect.</summary>
    /// <returns>The copy.</returns>
    public SentimentEndpointOptions Clone() => (SentimentEndpointOptions)MemberwiseClone();
}
