using System.CommandLine;

namespace SentimentKit.Demo;

/// <summary><c>sentimentkit predict</c>: labels for texts given with --text or one per stdin line.</summary>
internal static class PredictCommand
{
    private const int StdinBatch = 256;

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The model file (.skm; with --runtime onnx also an exported .onnx).", Required = true };
        var texts = new Option<string[]>("--text") { Description = "A text to classify; repeat for more. Without it, one text per stdin line." };
        var runtime = CommonOptions.Runtime();
        var device = CommonOptions.Device();
        var json = CommonOptions.Json();
        var explain = new Option<bool>("--explain") { Description = "Also attribute each label to the words: shaded in the terminal, tokens with attributions in --json." };
        var command = new Command("predict", "Predict the label of texts with a saved model.") { model, texts, runtime, device, json, explain };
        command.SetAction((result, cancellationToken) =>
        {
            using var predictor = PredictorLoaders.For(result.GetValue(runtime)!, CommonOptions.ParseDevice(result.GetValue(device)!)).Load(result.GetValue(model)!);
            var asJson = result.GetValue(json);
            var explained = result.GetValue(explain);
            if (explained && !predictor.CanExplain)
            {
                throw new UsageException($"--explain: this model's runtime ({predictor.Info.Runtime}) cannot explain {predictor.Info.Kind} models.");
            }

            var given = result.GetValue(texts);
            var batches = given is { Length: > 0 } ? [given] : ReadStdin(cancellationToken);
            foreach (var batch in batches)
            {
                if (explained)
                {
                    foreach (var text in batch)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        var explanation = predictor.Explain(text);
                        if (asJson)
                        {
                            Output.WriteJson(Output.ExplanationJson(text, explanation));
                        }
                        else
                        {
                            Output.WriteExplanation(explanation);
                        }
                    }

                    continue;
                }

                var predictions = predictor.PredictBatch(batch, cancellationToken);
                if (asJson)
                {
                    for (var i = 0; i < batch.Length; i++)
                    {
                        Output.WriteJson(Output.PredictionJson(batch[i], predictions[i]));
                    }
                }
                else
                {
                    Output.WritePredictions(batch.Zip(predictions));
                }
            }

            return Task.FromResult(0);
        });
        return command;
    }

    private static IEnumerable<string[]> ReadStdin(CancellationToken cancellationToken)
    {
        var batch = new List<string>(StdinBatch);
        while (Console.In.ReadLine() is { } line)
        {
            cancellationToken.ThrowIfCancellationRequested();
            batch.Add(line);
            if (batch.Count == StdinBatch)
            {
                yield return [.. batch];
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            yield return [.. batch];
        }
    }
}
