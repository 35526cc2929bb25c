using System.Net;
using System.Text.Json;
using static SentimentKit.Hosting.Tests.ProblemJson;

namespace SentimentKit.Hosting.Tests;

/// <summary>The endpoints serving a multi-label model: every prediction carries its label set.</summary>
public sealed class MultiLabelEndpointTests : IDisposable
{
    private readonly SentimentApp _app = SentimentApp.ForModel(TrainedModels.MultiLabel);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Predict_MultiLabelModel_ReturnsLabelsAndEveryProbability()
    {
        using var client = _app.CreateClient();
        using var response = await client.PostAsync("/predict", Json("""{"texts": ["a great film!", "an awful film."]}"""));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var first = body.RootElement[0];
        first.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).Should().BeEquivalentTo("pos", "exclaimed");
        first.GetProperty("probabilities").EnumerateObject().Select(p => p.Name).Should().Equal("exclaimed", "neg", "pos");
        body.RootElement[1].GetProperty("labels").EnumerateArray().Select(l => l.GetString()).Should().Equal("neg");
    }

    [Fact]
    public async Task Explain_MultiLabelModel_ReturnsAttributionsPerLabel()
    {
        using var client = _app.CreateClient();
        using var response = await client.PostAsync("/explain", Json("""{"text": "a great film!"}"""));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("per_label").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("pos", "exclaimed");
    }
}
