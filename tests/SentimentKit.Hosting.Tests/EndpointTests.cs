using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static SentimentKit.Hosting.Tests.ProblemJson;

namespace SentimentKit.Hosting.Tests;

/// <summary>Every endpoint and every error of <c>MapSentimentEndpoints</c>, served from a real model through WebApplicationFactory.</summary>
public sealed class EndpointTests : IDisposable
{
    private readonly SentimentApp _app = SentimentApp.ForModel(TrainedModels.NegPos,
        ("SentimentKit:Endpoints:MaxBatchSize", "4"),
        ("SentimentKit:Endpoints:MaxTextLength", "200"),
        ("SentimentKit:Endpoints:MaxRequestBodyBytes", "4096"));

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Predict_Texts_ReturnsOnePredictionPerTextInOrder()
    {
        using var client = _app.CreateClient();

        var response = await client.PostAsync("/predict", Json("""{"texts": ["a wonderful film", "an awful film", ""]}"""));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var predictions = (await response.JsonAsync()).EnumerateArray().ToArray();
        predictions.Should().HaveCount(3);
        predictions[0].GetProperty("label").GetString().Should().Be("pos");
        predictions[1].GetProperty("label").GetString().Should().Be("neg");
        foreach (var prediction in predictions)
        {
            var probabilities = prediction.GetProperty("probabilities").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
            probabilities.Keys.Should().Equal("neg", "pos");
            probabilities.Values.Sum().Should().BeApproximately(1, 1e-5);
            prediction.GetProperty("confidence").GetDouble().Should().Be(probabilities[prediction.GetProperty("label").GetString()!]);
        }
    }

    [Fact]
    public async Task Predict_SameTextsAsTheModel_AgreesWithPredictBatchInProcess()
    {
        using var client = _app.CreateClient();
        string[] texts = ["the plot was boring", "loved the cast", "it was a film"];

        var served = (await (await client.PostAsJsonAsync("/predict", new { texts })).JsonAsync()).EnumerateArray()
            .Select(p => (p.GetProperty("label").GetString()!, p.GetProperty("confidence").GetDouble())).ToArray();
        var local = _app.Pool.GetPredictor().PredictBatch(texts).Select(p => (p.Label, p.Confidence)).ToArray();

        served.Should().Equal(local);
    }

    [Theory]
    [InlineData("""{"texts": ["unterminated""", "Path: $.texts[0]")]
    [InlineData("""{"texts": [1, 2]}""", "could not be converted")]
    [InlineData("""not json""", "is not valid JSON")]
    public async Task Predict_MalformedJson_Returns400WithTheReason(string body, string reason)
    {
        using var client = _app.CreateClient();

        var problem = await (await client.PostAsync("/predict", Json(body))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("detail").GetString().Should().Contain(reason);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("null", "JSON null")]
    [InlineData("""{"text": "a"}""", "no \"texts\" array")]
    [InlineData("""{"texts": []}""", "empty")]
    [InlineData("""{"texts": ["a", null]}""", "texts[1] is null")]
    public async Task Predict_BodyWithoutUsableTexts_Returns400WithTheReason(string body, string reason)
    {
        using var client = _app.CreateClient();

        var problem = await (await client.PostAsync("/predict", Json(body))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("detail").GetString().Should().Contain(reason);
    }

    [Fact]
    public async Task Predict_MoreTextsThanMaxBatchSize_Returns400NamingTheLimit()
    {
        using var client = _app.CreateClient();

        var problem = await (await client.PostAsJsonAsync("/predict", new { texts = new[] { "a", "b", "c", "d", "e" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, nameof(SentimentEndpointOptions.MaxBatchSize));

        problem.GetProperty("maximum").GetInt32().Should().Be(4);
    }

    [Fact]
    public async Task Predict_TextLongerThanMaxTextLength_Returns413NamingTheLimitAndTheText()
    {
        using var client = _app.CreateClient();

        var problem = await (await client.PostAsJsonAsync("/predict", new { texts = new[] { "fine", new string('a', 201) } }))
            .ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, nameof(SentimentEndpointOptions.MaxTextLength));

        problem.GetProperty("maximum").GetInt32().Should().Be(200);
        problem.GetProperty("index").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task Predict_BodyOverMaxRequestBodyBytes_Returns413NamingTheLimit()
    {
        using var client = _app.CreateClient();
        var body = JsonSerializer.Serialize(new { texts = new[] { new string('a', 5000) } });

        await (await client.PostAsync("/predict", Json(body))).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, nameof(SentimentEndpointOptions.MaxRequestBodyBytes));
    }

    [Fact]
    public async Task Predict_BodyWithoutALengthOverMaxRequestBodyBytes_Returns413()
    {
        using var client = _app.CreateClient();
        using var content = new StreamContent(new UnsizedJson(256 * 1024));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        await (await client.PostAsync("/predict", content)).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, nameof(SentimentEndpointOptions.MaxRequestBodyBytes));
    }

    [Fact]
    public async Task Predict_NotJsonContentType_Returns415Problem()
    {
        using var client = _app.CreateClient();

        var response = await client.PostAsync("/predict", new StringContent("""{"texts": ["a"]}""", System.Text.Encoding.UTF8, "text/plain"));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Explain_Text_ReturnsThePredictionAndEveryTokenWithItsAttribution()
    {
        using var client = _app.CreateClient();

        var response = await client.PostAsJsonAsync("/explain", new { text = "a wonderful film" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var explanation = await response.JsonAsync();
        explanation.GetProperty("label").GetString().Should().Be("pos");
        explanation.GetProperty("confidence").GetDouble().Should().BeInRange(0.5, 1);
        explanation.GetProperty("probabilities").EnumerateObject().Select(p => p.Name).Should().Equal("neg", "pos");
        var tokens = explanation.GetProperty("tokens").EnumerateArray().ToDictionary(t => t.GetProperty("token").GetString()!, t => t.GetProperty("attribution").GetDouble());
        tokens.Keys.Should().Equal("a", "wonderful", "film");
        tokens["wonderful"].Should().BePositive("the cue word supports the label");
        tokens["wonderful"].Should().BeGreaterThan(Math.Abs(tokens["film"]));
    }

    [Theory]
    [InlineData("""{"text": """, HttpStatusCode.BadRequest, null)]
    [InlineData("""{"texts": ["a"]}""", HttpStatusCode.BadRequest, null)]
    public async Task Explain_BadBody_Returns400(string body, HttpStatusCode status, string? limit)
    {
        using var client = _app.CreateClient();

        await (await client.PostAsync("/explain", Json(body))).ShouldBeProblemAsync(status, limit);
    }

    [Fact]
    public async Task Explain_TextLongerThanMaxTextLength_Returns413NamingTheLimit()
    {
        using var client = _app.CreateClient();

        await (await client.PostAsJsonAsync("/explain", new { text = new string('a', 201) }))
            .ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, nameof(SentimentEndpointOptions.MaxTextLength));
    }

    [Fact]
    public async Task Model_Get_DescribesTheModelWithItsManifestAndNoWeights()
    {
        using var client = _app.CreateClient();

        var response = await client.GetAsync("/model");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var model = await response.JsonAsync();
        var info = _app.Pool.GetStatus().Info!;
        model.GetProperty("name").GetString().Should().Be("default");
        model.GetProperty("runtime").GetString().Should().Be("torch");
        model.GetProperty("kind").GetString().Should().Be("n_grams");
        model.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).Should().Equal("neg", "pos");
        model.GetProperty("file_sha256").GetString().Should().Be(info.FileSha256);
        model.GetProperty("file_name").GetString().Should().Be("model.skm");
        model.GetProperty("can_explain").GetBoolean().Should().BeTrue();
        var manifest = model.GetProperty("manifest");
        manifest.GetProperty("model_kind").GetString().Should().Be("n_grams");
        manifest.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).Should().Equal("neg", "pos");
        manifest.GetProperty("sha256").EnumerateObject().Should().Contain(p => p.Name == "weights.bin", "the manifest lists the weights' checksum");
        (await response.Content.ReadAsStringAsync()).Length.Should().BeLessThan(64 * 1024, "no weights are sent");
    }

    [Fact]
    public async Task Healthz_ModelLoaded_ReturnsHealthyWithKindLabelsCreatedAndChecksum()
    {
        using var client = _app.CreateClient();

        var response = await client.GetAsync("/healthz");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var health = await response.JsonAsync();
        health.GetProperty("status").GetString().Should().Be("Healthy");
        var data = health.GetProperty("checks").GetProperty("sentimentkit:default").GetProperty("data");
        data.GetProperty("kind").GetString().Should().Be("NGrams");
        data.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).Should().Equal("neg", "pos");
        data.GetProperty("file_sha256").GetString().Should().Be(_app.Pool.GetStatus().Info!.FileSha256);
        data.GetProperty("created_utc").GetString().Should().NotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("/", "text/html", "<textarea")]
    [InlineData("/app.js", "text/javascript", "fetch(")]
    [InlineData("/app.css", "text/css", ".token")]
    public async Task Page_Get_ServesTheFileFromThisServerOnly(string path, string mediaType, string content)
    {
        using var client = _app.CreateClient();

        var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be(mediaType);
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("default-src 'none'").And.Contain("connect-src 'self'");
        var text = await response.Content.ReadAsStringAsync();
        text.Should().Contain(content);
        text.Should().NotContainAny(["http://", "https://", "//cdn"], "the page fetches nothing from outside");
    }

    [Fact]
    public async Task Page_GetWithItsETag_Returns304()
    {
        using var client = _app.CreateClient();
        var first = await client.GetAsync("/");

        using var again = new HttpRequestMessage(HttpMethod.Get, "/");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var second = await client.SendAsync(again);

        second.StatusCode.Should().Be(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task OpenApi_Get_DocumentsPredictExplainAndModel()
    {
        using var client = _app.CreateClient();

        var document = await (await client.GetAsync("/openapi/v1.json")).JsonAsync();

        var paths = document.GetProperty("paths");
        paths.GetProperty("/predict").GetProperty("post").GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _).Should().BeTrue();
        paths.GetProperty("/predict").GetProperty("post").GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain(["200", "400", "413", "429"]);
        paths.GetProperty("/explain").GetProperty("post").GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain("501");
        paths.TryGetProperty("/model", out _).Should().BeTrue();
        paths.TryGetProperty("/", out _).Should().BeFalse("the page is not part of the API");
    }

    [Fact]
    public async Task UnknownPath_Get_Returns404Problem()
    {
        using var client = _app.CreateClient();

        await (await client.GetAsync("/nothing-here")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    /// <summary>A body of a given size whose length is not known in advance: sent without Content-Length, only counting stops it.</summary>
    private sealed class UnsizedJson(int size) : Stream
    {
        private int _sent;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            count = Math.Min(count, size - _sent);
            Array.Fill(buffer, (byte)'a', offset, count);
            if (_sent == 0 && count > 0)
            {
                buffer[offset] = (byte)'{';
            }

            _sent += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
