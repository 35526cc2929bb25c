using System.Globalization;

namespace SentimentKit;

/// <summary>
/// Collects every problem an options object has, so that <c>Validate</c> can report all of them at once through one
/// <see cref="InvalidOptionsException"/> — the one validation contract of every options type.
/// </summary>
internal sealed class OptionErrors
{
    private readonly List<string> _errors = [];

    public int Count => _errors.Count;

    /// <summary>Records <paramref name="message"/> unless <paramref name="ok"/>.</summary>
    public void Check(bool ok, string message)
    {
        if (!ok)
        {
            _errors.Add(message);
        }
    }

    /// <summary>Records a problem; the message is formatted with the invariant culture.</summary>
    public void Add(FormattableString message) => _errors.Add(message.ToString(CultureInfo.InvariantCulture));

    /// <summary>Records a problem.</summary>
    public void Add(string message) => _errors.Add(message);

    /// <summary>Runs a nested options object's validation and records its problems, prefixed with where it sits.</summary>
    public void Include(string prefix, Action validate)
    {
        try
        {
            validate();
        }
        catch (InvalidOptionsException e)
        {
            foreach (var error in e.Errors.Count > 0 ? e.Errors : [e.Message])
            {
                _errors.Add(prefix.Length == 0 ? error : $"{prefix}.{error}");
            }
        }
    }

    /// <summary>Records that a required nested options object is missing.</summary>
    public bool NotNull(object? value, string name)
    {
        Check(value is not null, $"{name} must not be null.");
        return value is not null;
    }

    /// <summary>Records a value that must be at least <paramref name="minimum"/>.</summary>
    public void AtLeast(string name, long value, long minimum) =>
        Check(value >= minimum, string.Create(CultureInfo.InvariantCulture, $"{name} must be at least {minimum} (was {value})."));

    /// <summary>Records an optional value that must be at least <paramref name="minimum"/> when set.</summary>
    public void AtLeastWhenSet(string name, long? value, long minimum) =>
        Check(value is null || value >= minimum, string.Create(CultureInfo.InvariantCulture, $"{name} must be at least {minimum} when set (was {value})."));

    /// <summary>Records a probability that must be in [0, 1).</summary>
    public void Probability(string name, double value) =>
        Check(value is >= 0 and < 1, string.Create(CultureInfo.InvariantCulture, $"{name} must be in [0, 1) (was {value})."));

    /// <summary>Records an enum value that is not one of its type's names.</summary>
    public void Defined<TEnum>(string name, TEnum value)
        where TEnum : struct, Enum =>
        Check(Enum.IsDefined(value), $"{name} has an unknown value ({Convert.ToInt64(value, CultureInfo.InvariantCulture)}); it must be one of {string.Join(", ", Enum.GetNames<TEnum>())}.");

    /// <summary>Throws one <see cref="InvalidOptionsException"/> listing every problem, if there is any.</summary>
    public void ThrowIfAny(string optionsName)
    {
        if (_errors.Count > 0)
        {
            throw new InvalidOptionsException(optionsName, [.. _errors]);
        }
    }
}
