using System.Globalization;

namespace SentimentKit.Hosting;

/// <summary>
/// How one served model is loaded and kept current: the model file, and whether and how a replaced file is reloaded.
/// Bound from configuration (for example <c>SentimentKit:Models:reviews</c>) or set in code;
/// <see cref="Validate"/> reports every error at once.
/// </summary>
public sealed class SentimentPredictorOptions
{
    /// <summary>Gets or sets the <c>.skm</c> model file.</summary>
    /// <value>The default value is <see langword="null"/>; a model must name one.</value>
    public string? ModelPath { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether a replaced model file is loaded in the background and swapped in while
    /// requests go on.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool WatchForChanges { get; set; } = true;

    /// <summary>
    /// Gets or sets how long the file must stay unchanged after a change is seen before it is loaded, so that a file
    /// copied in place (not renamed, as <c>Save</c> does) is read once it is complete.
    /// </summary>
    /// <value>The default value is 500 milliseconds.</value>
    public TimeSpan ReloadDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Gets or sets how often the file's size and time stamp are checked as well as the file system's change
    /// notifications, which some file systems (network shares, some container volumes) do not send.
    /// </summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Checks every option and reports every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">An option is invalid; <see cref="InvalidOptionsException.Errors"/> lists each problem.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ModelPath))
        {
            errors.Add("ModelPath must name the model file.");
        }

        if (ReloadDelay < TimeSpan.Zero || ReloadDelay > TimeSpan.FromMinutes(10))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"ReloadDelay must be between 0 and 10 minutes (was {ReloadDelay})."));
        }

        if (PollInterval < TimeSpan.FromMilliseconds(100) || PollInterval > TimeSpan.FromHours(1))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"PollInterval must be between 100 milliseconds and 1 hour (was {PollInterval})."));
        }

        if (errors.Count > 0)
        {
            throw new InvalidOptionsException(nameof(SentimentPredictorOptions), errors);
        }
    }

    /// <summary>Returns a copy that later changes to this object do not affect.</summary>
    /// <returns>The copy.</returns>
    public SentimentPredictorOptions Clone() => (SentimentPredictorOptions)MemberwiseClone();
}
