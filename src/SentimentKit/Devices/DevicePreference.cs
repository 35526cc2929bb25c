using System.Globalization;

namespace SentimentKit.Devices;

/// <summary>
/// Which device to run on: <see cref="Auto"/>, <see cref="Cpu"/>, or <see cref="Cuda(int?)"/>
/// with an optional GPU index. Resolve it with <see cref="TorchBackend.Resolve(DevicePreference)"/>.
/// </summary>
public sealed record DevicePreference
{
    private DevicePreference(DeviceKind kind, int? index)
    {
        Kind = kind;
        Index = index;
    }

    /// <summary>Gets the CUDA-if-available preference.</summary>
    public static DevicePreference Auto { get; } = new(DeviceKind.Auto, null);

    /// <summary>Gets the CPU preference.</summary>
    public static DevicePreference Cpu { get; } = new(DeviceKind.Cpu, null);

    /// <summary>Gets the kind of device asked for.</summary>
    public DeviceKind Kind { get; }

    /// <summary>Gets the GPU index asked for; <see langword="null"/> means the first GPU (or not CUDA).</summary>
    public int? Index { get; }

    /// <summary>Asks for a CUDA GPU.</summary>
    /// <param name="index">The GPU index, or <see langword="null"/> for the first one.</param>
    /// <returns>The preference.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static DevicePreference Cuda(int? index = null)
    {
        if (index is { } i)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(i, nameof(index));
        }

        return new DevicePreference(DeviceKind.Cuda, index);
    }

    /// <summary>
    /// Parses <c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c> (case-insensitive), as the
    /// command line's <c>--device</c> option takes it.
    /// </summary>
    /// <param name="value">The text to parse.</param>
    /// <returns>The preference.</returns>
    /// <exception cref="FormatException">The text is none of the accepted forms.</exception>
    public static DevicePreference Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var preference)
            ? preference
            : throw new FormatException($"Device '{value}' is not one of auto, cpu, cuda or cuda:N (N a GPU index ≥ 0).");
    }

    /// <summary>Tries to parse <c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c> (case-insensitive).</summary>
    /// <param name="value">The text to parse.</param>
    /// <param name="preference">The preference, when the text is valid.</param>
    /// <returns><see langword="true"/> when the text is valid.</returns>
    public static bool TryParse(string? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DevicePreference? preference)
    {
        preference = null;
        var text = value.AsSpan().Trim();
        if (text.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            preference = Auto;
        }
        else if (text.Equals("cpu", StringComparison.OrdinalIgnoreCase))
        {
            preference = Cpu;
        }
        else if (text.Equals("cuda", StringComparison.OrdinalIgnoreCase) || text.Equals("gpu", StringComparison.OrdinalIgnoreCase))
        {
            preference = Cuda();
        }
        else if (text.StartsWith("cuda:", StringComparison.OrdinalIgnoreCase)
                 && int.TryParse(text[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            preference = Cuda(index);
        }

        return preference is not null;
    }

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        DeviceKind.Cpu => "cpu",
        DeviceKind.Cuda when Index is { } i => string.Create(CultureInfo.InvariantCulture, $"cuda:{i}"),
        DeviceKind.Cuda => "cuda",
        _ => "auto",
    };
}
