namespace SentimentKit.Data;

/// <summary>
/// Hands out one string per distinct label, so that a million rows labelled <c>pos</c> share one string instead of
/// holding a million copies.
/// </summary>
internal sealed class LabelNames
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    public string Get(string name)
    {
        if (_names.TryGetValue(name, out var known))
        {
            return known;
        }

        _names.Add(name, name);
        return name;
    }
}
