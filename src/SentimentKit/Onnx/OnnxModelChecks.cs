using System.Globalization;

namespace SentimentKit.Onnx;

/// <summary>
/// The consistency checks a model passes before anything uses it: the operator sets every node needs are
/// imported, every value is defined once and before it is read (nodes are in topological order), and every
/// graph output is defined. A failure names the first problem in one line.
/// </summary>
internal static class OnnxModelChecks
{
    /// <summary>Checks a model.</summary>
    /// <exception cref="OnnxFormatException">The model is inconsistent.</exception>
    public static void Check(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.IrVersion < 3)
        {
            // Operator set imports, which every check below relies on, came with IR version 3.
            throw Fail(string.Create(CultureInfo.InvariantCulture, $"IR version {model.IrVersion} is unknown or older than 3"));
        }

        foreach (var opset in model.OpsetImports)
        {
            if (opset.Version < 1)
            {
                throw Fail(string.Create(CultureInfo.InvariantCulture, $"unknown opset: domain {OnnxFormatException.Quote(opset.Domain)} is imported at version {opset.Version}"));
            }
        }

        var graph = model.Graph;
        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in graph.Inputs)
        {
            Define(defined, input.Name, "graph input");
        }

        var initializers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tensor in graph.Initializers)
        {
            // An initializer may also be listed as a graph input (a default value), but not twice as an initializer.
            if (!initializers.Add(tensor.Name))
            {
                throw Fail($"initializer {OnnxFormatException.Quote(tensor.Name)} is defined twice");
            }

            defined.Add(tensor.Name);
        }

        for (var index = 0; index < graph.Nodes.Count; index++)
        {
            var node = graph.Nodes[index];
            var label = string.Create(CultureInfo.InvariantCulture, $"node {index} ({OnnxFormatException.Quote(node.Name)}, {OnnxFormatException.Quote(node.OpType)})");
            if (node.OpType.Length == 0)
            {
                throw Fail($"{label} has no operator type");
            }

            if (model.OpsetVersion(node.Domain) is null)
            {
                throw Fail($"unknown opset: {label} uses domain {OnnxFormatException.Quote(node.Domain)}, which the model does not import");
            }

            foreach (var input in node.Inputs)
            {
                if (input.Length > 0 && !defined.Contains(input))
                {
                    throw Fail($"missing input: {label} reads {OnnxFormatException.Quote(input)}, which no graph input, initializer or earlier node defines");
                }
            }

            foreach (var output in node.Outputs)
            {
                if (output.Length > 0)
                {
                    Define(defined, output, label);
                }
            }
        }

        if (graph.Outputs.Count == 0)
        {
            throw Fail("the graph has no outputs");
        }

        foreach (var output in graph.Outputs)
        {
            if (!defined.Contains(output.Name))
            {
                throw Fail($"missing output: graph output {OnnxFormatException.Quote(output.Name)} is not defined by any node, input or initializer");
            }
        }
    }

    private static void Define(HashSet<string> defined, string name, string by)
    {
        if (name.Length == 0)
        {
            throw Fail($"a {by} has no name");
        }

        if (!defined.Add(name))
        {
            throw Fail($"value {OnnxFormatException.Quote(name)} is defined again by {by}");
        }
    }

    private static OnnxFormatException Fail(string what) => new($"Inconsistent ONNX model: {what}.");
}
