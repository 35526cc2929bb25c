using SentimentKit.Sequences;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace SentimentKit.Modeling;

/// <summary>
/// A recurrent text classifier: token embeddings, a stacked (bi)directional LSTM, GRU or RNN that
/// reads each sequence only over its own length (padding is never read), pooling over the valid
/// steps and an MLP head (Dropout, Linear, ReLU, Dropout, Linear) to the class logits. With the
/// default options it is a classic two-layer BiLSTM; the library's recommended network is
/// <c>RnnModelOptions.RecommendedNetwork</c>.
/// </summary>
/// <remarks>
/// Inputs: ids <c>[batch, time]</c> (int64, on the model's device) and lengths <c>[batch]</c>
/// (int64 on the CPU, each in <c>[1, time]</c>). Output: logits <c>[batch, ClassCount]</c>.
/// State-dict names: <c>embedding.weight</c>, <c>rnn.*</c> (libtorch's <c>weight_ih_l0</c> and so
/// on), <c>attention.0.*</c>/<c>attention.2.weight</c> with attention pooling, and
/// <c>head.1.*</c>/<c>head.4.*</c>.
/// </remarks>
public sealed class RnnClassifier : nn.Module<Tensor, Tensor, Tensor>, ITextClassifierModule<int[]>, IEmbeddingClassifier
{
    [ComponentName(Name = "embedding")]
    private readonly Embedding _embedding;

    [ComponentName(Name = "embedding_dropout")]
    private readonly Dropout _embeddingDropout;

    // One field for all three cells so that the state-dict prefix is "rnn" whichever is used.
    [ComponentName(Name = "rnn")]
    private readonly MaskedRecurrence _rnn;

    [ComponentName(Name = "attention")]
    private readonly Sequential? _attention;

    [ComponentName(Name = "head")]
    private readonly Sequential _head;

    private readonly RnnClassifierOptions _options;
    private readonly SequencePadder _padder;

    /// <summary>Initializes a classifier with the default options (a two-layer BiLSTM) for a vocabulary.</summary>
    /// <param name="vocabularySize">The number of ids, including the padding and unknown ids.</param>
    /// <param name="classCount">The number of classes; at least 2.</param>
    public RnnClassifier(int vocabularySize, int classCount = 2)
        : this(new RnnClassifierOptions { VocabularySize = vocabularySize, ClassCount = classCount })
    {
    }

    /// <summary>Initializes a classifier. Parameters are drawn from TorchSharp's generator (seed it with <c>torch.manual_seed</c>).</summary>
    /// <param name="options">The settings; validated and copied.</param>
    /// <exception cref="InvalidOptionsException"><paramref name="options"/> is invalid.</exception>
    public RnnClassifier(RnnClassifierOptions options)
        : base(ValidatedName(options))
    {
        // Work from a copy, so that later changes to the caller's object change nothing here.
        _options = options.Clone();
        var pretrained = _options.PretrainedEmbeddings;
        _options.PretrainedEmbeddings = null;
        _padder = new SequencePadder(_options.ToPaddingOptions());

        var directions = _options.Bidirectional ? 2 : 1;
        var outputSize = (long)_options.HiddenSize * directions;
        _embedding = nn.Embedding(_options.VocabularySize, _options.EmbeddingSize, padding_idx: _options.PadId);
        _embeddingDropout = nn.Dropout(_options.EmbeddingDropout);

        // libtorch applies inter-layer dropout only between layers; with one layer it would only warn.
        var dropout = _options.Layers > 1 ? _options.Dropout : 0.0;
        _rnn = new MaskedRecurrence(_options.CellType, _options.EmbeddingSize, _options.HiddenSize, _options.Layers, _options.Bidirectional, dropout);

        if (_options.Pooling == RnnPooling.Attention)
        {
            _attention = nn.Sequential(
                nn.Linear(outputSize, _options.HiddenSize),
                nn.Tanh(),
                nn.Linear(_options.HiddenSize, 1, hasBias: false));
        }

        _head = nn.Sequential(
            nn.Dropout(_options.HeadDropout),
            nn.Linear(_options.PooledSize, _options.HeadHiddenSize),
            nn.ReLU(),
            nn.Dropout(_options.HeadDropout),
            nn.Linear(_options.HeadHiddenSize, _options.ClassCount));

        if (pretrained is { } vectors)
        {
            LoadEmbeddings(vectors);
        }

        if (_options.FreezeEmbeddings)
        {
            _embedding.weight!.requires_grad = false;
        }

        RegisterComponents();
    }

    /// <summary>Gets a copy of the settings (without the pretrained matrix, whose values are now in the weights).</summary>
    public RnnClassifierOptions Options => _options.Clone();

    /// <inheritdoc/>
    public int ClassCount => _options.ClassCount;

    /// <inheritdoc/>
    nn.Module ITextClassifierModule.TorchModule => this;

    /// <summary>Gets the padder that <see cref="CreateBatch"/> uses: the model's pad and unknown ids and token limit.</summary>
    public SequencePadder Padder => _padder;

    /// <inheritdoc/>
    public int GetLength(int[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return _padder.GetPaddedLength(input.Length);
    }

    /// <inheritdoc/>
    public ModelBatch CreateBatch(IReadOnlyList<int[]> inputs, IReadOnlyList<int>? labels = null, Device? device = null)
    {
        return _padder.Pad(inputs, labels).MoveFromCpu(device);
    }

    /// <inheritdoc/>
    public Tensor ForwardBatch(ModelBatch batch)
    {
        var padded = PaddedInputs.Expect(batch, nameof(RnnClassifier));
        return call(padded.Ids, padded.Lengths);
    }

    /// <summary>Computes the class logits.</summary>
    /// <param name="ids">The padded ids, int64 <c>[batch, time]</c>.</param>
    /// <param name="lengths">The real length of each sequence, int64 <c>[batch]</c>, each in <c>[1, time]</c>; moved to the CPU if elsewhere.</param>
    /// <returns>The logits, <c>[batch, ClassCount]</c>.</returns>
    public override Tensor forward(Tensor ids, Tensor lengths)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(lengths);
        using var scope = torch.NewDisposeScope();
        PaddedInputs.Check(ids, lengths);
        return ForwardEmbedded(_embedding.call(ids), lengths).MoveToOuterDisposeScope();
    }

    /// <summary>Looks up the embeddings of token ids: <c>[batch, time, embedding]</c>.</summary>
    internal Tensor Embed(Tensor ids) => _embedding.call(ids);

    /// <summary>Switches only the recurrent cells to training mode or back (see <see cref="MaskedRecurrence.SetCellsTraining"/>).</summary>
    internal void SetRecurrentCellsTraining(bool training) => _rnn.SetCellsTraining(training);

    /// <inheritdoc/>
    Tensor IEmbeddingClassifier.Embed(Tensor ids) => Embed(ids);

    /// <inheritdoc/>
    Tensor IEmbeddingClassifier.ForwardEmbedded(Tensor embedded, Tensor lengths) => ForwardEmbedded(embedded, lengths);

    /// <inheritdoc/>
    void IEmbeddingClassifier.SetInputGradientMode(bool on) => SetRecurrentCellsTraining(on);

    /// <summary>
    /// Runs everything after the embedding lookup, so that attributions can differentiate with
    /// respect to the embeddings themselves.
    /// </summary>
    internal Tensor ForwardEmbedded(Tensor embedded, Tensor lengths)
    {
        var (output, final) = _rnn.call(_embeddingDropout.call(embedded), lengths);
        var pooled = Pool(output, final, lengths);
        return _head.call(pooled);
    }

    private static string ValidatedName(RnnClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return nameof(RnnClassifier);
    }


    private Tensor Pool(Tensor padded, Tensor final, Tensor lengths)
    {
        if (_options.Pooling == RnnPooling.Last)
        {
            // final is [directions, batch, hidden]: each direction's state after its last real step.
            return _options.Bidirectional ? torch.cat([final[0], final[1]], -1) : final[0];
        }

        // Padded steps are zeros; each pooling below keeps them out explicitly.
        var mask = SequenceMask.FromLengths(lengths, padded.shape[1], padded.device);
        return _options.Pooling switch
        {
            RnnPooling.Mean => MeanPool(padded, lengths),
            RnnPooling.Max => MaxPool(padded, mask),
            RnnPooling.Attention => AttentionPool(padded, mask),
            _ => torch.cat([MeanPool(padded, lengths), MaxPool(padded, mask)], -1),
        };
    }

    private static Tensor MeanPool(Tensor padded, Tensor lengths) =>
        padded.sum(1) / lengths.to(padded.dtype, padded.device).unsqueeze(1);

    private static Tensor MaxPool(Tensor padded, Tensor mask) =>
        padded.masked_fill(mask.logical_not().unsqueeze(-1), double.NegativeInfinity).amax(1);

    private Tensor AttentionPool(Tensor padded, Tensor mask)
    {
        var scores = _attention!.call(padded).squeeze(-1);
        var weights = scores.masked_fill(mask.logical_not(), double.NegativeInfinity).softmax(1);
        return (weights.unsqueeze(-1) * padded).sum(1);
    }

    private void LoadEmbeddings(float[,] vectors)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var weight = _embedding.weight!;
        weight.copy_(torch.tensor(vectors));
        weight[_options.PadId].zero_();
    }
}
