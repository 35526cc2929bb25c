using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SentimentKit.Hosting.Endpoints;

namespace SentimentKit.Hosting;

/// <summary>Maps the endpoints that serve a registered model over HTTP.</summary>
public static class SentimentEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the endpoints of one model registered with <c>AddSentimentPredictor</c>:
    /// <c>POST predict</c> (<c>{"texts": [...]}</c> → one <c>{label, confidence, probabilities}</c> per text),
    /// <c>POST explain</c> (<c>{"text": "..."}</c> → the prediction and each token's attribution), <c>GET model</c>
    /// (what is loaded, with the file's manifest), <c>GET healthz</c> (the model's health check) and <c>GET /</c>, a page
    /// to try the model in a browser. Limits come from <see cref="SentimentEndpointOptions"/> (<c>IOptions</c>); map the
    /// endpoints of other models under a prefix: <c>app.MapGroup("/reviews").MapSentimentEndpoints("reviews")</c>.
    /// </summary>
    /// <param name="endpoints">The app or a route group.</param>
    /// <param name="modelName">The model's name; <see langword="null"/> for <see cref="SentimentPredictorPool.DefaultModelName"/>.</param>
    /// <returns>The group of the endpoints, to add conventions such as authorization to all of them.</returns>
    /// <exception cref="InvalidOptionsException">The <see cref="SentimentEndpointOptions"/> are invalid.</exception>
    /// <exception cref="KeyNotFoundException">No model of that name is registered.</exception>
    public static RouteGroupBuilder MapSentimentEndpoints(this IEndpointRouteBuilder endpoints, string? modelName = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var model = modelName ?? SentimentPredictorPool.DefaultModelName;
        var pool = services.GetRequiredService<SentimentPredictorPool>();
        _ = pool.Slot(model);
        var options = (services.GetService<IOptions<SentimentEndpointOptions>>()?.Value ?? new SentimentEndpointOptions()).Clone();
        options.Validate();
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger("SentimentKit.Hosting") ?? NullLogger.Instance;
        var limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.MaxConcurrentRequests,
            QueueLimit = options.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        services.GetService<IHostApplicationLifetime>()?.ApplicationStopped.Register(limiter.Dispose);
        var handlers = new SentimentEndpointHandlers(pool, model, options, limiter, new RequestRejection(model, pool.Instruments, logger));

        // Endpoint names must be unique in an app: the default model's are plain, others' carry the model's name.
        var suffix = model == SentimentPredictorPool.DefaultModelName ? string.Empty : "_" + model;
        var group = endpoints.MapGroup(string.Empty).WithTags("SentimentKit");

        group.MapPost("/predict", (Delegate)handlers.PredictAsync)
            .WithName("Predict" + suffix)
            .WithSummary("Classifies texts.")
            .WithDescription("Body {\"texts\": [...]}; answers one {label, confidence, probabilities} per text, in order. 400 for malformed JSON or too many texts (MaxBatchSize), 413 for a text or body over its limit (MaxTextLength, MaxRequestBodyBytes), 429 when the concurrency limit and its queue are full.")
            .Accepts<PredictRequest>("application/json")
            .Produces<PredictionResult[]>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/explain", (Delegate)handlers.ExplainAsync)
            .WithName("Explain" + suffix)
            .WithSummary("Classifies a text and attributes the label to its tokens.")
            .WithDescription("Body {\"text\": \"...\"}; answers the prediction and one {token, attribution} per token, positive for tokens that support the label.")
            .Accepts<ExplainRequest>("application/json")
            .Produces<ExplanationResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status501NotImplemented);

        group.MapGet("/model", () => handlers.Describe())
            .WithName("Model" + suffix)
            .WithSummary("Describes the model serving now: kind, labels, checksum, reloads and its file's manifest (no weights).")
            .Produces<ModelDescription>();

        group.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = registration => registration.Name == SentimentModelHealthCheck.RegistrationName(model),
            ResponseWriter = HealthResponse.WriteAsync,
        });

        var index = PageFiles.Load("index.html", "text/html; charset=utf-8");
        var script = PageFiles.Load("app.js", "text/javascript; charset=utf-8");
        var style = PageFiles.Load("app.css", "text/css; charset=utf-8");
        group.MapGet("/", (HttpContext context) => PageFiles.Serve(context, index)).ExcludeFromDescription();
        group.MapGet("/app.js", (HttpContext context) => PageFiles.Serve(context, script)).ExcludeFromDescription();
        group.MapGet("/app.css", (HttpContext context) => PageFiles.Serve(context, style)).ExcludeFromDescription();
        return group;
    }
}
