using System.Globalization;

namespace SentimentKit.Benchmarks;

/// <summary>Minimal <c>--name value</c> and <c>--flag</c> option parsing for the benchmark verbs.</summary>
internal sealed class VerbOptions
{
    private readonly Dictionary<string, string> _values;

    private VerbOptions(Dictionary<string, string> values) => _values = values;

    public static VerbOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"expected '--name value' pairs or '--flag', got '{args[i]}'.");
            }

            // A name followed by another name (or nothing) is a flag.
            values[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }

        return new VerbOptions(values);
    }

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public int GetInt(string name, int fallback) =>
        _values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
