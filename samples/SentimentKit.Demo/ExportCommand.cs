using System.CommandLine;
using System.Globalization;

namespace SentimentKit.Demo;

/// <summary><c>sentimentkit export</c>: a saved model as one self-describing ONNX file.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The model file (.skm).", Required = true };
        var output = new Option<string>("--out") { Description = "The ONNX file to write (replaced atomically).", Required = true };
        var command = new Command("export", "Export a saved model to ONNX (opset 17): logits and calibrated probabilities, labels and text side in its metadata.") { model, output };
        command.SetAction(result =>
        {
            var path = OutputPath.CheckWritable(result.GetValue(output)!, "--out");
            using var loaded = SentimentModel.Load(result.GetValue(model)!, Devices.DevicePreference.Cpu);
            loaded.ExportOnnx(path);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Exported {loaded.Kind} model to {path} ({new FileInfo(path).Length:N0} bytes)."));
            return 0;
        });
        return command;
    }
}
