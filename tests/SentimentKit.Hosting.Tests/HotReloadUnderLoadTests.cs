using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SentimentKit.Devices;
using SentimentKit.Tests.Facade;

namespace SentimentKit.Hosting.Tests;

/// <summary>
/// The proof of hot reload: eight clients post without pause while the model file is replaced twice — by a
/// good model with other labels, then by a corrupt file — and not one request fails.
/// </summary>
public class HotReloadUnderLoadTests
{
    private const int Clients = 8;
    private const int RequestsPerPhase = 25;

    private enum Phase
    {
        Original = 0,
        Swapped = 1,
        Corrupted = 2,
    }

    [Fact]
    public async Task Predict_EightClientsWhileTheFileIsReplacedTwice_NoRequestFailsAndAnswersFollowTheGoodModel()
    {
        using var app = SentimentApp.ForModel(TrainedModels.NegPos);
        var pool = app.Pool;
        var texts = TinyReviews.Make(64, seed: 9).Select(e => e.Text).ToArray();
        var phase = (int)Phase.Original;
        var counts = new int[Clients, 3];
        var answers = new ConcurrentQueue<(Phase Started, HttpStatusCode Status, string Labels)>();
        var failures = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();

        var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            using var client = app.CreateClient();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var started = (Phase)Volatile.Read(ref phase);
                try
                {
                    using var response = await client.PostAsJsonAsync("/predict", new { texts = new[] { texts[(c + i) % texts.Length], texts[(c * 7 + i) % texts.Length] } });
                    var labels = response.IsSuccessStatusCode
                        ? string.Join(",", (await response.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("probabilities").EnumerateObject().Select(p => p.Name))
                        : await response.Content.ReadAsStringAsync();
                    answers.Enqueue((started, response.StatusCode, labels));
                }
                catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException)
                {
                    failures.Enqueue($"{started}: {e.GetType().Name}: {e.Message}");
                }

                Interlocked.Increment(ref counts[c, (int)started]);
            }
        })).ToArray();

        await EveryClientDidAsync(counts, Phase.Original);

        // The first replacement: a good model with other labels, written by Save (a temporary file renamed over the target).
        using (var other = SentimentModel.Load(TrainedModels.BadGood, DevicePreference.Cpu))
        {
            other.Save(app.ModelPath);
        }

        var originalSha = pool.GetStatus().Info!.FileSha256;
        await Eventually.TrueAsync(() => pool.GetStatus().Reloads == 1, "the good replacement to be swapped in");
        Volatile.Write(ref phase, (int)Phase.Swapped);
        var swappedSha = pool.GetStatus().Info!.FileSha256;
        await EveryClientDidAsync(counts, Phase.Swapped);

        // The second replacement: a corrupt file, also renamed into place.
        var corrupt = app.ModelPath + ".corrupt";
        await File.WriteAllBytesAsync(corrupt, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 31))]);
        File.Move(corrupt, app.ModelPath, overwrite: true);
        await Eventually.TrueAsync(() => pool.GetStatus().IsDegraded, "the corrupt replacement to be reported");
        Volatile.Write(ref phase, (int)Phase.Corrupted);
        await EveryClientDidAsync(counts, Phase.Corrupted);

        await stop.CancelAsync();
        await Task.WhenAll(clients);
        using var probe = app.CreateClient();
        var health = await (await probe.GetAsync("/healthz")).Content.ReadFromJsonAsync<JsonElement>();

        failures.Should().BeEmpty();
        answers.Where(a => a.Status != HttpStatusCode.OK).Should().BeEmpty("no request may fail because of a reload");
        answers.Should().HaveCountGreaterThanOrEqualTo(Clients * RequestsPerPhase * 3);
        answers.Where(a => a.Started == Phase.Original).Select(a => a.Labels).Distinct().Should().BeSubsetOf(["neg,pos", "bad,good"]);
        answers.Where(a => a.Started != Phase.Original).Select(a => a.Labels).Distinct().Should().Equal(["bad,good"], "every request that starts after the swap is answered by the new model, the corrupt file changing nothing");
        swappedSha.Should().NotBe(originalSha);
        pool.GetStatus().Reloads.Should().Be(1);
        pool.GetStatus().Info!.FileSha256.Should().Be(swappedSha);
        health.GetProperty("status").GetString().Should().Be("Degraded");
        health.GetProperty("checks").GetProperty("sentimentkit:default").GetProperty("data").GetProperty("file_sha256").GetString().Should().Be(swappedSha);
    }

    private static Task EveryClientDidAsync(int[,] counts, Phase phase) =>
        Eventually.TrueAsync(
            () => Enumerable.Range(0, Clients).All(c => Volatile.Read(ref counts[c, (int)phase]) >= RequestsPerPhase),
            $"every client to finish {RequestsPerPhase} requests in phase {phase}");
}
