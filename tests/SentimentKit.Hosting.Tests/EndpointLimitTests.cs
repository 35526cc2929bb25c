using System.Net;
using System.Net.Http.Json;
using static SentimentKit.Hosting.Tests.ProblemJson;

namespace SentimentKit.Hosting.Tests;

/// <summary>The answers that depend on what the model is doing — busy, unable to explain, replaced by a bad file — with the scripted fake runtime.</summary>
public class EndpointLimitTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Predict_ConcurrencyLimitAndQueueFull_Returns429NamingTheLimitThenServesAgain()
    {
        using var app = SentimentApp.ForFake(["neg", "pos"], blocks: true,
            settings: [("SentimentKit:Endpoints:MaxConcurrentRequests", "1"), ("SentimentKit:Endpoints:QueueLimit", "0")]);
        using var client = app.CreateClient();
        using var lease = app.Pool.Acquire();
        var model = (FakePredictor)lease.Predictor;

        var first = client.PostAsJsonAsync("/predict", new { texts = new[] { "held inside the model" } });
        model.WaitForCall(Wait).Should().BeTrue();
        var second = await client.PostAsJsonAsync("/predict", new { texts = new[] { "finds no place" } });
        model.ReleaseCalls();
        var firstResponse = await first;
        var third = await client.PostAsJsonAsync("/predict", new { texts = new[] { "after the burst" } });

        var problem = await second.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, nameof(SentimentEndpointOptions.MaxConcurrentRequests));
        problem.GetProperty("maximum").GetInt32().Should().Be(1);
        second.Headers.RetryAfter.Should().NotBeNull();
        firstResponse.StatusCode.Should().Be(HttpStatusCode.OK);
        third.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Predict_RequestsOverTheLimit_WaitInTheQueueInsteadOfFailing()
    {
        using var app = SentimentApp.ForFake(["neg", "pos"], blocks: true,
            settings: [("SentimentKit:Endpoints:MaxConcurrentRequests", "1"), ("SentimentKit:Endpoints:QueueLimit", "4")]);
        using var client = app.CreateClient();
        using var lease = app.Pool.Acquire();
        var model = (FakePredictor)lease.Predictor;

        var first = client.PostAsJsonAsync("/predict", new { texts = new[] { "held" } });
        model.WaitForCall(Wait).Should().BeTrue();
        var queued = Enumerable.Range(0, 3).Select(_ => client.PostAsJsonAsync("/predict", new { texts = new[] { "queued" } })).ToArray();
        model.ReleaseCalls();

        var responses = await Task.WhenAll([first, .. queued]);
        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task Explain_ModelCannotExplain_Returns501Problem()
    {
        using var app = SentimentApp.ForFake(["neg", "pos"], explains: false);
        using var client = app.CreateClient();

        await (await client.PostAsJsonAsync("/explain", new { text = "anything" })).ShouldBeProblemAsync(HttpStatusCode.NotImplemented);
        (await client.PostAsJsonAsync("/predict", new { texts = new[] { "anything" } })).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Healthz_AfterACorruptReplacement_ReturnsDegradedWithTheReasonAndKeepsServing()
    {
        using var app = SentimentApp.ForFake(["neg", "pos"]);
        using var client = app.CreateClient();
        (await client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);

        await File.WriteAllTextAsync(app.ModelPath, "corrupt");
        await app.Pool.ReloadAsync();
        var health = await (await client.GetAsync("/healthz")).JsonAsync();
        var prediction = await client.PostAsJsonAsync("/predict", new { texts = new[] { "still served" } });

        health.GetProperty("status").GetString().Should().Be("Degraded");
        var check = health.GetProperty("checks").GetProperty("sentimentkit:default");
        check.GetProperty("description").GetString().Should().Contain("failed to load");
        check.GetProperty("data").GetProperty("last_reload_error").GetString().Should().Contain("not a fake model script");
        prediction.StatusCode.Should().Be(HttpStatusCode.OK);
        (await (await client.GetAsync("/model")).JsonAsync()).GetProperty("last_reload_error").GetString().Should().NotBeNull();
    }

    [Fact]
    public async Task MapSentimentEndpoints_SecondModelUnderAPrefix_ServesItsOwnModel()
    {
        using var app = SentimentApp.ForTwoFakes(["neg", "pos"], ["spam", "ham"]);
        using var client = app.CreateClient();

        var first = await (await client.PostAsJsonAsync("/predict", new { texts = new[] { "x" } })).JsonAsync();
        var second = await (await client.PostAsJsonAsync("/second/predict", new { texts = new[] { "x" } })).JsonAsync();
        var secondHealth = await (await client.GetAsync("/second/healthz")).JsonAsync();

        first[0].GetProperty("label").GetString().Should().Be("neg");
        second[0].GetProperty("label").GetString().Should().Be("spam");
        secondHealth.GetProperty("checks").EnumerateObject().Select(c => c.Name).Should().Equal("sentimentkit:second");
        (await client.GetAsync("/second/")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await (await client.GetAsync("/second/model")).JsonAsync()).GetProperty("name").GetString().Should().Be("second");
    }
}
