using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SentimentKit.Hosting;

namespace SentimentKit.Demo;

/// <summary>
/// <c>sentimentkit serve</c>: a minimal-API server over a model — <c>POST /predict</c>, <c>POST /explain</c>,
/// <c>GET /model</c>, <c>GET /healthz</c>, <c>GET /openapi/v1.json</c> and a page at <c>GET /</c> — that reloads the
/// model when its file is replaced. Prints one line on stdout once it listens: <c>serving MODEL at URL</c>.
/// </summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5000";

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The model file (.skm); replacing it (as train --out does) reloads it without a restart.", Required = true };
        var urls = new Option<string>("--urls")
        {
            Description = $"Where to listen, separated by ';'. Port 0 picks a free port. Default {DefaultUrls}.",
            DefaultValueFactory = _ => DefaultUrls,
        };
        var runtime = CommonOptions.Runtime();
        var device = CommonOptions.Device();
        var verbose = CommonOptions.Verbose();
        var command = new Command("serve", "Serve a model over HTTP: /predict, /explain, /model, /healthz and a page at /.") { model, urls, runtime, device, verbose };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(model)!,
            result.GetValue(urls)!,
            PredictorLoaders.For(result.GetValue(runtime)!, CommonOptions.ParseDevice(result.GetValue(device)!)),
            result.GetValue(verbose),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string modelPath, string urls, ISentimentPredictorLoader loader, bool verbose, CancellationToken cancellationToken)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new UsageException($"--urls '{url}' is not an http:// or https:// address.");
            }
        }

        NativeAllocator.KeepLargeBlocksMapped();
        using var trimming = NativeAllocator.TrimPeriodically(TimeSpan.FromSeconds(10));

        // Configuration as in any ASP.NET Core app: appsettings.json in the current folder and environment variables
        // (SentimentKit__Endpoints__MaxBatchSize=64); the command line is this verb's own, so none of it goes to the host.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
        builder.WebHost.UseUrls(urls);
        ConfigureLogging(builder.Logging, verbose);
        builder.Services.AddSentimentPredictor(loader, modelPath);
        builder.Services.Configure<SentimentEndpointOptions>(builder.Configuration.GetSection("SentimentKit:Endpoints"));
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();

        await using var app = builder.Build();
        // Errors become problem details without a stack trace: a bug's 500, and the empty 404/405/415 of routing.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapSentimentEndpoints();
        app.MapOpenApi();

        // Loaded here rather than by the host: a missing or corrupt model is then exit 2 with one line, not a host failure.
        app.Services.GetRequiredService<SentimentPredictorPool>().Acquire().Dispose();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        Console.Out.WriteLine($"serving {modelPath} at {string.Join(' ', app.Urls)}");
        await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private static void ConfigureLogging(ILoggingBuilder logging, bool verbose)
    {
        // stdout carries the one line above; every log line goes to stderr.
        logging.ClearProviders();
        logging.AddSimpleConsole(o => o.SingleLine = true);
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(LogLevel.Information);
        if (!verbose)
        {
            logging.AddFilter("Microsoft", LogLevel.Warning);
            logging.AddFilter("System", LogLevel.Warning);
        }

        // A failed start is reported by the command in one line (exit 1 or 2), not by the host's stack trace.
        logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
    }
}
