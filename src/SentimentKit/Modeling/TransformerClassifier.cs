using SentimentKit.Sequences;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace SentimentKit.Modeling;

/// <summary>
/// A BERT text classifier: a post-LN transformer encoder (token, position and token-type
/// embeddings; self-attention that never reads padding; GELU feed-forward blocks), pooling over
/// the real tokens and a classification head (dropout, linear). With the default options the
/// encoder has the shape of all-MiniLM-L6-v2, whose pretrained weights <see cref="BertOnnxImport"/>
/// loads; the head always starts from random weights.
/// </summary>
/// <remarks>
/// <para>
/// Inputs: ids <c>[batch, time]</c> (int64, on the model's device; <c>[CLS] ... [SEP]</c> as
/// <see cref="Text.WordPieceEncoder"/> makes them) and lengths <c>[batch]</c> (int64 on the CPU,
/// each in <c>[1, time]</c>); the attention mask comes from the lengths. Output: logits
/// <c>[batch, ClassCount]</c>. All tokens are of type 0.
/// </para>
/// <para>
/// State-dict names are those of Hugging Face's <c>BertForSequenceClassification</c>, so that a
/// PyTorch BERT checkpoint's names map one to one: the encoder under <c>bert.</c> —
/// <c>bert.embeddings.word_embeddings.weight</c>, <c>bert.embeddings.position_embeddings.weight</c>,
/// <c>bert.embeddings.token_type_embeddings.weight</c>, <c>bert.embeddings.LayerNorm.{weight,bias}</c>;
/// for each layer <c>i</c>, <c>bert.encoder.layer.{i}.attention.self.{query,key,value}.{weight,bias}</c>,
/// <c>bert.encoder.layer.{i}.attention.output.dense.{weight,bias}</c>,
/// <c>bert.encoder.layer.{i}.attention.output.LayerNorm.{weight,bias}</c>,
/// <c>bert.encoder.layer.{i}.intermediate.dense.{weight,bias}</c>,
/// <c>bert.encoder.layer.{i}.output.dense.{weight,bias}</c>,
/// <c>bert.encoder.layer.{i}.output.LayerNorm.{weight,bias}</c> — and the head as
/// <c>classifier.{weight,bias}</c>. Linear weights are <c>[out, in]</c>. There is no pooler
/// (<c>bert.pooler.*</c>): <see cref="TransformerPooling.Cls"/> reads the raw <c>[CLS]</c> state.
/// </para>
/// <para>
/// New weights follow BERT's initialization: normal with standard deviation 0.02 for linear and
/// embedding weights, zero biases, unit layer-norm scales, a zero padding row.
/// </para>
/// </remarks>
public sealed class TransformerClassifier : nn.Module<Tensor, Tensor, Tensor>, ITextClassifierModule<int[]>, IEmbeddingClassifier
{
    /// <summary>The prefix of the encoder's names in the state dict.</summary>
    public const string EncoderPrefix = "bert.";

    // BERT's initializer_range.
    private const double InitializerStd = 0.02;

    [ComponentName(Name = "bert")]
    private readonly BertEncoder _bert;

    [ComponentName(Name = "dropout")]
    private readonly Dropout _dropout;

    [ComponentName(Name = "classifier")]
    private readonly Linear _classifier;

    private readonly TransformerClassifierOptions _options;
    private readonly SequencePadder _padder;

    /// <summary>Initializes a classifier with an all-MiniLM-L6-v2-shaped encoder and random weights.</summary>
    /// <param name="classCount">The number of classes; at least 2.</param>
    public TransformerClassifier(int classCount = 2)
        : this(new TransformerClassifierOptions { ClassCount = classCount })
    {
    }

    /// <summary>Initializes a classifier with random weights, drawn from TorchSharp's generator (seed it with <c>torch.manual_seed</c>).</summary>
    /// <param name="options">The settings; validated and copied.</param>
    /// <exception cref="InvalidOptionsException"><paramref name="options"/> is invalid.</exception>
    public TransformerClassifier(TransformerClassifierOptions options)
        : base(ValidatedName(options))
    {
        // Work from a copy, so that later changes to the caller's object change nothing here.
        _options = options.Clone();
        _padder = new SequencePadder(new PaddingOptions { PadId = _options.PadId, UnkId = _options.UnkId });
        _bert = new BertEncoder(_options);
        _dropout = nn.Dropout(_options.HeadDropout);
        _classifier = nn.Linear(_options.HiddenSize, _options.ClassCount);
        RegisterComponents();
        InitializeWeights();
    }

    /// <summary>Gets a copy of the settings.</summary>
    public TransformerClassifierOptions Options => _options.Clone();

    /// <inheritdoc/>
    public int ClassCount => _options.ClassCount;

    /// <inheritdoc/>
    nn.Module ITextClassifierModule.TorchModule => this;

    /// <inheritdoc/>
    public int GetLength(int[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return _padder.GetPaddedLength(input.Length);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">A sequence is longer than <see cref="TransformerClassifierOptions.MaxPositions"/>.</exception>
    public ModelBatch CreateBatch(IReadOnlyList<int[]> inputs, IReadOnlyList<int>? labels = null, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        for (var i = 0; i < inputs.Count; i++)
        {
            // Cutting here would drop [SEP]; the encoder's truncation keeps it and both ends of the text.
            if (inputs[i] is { } ids && ids.Length > _options.MaxPositions)
            {
                throw new ArgumentException(
                    $"Sequence {i} has {ids.Length} tokens, more than the model's {_options.MaxPositions} positions; encode with {nameof(Text.WordPieceEncoderOptions)}.{nameof(Text.WordPieceEncoderOptions.MaxTokens)} of at most {_options.MaxPositions}.",
                    nameof(inputs));
            }
        }

        return _padder.Pad(inputs, labels).MoveFromCpu(device);
    }

    /// <inheritdoc/>
    public Tensor ForwardBatch(ModelBatch batch)
    {
        var padded = PaddedInputs.Expect(batch, nameof(TransformerClassifier));
        return call(padded.Ids, padded.Lengths);
    }

    /// <summary>Computes the class logits.</summary>
    /// <param name="ids">The padded ids, int64 <c>[batch, time]</c>; <c>time</c> at most <see cref="TransformerClassifierOptions.MaxPositions"/>.</param>
    /// <param name="lengths">The real length of each sequence, int64 <c>[batch]</c>, each in <c>[1, time]</c>.</param>
    /// <returns>The logits, <c>[batch, ClassCount]</c>.</returns>
    public override Tensor forward(Tensor ids, Tensor lengths)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(lengths);
        using var scope = torch.NewDisposeScope();
        CheckInputs(ids, lengths);
        return ForwardEmbedded(Embed(ids), lengths).MoveToOuterDisposeScope();
    }

    /// <summary>Computes the encoder's last hidden states, <c>[batch, time, hidden]</c> (padded positions hold values that mean nothing).</summary>
    /// <param name="ids">The padded ids, int64 <c>[batch, time]</c>.</param>
    /// <param name="lengths">The real length of each sequence, int64 <c>[batch]</c>.</param>
    /// <returns>The hidden states.</returns>
    internal Tensor EncodeHidden(Tensor ids, Tensor lengths)
    {
        using var scope = torch.NewDisposeScope();
        CheckInputs(ids, lengths);
        var mask = SequenceMask.FromLengths(lengths, ids.shape[1], ids.device);
        return _bert.call(ids, mask).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    Tensor IEmbeddingClassifier.Embed(Tensor ids) => Embed(ids);

    /// <inheritdoc/>
    Tensor IEmbeddingClassifier.ForwardEmbedded(Tensor embedded, Tensor lengths) => ForwardEmbedded(embedded, lengths);

    /// <inheritdoc/>
    /// <remarks>Attention and layer norms have a backward pass in evaluation mode on every device: nothing to switch.</remarks>
    void IEmbeddingClassifier.SetInputGradientMode(bool on)
    {
    }

    /// <summary>Looks up the token embeddings of ids: <c>[batch, time, hidden]</c> (before positions are added).</summary>
    internal Tensor Embed(Tensor ids) => _bert.EmbedWords(ids);

    /// <summary>
    /// Runs everything after the token-embedding lookup (positions, token type, the encoder, pooling,
    /// the head), so that attributions can differentiate with respect to the token embeddings.
    /// </summary>
    internal Tensor ForwardEmbedded(Tensor wordEmbeddings, Tensor lengths)
    {
        var mask = SequenceMask.FromLengths(lengths, wordEmbeddings.shape[1], wordEmbeddings.device);
        var hidden = _bert.ForwardEmbedded(wordEmbeddings, mask);
        var pooled = _options.Pooling == TransformerPooling.Cls
            ? hidden.select(1, 0)
            : (hidden * mask.unsqueeze(-1).to(hidden.dtype)).sum(1) / lengths.to(hidden.dtype, hidden.device).unsqueeze(1);
        return _classifier.call(_dropout.call(pooled));
    }

    /// <summary>
    /// Copies pretrained encoder weights in, by their Hugging Face names without the <c>bert.</c>
    /// prefix (<c>embeddings.word_embeddings.weight</c>, ...), checking that every encoder tensor is
    /// there with its shape. The head is left as it is.
    /// </summary>
    /// <param name="weights">The weights by name; names the encoder does not have are ignored.</param>
    /// <param name="source">The file they came from, for error messages.</param>
    /// <exception cref="PretrainedModelException">A tensor is missing or has another shape; nothing is copied then.</exception>
    internal void LoadEncoderWeights(IReadOnlyDictionary<string, Tensor> weights, string source)
    {
        var targets = _bert.named_parameters().ToList();
        var problems = new List<string>();
        foreach (var (name, parameter) in targets)
        {
            if (!weights.TryGetValue(name, out var weight))
            {
                problems.Add($"missing tensor {name}");
            }
            else if (!weight.shape.SequenceEqual(parameter.shape))
            {
                problems.Add($"{name} is [{string.Join(", ", weight.shape)}], the model needs [{string.Join(", ", parameter.shape)}]");
            }
        }

        if (problems.Count > 0)
        {
            throw new PretrainedModelException(source, $"the weights do not fit the encoder ({problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}): {string.Join("; ", problems.Take(10))}{(problems.Count > 10 ? "; ..." : string.Empty)}.");
        }

        using var noGrad = torch.no_grad();
        foreach (var (name, parameter) in targets)
        {
            parameter.copy_(weights[name]);
        }
    }

    private static string ValidatedName(TransformerClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return nameof(TransformerClassifier);
    }

    private void CheckInputs(Tensor ids, Tensor lengths)
    {
        PaddedInputs.Check(ids, lengths);
        if (ids.shape[1] > _options.MaxPositions)
        {
            throw new ArgumentException($"Ids have {ids.shape[1]} steps, more than the model's {_options.MaxPositions} positions.", nameof(ids));
        }
    }

    private void InitializeWeights()
    {
        using var noGrad = torch.no_grad();
        foreach (var (name, parameter) in named_parameters())
        {
            if (name.EndsWith("LayerNorm.weight", StringComparison.Ordinal))
            {
                parameter.fill_(1.0);
            }
            else if (name.EndsWith(".bias", StringComparison.Ordinal))
            {
                parameter.zero_();
            }
            else
            {
                parameter.normal_(0.0, InitializerStd);
            }
        }

        _bert.get_parameter("embeddings.word_embeddings.weight")![_options.PadId].zero_();
    }
}
