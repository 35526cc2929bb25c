using System.Globalization;
using System.Text.RegularExpressions;

namespace SentimentKit.Scoring;

/// <summary>Where a job's queue is: a Redis server and the job's name, written <c>redis://[:PASSWORD@]HOST[:PORT]/JOB</c>.</summary>
public sealed partial class RedisQueueAddress
{
    /// <summary>The port used when the address names none.</summary>
    public const int DefaultPort = 6379;

    private RedisQueueAddress(string host, int port, string job, string? password)
    {
        Host = host;
        Port = port;
        Job = job;
        Password = password;
    }

    /// <summary>Gets the Redis server's host name or address.</summary>
    public string Host { get; }

    /// <summary>Gets the Redis server's port.</summary>
    public int Port { get; }

    /// <summary>Gets the job's name: every key of the job starts with <c>sentimentkit:JOB:</c>.</summary>
    public string Job { get; }

    /// <summary>Gets the password the server asks for, if any.</summary>
    public string? Password { get; }

    /// <summary>Reads an address.</summary>
    /// <param name="address">The address, such as <c>redis://127.0.0.1:6379/reviews-2026</c>.</param>
    /// <returns>The address.</returns>
    /// <exception cref="InvalidQueueAddressException">The address is not of that form.</exception>
    public static RedisQueueAddress Parse(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        const string Form = "expected redis://HOST:PORT/JOB";
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme != "redis")
        {
            throw new InvalidQueueAddressException($"--queue '{address}' is not a queue address ({Form}).");
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            throw new InvalidQueueAddressException($"--queue '{address}' names no host ({Form}).");
        }

        var job = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (!JobName().IsMatch(job))
        {
            throw new InvalidQueueAddressException($"--queue '{address}': the job name '{job}' must be 1 to 100 letters, digits, '.', '_' or '-' ({Form}).");
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new InvalidQueueAddressException($"--queue '{address}' has a query or fragment ({Form}).");
        }

        var password = uri.UserInfo.Length == 0 ? null : Uri.UnescapeDataString(uri.UserInfo.Split(':', 2)[^1]);
        return new RedisQueueAddress(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port, job, password);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"redis://{Host}:{Port}/{Job}");

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex JobName();
}
