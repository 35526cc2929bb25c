using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SentimentKit.Hosting.Tests.Browser;

/// <summary>
/// Headless Chromium driven through chromedriver's W3C WebDriver protocol (plain HTTP on 127.0.0.1): one session,
/// the few commands a page test needs, and everything it started stopped on dispose.
/// </summary>
internal sealed class WebDriver : IDisposable
{
    // The key under which W3C WebDriver returns an element reference.
    private const string ElementKey = "element-6066-11e4-a52e-4f735466cecf";

    private readonly Process _driver;
    private readonly HttpClient _http;
    private readonly string _session;
    private readonly string _profile;

    private WebDriver(Process driver, HttpClient http, string session, string profile)
    {
        _driver = driver;
        _http = http;
        _session = session;
        _profile = profile;
    }

    /// <summary>Starts chromedriver on a free loopback port and opens a headless Chromium session with an empty profile.</summary>
    public static async Task<WebDriver> StartAsync(string chromium, string chromedriver, int width, int height)
    {
        var port = FreePort();
        var driver = Process.Start(new ProcessStartInfo(chromedriver, [$"--port={port}", "--allowed-ips=127.0.0.1", "--allowed-origins=http://127.0.0.1"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        driver.OutputDataReceived += (_, _) => { };
        driver.ErrorDataReceived += (_, _) => { };
        driver.BeginOutputReadLine();
        driver.BeginErrorReadLine();
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(90) };
        var profile = Path.Combine(Path.GetTempPath(), "sentimentkit-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        try
        {
            await Eventually.TrueAsync(() => Ready(http), "chromedriver to answer on 127.0.0.1");
            string[] args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", $"--user-data-dir={profile}", $"--window-size={width},{height}",
            ];
            var capabilities = new JsonObject
            {
                ["capabilities"] = new JsonObject
                {
                    ["alwaysMatch"] = new JsonObject
                    {
                        ["browserName"] = "chrome",
                        ["goog:chromeOptions"] = new JsonObject { ["binary"] = chromium, ["args"] = new JsonArray([.. args.Select(a => JsonValue.Create(a))]) },
                    },
                },
            };
            var answer = await Send(http, HttpMethod.Post, "session", capabilities);
            return new WebDriver(driver, http, answer.GetProperty("sessionId").GetString()!, profile);
        }
        catch
        {
            driver.Kill(entireProcessTree: true);
            driver.Dispose();
            http.Dispose();
            Directory.Delete(profile, recursive: true);
            throw;
        }
    }

    public Task NavigateAsync(string url) => Command(HttpMethod.Post, "url", new JsonObject { ["url"] = url });

    public async Task<string> FindAsync(string css) =>
        (await Command(HttpMethod.Post, "element", new JsonObject { ["using"] = "css selector", ["value"] = css })).GetProperty(ElementKey).GetString()!;

    public Task ClickAsync(string element) => Command(HttpMethod.Post, $"element/{element}/click", new JsonObject());

    public Task TypeAsync(string element, string text) => Command(HttpMethod.Post, $"element/{element}/value", new JsonObject { ["text"] = text });

    /// <summary>Runs a script in the page and returns what it returns, as JSON.</summary>
    public Task<JsonElement> RunAsync(string script) => Command(HttpMethod.Post, "execute/sync", new JsonObject { ["script"] = script, ["args"] = new JsonArray() });

    public async Task<byte[]> ScreenshotAsync() => Convert.FromBase64String((await Command(HttpMethod.Get, "screenshot", null)).GetString()!);

    public void Dispose()
    {
        try
        {
            // Closes the browser; the driver is stopped below whatever this answers.
            using var request = new HttpRequestMessage(HttpMethod.Delete, $"session/{_session}");
            _http.Send(request).Dispose();
        }
        catch (HttpRequestException)
        {
        }
        catch (TaskCanceledException)
        {
        }

        if (!_driver.HasExited)
        {
            _driver.Kill(entireProcessTree: true);
            _driver.WaitForExit(10_000);
        }

        _driver.Dispose();
        _http.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool Ready(HttpClient http)
    {
        try
        {
            using var response = http.GetAsync("status").GetAwaiter().GetResult();
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<JsonElement> Send(HttpClient http, HttpMethod method, string path, JsonObject? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            // With its length: chromedriver resets a request whose body comes chunked.
            request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        var value = answer.GetProperty("value");
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"WebDriver {method} {path} failed ({(int)response.StatusCode}): {value}");
        }

        return value.Clone();
    }

    private Task<JsonElement> Command(HttpMethod method, string path, JsonObject? body) => Send(_http, method, $"session/{_session}/{path}", body);
}
