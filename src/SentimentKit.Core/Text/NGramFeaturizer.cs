using System.Runtime.InteropServices;

namespace SentimentKit.Text;

/// <summary>
/// Bag-of-n-grams features, the input of the n-gram model. Fitting collects the uni-, bi- (and optionally
/// tri-) grams of the training texts; transforming a text gives a <see cref="SparseDocument"/>, L2-normalized,
/// whose weights are either <c>tf × idf</c> (<see cref="NGramWeighting.TfIdf"/>, the default), with
/// <c>tf = 1 + ln(count)</c> (sublinear, the default) or the raw count and <c>idf = ln((1 + N) / (1 + df)) + 1</c>
/// over the N training documents, or each present n-gram's Naive Bayes log-count ratio
/// (<see cref="NGramWeighting.NaiveBayes"/>, fitted from labeled texts).
/// N-grams are keyed by unigram ids, never by building strings. Immutable once fitted; safe to share between threads.
/// </summary>
public sealed class NGramFeaturizer
{
    private readonly string[] _tokens;
    private readonly NGramKey[] _features;
    private readonly int[] _documentFrequencies;
    private readonly float[] _idf;
    private readonly TokenTable _tokenTable;
    private readonly int[] _unigramFeatures;
    private readonly NGramTable _longerFeatures;
    private readonly bool _sublinearTf;
    private readonly float[]? _ratios;

    internal NGramFeaturizer(
        string[] tokens,
        NGramKey[] features,
        int[] documentFrequencies,
        int documentCount,
        int maxNGramLength,
        bool sublinearTf,
        float[]? ratios,
        TextNormalizer normalizer,
        ITokenizer tokenizer)
    {
        _ratios = ratios;
        _tokens = tokens;
        _features = features;
        _documentFrequencies = documentFrequencies;
        DocumentCount = documentCount;
        MaxNGramLength = maxNGramLength;
        _sublinearTf = sublinearTf;
        Normalizer = normalizer;
        Tokenizer = tokenizer;

        _tokenTable = new TokenTable(tokens);
        // Unigram features are found by token id directly; only longer n-grams need hashing.
        _unigramFeatures = new int[tokens.Length];
        Array.Fill(_unigramFeatures, -1);
        _idf = new float[features.Length];
        for (var i = 0; i < features.Length; i++)
        {
            if (features[i].Length == 1)
            {
                _unigramFeatures[features[i].First] = i;
            }

            _idf[i] = (float)(Math.Log((1.0 + documentCount) / (1.0 + documentFrequencies[i])) + 1.0);
        }

        _longerFeatures = new NGramTable(features);
    }

    /// <summary>
    /// Per-token attributions of a text from per-feature ones: <paramref name="perFeature"/> gets the text's sparse
    /// document (never empty) and returns one attribution per entry; a feature's total is shared equally by its
    /// occurrences, and each occurrence's share equally by its tokens. Both runtimes explain the n-gram model so.
    /// </summary>
    internal (IReadOnlyList<string> Tokens, double[] Attributions) SpreadAttributions(string text, Func<SparseDocument, float[]> perFeature)
    {
        var (tokens, occurrences) = FeatureOccurrences(text);
        var result = new double[tokens.Count];
        var document = Transform(text);
        if (document.Count == 0)
        {
            return (tokens, result);
        }

        var attributions = perFeature(document);
        var contribution = new Dictionary<int, double>();
        for (var i = 0; i < document.Ids.Length; i++)
        {
            contribution[document.Ids[i]] = contribution.GetValueOrDefault(document.Ids[i]) + attributions[i];
        }

        var occurrenceCount = occurrences.GroupBy(o => o.FeatureId).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (start, length, featureId) in occurrences)
        {
            var share = contribution.GetValueOrDefault(featureId) / occurrenceCount[featureId] / length;
            for (var t = start; t < start + length; t++)
            {
                result[t] += share;
            }
        }

        return (tokens, result);
    }

    /// <summary>The same featurizer with Naive Bayes ratios as weights; shares the lookup tables, which do not depend on weights.</summary>
    private NGramFeaturizer(NGramFeaturizer fitted, float[] ratios)
    {
        _ratios = ratios;
        _tokens = fitted._tokens;
        _features = fitted._features;
        _documentFrequencies = fitted._documentFrequencies;
        DocumentCount = fitted.DocumentCount;
        MaxNGramLength = fitted.MaxNGramLength;
        _sublinearTf = fitted._sublinearTf;
        Normalizer = fitted.Normalizer;
        Tokenizer = fitted.Tokenizer;
        _tokenTable = fitted._tokenTable;
        _unigramFeatures = fitted._unigramFeatures;
        _idf = fitted._idf;
        _longerFeatures = fitted._longerFeatures;
    }

    /// <summary>Gets the number of features (the length of the feature space).</summary>
    public int FeatureCount => _features.Length;

    /// <summary>Gets the number of training documents the document frequencies were counted over.</summary>
    public int DocumentCount { get; }

    /// <summary>Gets the longest n-gram.</summary>
    public int MaxNGramLength { get; }

    /// <summary>Gets a value indicating whether term frequency is damped as <c>1 + ln(tf)</c>.</summary>
    public bool SublinearTf => _sublinearTf;

    /// <summary>Gets how the n-grams of a document are weighed.</summary>
    public NGramWeighting Weighting => _ratios is null ? NGramWeighting.TfIdf : NGramWeighting.NaiveBayes;

    /// <summary>
    /// Gets the Naive Bayes log-count ratio of each feature (its weight when present, before normalizing), or
    /// <see langword="null"/> when <see cref="Weighting"/> is <see cref="NGramWeighting.TfIdf"/>.
    /// </summary>
    public IReadOnlyList<float>? NaiveBayesRatios => _ratios is null ? null : Array.AsReadOnly(_ratios);

    /// <summary>Gets the normalizer applied before tokenizing.</summary>
    public TextNormalizer Normalizer { get; }

    /// <summary>Gets the tokenizer.</summary>
    public ITokenizer Tokenizer { get; }

    /// <summary>Gets the inverse document frequency of each feature.</summary>
    public IReadOnlyList<float> InverseDocumentFrequencies => Array.AsReadOnly(_idf);

    /// <summary>Fits the featurizer on training texts (unsupervised weightings only).</summary>
    /// <param name="texts">The raw training texts.</param>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    /// <param name="normalizer">The normalizer; <see langword="null"/> for <see cref="TextNormalizer.Default"/>.</param>
    /// <param name="tokenizer">The tokenizer; <see langword="null"/> for <see cref="WordTokenizer"/>.</param>
    /// <returns>The fitted featurizer.</returns>
    /// <exception cref="ArgumentException">The options ask for <see cref="NGramWeighting.NaiveBayes"/>, which needs labels.</exception>
    public static NGramFeaturizer Fit(
        IReadOnlyList<string> texts,
        NGramFeaturizerOptions? options = null,
        TextNormalizer? normalizer = null,
        ITokenizer? tokenizer = null)
    {
        if (options?.Weighting == NGramWeighting.NaiveBayes)
        {
            throw new ArgumentException("NGramFeaturizerOptions.Weighting NaiveBayes needs the training labels: call Fit(texts, labels, classCount, ...).", nameof(options));
        }

        return NGramFitter.Fit(texts, null, 0, options, normalizer, tokenizer);
    }

    /// <summary>Fits the featurizer on labeled training texts; the labels are used by <see cref="NGramWeighting.NaiveBayes"/> only.</summary>
    /// <param name="texts">The raw training texts.</param>
    /// <param name="labels">The class index of each text, in <c>[0, classCount)</c>.</param>
    /// <param name="classCount">The number of classes; at least 2.</param>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    /// <param name="normalizer">The normalizer; <see langword="null"/> for <see cref="TextNormalizer.Default"/>.</param>
    /// <param name="tokenizer">The tokenizer; <see langword="null"/> for <see cref="WordTokenizer"/>.</param>
    /// <returns>The fitted featurizer.</returns>
    public static NGramFeaturizer Fit(
        IReadOnlyList<string> texts,
        IReadOnlyList<int> labels,
        int classCount,
        NGramFeaturizerOptions? options = null,
        TextNormalizer? normalizer = null,
        ITokenizer? tokenizer = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        if (labels.Count != texts.Count)
        {
            throw new ArgumentException($"There are {texts.Count} texts but {labels.Count} labels.", nameof(labels));
        }

        for (var i = 0; i < labels.Count; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                throw new ArgumentException($"Label {i} is {labels[i]}, outside [0, {classCount}).", nameof(labels));
            }
        }

        return NGramFitter.Fit(texts, labels, classCount, options, normalizer, tokenizer);
    }

    /// <summary>
    /// Fits the featurizer on multi-label training texts; the label sets are used by <see cref="NGramWeighting.NaiveBayes"/>
    /// only, one label against its absence at a time (see <see cref="NaiveBayesRatios.CountMultiLabel"/>).
    /// </summary>
    internal static NGramFeaturizer FitMultiLabel(
        IReadOnlyList<string> texts, IReadOnlyList<bool[]> labelSets, int labelCount, NGramFeaturizerOptions? options, TextNormalizer? normalizer, ITokenizer? tokenizer)
    {
        ArgumentNullException.ThrowIfNull(labelSets);
        ArgumentNullException.ThrowIfNull(texts);
        if (labelSets.Count != texts.Count)
        {
            throw new ArgumentException($"There are {texts.Count} texts but {labelSets.Count} label sets.", nameof(labelSets));
        }

        return NGramFitter.Fit(texts, null, labelCount, options, normalizer, tokenizer, labelSets);
    }

    /// <summary>Loads a featurizer saved by <see cref="Save(string)"/>.</summary>
    /// <param name="path">The JSON file.</param>
    /// <param name="tokenizer">The tokenizer to use; <see langword="null"/> for <see cref="WordTokenizer"/>.</param>
    /// <returns>The featurizer.</returns>
    /// <exception cref="TextFormatException">The file is not a valid featurizer.</exception>
    public static NGramFeaturizer Load(string path, ITokenizer? tokenizer = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        return Load(stream, path, tokenizer);
    }

    /// <summary>Loads a featurizer saved by <see cref="Save(Stream)"/>.</summary>
    /// <param name="stream">The JSON stream.</param>
    /// <param name="sourceName">The name used in error messages.</param>
    /// <param name="tokenizer">The tokenizer to use; <see langword="null"/> for <see cref="WordTokenizer"/>.</param>
    /// <returns>The featurizer.</returns>
    /// <exception cref="TextFormatException">The stream is not a valid featurizer.</exception>
    public static NGramFeaturizer Load(Stream stream, string sourceName = "ngrams", ITokenizer? tokenizer = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        return NGramFeaturizerJson.Read(stream, sourceName, tokenizer ?? WordTokenizer.Instance, normalizerWhenAbsent: null);
    }

    /// <summary>Saves the fitted featurizer as JSON (normalizer settings, tokens, n-grams, document frequencies).</summary>
    /// <param name="path">The file to write.</param>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.Create(path);
        Save(stream);
    }

    /// <summary>Saves the fitted featurizer as JSON (normalizer settings, tokens, n-grams, document frequencies).</summary>
    /// <param name="stream">The stream to write to; left open.</param>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        NGramFeaturizerJson.Write(this, stream, includeNormalizer: true);
    }

    /// <summary>Loads a featurizer that may lack its normalizer settings (a model file's, whose manifest holds them).</summary>
    internal static NGramFeaturizer Load(Stream stream, string sourceName, ITokenizer tokenizer, TextNormalizer normalizerWhenAbsent) =>
        NGramFeaturizerJson.Read(stream, sourceName, tokenizer, normalizerWhenAbsent);

    /// <summary>Saves the featurizer without its normalizer settings, for a model file whose manifest holds them.</summary>
    internal void SaveWithoutNormalizer(Stream stream) => NGramFeaturizerJson.Write(this, stream, includeNormalizer: false);

    /// <summary>Gets a readable name of a feature: its tokens joined by spaces.</summary>
    /// <param name="featureId">The feature id, in <c>[0, FeatureCount)</c>.</param>
    /// <returns>The n-gram, such as <c>"not good"</c>.</returns>
    public string GetFeatureName(int featureId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(featureId);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(featureId, _features.Length);
        var key = _features[featureId];
        return key.Length switch
        {
            1 => _tokens[key.First],
            2 => _tokens[key.First] + " " + _tokens[key.Second],
            _ => _tokens[key.First] + " " + _tokens[key.Second] + " " + _tokens[key.Third],
        };
    }

    /// <summary>Gets the number of training documents a feature occurred in.</summary>
    /// <param name="featureId">The feature id, in <c>[0, FeatureCount)</c>.</param>
    /// <returns>The document frequency.</returns>
    public int GetDocumentFrequency(int featureId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(featureId);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(featureId, _features.Length);
        return _documentFrequencies[featureId];
    }

    /// <summary>Turns a raw text into its weighted features (TF-IDF or Naive Bayes, as fitted), ids ascending.</summary>
    /// <param name="text">The raw text.</param>
    /// <returns>The sparse document; empty when the text has no known n-gram.</returns>
    public SparseDocument Transform(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokenIds = new List<int>(text.Length / 4);
        var tokens = new TokenIdVisitor(_tokenTable, tokenIds, null);
        TokenScanner.Scan(text, Normalizer, Tokenizer, ref tokens);
        var featureIds = new List<int>(tokenIds.Count * MaxNGramLength);
        var features = new FeatureVisitor(this, featureIds, null);
        NGramWalker.Walk(CollectionsMarshal.AsSpan(tokenIds), MaxNGramLength, ref features);
        return Weigh(CollectionsMarshal.AsSpan(featureIds));
    }

    /// <summary>Turns many raw texts into their weighted features, in parallel.</summary>
    /// <param name="texts">The raw texts.</param>
    /// <returns>One sparse document per text, in order.</returns>
    public SparseDocument[] Transform(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        for (var i = 0; i < texts.Count; i++)
        {
            if (texts[i] is null)
            {
                throw new ArgumentException($"Text {i} is null.", nameof(texts));
            }
        }

        var documents = new SparseDocument[texts.Count];
        Parallel.For(0, texts.Count, i => documents[i] = Transform(texts[i]));
        return documents;
    }

    /// <summary>
    /// The tokens of a text and, for each n-gram feature found, the token position it starts at
    /// and its length: what per-token explanations of the n-gram model need.
    /// </summary>
    internal (List<string> Tokens, List<(int Start, int Length, int FeatureId)> Occurrences) FeatureOccurrences(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var ids = new List<int>();
        var visitor = new TokenIdVisitor(_tokenTable, ids, tokens);
        TokenScanner.Scan(text, Normalizer, Tokenizer, ref visitor);
        var occurrences = new List<(int Start, int Length, int FeatureId)>();
        var features = new FeatureVisitor(this, null, occurrences);
        NGramWalker.Walk(CollectionsMarshal.AsSpan(ids), MaxNGramLength, ref features);
        return (tokens, occurrences);
    }

    /// <summary>The same featurizer with Naive Bayes ratios as weights (what fitting with <see cref="NGramWeighting.NaiveBayes"/> ends with).</summary>
    internal NGramFeaturizer WithNaiveBayesRatios(float[] ratios) => new(this, ratios);

    internal IReadOnlyList<string> Tokens => _tokens;

    internal IReadOnlyList<NGramKey> Features => _features;

    internal IReadOnlyList<int> DocumentFrequencies => _documentFrequencies;

    internal float[]? Ratios => _ratios;

    /// <summary>The feature id of an n-gram, or -1 when it is not a feature: unigrams by token id, longer ones by hashing.</summary>
    private int FeatureId(NGramKey key) => key.Length == 1 ? _unigramFeatures[key.First] : _longerFeatures.Find(key);

    private SparseDocument Weigh(Span<int> featureIds)
    {
        featureIds.Sort();
        var distinct = 0;
        for (var i = 0; i < featureIds.Length; i++)
        {
            if (i == 0 || featureIds[i] != featureIds[i - 1])
            {
                distinct++;
            }
        }

        var ids = new int[distinct];
        var weights = new float[distinct];
        var k = -1;
        var run = 0;
        for (var i = 0; i <= featureIds.Length; i++)
        {
            if (i < featureIds.Length && i > 0 && featureIds[i] == featureIds[i - 1])
            {
                run++;
                continue;
            }

            if (k >= 0)
            {
                weights[k] = _ratios is not null
                    ? _ratios[ids[k]]
                    : (float)(_sublinearTf ? 1 + Math.Log(run) : run) * _idf[ids[k]];
            }

            if (i < featureIds.Length)
            {
                ids[++k] = featureIds[i];
                run = 1;
            }
        }

        double norm = 0;
        foreach (var w in weights)
        {
            norm += (double)w * w;
        }

        if (norm > 0)
        {
            var scale = (float)(1 / Math.Sqrt(norm));
            for (var i = 0; i < weights.Length; i++)
            {
                weights[i] *= scale;
            }
        }

        return new SparseDocument(ids, weights);
    }

    // Token ids in this featurizer's table (-1 for a token it does not know), and the token strings when asked for.
    private readonly struct TokenIdVisitor(TokenTable table, List<int> ids, List<string>? tokens) : ITokenVisitor
    {
        public bool Visit(ReadOnlySpan<char> token)
        {
            ids.Add(table.Find(token));
            tokens?.Add(token.ToString());
            return true;
        }
    }

    // The features found among the n-grams: their ids, or their occurrences (start, length, id) for explanations.
    private readonly struct FeatureVisitor(NGramFeaturizer featurizer, List<int>? ids, List<(int Start, int Length, int FeatureId)>? occurrences) : INGramVisitor
    {
        public void Visit(int start, NGramKey key)
        {
            var id = featurizer.FeatureId(key);
            if (id >= 0)
            {
                ids?.Add(id);
                occurrences?.Add((start, key.Length, id));
            }
        }
    }
}
