using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SentimentKit.Tests;

namespace SentimentKit.Hosting.Tests;

public class SentimentServiceCollectionExtensionsTests
{
    [Fact]
    public void AddSentimentPredictor_SameNameTwice_ThrowsInvalidOperationException()
    {
        var services = new ServiceCollection().AddSentimentPredictor(new FakeLoader(), "a.skm");

        services.Invoking(s => s.AddSentimentPredictor(new FakeLoader(), "b.skm"))
            .Should().Throw<InvalidOperationException>().WithMessage("*'default'*already registered*");
    }

    [Fact]
    public void AddSentimentPredictor_BoundFromConfiguration_ServesTheConfiguredFile()
    {
        using var folder = new TempDirectory();
        FakeLoader.Write(folder.File("reviews.skm"), ["bad", "good"]);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["SentimentKit:Models:reviews:ModelPath"] = folder.File("reviews.skm"),
                ["SentimentKit:Models:reviews:WatchForChanges"] = "false",
            })
            .Build();

        using var provider = new ServiceCollection()
            .AddSentimentPredictor("reviews", new FakeLoader(), configuration.GetSection("SentimentKit:Models:reviews"))
            .BuildServiceProvider();
        var pool = provider.GetRequiredService<SentimentPredictorPool>();

        pool.ModelNames.Should().Equal("reviews");
        pool.GetPredictor("reviews").Predict("x").Label.Should().Be("bad");
        pool.GetStatus("reviews").IsWatching.Should().BeFalse();
    }

    [Fact]
    public void AddSentimentPredictor_SeveralNames_EachServesItsOwnFile()
    {
        using var folder = new TempDirectory();
        FakeLoader.Write(folder.File("a.skm"), ["neg", "pos"]);
        FakeLoader.Write(folder.File("b.skm"), ["spam", "ham"]);
        var loader = new FakeLoader();

        using var provider = new ServiceCollection()
            .AddSentimentPredictor(loader, folder.File("a.skm"))
            .AddSentimentPredictor("mail", loader, o => o.ModelPath = folder.File("b.skm"))
            .BuildServiceProvider();

        provider.GetRequiredService<ISentimentPredictor>().Predict("x").Label.Should().Be("neg");
        provider.GetRequiredService<SentimentPredictorPool>().GetPredictor("mail").Predict("x").Label.Should().Be("spam");
    }

    [Fact]
    public void AddSentimentPredictor_InvalidOptions_ThrowsInvalidOptionsExceptionNamingTheModel()
    {
        using var provider = new ServiceCollection()
            .AddSentimentPredictor("reviews", new FakeLoader(), o => o.PollInterval = TimeSpan.Zero)
            .BuildServiceProvider();

        provider.Invoking(p => p.GetRequiredService<SentimentPredictorPool>())
            .Should().Throw<InvalidOptionsException>().WithMessage("*'reviews'*ModelPath*PollInterval*");
    }

    [Fact]
    public async Task AddSentimentPredictor_HealthCheck_ReportsTheLoadedModel()
    {
        using var fixture = new PoolFixture(["neg", "pos"]);
        var health = fixture.Services.GetRequiredService<HealthCheckService>();

        var before = await health.CheckHealthAsync();
        fixture.Pool.GetPredictor().Predict("x");
        var after = await health.CheckHealthAsync();

        before.Status.Should().Be(HealthStatus.Unhealthy, "nothing was loaded yet");
        var entry = after.Entries[SentimentModelHealthCheck.RegistrationName("default")];
        entry.Status.Should().Be(HealthStatus.Healthy);
        entry.Data["kind"].Should().Be("NGrams");
        entry.Data["labels"].Should().BeEquivalentTo(new[] { "neg", "pos" });
        entry.Data["file_sha256"].Should().Be(fixture.Pool.GetStatus().Info!.FileSha256);
        entry.Data.Should().ContainKey("created_utc");
    }

    [Fact]
    public async Task AddSentimentPredictor_HealthCheckAfterAFailedReload_IsDegradedWithTheReason()
    {
        using var fixture = new PoolFixture(["neg", "pos"]);
        fixture.Pool.GetPredictor().Predict("x");
        await File.WriteAllTextAsync(fixture.ModelPath, "corrupt");
        await fixture.Pool.ReloadAsync();

        var report = await fixture.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Status.Should().Be(HealthStatus.Degraded);
        report.Entries.Single().Value.Description.Should().Contain("failed to load").And.Contain("not a fake model script");
        report.Entries.Single().Value.Data["last_reload_error"].Should().NotBeNull();
    }
}
