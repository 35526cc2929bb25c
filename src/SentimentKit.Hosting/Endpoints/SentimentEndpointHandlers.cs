using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace SentimentKit.Hosting.Endpoints;

/// <summary>
/// The request handlers of one mapped model. Predictions and explanations pass a concurrency limiter before their
/// bodies are read, so that the memory a burst of requests can take is bounded by the limits, not by the burst.
/// </summary>
internal sealed class SentimentEndpointHandlers(
    SentimentPredictorPool pool,
    string model,
    SentimentEndpointOptions options,
    ConcurrencyLimiter limiter,
    RequestRejection reject)
{
    private const string PredictShape = "{\"texts\": [\"...\", ...]}";
    private const string ExplainShape = "{\"text\": \"...\"}";

    private readonly ISentimentPredictor _predictor = pool.GetPredictor(model);

    public Task<IResult> PredictAsync(HttpContext context) => AdmitAsync<PredictRequest>(context, PredictShape, Predict);

    public Task<IResult> ExplainAsync(HttpContext context) => AdmitAsync<ExplainRequest>(context, ExplainShape, Explain);

    public IResult Describe()
    {
        using var lease = pool.Acquire(model);
        var status = pool.GetStatus(model);
        var info = lease.Info;
        return Results.Json(
            new ModelDescription
            {
                Name = model,
                Runtime = info.Runtime,
                Kind = info.Kind,
                Labels = info.Labels,
                CreatedUtc = info.CreatedUtc,
                LibraryVersion = info.LibraryVersion,
                Seed = info.Seed,
                Temperature = info.Temperature,

                // The file's name, not its path: where the server keeps its files is none of the client's business.
                FileName = info.Path is null ? null : Path.GetFileName(info.Path),
                FileSha256 = info.FileSha256,
                CanExplain = lease.Predictor.CanExplain,
                LoadedUtc = lease.LoadedUtc,
                Reloads = status.Reloads,
                LastReloadError = status.LastReloadError,
                Manifest = lease.Manifest,
            },
            HostingJson.Options);
    }

    private IResult Predict(HttpContext context, PredictRequest request)
    {
        if (request.Texts is not { } texts)
        {
            return reject.Malformed400(context, $"The request has no \"texts\" array; expected {PredictShape}.");
        }

        if (texts.Count == 0)
        {
            return reject.Malformed400(context, "\"texts\" is empty; send at least one text.");
        }

        if (texts.Count > options.MaxBatchSize)
        {
            return reject.Limit(context, StatusCodes.Status400BadRequest, RequestRejection.BatchTooLarge, "Too many texts",
                nameof(SentimentEndpointOptions.MaxBatchSize), options.MaxBatchSize,
                $"The request has {RequestRejection.Count(texts.Count)} texts; the limit {nameof(SentimentEndpointOptions.MaxBatchSize)} is {RequestRejection.Count(options.MaxBatchSize)} per request.");
        }

        var checkedTexts = new string[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            if (texts[i] is not { } text)
            {
                return reject.Malformed400(context, $"texts[{i}] is null; every text must be a string.");
            }

            if (TooLong(context, text, i) is { } tooLong)
            {
                return tooLong;
            }

            checkedTexts[i] = text;
        }

        var predictions = _predictor.PredictBatch(checkedTexts, context.RequestAborted);
        return Results.Json(predictions.Select(PredictionResult.From).ToArray(), HostingJson.Options);
    }

    private IResult Explain(HttpContext context, ExplainRequest request)
    {
        if (request.Text is not { } text)
        {
            return reject.Malformed400(context, $"The request has no \"text\" string; expected {ExplainShape}.");
        }

        if (TooLong(context, text, index: null) is { } tooLong)
        {
            return tooLong;
        }

        try
        {
            return Results.Json(ExplanationResult.From(_predictor.Explain(text)), HostingJson.Options);
        }
        catch (NotSupportedException e)
        {
            return Results.Problem(detail: $"Model '{model}' cannot explain its predictions: {e.Message}", statusCode: StatusCodes.Status501NotImplemented, title: "Explanations not available");
        }
    }

    /// <summary>Waits for a place under the concurrency limit (or answers 429), then reads the body and handles it while holding the place.</summary>
    private async Task<IResult> AdmitAsync<T>(HttpContext context, string shape, Func<HttpContext, T, IResult> handle)
        where T : class
    {
        using var permit = await limiter.AcquireAsync(1, context.RequestAborted).ConfigureAwait(false);
        if (!permit.IsAcquired)
        {
            return Busy(context);
        }

        var (request, problem) = await RequestBody.ReadAsync<T>(context, options.MaxRequestBodyBytes, reject, shape).ConfigureAwait(false);
        return problem ?? handle(context, request!);
    }

    private IResult? TooLong(HttpContext context, string text, int? index) =>
        text.Length <= options.MaxTextLength
            ? null
            : reject.Limit(context, StatusCodes.Status413PayloadTooLarge, RequestRejection.TextTooLong, "Text too long",
                nameof(SentimentEndpointOptions.MaxTextLength), options.MaxTextLength,
                $"{(index is null ? "The text" : $"texts[{index}]")} has {RequestRejection.Count(text.Length)} characters; the limit {nameof(SentimentEndpointOptions.MaxTextLength)} is {RequestRejection.Count(options.MaxTextLength)}.",
                index);

    private IResult Busy(HttpContext context)
    {
        context.Response.Headers[HeaderNames.RetryAfter] = "1";
        return reject.Limit(context, StatusCodes.Status429TooManyRequests, RequestRejection.Concurrency, "Too many requests",
            nameof(SentimentEndpointOptions.MaxConcurrentRequests), options.MaxConcurrentRequests,
            $"{RequestRejection.Count(options.MaxConcurrentRequests)} requests are running (the limit {nameof(SentimentEndpointOptions.MaxConcurrentRequests)}) and {RequestRejection.Count(options.QueueLimit)} are waiting (the limit {nameof(SentimentEndpointOptions.QueueLimit)}); retry shortly.");
    }
}
