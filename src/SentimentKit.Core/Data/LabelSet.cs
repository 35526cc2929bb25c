using System.Globalization;
using System.Text.Json;

namespace SentimentKit.Data;

/// <summary>
/// The ordered label names of a task; a label's index is its class index in the model. Saved with the model.
/// </summary>
/// <remarks>
/// <see cref="FromLabels"/> orders names by this rule, so that the same labels always get the same indices:
/// <list type="number">
/// <item>exactly <c>{neg, pos}</c> or <c>{negative, positive}</c> (any case): the negative one first;</item>
/// <item>otherwise numeric-looking names (<c>"0"</c>, <c>"2"</c>, <c>"10"</c>, <c>"-1"</c>, <c>"1.5"</c>) first,
/// by value (ties in ordinal order), then the other names in ordinal order.</item>
/// </list>
/// </remarks>
public sealed class LabelSet
{
    private readonly string[] _names;
    private readonly Dictionary<string, int> _indices;

    /// <summary>Initializes a new instance of the <see cref="LabelSet"/> class with names in the given order.</summary>
    /// <param name="names">The label names, non-empty and distinct.</param>
    public LabelSet(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        _names = [.. names];
        _indices = new Dictionary<string, int>(_names.Length, StringComparer.Ordinal);
        var problems = new List<string>();
        for (var i = 0; i < _names.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(_names[i]))
            {
                problems.Add($"label {i} is empty.");
            }
            else if (!_indices.TryAdd(_names[i], i))
            {
                problems.Add($"'{_names[i]}' appears twice.");
            }
        }

        if (_names.Length == 0)
        {
            problems.Add("there are no labels.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid label set: " + string.Join(" ", problems), nameof(names));
        }
    }

    /// <summary>Gets the number of labels.</summary>
    public int Count => _names.Length;

    /// <summary>Gets the label names in index order.</summary>
    public IReadOnlyList<string> Names => Array.AsReadOnly(_names);

    /// <summary>Gets the name of a label index.</summary>
    /// <param name="index">The index, in <c>[0, Count)</c>.</param>
    /// <returns>The name.</returns>
    public string this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _names.Length);
            return _names[index];
        }
    }

    /// <summary>Makes the label set of the labels seen in data, ordered by the rule in the remarks.</summary>
    /// <param name="labels">The labels of the examples (repeats allowed).</param>
    /// <returns>The label set.</returns>
    public static LabelSet FromLabels(IEnumerable<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var distinct = new HashSet<string>(labels, StringComparer.Ordinal).ToList();
        if (distinct.Count == 2)
        {
            var negative = distinct.FindIndex(IsNegativeName);
            var positive = distinct.FindIndex(IsPositiveName);
            // Equal lengths pair neg with pos and negative with positive, never neg with positive.
            if (negative >= 0 && positive >= 0 && distinct[negative].Length == distinct[positive].Length)
            {
                return new LabelSet([distinct[negative], distinct[positive]]);
            }
        }

        distinct.Sort(CompareNames);
        return new LabelSet(distinct);
    }

    /// <summary>Reads a label set written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="sourceName">The name used in error messages.</param>
    /// <returns>The label set.</returns>
    /// <exception cref="DataFormatException">The JSON is not a valid label set.</exception>
    public static LabelSet FromJson(string json, string sourceName = "labels")
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sourceName);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("labels", out var labels)
                || labels.ValueKind != JsonValueKind.Array)
            {
                throw new DataFormatException(sourceName, null, null, "a label set needs a \"labels\" array.");
            }

            return new LabelSet(labels.EnumerateArray().Select(l => l.GetString() ?? string.Empty));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            throw new DataFormatException(sourceName, null, null, "invalid label set: " + e.Message, e);
        }
    }

    /// <summary>Gets the index of a label.</summary>
    /// <param name="name">The label name.</param>
    /// <returns>The index.</returns>
    /// <exception cref="ArgumentException">The label is not in the set; the message lists the known labels.</exception>
    public int GetIndex(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _indices.TryGetValue(name, out var index)
            ? index
            : throw new ArgumentException($"Unknown label '{name}'; the labels are: {string.Join(", ", _names)}.", nameof(name));
    }

    /// <summary>Looks a label up.</summary>
    /// <param name="name">The label name.</param>
    /// <param name="index">Its index, or -1.</param>
    /// <returns><see langword="true"/> when the label is in the set.</returns>
    public bool TryGetIndex(string name, out int index)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_indices.TryGetValue(name, out index))
        {
            return true;
        }

        index = -1;
        return false;
    }

    /// <summary>Tells whether a label is in the set.</summary>
    /// <param name="name">The label name.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public bool Contains(string name) => TryGetIndex(name, out _);

    /// <summary>Writes the label set as JSON: <c>{"labels":["neg","pos"]}</c>.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("labels");
            foreach (var name in _names)
            {
                writer.WriteStringValue(name);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(", ", _names);

    private static bool IsNegativeName(string name) =>
        name.Equals("neg", StringComparison.OrdinalIgnoreCase) || name.Equals("negative", StringComparison.OrdinalIgnoreCase);

    private static bool IsPositiveName(string name) =>
        name.Equals("pos", StringComparison.OrdinalIgnoreCase) || name.Equals("positive", StringComparison.OrdinalIgnoreCase);

    private static int CompareNames(string a, string b)
    {
        var aNumeric = TryParseNumber(a, out var x);
        var bNumeric = TryParseNumber(b, out var y);
        if (aNumeric != bNumeric)
        {
            return aNumeric ? -1 : 1;
        }

        if (aNumeric)
        {
            var byValue = x.CompareTo(y);
            if (byValue != 0)
            {
                return byValue;
            }
        }

        return string.CompareOrdinal(a, b);
    }

    private static bool TryParseNumber(string name, out double value) =>
        double.TryParse(name, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
