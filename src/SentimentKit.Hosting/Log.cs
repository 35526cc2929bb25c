using Microsoft.Extensions.Logging;

namespace SentimentKit.Hosting;

/// <summary>Every log message of SentimentKit.Hosting, with stable event ids in the 6xx range.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Model {Model} loaded from {Path}: {Kind}, labels {Labels}, created {CreatedUtc:O}, SHA-256 {Sha256}, runtime {Runtime}, {Seconds:F2} s")]
    public static partial void ModelLoaded(ILogger logger, string model, string path, ModelKind kind, string labels, DateTimeOffset createdUtc, string? sha256, string runtime, double seconds);

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Model {Model}: {Path} changed; loading the replacement in the background while the current model serves")]
    public static partial void ModelChanged(ILogger logger, string model, string path);

    [LoggerMessage(EventId = 602, Level = LogLevel.Information, Message = "Model {Model} swapped: SHA-256 {PreviousSha256} -> {Sha256} ({Kind}, labels {Labels}); requests in flight finish on the previous model")]
    public static partial void ModelSwapped(ILogger logger, string model, string? previousSha256, string? sha256, ModelKind kind, string labels);

    [LoggerMessage(EventId = 603, Level = LogLevel.Error, Message = "Model {Model}: the replacement {Path} cannot be used, so the loaded model (SHA-256 {Sha256}) keeps serving: {Reason}")]
    public static partial void ReloadFailed(ILogger logger, string model, string path, string? sha256, string reason, Exception? exception);

    [LoggerMessage(EventId = 604, Level = LogLevel.Debug, Message = "Model {Model}: the previous model (SHA-256 {Sha256}) was disposed after its last request")]
    public static partial void ModelRetired(ILogger logger, string model, string? sha256);

    [LoggerMessage(EventId = 605, Level = LogLevel.Information, Message = "Model {Model}: {Path} changed but holds the model already serving (SHA-256 {Sha256}); nothing to swap")]
    public static partial void ModelUnchanged(ILogger logger, string model, string path, string? sha256);

    [LoggerMessage(EventId = 606, Level = LogLevel.Warning, Message = "Model {Model}: change notifications for {Directory} are unavailable ({Reason}); checking the file every {Interval} instead")]
    public static partial void NotificationsUnavailable(ILogger logger, string model, string directory, string reason, TimeSpan interval);

    [LoggerMessage(EventId = 607, Level = LogLevel.Error, Message = "Model {Model}: watching {Path} for replacements failed; watching goes on")]
    public static partial void WatchFailed(ILogger logger, string model, string path, Exception exception);

    [LoggerMessage(EventId = 608, Level = LogLevel.Error, Message = "Model {Model}: {Operation} failed")]
    public static partial void PredictionFailed(ILogger logger, string model, string operation, Exception exception);

    [LoggerMessage(EventId = 609, Level = LogLevel.Debug, Message = "Model {Model}: request to {Path} answered {Status} ({Reason}): {Detail}")]
    public static partial void RequestRejected(ILogger logger, string model, Microsoft.AspNetCore.Http.PathString path, int status, string reason, string detail);
}
