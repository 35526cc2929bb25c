using SentimentKit.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace SentimentKit.Modeling;

/// <summary>
/// A pretrained BERT encoder read by <see cref="BertOnnxImport"/>: its configuration, its
/// vocabulary and its weights (held in managed memory until loaded into a classifier).
/// </summary>
public sealed class PretrainedBertEncoder
{
    private readonly TransformerClassifierOptions _shape;
    private readonly Dictionary<string, ImportedTensor> _tensors;

    internal PretrainedBertEncoder(string source, WordPieceVocabulary vocabulary, TransformerClassifierOptions shape, Dictionary<string, ImportedTensor> tensors)
    {
        Source = source;
        Vocabulary = vocabulary;
        _shape = shape;
        _tensors = tensors;
    }

    /// <summary>Gets the file the encoder was read from.</summary>
    public string Source { get; }

    /// <summary>Gets the vocabulary that goes with the encoder.</summary>
    public WordPieceVocabulary Vocabulary { get; }

    /// <summary>Gets the names of the encoder's tensors, as in <see cref="TransformerClassifier"/>'s state dict without <c>bert.</c>.</summary>
    public IReadOnlyCollection<string> TensorNames => _tensors.Keys;

    /// <summary>
    /// Makes classifier options with the encoder's shape (vocabulary, width, layers, heads,
    /// feed-forward width, positions, token types, layer-norm epsilon, pad and unknown ids) and the
    /// defaults for the rest, which the caller may change (pooling, dropout).
    /// </summary>
    /// <param name="classCount">The number of classes; at least 2.</param>
    /// <returns>New options.</returns>
    public TransformerClassifierOptions CreateOptions(int classCount = 2)
    {
        var options = _shape.Clone();
        options.ClassCount = classCount;
        return options;
    }

    /// <summary>Builds a classifier with this encoder's weights and a new head.</summary>
    /// <param name="classCount">The number of classes; at least 2.</param>
    /// <returns>The classifier; the caller disposes it.</returns>
    public TransformerClassifier CreateClassifier(int classCount = 2) => CreateClassifier(CreateOptions(classCount));

    /// <summary>Builds a classifier with this encoder's weights and a new head, drawn from TorchSharp's generator.</summary>
    /// <param name="options">Options with this encoder's shape (from <see cref="CreateOptions"/>), changed only in what is not the shape.</param>
    /// <returns>The classifier; the caller disposes it.</returns>
    /// <exception cref="ArgumentException"><paramref name="options"/> describe another encoder shape.</exception>
    public TransformerClassifier CreateClassifier(TransformerClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var differences = ShapeDifferences(options);
        if (differences.Count > 0)
        {
            throw new ArgumentException($"The options describe another encoder than {Source}: {string.Join("; ", differences)}.", nameof(options));
        }

        var model = new TransformerClassifier(options);
        try
        {
            LoadInto(model);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Copies the encoder's weights into a classifier of the same shape; its head is left as it is.</summary>
    /// <param name="model">The classifier.</param>
    /// <exception cref="PretrainedModelException">The classifier's encoder has another shape.</exception>
    public void LoadInto(TransformerClassifier model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var scope = torch.NewDisposeScope();
        var weights = _tensors.ToDictionary(p => p.Key, p => p.Value.ToTensor(), StringComparer.Ordinal);
        var device = model.parameters().First().device;
        if (device.type != DeviceType.CPU)
        {
            weights = weights.ToDictionary(p => p.Key, p => p.Value.to(device), StringComparer.Ordinal);
        }

        model.LoadEncoderWeights(weights, Source);
    }

    /// <summary>Makes the text side that goes with the encoder: its vocabulary, BERT's tokenizer, at most as many tokens as it has positions.</summary>
    /// <param name="options">The encoder settings; <see langword="null"/> for as many tokens as the encoder has positions.</param>
    /// <param name="tokenizerOptions">The tokenizer settings; <see langword="null"/> for the uncased defaults.</param>
    /// <returns>The encoder.</returns>
    /// <exception cref="ArgumentException"><paramref name="options"/> allow more tokens than the encoder has positions.</exception>
    public WordPieceEncoder CreateTextEncoder(WordPieceEncoderOptions? options = null, WordPieceTokenizerOptions? tokenizerOptions = null)
    {
        options ??= new WordPieceEncoderOptions { MaxTokens = _shape.MaxPositions };
        if (options.MaxTokens > _shape.MaxPositions)
        {
            throw new ArgumentException($"MaxTokens ({options.MaxTokens}) exceeds the encoder's {_shape.MaxPositions} positions.", nameof(options));
        }

        return new WordPieceEncoder(new WordPieceTokenizer(Vocabulary, tokenizerOptions ?? new WordPieceTokenizerOptions()), options);
    }

    private List<string> ShapeDifferences(TransformerClassifierOptions options)
    {
        var differences = new List<string>();
        void Check(string name, double expected, double actual)
        {
            if (expected != actual)
            {
                differences.Add(FormattableString.Invariant($"{name} is {actual}, the encoder's is {expected}"));
            }
        }

        Check(nameof(options.VocabularySize), _shape.VocabularySize, options.VocabularySize);
        Check(nameof(options.HiddenSize), _shape.HiddenSize, options.HiddenSize);
        Check(nameof(options.Layers), _shape.Layers, options.Layers);
        Check(nameof(options.AttentionHeads), _shape.AttentionHeads, options.AttentionHeads);
        Check(nameof(options.IntermediateSize), _shape.IntermediateSize, options.IntermediateSize);
        Check(nameof(options.MaxPositions), _shape.MaxPositions, options.MaxPositions);
        Check(nameof(options.TypeVocabularySize), _shape.TypeVocabularySize, options.TypeVocabularySize);
        Check(nameof(options.LayerNormEpsilon), _shape.LayerNormEpsilon, options.LayerNormEpsilon);
        return differences;
    }
}
