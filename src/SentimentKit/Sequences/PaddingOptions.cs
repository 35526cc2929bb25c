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
        var errors = new OptionErrors();
        AddErrors(errors, PadId, UnkId, MaxTokens, Truncation);
        errors.ThrowIfAny(nameof(PaddingOptions));
    }

    /// <summary>Copies the options.</summary>
    /// <returns>A copy.</returns>
    public PaddingOptions Clone() => (PaddingOptions)MemberwiseClone();

    internal static void AddErrors(OptionErrors errors, int padId, int unkId, int? maxTokens, TruncationStrategy truncation)
    {
        errors.Check(padId >= 0, $"PadId must be non-negative (was {padId}).");
        errors.Check(unkId >= 0, $"UnkId must be non-negative (was {unkId}).");
        errors.Check(unkId < 0 || unkId != padId, $"UnkId must differ from PadId (both were {unkId}): an empty sequence becomes one UnkId token, which must not read as padding.");
        errors.AtLeastWhenSet("MaxTokens", maxTokens, 1);
        errors.Defined("Truncation", truncation);
    }
}
