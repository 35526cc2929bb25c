namespace SentimentKit.Devices;

/// <summary>The requested device cannot be used here; <see cref="Reason"/> says why.</summary>
public sealed class DeviceUnavailableException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="DeviceUnavailableException"/> class.</summary>
    public DeviceUnavailableException()
        : this("The requested device is not available.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DeviceUnavailableException"/> class.</summary>
    /// <param name="message">The one-line reason.</param>
    public DeviceUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DeviceUnavailableException"/> class.</summary>
    /// <param name="message">The one-line reason.</param>
    /// <param name="innerException">The underlying error.</param>
    public DeviceUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DeviceUnavailableException"/> class.</summary>
    /// <param name="requested">The device that was asked for.</param>
    /// <param name="reason">Why it cannot be used.</param>
    /// <param name="message">The one-line reason.</param>
    public DeviceUnavailableException(DevicePreference requested, DeviceUnavailableReason reason, string message)
        : base(message)
    {
        Requested = requested;
        Reason = reason;
    }

    /// <summary>Gets the device that was asked for.</summary>
    public DevicePreference? Requested { get; }

    /// <summary>Gets why the device cannot be used.</summary>
    public DeviceUnavailableReason Reason { get; }
}
