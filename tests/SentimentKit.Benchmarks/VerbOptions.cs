using System.CommandLine;
using System.Globalization;

namespace SentimentKit.Benchmarks;

/// <summary>
/// The options of one benchmark verb, parsed by System.CommandLine — the parser the <c>sentimentkit</c> command
/// uses — from the names the verb declares: an option the verb does not know, a missing value or a value that is
/// not a number where one is read is an <see cref="ArgumentException"/> (exit 2), never ignored or a crash.
/// A declared name that ends in <c>?</c> is a flag (<c>--json</c>, or <c>--json true|false</c>).
/// </summary>
internal sealed class VerbOptions
{
    private readonly Dictionary<string, string> _values;

    private VerbOptions(Dictionary<string, string> values) => _values = values;

    /// <summary>Parses a verb's arguments against the option names it declares.</summary>
    /// <param name="verb">The verb, for messages.</param>
    /// <param name="args">The arguments after the verb.</param>
    /// <param name="names">The option names without dashes; a trailing <c>?</c> marks a flag.</param>
    public static VerbOptions Parse(string verb, string[] args, params string[] names)
    {
        var command = new Command(verb);
        var options = new List<(string Name, Option Option)>();
        foreach (var declared in names)
        {
            var flag = declared.EndsWith('?');
            var name = flag ? declared[..^1] : declared;
            Option option = flag
                ? new Option<bool>("--" + name) { Arity = ArgumentArity.ZeroOrOne }
                : new Option<string>("--" + name);
            command.Options.Add(option);
            options.Add((name, option));
        }

        var parsed = command.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            throw new ArgumentException($"{verb}: {string.Join("; ", parsed.Errors.Select(e => e.Message).Distinct(StringComparer.Ordinal))} (known options: {string.Join(", ", options.Select(o => "--" + o.Name))}).");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, option) in options)
        {
            if (parsed.GetResult(option) is not { Implicit: false })
            {
                continue;
            }

            values[name] = option switch
            {
                Option<bool> flag => parsed.GetValue(flag) ? "true" : "false",
                Option<string> text => parsed.GetValue(text) ?? "",
                _ => throw new InvalidOperationException("unreachable"),
            };
        }

        return new VerbOptions(values);
    }

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public bool GetFlag(string name) => _values.GetValueOrDefault(name) is "true";

    public int GetInt(string name, int fallback) =>
        !_values.TryGetValue(name, out var value) ? fallback
        : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number
        : throw new ArgumentException($"--{name} '{value}' is not a whole number.");

    public double GetDouble(string name, double fallback) =>
        !_values.TryGetValue(name, out var value) ? fallback
        : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number
        : throw new ArgumentException($"--{name} '{value}' is not a number.");
}
