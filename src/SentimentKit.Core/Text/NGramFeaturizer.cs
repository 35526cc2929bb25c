using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace SentimentKit.Text;

/// <summary>
/// Bag-of-n-grams features, the input of the baseline model. Fitting collects the uni-, bi- (and optionally
/// tri-) grams of the training texts; transforming a text gives a <see cref="SparseDocument"/>, L2-normalized,
/// whose weights are either <c>tf × idf</c> (<see cref="NGramWeighting.TfIdf"/>, the default), with
/// <c>tf = 1 + ln(count)</c> (sublinear, the default) or the raw count and <c>idf = ln((1 + N) / (1 + df)) + 1</c>
/// over the N training documents, or each present n-gram's Naive Bayes log-count ratio
/// (<see cref="NGramWeighting.NaiveBayes"/>, fitted from labeled texts).
/// N-grams are keyed by unigram ids, never by building strings. Immutable once fitted; safe to share between threads.
/// </summary>
public sealed class NGramFeaturizer
{
    private const string FormatName = "sentimentkit-ngrams";
    private const int FormatVersion = 2;

    private readonly string[] _tokens;
    private readonly NGramKey[] _features;
    private readonly int[] _documentFrequencies;
    private readonly float[] _idf;
    private readonly TokenTable _tokenTable;
    private readonly int[] _unigramFeatures;
    private readonly NGramTable _longerFeatures;
    private readonly bool _sublinearTf;
    private readonly float[]? _ratios;

    private NGramFeaturizer(
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

        return FitCore(texts, null, 0, options, normalizer, tokenizer);
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

        return FitCore(texts, labels, classCount, options, normalizer, tokenizer);
    }

    private static NGramFeaturizer FitCore(
        IReadOnlyList<string> texts,
        IReadOnlyList<int>? labels,
        int classCount,
        NGramFeaturizerOptions? options,
        TextNormalizer? normalizer,
        ITokenizer? tokenizer)
    {
        ArgumentNullException.ThrowIfNull(texts);
        options ??= new NGramFeaturizerOptions();
        options.Validate();
        normalizer ??= TextNormalizer.Default;
        tokenizer ??= WordTokenizer.Instance;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? -1 };

        for (var i = 0; i < texts.Count; i++)
        {
            if (texts[i] is null)
            {
                throw new ArgumentException($"Text {i} is null.", nameof(texts));
            }
        }

        var normalized = new string[texts.Count];
        Parallel.For(0, texts.Count, parallel, i => normalized[i] = normalizer.Normalize(texts[i]));

        // Unigram ids in ordinal order, so that ties between n-grams break the same way on every run.
        var counts = TokenCounter.Count(normalized, null, tokenizer, options.MaxDegreeOfParallelism);
        var allTokens = counts.Keys.ToArray();
        if (allTokens.Length > NGramKey.MaxTokenId + 1)
        {
            // N-gram keys hold 21-bit token ids; a corpus with more distinct tokens keeps its most frequent ones.
            allTokens = [.. counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
                .Take(NGramKey.MaxTokenId + 1).Select(c => c.Key)];
        }

        Array.Sort(allTokens, StringComparer.Ordinal);
        var allIds = new Dictionary<string, int>(allTokens.Length, StringComparer.Ordinal);
        for (var i = 0; i < allTokens.Length; i++)
        {
            allIds.Add(allTokens[i], i);
        }

        var documentFrequencies = CountDocumentFrequencies(normalized, allIds, tokenizer, options.MaxNGramLength, parallel);
        var selected = new List<KeyValuePair<NGramKey, int>>();
        foreach (var pair in documentFrequencies)
        {
            if (pair.Value >= options.MinDocumentFrequency)
            {
                selected.Add(pair);
            }
        }

        selected.Sort(static (a, b) =>
        {
            var c = b.Value.CompareTo(a.Value);
            if (c != 0)
            {
                return c;
            }

            c = a.Key.Length.CompareTo(b.Key.Length);
            return c != 0 ? c : a.Key.CompareTo(b.Key);
        });
        if (options.MaxFeatures is { } max && selected.Count > max)
        {
            selected.RemoveRange(max, selected.Count - max);
        }

        // Keep only the tokens that some feature uses, renumbered compactly in ordinal order.
        var used = new bool[allTokens.Length];
        foreach (var (key, _) in selected)
        {
            used[key.First] = true;
            if (key.Second >= 0)
            {
                used[key.Second] = true;
            }

            if (key.Third >= 0)
            {
                used[key.Third] = true;
            }
        }

        var remap = new int[allTokens.Length];
        var tokens = new List<string>();
        for (var i = 0; i < allTokens.Length; i++)
        {
            remap[i] = used[i] ? tokens.Count : -1;
            if (used[i])
            {
                tokens.Add(allTokens[i]);
            }
        }

        var features = new NGramKey[selected.Count];
        var frequencies = new int[selected.Count];
        for (var i = 0; i < selected.Count; i++)
        {
            var key = selected[i].Key;
            features[i] = new NGramKey(
                remap[key.First],
                key.Second >= 0 ? remap[key.Second] : -1,
                key.Third >= 0 ? remap[key.Third] : -1);
            frequencies[i] = selected[i].Value;
        }

        var featurizer = new NGramFeaturizer(
            [.. tokens], features, frequencies, texts.Count, options.MaxNGramLength, options.SublinearTf, null, normalizer, tokenizer);
        if (options.Weighting != NGramWeighting.NaiveBayes || labels is null)
        {
            return featurizer;
        }

        return new NGramFeaturizer(featurizer, CountRatios(featurizer, normalized, labels, classCount, options.NaiveBayesSmoothing, parallel));
    }

    /// <summary>
    /// Each feature's largest absolute log-count ratio over the classes (one class against the rest), from the
    /// smoothed numbers of training documents of each class that contain it.
    /// </summary>
    private static float[] CountRatios(
        NGramFeaturizer featurizer, string[] normalized, IReadOnlyList<int> labels, int classCount, double smoothing, ParallelOptions parallel)
    {
        var featureCount = featurizer.FeatureCount;
        var counts = new long[classCount * featureCount];
        var gate = new object();
        Parallel.ForEach(
            Partitioner.Create(0, normalized.Length, Math.Max(16, normalized.Length / (Environment.ProcessorCount * 8))),
            parallel,
            () => new int[classCount * featureCount],
            (range, state, local) =>
            {
                for (var d = range.Item1; d < range.Item2; d++)
                {
                    var offset = labels[d] * featureCount;
                    foreach (var id in featurizer.Transform(normalized[d]).Ids)
                    {
                        local[offset + id]++;
                    }
                }

                return local;
            },
            local =>
            {
                lock (gate)
                {
                    for (var i = 0; i < local.Length; i++)
                    {
                        counts[i] += local[i];
                    }
                }
            });

        var total = new double[featureCount];
        var classTotals = new double[classCount];
        for (var c = 0; c < classCount; c++)
        {
            for (var f = 0; f < featureCount; f++)
            {
                var smoothed = counts[(c * featureCount) + f] + smoothing;
                total[f] += smoothed;
                classTotals[c] += smoothed;
            }
        }

        var grandTotal = classTotals.Sum();
        var ratios = new float[featureCount];
        for (var c = 0; c < classCount; c++)
        {
            // The rest of the classes pool their counts; each pooled count carries one smoothing term.
            var restTotal = grandTotal - classTotals[c] - ((classCount - 2) * smoothing * featureCount);
            for (var f = 0; f < featureCount; f++)
            {
                var p = counts[(c * featureCount) + f] + smoothing;
                var q = total[f] - p - ((classCount - 2) * smoothing);
                var r = Math.Abs(Math.Log(p / classTotals[c]) - Math.Log(q / restTotal));
                ratios[f] = Math.Max(ratios[f], (float)r);
            }
        }

        return ratios;
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
        using (var document = TextJson.Parse(stream, sourceName))
        {
            try
            {
                return FromJson(document.RootElement, sourceName, tokenizer ?? WordTokenizer.Instance);
            }
            catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or FormatException and not TextFormatException)
            {
                throw new TextFormatException(sourceName, null, "a value has the wrong type: " + e.Message, e);
            }
        }
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
        using var writer = new Utf8JsonWriter(stream);
        var normalizer = Normalizer.Options;
        writer.WriteStartObject();
        writer.WriteString("format", FormatName);
        writer.WriteNumber("version", FormatVersion);
        writer.WriteNumber("maxNGramLength", MaxNGramLength);
        writer.WriteBoolean("sublinearTf", _sublinearTf);
        writer.WriteString("weighting", _ratios is null ? "tfidf" : "naive-bayes");
        writer.WriteNumber("documentCount", DocumentCount);
        writer.WriteStartObject("normalizer");
        writer.WriteBoolean("lowerCase", normalizer.LowerCase);
        writer.WriteBoolean("stripHtmlTags", normalizer.StripHtmlTags);
        writer.WriteBoolean("decodeHtmlEntities", normalizer.DecodeHtmlEntities);
        writer.WriteBoolean("unicodeNormalization", normalizer.UnicodeNormalization);
        writer.WriteBoolean("removeFormatCharacters", normalizer.RemoveFormatCharacters);
        writer.WriteBoolean("collapseWhitespace", normalizer.CollapseWhitespace);
        writer.WriteEndObject();
        writer.WriteStartArray("tokens");
        foreach (var token in _tokens)
        {
            writer.WriteStringValue(token);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("features");
        foreach (var feature in _features)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(feature.First);
            if (feature.Second >= 0)
            {
                writer.WriteNumberValue(feature.Second);
            }

            if (feature.Third >= 0)
            {
                writer.WriteNumberValue(feature.Third);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("documentFrequencies");
        foreach (var df in _documentFrequencies)
        {
            writer.WriteNumberValue(df);
        }

        writer.WriteEndArray();
        if (_ratios is not null)
        {
            writer.WriteStartArray("naiveBayesRatios");
            foreach (var ratio in _ratios)
            {
                writer.WriteNumberValue(ratio);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

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

    /// <summary>Turns a raw text into its TF-IDF features, ids ascending.</summary>
    /// <param name="text">The raw text.</param>
    /// <returns>The sparse document; empty when the text has no known n-gram.</returns>
    public SparseDocument Transform(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokenIds = new List<int>(text.Length / 4);
        if (Tokenizer is WordTokenizer)
        {
            // Same tokens as normalizing first, without building the normalized string for ASCII text.
            var rented = ArrayPool<char>.Shared.Rent(Math.Max(1, text.Length));
            try
            {
                ReadOnlySpan<char> prepared = Normalizer.TryPrepareForWordTokens(text, rented)
                    ? rented.AsSpan(0, text.Length)
                    : Normalizer.Normalize(text);
                var position = 0;
                while (WordTokenizer.Next(prepared, ref position, out var start, out var length))
                {
                    tokenIds.Add(_tokenTable.Find(prepared.Slice(start, length)));
                }
            }
            finally
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
        else
        {
            var normalized = Normalizer.Normalize(text);
            var position = 0;
            while (Tokenizer.TryReadToken(normalized, ref position, out var start, out var length))
            {
                tokenIds.Add(_tokenTable.Find(normalized.AsSpan(start, length)));
            }
        }

        var featureIds = new List<int>(tokenIds.Count * MaxNGramLength);
        var ids = CollectionsMarshal.AsSpan(tokenIds);
        for (var i = 0; i < ids.Length; i++)
        {
            var a = ids[i];
            if (a < 0)
            {
                continue;
            }

            var unigram = _unigramFeatures[a];
            if (unigram >= 0)
            {
                featureIds.Add(unigram);
            }

            if (MaxNGramLength >= 2 && i + 1 < ids.Length && ids[i + 1] >= 0)
            {
                AddFeature(new NGramKey(a, ids[i + 1], -1), featureIds);
                if (MaxNGramLength >= 3 && i + 2 < ids.Length && ids[i + 2] >= 0)
                {
                    AddFeature(new NGramKey(a, ids[i + 1], ids[i + 2]), featureIds);
                }
            }
        }

        return Weigh(CollectionsMarshal.AsSpan(featureIds));
    }

    /// <summary>Turns many raw texts into TF-IDF features, in parallel.</summary>
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
    /// and its length: what per-token explanations of the baseline need.
    /// </summary>
    internal (List<string> Tokens, List<(int Start, int Length, int FeatureId)> Occurrences) FeatureOccurrences(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = Normalizer.Normalize(text);
        var tokens = new List<string>();
        var ids = new List<int>();
        var position = 0;
        while (Tokenizer.TryReadToken(normalized, ref position, out var start, out var length))
        {
            var token = normalized.AsSpan(start, length);
            tokens.Add(token.ToString());
            ids.Add(_tokenTable.Find(token));
        }

        var occurrences = new List<(int, int, int)>();
        for (var i = 0; i < ids.Count; i++)
        {
            for (var n = 1; n <= MaxNGramLength && i + n <= ids.Count; n++)
            {
                if (ids[i + n - 1] < 0)
                {
                    break;
                }

                var featureId = n switch
                {
                    1 => _unigramFeatures[ids[i]],
                    2 => _longerFeatures.Find(new NGramKey(ids[i], ids[i + 1], -1)),
                    _ => _longerFeatures.Find(new NGramKey(ids[i], ids[i + 1], ids[i + 2])),
                };
                if (featureId >= 0)
                {
                    occurrences.Add((i, n, featureId));
                }
            }
        }

        return (tokens, occurrences);
    }

    private void AddFeature(NGramKey key, List<int> featureIds)
    {
        var id = _longerFeatures.Find(key);
        if (id >= 0)
        {
            featureIds.Add(id);
        }
    }

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

    private static Dictionary<NGramKey, int> CountDocumentFrequencies(
        string[] normalized, Dictionary<string, int> tokenIds, ITokenizer tokenizer, int maxNGramLength, ParallelOptions parallel)
    {
        var total = new Dictionary<NGramKey, int>();
        var gate = new object();
        var chunk = Math.Max(16, normalized.Length / (Environment.ProcessorCount * 8));
        Parallel.ForEach(
            Partitioner.Create(0, normalized.Length, chunk),
            parallel,
            () => (Counts: new Dictionary<NGramKey, int>(), Seen: new HashSet<NGramKey>(), Ids: new List<int>()),
            (range, state, local) =>
            {
                var lookup = tokenIds.GetAlternateLookup<ReadOnlySpan<char>>();
                for (var d = range.Item1; d < range.Item2; d++)
                {
                    var text = normalized[d].AsSpan();
                    local.Ids.Clear();
                    local.Seen.Clear();
                    var position = 0;
                    while (tokenizer.TryReadToken(text, ref position, out var start, out var length))
                    {
                        local.Ids.Add(lookup.TryGetValue(text.Slice(start, length), out var id) ? id : -1);
                    }

                    var ids = CollectionsMarshal.AsSpan(local.Ids);
                    for (var i = 0; i < ids.Length; i++)
                    {
                        if (ids[i] < 0)
                        {
                            continue;
                        }

                        local.Seen.Add(new NGramKey(ids[i], -1, -1));
                        if (maxNGramLength >= 2 && i + 1 < ids.Length && ids[i + 1] >= 0)
                        {
                            local.Seen.Add(new NGramKey(ids[i], ids[i + 1], -1));
                            if (maxNGramLength >= 3 && i + 2 < ids.Length && ids[i + 2] >= 0)
                            {
                                local.Seen.Add(new NGramKey(ids[i], ids[i + 1], ids[i + 2]));
                            }
                        }
                    }

                    foreach (var key in local.Seen)
                    {
                        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(local.Counts, key, out _);
                        count++;
                    }
                }

                return local;
            },
            local =>
            {
                lock (gate)
                {
                    if (total.Count == 0)
                    {
                        total = local.Counts;
                        return;
                    }

                    foreach (var (key, count) in local.Counts)
                    {
                        ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(total, key, out _);
                        sum += count;
                    }
                }
            });
        return total;
    }

    private static NGramFeaturizer FromJson(JsonElement root, string sourceName, ITokenizer tokenizer)
    {
        TextFormatException Bad(string reason) => new(sourceName, null, reason);

        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("format", out var format)
            || format.GetString() != FormatName)
        {
            throw Bad($"not an n-gram featurizer (expected \"format\": \"{FormatName}\").");
        }

        // Version 1 had TF-IDF only; version 2 adds the weighting and the Naive Bayes ratios.
        if (!root.TryGetProperty("version", out var version) || version.GetInt32() is < 1 or > FormatVersion)
        {
            throw Bad($"unsupported featurizer version (expected 1 to {FormatVersion}).");
        }

        JsonElement Required(string name) =>
            root.TryGetProperty(name, out var value) ? value : throw Bad($"\"{name}\" is missing.");

        var maxNGramLength = Required("maxNGramLength").GetInt32();
        if (maxNGramLength is < 1 or > 3)
        {
            throw Bad($"maxNGramLength must be 1, 2 or 3 (was {maxNGramLength}).");
        }

        var sublinearTf = Required("sublinearTf").GetBoolean();
        var documentCount = Required("documentCount").GetInt32();
        if (documentCount < 0)
        {
            throw Bad("documentCount is negative.");
        }

        var n = Required("normalizer");
        var normalizer = new TextNormalizer(new TextNormalizerOptions
        {
            LowerCase = n.GetProperty("lowerCase").GetBoolean(),
            StripHtmlTags = n.GetProperty("stripHtmlTags").GetBoolean(),
            DecodeHtmlEntities = n.GetProperty("decodeHtmlEntities").GetBoolean(),
            UnicodeNormalization = n.GetProperty("unicodeNormalization").GetBoolean(),
            RemoveFormatCharacters = n.GetProperty("removeFormatCharacters").GetBoolean(),
            CollapseWhitespace = n.GetProperty("collapseWhitespace").GetBoolean(),
        });

        var tokens = Required("tokens").EnumerateArray().Select(t => t.GetString() ?? string.Empty).ToArray();
        if (tokens.Length > NGramKey.MaxTokenId + 1)
        {
            throw Bad($"it has {tokens.Length} tokens; at most {NGramKey.MaxTokenId + 1} are supported.");
        }

        var distinctTokens = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            if (token.Length == 0 || !distinctTokens.Add(token))
            {
                throw Bad($"the token '{token}' is empty or appears twice.");
            }
        }

        var featureArray = Required("features");
        var frequencyArray = Required("documentFrequencies");
        if (featureArray.GetArrayLength() != frequencyArray.GetArrayLength())
        {
            throw Bad("features and documentFrequencies differ in length.");
        }

        var features = new NGramKey[featureArray.GetArrayLength()];
        var seen = new HashSet<NGramKey>();
        var index = 0;
        foreach (var feature in featureArray.EnumerateArray())
        {
            var parts = feature.EnumerateArray().Select(p => p.GetInt32()).ToArray();
            if (parts.Length < 1 || parts.Length > maxNGramLength || parts.Any(p => p < 0 || p >= tokens.Length))
            {
                throw Bad($"feature {index} is not a list of 1 to {maxNGramLength} token indices in range.");
            }

            var key = new NGramKey(parts[0], parts.Length > 1 ? parts[1] : -1, parts.Length > 2 ? parts[2] : -1);
            if (!seen.Add(key))
            {
                throw Bad($"feature {index} appears twice.");
            }

            features[index++] = key;
        }

        var frequencies = frequencyArray.EnumerateArray().Select(f => f.GetInt32()).ToArray();
        if (frequencies.Any(f => f < 1 || f > documentCount))
        {
            throw Bad("a document frequency is outside [1, documentCount].");
        }

        float[]? ratios = null;
        var weighting = root.TryGetProperty("weighting", out var w) ? w.GetString() : "tfidf";
        if (weighting == "naive-bayes")
        {
            ratios = Required("naiveBayesRatios").EnumerateArray().Select(r => r.GetSingle()).ToArray();
            if (ratios.Length != features.Length || ratios.Any(r => !float.IsFinite(r) || r < 0))
            {
                throw Bad("naiveBayesRatios must hold one finite, non-negative ratio per feature.");
            }
        }
        else if (weighting != "tfidf")
        {
            throw Bad($"weighting '{weighting}' is not \"tfidf\" or \"naive-bayes\".");
        }

        return new NGramFeaturizer(tokens, features, frequencies, documentCount, maxNGramLength, sublinearTf, ratios, normalizer, tokenizer);
    }
}
