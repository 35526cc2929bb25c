namespace SentimentKit.Data;

/// <summary>
/// Hands out one string per distinct label, so that a million rows labelled <c>pos</c> share one string instead of
/// holding a million copies, and remembers the line each label was first seen on (for
/// <see cref="MultiLabelLookalike"/>'s message).
/// </summary>
internal sealed class LabelNames
{
    private readonly Dictionary<string, (string Name, int FirstLine)> _names = new(StringComparer.Ordinal);

    /// <summary>Gets every distinct label with the line it was first seen on.</summary>
    public IEnumerable<(string Name, int FirstLine)> FirstSeen => _names.Values;

    public string Get(string name, int line = 0)
    {
        if (_names.TryGetValue(name, out var known))
        {
            return known.Name;
        }

        _names.Add(name, (name, line));
        return name;
    }
}
