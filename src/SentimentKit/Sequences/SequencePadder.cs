using SentimentKit.Onnx;

namespace SentimentKit.Sequences;

/// <summary>
/// Turns id sequences into a <see cref="PaddedBatch"/>: truncates each to the token limit, turns
/// an empty sequence into one unknown token (packing rejects zero lengths) and pads with the pad id.
/// </summary>
public sealed class SequencePadder
{
    private readonly PaddingOptions _options;

    /// <summary>Initializes a padder with the default options: pad id 0, unknown id 1, no token limit.</summary>
    public SequencePadder()
        : this(new PaddingOptions())
    {
    }

    /// <summary>Initializes a padder.</summary>
    /// <param name="options">The padding options; validated and copied.</param>
    /// <exception cref="InvalidOptionsException"><paramref name="options"/> is invalid.</exception>
    public SequencePadder(PaddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
    }

    /// <summary>Gets the id of padded slots.</summary>
    public int PadId => _options.PadId;

    /// <summary>Gets the id that an empty sequence becomes.</summary>
    public int UnkId => _options.UnkId;

    /// <summary>Gets the most tokens kept per sequence, or <see langword="null"/> for no limit.</summary>
    public int? MaxTokens => _options.MaxTokens;

    /// <summary>Gets which tokens are kept from a sequence that is too long.</summary>
    public TruncationStrategy Truncation => _options.Truncation;

    /// <summary>
    /// Keeps at most <paramref name="maxTokens"/> ids of a sequence. A sequence that fits is returned
    /// as it is (not copied).
    /// </summary>
    /// <param name="ids">The ids.</param>
    /// <param name="maxTokens">The most ids to keep; at least 1.</param>
    /// <param name="strategy">Which ids to keep; see <see cref="TruncationStrategy"/>.</param>
    /// <returns>The kept ids, in their original order.</returns>
    public static int[] Truncate(int[] ids, int maxTokens, TruncationStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 1);
        return Enum.IsDefined(strategy)
            ? IdTruncation.Truncate(ids, maxTokens, (TokenTruncation)strategy)
            : throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Unknown truncation strategy.");
    }

    /// <summary>
    /// Gets the ids of a sequence as a batch will hold them: truncated to the token limit, and a
    /// single unknown id in place of an empty sequence.
    /// </summary>
    /// <param name="ids">The ids.</param>
    /// <returns>The prepared ids; never empty.</returns>
    public int[] Prepare(int[] ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Length == 0)
        {
            return [_options.UnkId];
        }

        return _options.MaxTokens is { } max ? Truncate(ids, max, _options.Truncation) : ids;
    }

    /// <summary>
    /// Gets the length that a sequence of <paramref name="rawLength"/> ids will have in a batch,
    /// which is what a length-bucketed sampler needs.
    /// </summary>
    /// <param name="rawLength">The number of ids before truncation.</param>
    /// <returns>The length after truncation; at least 1.</returns>
    public int GetPaddedLength(int rawLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rawLength);
        var length = Math.Max(rawLength, 1);
        return _options.MaxTokens is { } max ? Math.Min(length, max) : length;
    }

    /// <summary>Prepares every sequence (see <see cref="Prepare"/>) and pads them into one batch on the CPU.</summary>
    /// <param name="sequences">The id sequences; at least one.</param>
    /// <param name="labels">The class index of each sequence, or <see langword="null"/>.</param>
    /// <returns>The batch; the caller disposes it.</returns>
    public PaddedBatch Pad(IReadOnlyList<int[]> sequences, IReadOnlyList<int>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one sequence.", nameof(sequences));
        }

        var prepared = new int[sequences.Count][];
        for (var i = 0; i < prepared.Length; i++)
        {
            prepared[i] = Prepare(sequences[i] ?? throw new ArgumentException($"Sequence {i} is null.", nameof(sequences)));
        }

        return PaddedBatch.Create(prepared, labels, _options.PadId);
    }
}
