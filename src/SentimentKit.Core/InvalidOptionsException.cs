namespace SentimentKit;

/// <summary>
/// Thrown when an options object is invalid. <see cref="Errors"/> lists every problem found, so
/// that all of them can be fixed at once.
/// </summary>
public sealed class InvalidOptionsException : ArgumentException
{
    /// <summary>Initializes a new instance with no errors listed.</summary>
    public InvalidOptionsException()
        : this("The options are invalid.")
    {
    }

    /// <summary>Initializes a new instance with a message and no errors listed.</summary>
    /// <param name="message">The message.</param>
    public InvalidOptionsException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Initializes a new instance with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidOptionsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Initializes a new instance that lists the errors found in an options object.</summary>
    /// <param name="optionsName">The name of the options type, used in the message.</param>
    /// <param name="errors">Every error found; at least one.</param>
    public InvalidOptionsException(string optionsName, IReadOnlyList<string> errors)
        : base(FormatMessage(optionsName, errors))
    {
        Errors = errors;
    }

    /// <summary>Gets every error found.</summary>
    public IReadOnlyList<string> Errors { get; }

    private static string FormatMessage(string optionsName, IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return $"{optionsName} is invalid ({errors.Count} error{(errors.Count == 1 ? string.Empty : "s")}): {string.Join(" ", errors)}";
    }
}
