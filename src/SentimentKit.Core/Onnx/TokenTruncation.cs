namespace SentimentKit.Onnx;

/// <summary>
/// Which ids a sequence longer than the token limit keeps; named and numbered as <c>Sequences.TruncationStrategy</c>,
/// whose snake_case names the manifest and the ONNX metadata hold.
/// </summary>
internal enum TokenTruncation
{
    /// <summary>The first ids.</summary>
    Head,

    /// <summary>The last ids.</summary>
    Tail,

    /// <summary>A quarter of the limit (rounded down) from the start, the rest from the end.</summary>
    HeadAndTail,
}
