namespace SentimentKit.Sequences;

/// <summary>How id sequences are truncated and padded into a batch.</summary>
public sealed class PaddingOptions
{
    /// <summary>The id of the padding token, also the value of every padded slot.</summary>
    /// <value>The default value is 0.</value>
    public int PadId { get; set; }

    /// <summary>The id of the unknown token; an empty sequence becomes this single token.</summary>
    /// <value>The default value is 1.</value>
    public int UnkId { get; set; } = 1;

    /// <summary>The most tokens kept per sequence, or <see langword="null"/> to keep them all.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? MaxTokens { get; set; }

    /// <summary>Which tokens are kept when a sequence is longer than <see cref="MaxTokens"/>.</summary>
    /// <value>The default value is <see cref="TruncationStrategy.HeadAndTail"/>.</value>
    public TruncationStrategy Truncation { get; set; } = TruncationStrategy.HeadAndTail;

    /// <summary>Checks every setting and reports every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">One or more settings are invalid.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        AddErrors(errors, PadId, UnkId, MaxTokens, Truncation);
        if (errors.Count > 0)
        {
            throw new InvalidOptionsException(nameof(PaddingOptions), errors);
        }
    }

    internal PaddingOptions Clone() => (PaddingOptions)MemberwiseClone();

    internal static void AddErrors(List<string> errors, int padId, int unkId, int? maxTokens, TruncationStrategy truncation)
    {
        if (padId < 0)
        {
            errors.Add($"PadId must be non-negative (was {padId}).");
        }

        if (unkId < 0)
        {
            errors.Add($"UnkId must be non-negative (was {unkId}).");
        }
        else if (unkId == padId)
        {
            errors.Add($"UnkId must differ from PadId (both were {unkId}): an empty sequence becomes one UnkId token, which must not read as padding.");
        }

        if (maxTokens is < 1)
        {
            errors.Add($"MaxTokens must be at least 1 when set (was {maxTokens}).");
        }

        if (!Enum.IsDefined(truncation))
        {
            errors.Add($"Truncation has an unknown value ({(int)truncation}).");
        }
    }
}
