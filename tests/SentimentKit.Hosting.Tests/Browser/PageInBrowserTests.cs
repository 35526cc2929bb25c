using System.Text.Json;
using SentimentKit.Tests;

namespace SentimentKit.Hosting.Tests.Browser;

/// <summary>
/// The page in a real browser: headless Chromium opens what <c>sentimentkit serve</c> serves on 127.0.0.1, a sentence
/// is typed, and the label and the shaded words are read back from the page, with a screenshot saved for people.
/// </summary>
public class PageInBrowserTests
{
    private const string Sentence = "A wonderful film, the story was brilliant but the ending was boring";

    [SkippableFact]
    public async Task Page_SentenceTyped_ShowsTheLabelAndShadesEachWordByItsAttribution()
    {
        var (chromium, chromedriver, reason) = Repository.FindBrowser();
        Skip.If(chromium is null, $"Headless Chromium is not available, so the page is not tried in a browser: {reason}");
        using var folder = new TempDirectory();
        var model = folder.File("reviews.skm");
        // SENTIMENTKIT_PAGE_MODEL serves another neg/pos n-gram model instead of the generated one: docs/serve-page.png
        // was taken so, with the NB-trigram model trained on IMDB.
        File.Copy(Environment.GetEnvironmentVariable("SENTIMENTKIT_PAGE_MODEL") is { Length: > 0 } other ? other : TrainedModels.NegPos, model);
        using var server = await ServeProcess.StartAsync(Repository.Cli, model);
        using var browser = await WebDriver.StartAsync(chromium, chromedriver!, 1000, 860);

        await browser.NavigateAsync(server.Url + "/");
        var text = await browser.FindAsync("#text");
        await browser.ClickAsync(text);
        await browser.TypeAsync(text, Sentence);
        await browser.ClickAsync(await browser.FindAsync("#analyze"));
        var page = await ReadWhenShownAsync(browser);
        var screenshot = Path.Combine(Repository.Root, "artifacts", "browser", "serve-page.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await File.WriteAllBytesAsync(screenshot, await browser.ScreenshotAsync());

        page.GetProperty("label").GetString().Should().Be("pos");
        page.GetProperty("confidence").GetString().Should().EndWith("% confident");
        page.GetProperty("bar").GetString().Should().EndWith("%");
        var words = page.GetProperty("tokens").EnumerateArray().Select(t => new
        {
            Token = t.GetProperty("token").GetString(),
            Side = t.GetProperty("side").GetString(),
            Attribution = t.GetProperty("attribution").GetDouble(),
            Background = t.GetProperty("background").GetString(),
        }).ToArray();
        string.Join(' ', words.Select(w => w.Token)).Should().Be("a wonderful film , the story was brilliant but the ending was boring");
        words.Single(w => w.Token == "wonderful").Side.Should().Be("support");
        words.Single(w => w.Token == "brilliant").Side.Should().Be("support");
        words.Single(w => w.Token == "boring").Side.Should().Be("against", "a negative cue speaks against the positive label");
        words.Where(w => w.Side != "none").Should().OnlyContain(w => w.Background != "rgba(0, 0, 0, 0)", "a shaded word has a colour");
        words.Where(w => w.Side == "support").Should().OnlyContain(w => w.Attribution > 0);
        words.Where(w => w.Side == "against").Should().OnlyContain(w => w.Attribution < 0);
        page.GetProperty("legend").GetString().Should().Contain("supports pos").And.Contain("speaks against it");
        page.GetProperty("model").GetString().Should().Contain("n_grams").And.Contain("neg, pos");
        new FileInfo(screenshot).Length.Should().BeGreaterThan(10_000);
    }

    /// <summary>Reads the result once the page shows the answer to the sentence (the page sets <c>data-state</c> when it has rendered).</summary>
    private static async Task<JsonElement> ReadWhenShownAsync(WebDriver browser)
    {
        const string Read = """
            const shown = document.body.dataset.state === "ready" && !document.getElementById("result").hidden;
            return {
              shown,
              label: document.getElementById("label").textContent,
              confidence: document.getElementById("confidence").textContent,
              bar: document.getElementById("bar-fill").style.width,
              legend: document.getElementById("legend").textContent.replace(/\s+/g, " ").trim(),
              model: document.getElementById("model").textContent,
              tokens: Array.from(document.querySelectorAll("#tokens .token")).map(s => ({
                token: s.textContent,
                attribution: Number(s.dataset.attribution),
                side: s.classList.contains("support") ? "support" : s.classList.contains("against") ? "against" : "none",
                background: getComputedStyle(s).backgroundColor,
              })),
            };
            """;
        JsonElement page = default;
        await Eventually.TrueAsync(
            () =>
            {
                page = browser.RunAsync(Read).GetAwaiter().GetResult();
                return page.GetProperty("shown").GetBoolean() && page.GetProperty("tokens").GetArrayLength() > 0
                    && page.GetProperty("model").GetString()!.Contains("labels", StringComparison.Ordinal);
            },
            "the page to show the prediction of the typed sentence");
        return page;
    }
}
