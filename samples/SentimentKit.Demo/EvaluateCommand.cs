using System.CommandLine;
using SentimentKit.Data;

namespace SentimentKit.Demo;

/// <summary><c>sentimentkit evaluate</c>: metrics of a saved model on a labeled dataset.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var data = new DataArguments();
        var model = new Option<string>("--model") { Description = "The model file (.skm; with --runtime onnx also an exported .onnx).", Required = true };
        var runtime = CommonOptions.Runtime();
        var device = CommonOptions.Device();
        var json = CommonOptions.Json();
        var seed = new Option<int>("--seed") { Description = "The seed of the --limit subset.", DefaultValueFactory = _ => 42 };
        var command = new Command("evaluate", "Evaluate a saved model on a labeled dataset (the IMDB test part by default).") { model };
        data.AddTo(command);
        command.Add(runtime);
        command.Add(device);
        command.Add(seed);
        command.Add(json);
        command.SetAction((result, cancellationToken) =>
        {
            var examples = data.Load(result, ImdbSplit.Test, result.GetValue(seed));
            cancellationToken.ThrowIfCancellationRequested();
            using var loaded = PredictorLoaders.For(result.GetValue(runtime)!, CommonOptions.ParseDevice(result.GetValue(device)!)).Load(result.GetValue(model)!);
            var title = $"{loaded.Info.Kind} on {result.GetValue(data.Data)}";
            if (loaded.Info.Task == ClassificationTask.MultiLabel)
            {
                var multi = loaded.EvaluateMultiLabel(examples, cancellationToken);
                if (result.GetValue(json))
                {
                    Output.WriteJson(Output.MultiLabelMetricsJson(multi));
                }
                else
                {
                    Output.WriteMultiLabelMetrics(multi, title);
                }

                return Task.FromResult(0);
            }

            var metrics = loaded.Evaluate(examples, cancellationToken);
            if (result.GetValue(json))
            {
                Output.WriteJson(Output.MetricsJson(metrics));
            }
            else
            {
                Output.WriteMetrics(metrics, title);
            }

            return Task.FromResult(0);
        });
        return command;
    }
}
