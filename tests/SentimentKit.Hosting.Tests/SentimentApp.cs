using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SentimentKit.Tests;

namespace SentimentKit.Hosting.Tests;

/// <summary>
/// The test app (<see cref="Program"/>) started through <see cref="WebApplicationFactory{TEntryPoint}"/> over a model
/// file in a folder of its own, with settings as appsettings.json would give them.
/// </summary>
internal sealed class SentimentApp : WebApplicationFactory<Program>
{
    private readonly TempDirectory _folder;
    private readonly Dictionary<string, string?> _settings;

    private SentimentApp(bool fake, (string Key, string Value)[] settings)
    {
        _folder = new TempDirectory();
        ModelPath = _folder.File("model.skm");
        _settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Test:Loader"] = fake ? "fake" : "torch",
            ["SentimentKit:Models:default:ModelPath"] = ModelPath,
            ["SentimentKit:Models:default:ReloadDelay"] = "00:00:00.100",
            ["SentimentKit:Models:default:PollInterval"] = "00:00:00.500",
        };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }
    }

    public string ModelPath { get; }

    public string Folder => _folder.Path;

    public SentimentPredictorPool Pool => Services.GetRequiredService<SentimentPredictorPool>();

    /// <summary>Serves a copy of a trained model on the TorchSharp runtime.</summary>
    public static SentimentApp ForModel(string model, params (string Key, string Value)[] settings)
    {
        var app = new SentimentApp(fake: false, settings);
        File.Copy(model, app.ModelPath);
        return app;
    }

    /// <summary>Serves a fake model (see <see cref="FakeLoader"/>).</summary>
    public static SentimentApp ForFake(string[] labels, bool explains = true, bool blocks = false, params (string Key, string Value)[] settings)
    {
        var app = new SentimentApp(fake: true, settings);
        FakeLoader.Write(app.ModelPath, labels, explains, blocks);
        return app;
    }

    /// <summary>Serves two fake models: the default one, and one named <c>second</c> under <c>/second</c>.</summary>
    public static SentimentApp ForTwoFakes(string[] labels, string[] secondLabels)
    {
        var app = new SentimentApp(fake: true, []);
        var second = app._folder.File("second.skm");
        app._settings["SentimentKit:Models:second:ModelPath"] = second;
        FakeLoader.Write(app.ModelPath, labels);
        FakeLoader.Write(second, secondLabels);
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The app has no files of its own (the page is embedded); its folder is the test's output folder.
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _folder.Dispose();
        }
    }
}
