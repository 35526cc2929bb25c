using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SentimentKit;
using SentimentKit.Devices;
using SentimentKit.Hosting;
using SentimentKit.Hosting.Tests;

// The app that the integration tests start through WebApplicationFactory: composed as `sentimentkit serve` composes
// its server, with the model, the runtime (torch, or the scripted fake) and the limits read from configuration.
var builder = WebApplication.CreateBuilder(args);
var configuration = builder.Configuration;
ISentimentPredictorLoader loader = configuration["Test:Loader"] == "fake" ? new FakeLoader() : new TorchPredictorLoader(DevicePreference.Cpu);
builder.Services.AddSentimentPredictor(SentimentPredictorPool.DefaultModelName, loader, configuration.GetSection("SentimentKit:Models:default"));
if (configuration["SentimentKit:Models:second:ModelPath"] is not null)
{
    builder.Services.AddSentimentPredictor("second", loader, configuration.GetSection("SentimentKit:Models:second"));
}

builder.Services.Configure<SentimentEndpointOptions>(configuration.GetSection("SentimentKit:Endpoints"));
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapSentimentEndpoints();
if (configuration["SentimentKit:Models:second:ModelPath"] is not null)
{
    app.MapGroup("/second").MapSentimentEndpoints("second");
}

app.MapOpenApi();
await app.RunAsync();

/// <summary>The test app's entry point, named for <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
