namespace SentimentKit.Text;

/// <summary>How a <see cref="WordPieceEncoder"/> fits a text into a model's input.</summary>
public sealed class WordPieceEncoderOptions
{
    /// <summary>
    /// Gets or sets the most ids of one encoded text, <c>[CLS]</c> and <c>[SEP]</c> included; at
    /// most the model's number of positions.
    /// </summary>
    /// <value>The default value is 512, BERT's number of positions.</value>
    public int MaxTokens { get; set; } = 512;

    /// <summary>
    /// Gets or sets the share of the piece budget (<see cref="MaxTokens"/> - 2) that a text too long
    /// for it keeps from its start; the rest comes from its end and the middle is dropped. 1 keeps
    /// only the start, 0 only the end.
    /// </summary>
    /// <value>
    /// The default value is 0.25: reviews tend to state their verdict at the start and conclude at
    /// the end, and the conclusion is the stronger signal (head 128 + tail 382 of 512 tokens was the
    /// best split for long IMDB reviews in Sun et al., 2019, "How to Fine-Tune BERT for Text
    /// Classification?").
    /// </value>
    public double TruncationHeadShare { get; set; } = 0.25;

    /// <summary>Checks every setting and reports every problem at once.</summary>
    /// <exception cref="InvalidOptionsException">One or more settings are invalid.</exception>
    public void Validate()
    {
        var errors = new OptionErrors();
        errors.Check(MaxTokens >= 2, $"{nameof(MaxTokens)} must be at least 2, for [CLS] and [SEP] (was {MaxTokens}).");
        errors.Check(TruncationHeadShare is >= 0 and <= 1, FormattableString.Invariant($"{nameof(TruncationHeadShare)} must be in [0, 1] (was {TruncationHeadShare})."));
        errors.ThrowIfAny(nameof(WordPieceEncoderOptions));
    }

    /// <summary>Copies the options.</summary>
    /// <returns>A copy.</returns>
    public WordPieceEncoderOptions Clone() => (WordPieceEncoderOptions)MemberwiseClone();
}
