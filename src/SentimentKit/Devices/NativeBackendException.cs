namespace SentimentKit.Devices;

/// <summary>
/// libtorch (TorchSharp's native backend) could not be loaded. <see cref="Exception.Message"/>
/// names the real cause where it could be found and the fix; <see cref="LoaderDetail"/> keeps
/// the loader's own words.
/// </summary>
public sealed class NativeBackendException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="NativeBackendException"/> class.</summary>
    public NativeBackendException()
        : this("libtorch could not be loaded.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="NativeBackendException"/> class.</summary>
    /// <param name="message">The one-line cause and fix.</param>
    public NativeBackendException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="NativeBackendException"/> class.</summary>
    /// <param name="message">The one-line cause and fix.</param>
    /// <param name="innerException">The loader's exception.</param>
    public NativeBackendException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="NativeBackendException"/> class.</summary>
    /// <param name="message">The one-line cause and fix.</param>
    /// <param name="fix">What to do about it.</param>
    /// <param name="loaderDetail">The dynamic loader's message.</param>
    /// <param name="innerException">The loader's exception.</param>
    public NativeBackendException(string message, string fix, string? loaderDetail, Exception? innerException)
        : base(message, innerException)
    {
        Fix = fix;
        LoaderDetail = loaderDetail;
    }

    /// <summary>Gets what to do about it.</summary>
    public string? Fix { get; }

    /// <summary>Gets the dynamic loader's own message, where there was one.</summary>
    public string? LoaderDetail { get; }
}
