using System.Globalization;

namespace SentimentKit.Onnx;

/// <summary>
/// The architecture of an <c>RnnClassifier</c> to export, in plain values (the module's options without the
/// training-only settings: dropout is the identity in evaluation mode).
/// </summary>
internal sealed record RnnOnnxSpec
{
    /// <summary>Gets the recurrent cell.</summary>
    public required RnnOnnxCell Cell { get; init; }

    /// <summary>Gets the number of embedding rows (ids).</summary>
    public required int VocabularySize { get; init; }

    /// <summary>Gets the width of an embedding.</summary>
    public required int EmbeddingSize { get; init; }

    /// <summary>Gets the hidden width of one direction of one layer.</summary>
    public required int HiddenSize { get; init; }

    /// <summary>Gets the number of stacked layers.</summary>
    public required int Layers { get; init; }

    /// <summary>Gets whether each layer also runs backwards.</summary>
    public required bool Bidirectional { get; init; }

    /// <summary>Gets the pooling.</summary>
    public required RnnOnnxPooling Pooling { get; init; }

    /// <summary>Gets the width of the head's hidden layer.</summary>
    public required int HeadHiddenSize { get; init; }

    /// <summary>Gets the number of classes.</summary>
    public required int ClassCount { get; init; }

    /// <summary>Gets the number of directions (1 or 2).</summary>
    public int Directions => Bidirectional ? 2 : 1;

    /// <summary>Gets the width of the recurrent outputs (hidden × directions).</summary>
    public int OutputSize => HiddenSize * Directions;

    /// <summary>Gets the width of the pooled vector the head reads.</summary>
    public int PooledSize => OutputSize * (Pooling == RnnOnnxPooling.MeanMax ? 2 : 1);

    /// <summary>Checks every value and reports every problem at once.</summary>
    /// <exception cref="ArgumentException">One or more values are invalid.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(Cell))
        {
            errors.Add($"Cell has an unknown value ({(int)Cell}).");
        }

        if (!Enum.IsDefined(Pooling))
        {
            errors.Add($"Pooling has an unknown value ({(int)Pooling}).");
        }

        foreach (var (name, value) in new[]
        {
            (nameof(VocabularySize), VocabularySize), (nameof(EmbeddingSize), EmbeddingSize), (nameof(HiddenSize), HiddenSize),
            (nameof(Layers), Layers), (nameof(HeadHiddenSize), HeadHiddenSize), (nameof(ClassCount), ClassCount),
        })
        {
            if (value < 1)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{name} must be at least 1 (was {value})."));
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid {nameof(RnnOnnxSpec)}: {string.Join(" ", errors)}");
        }
    }
}
