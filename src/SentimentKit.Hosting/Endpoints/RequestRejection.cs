using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SentimentKit.Hosting.Endpoints;

/// <summary>
/// A request refused by a limit or for its body: a problem-details answer (RFC 9457) that names the limit and its
/// value, counted in the metrics and logged at debug level (a flood of them must not flood the log).
/// </summary>
internal sealed class RequestRejection(string model, HostingInstruments instruments, ILogger logger)
{
    public const string TextTooLong = "text_too_long";
    public const string BatchTooLarge = "batch_too_large";
    public const string BodyTooLarge = "body_too_large";
    public const string Malformed = "malformed_request";
    public const string Concurrency = "concurrency_limit";

    public IResult Malformed400(HttpContext context, string detail) => Reject(context, StatusCodes.Status400BadRequest, Malformed, "Malformed request", detail);

    public IResult Limit(HttpContext context, int status, string reason, string title, string limit, long maximum, string detail, int? index = null)
    {
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal) { ["limit"] = limit, ["maximum"] = maximum };
        if (index is not null)
        {
            extensions["index"] = index;
        }

        return Reject(context, status, reason, title, detail, extensions);
    }

    private IResult Reject(HttpContext context, int status, string reason, string title, string detail, Dictionary<string, object?>? extensions = null)
    {
        instruments.Rejected(model, reason);
        Log.RequestRejected(logger, model, context.Request.Path, status, reason, detail);
        return Results.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);
    }

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
