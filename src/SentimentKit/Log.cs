using Microsoft.Extensions.Logging;

namespace SentimentKit;

/// <summary>
/// Every log message of the library, with stable event ids: 1xx devices, 2xx data and text,
/// 3xx sequences and models, 4xx training, 5xx the facade.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Device {Preference} resolved to {Device}")]
    public static partial void DeviceResolved(ILogger logger, Devices.DevicePreference preference, Devices.ComputeDevice device);
}
