namespace SentimentKit.Data;

/// <summary>One labeled text, with optional metadata from its source.</summary>
/// <param name="Text">The raw text.</param>
/// <param name="Label">The label name; integer labels are names too (<c>"0"</c>, <c>"1"</c>).</param>
public sealed record TextExample(string Text, string Label)
{
    /// <summary>Gets the raw text.</summary>
    public string Text { get; init; } = Text ?? throw new ArgumentNullException(nameof(Text));

    /// <summary>Gets the label name.</summary>
    public string Label { get; init; } = Label ?? throw new ArgumentNullException(nameof(Label));

    /// <summary>Gets the rating the source gave, such as IMDB's 1–10 stars from the file name; <see langword="null"/> when unknown.</summary>
    public int? Stars { get; init; }

    /// <summary>Gets where the example came from — <c>file:line</c> for CSV, TSV and JSON Lines, <c>train/pos/123_9.txt</c> for IMDB; <see langword="null"/> when unknown.</summary>
    public string? SourceId { get; init; }
}
