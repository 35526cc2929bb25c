using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SentimentKit.Scoring.Tests;

/// <summary>
/// A redis-server of a test's own (127.0.0.1, a free port, append-only file with fsync on every write, in a temporary
/// folder), which a test may kill and start again; and the shared server of the run: the one eng/redis.sh started
/// (SENTIMENTKIT_REDIS), else one started here.
/// </summary>
internal sealed class RedisServer : IDisposable
{
    private static readonly Lazy<(string? Address, RedisServer? Own)> SharedServer = new(() =>
    {
        if (Environment.GetEnvironmentVariable("SENTIMENTKIT_REDIS") is { Length: > 0 } given)
        {
            return (given, null);
        }

        if (Binary is null)
        {
            return (null, null);
        }

        var own = Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => own.Dispose();
        return (own.Address, own);
    });

    private readonly string _folder;
    private readonly string _appendFsync;
    private Process? _process;

    private RedisServer(string folder, int port, string appendFsync)
    {
        _folder = folder;
        Port = port;
        _appendFsync = appendFsync;
    }

    /// <summary>Gets the redis-server binary: SENTIMENTKIT_REDIS_SERVER, else the one on the PATH, else <see langword="null"/>.</summary>
    public static string? Binary { get; } = FindBinary();

    /// <summary>Gets why Redis tests cannot run, or <see langword="null"/> when they can.</summary>
    public static string? Unavailable => Environment.GetEnvironmentVariable("SENTIMENTKIT_REDIS") is { Length: > 0 } || Binary is not null
        ? null
        : "redis-server is not installed and SENTIMENTKIT_REDIS names no server (./build.sh test installs and starts one with eng/redis.sh)";

    /// <summary>Gets the shared server's HOST:PORT.</summary>
    public static string SharedAddress => SharedServer.Value.Address ?? throw new InvalidOperationException(Unavailable);

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    /// <summary>Starts a server of its own.</summary>
    /// <param name="fsyncEveryWrite">
    /// Whether the append-only file is synced on every write (tests that kill the server need it), or once a second,
    /// Redis's default (the scoring benchmark, which times Redis calls as a deployment would make them).
    /// </param>
    public static RedisServer Start(bool fsyncEveryWrite = true)
    {
        var folder = Path.Combine(Path.GetTempPath(), "sentimentkit-redis-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var server = new RedisServer(folder, port, fsyncEveryWrite ? "always" : "everysec");
        server.StartAgain();
        return server;
    }

    /// <summary>Starts the server (again) on the same port and folder: it reloads its append-only file.</summary>
    public void StartAgain()
    {
        var info = new ProcessStartInfo(Binary ?? throw new InvalidOperationException(Unavailable))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", _folder, "--appendonly", "yes", "--appendfsync", _appendFsync, "--save", string.Empty, "--logfile", Path.Combine(_folder, "redis.log") })
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info)!;
        var clock = Stopwatch.StartNew();
        while (!Ping())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(10) || _process.HasExited)
            {
                throw new InvalidOperationException($"redis-server did not start on port {Port}: {File.ReadAllText(Path.Combine(_folder, "redis.log"))}");
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>Kills the server at once (SIGKILL): only what its append-only file holds survives.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string? FindBinary()
    {
        if (Environment.GetEnvironmentVariable("SENTIMENTKIT_REDIS_SERVER") is { Length: > 0 } given && File.Exists(given))
        {
            return given;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':')
            .Select(dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists);
    }

    private bool Ping()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[64];
            var read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
