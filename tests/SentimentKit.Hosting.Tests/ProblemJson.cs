using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SentimentKit.Hosting.Tests;

/// <summary>Reads answers of the endpoints in the tests.</summary>
internal static class ProblemJson
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>Checks an error answer: its status, a problem-details body (never a stack trace) and, when named, the limit.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? limit = null)
    {
        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var body = await response.Content.ReadAsStringAsync();
        body.Should().NotContain("   at ", "no stack trace is ever sent");
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("status").GetInt32().Should().Be((int)status);
        problem.GetProperty("title").GetString().Should().NotBeNullOrEmpty();
        if (limit is not null)
        {
            problem.GetProperty("limit").GetString().Should().Be(limit);
            problem.GetProperty("detail").GetString().Should().Contain(limit);
        }

        return problem;
    }

    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
