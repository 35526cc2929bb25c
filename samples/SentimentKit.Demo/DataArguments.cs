using System.CommandLine;
using SentimentKit.Data;

namespace SentimentKit.Demo;

/// <summary>The data options shared by train and evaluate: where the data is and how to read it.</summary>
internal sealed class DataArguments
{
    public Option<string> Data { get; } = new("--data") { Description = "A file or folder: IMDB layout (folder or .tar.gz), CSV/TSV with a header, or JSON Lines.", Required = true };

    public Option<string> Format { get; } = CreateFormat();

    public Option<string> TextColumn { get; } = new("--text-column") { Description = "The text column or field (csv, tsv, jsonl).", DefaultValueFactory = _ => "text" };

    public Option<string> LabelColumn { get; } = new("--label-column") { Description = "The label column or field (csv, tsv, jsonl); words or integers.", DefaultValueFactory = _ => "label" };

    public Option<string?> Split { get; } = CreateSplit();

    public Option<string?> LabelSeparator { get; } = new("--label-separator")
    {
        Description = "Multi-label data: split the label column on SEP (e.g. '|'); an empty field is a text with no label. JSON Lines arrays of labels need no separator.",
    };

    public Option<int?> Limit { get; } = new("--limit") { Description = "Use at most N examples, a seeded random subset." };

    public Option<bool> TsvQuoting { get; } = new("--tsv-quoting") { Description = "Read TSV with CSV quoting (\"...\" fields holding tabs or line breaks); by default a TSV quote is plain text." };

    public Option<int> MaxTextBytes { get; } = new("--max-text-bytes")
    {
        Description = "The longest text read, in bytes: an IMDB review, a CSV/TSV field or a JSON line (MaxTextBytes).",
        DefaultValueFactory = _ => DataLoadOptions.DefaultMaxTextBytes,
    };

    public Option<long> MaxDecompressedBytes { get; } = new("--max-decompressed-bytes")
    {
        Description = "How many bytes a gzip file may decompress to (MaxDecompressedBytes).",
        DefaultValueFactory = _ => DataLoadOptions.DefaultMaxDecompressedBytes,
    };

    public void AddTo(Command command)
    {
        command.Add(Data);
        command.Add(Format);
        command.Add(TextColumn);
        command.Add(LabelColumn);
        command.Add(LabelSeparator);
        command.Add(Split);
        command.Add(Limit);
        command.Add(TsvQuoting);
        command.Add(MaxTextBytes);
        command.Add(MaxDecompressedBytes);
    }

    /// <summary>Loads the examples; <paramref name="defaultSplit"/> applies to the IMDB layout when --split is absent.</summary>
    public IReadOnlyList<TextExample> Load(ParseResult result, ImdbSplit defaultSplit, int seed, string? pathOverride = null)
    {
        var path = pathOverride ?? result.GetValue(Data)!;
        var split = result.GetValue(Split) switch
        {
            null => defaultSplit,
            "train" => ImdbSplit.Train,
            _ => ImdbSplit.Test,
        };
        var format = result.GetValue(Format) switch
        {
            "imdb" => DataFormat.Imdb,
            "tsv" => DataFormat.Tsv,
            "csv" => DataFormat.Csv,
            "jsonl" => DataFormat.JsonLines,
            _ => DataFormat.Auto,
        };
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new UsageException($"--data '{path}' does not exist.");
        }

        if (result.GetValue(LabelSeparator) is { } separator)
        {
            try
            {
                new DataLoadOptions { LabelSeparator = separator }.Validate();
            }
            catch (InvalidOptionsException e)
            {
                // Named as the command line spells it; the reason keeps the property's name for the library's users.
                var reason = e.Message[(e.Message.IndexOf("): ", StringComparison.Ordinal) + 1)..].Trim();
                throw new UsageException($"--label-separator {System.Text.Json.JsonSerializer.Serialize(separator)} cannot separate labels: {reason}");
            }
        }

        var loaded = DatasetLoader.Load(path, format, new DataLoadOptions
        {
            TextColumn = result.GetValue(TextColumn)!,
            LabelColumn = result.GetValue(LabelColumn)!,
            LabelSeparator = result.GetValue(LabelSeparator),
            Split = split,
            TsvQuoting = result.GetValue(TsvQuoting),
            MaxTextBytes = result.GetValue(MaxTextBytes),
            MaxDecompressedBytes = result.GetValue(MaxDecompressedBytes),
        });
        if (loaded.SkippedCount > 0 || loaded.UnsafeEntriesSkipped > 0)
        {
            // Only then: a load that skipped nothing adds no line, so a later one-line error stays one line.
            Console.Error.WriteLine($"sentimentkit: {loaded}");
        }

        IReadOnlyList<TextExample> examples = loaded.Examples;
        if (result.GetValue(Limit) is { } limit)
        {
            if (limit < 1)
            {
                throw new UsageException($"--limit must be at least 1 (got {limit}).");
            }

            // The IMDB layout lists all positive reviews first: a plain prefix would hold one label.
            var order = Enumerable.Range(0, examples.Count).ToArray();
            new Random(seed).Shuffle(order);
            examples = [.. order.Take(limit).Select(i => examples[i])];
        }

        if (examples.Count == 0)
        {
            throw new UsageException($"--data '{path}' holds no examples.");
        }

        return examples;
    }

    private static Option<string> CreateFormat()
    {
        var option = new Option<string>("--format") { Description = "imdb, tsv, csv or jsonl; auto guesses from the path.", DefaultValueFactory = _ => "auto" };
        return CommonOptions.OneOf(option, ["auto", "imdb", "tsv", "csv", "jsonl"]);
    }

    private static Option<string?> CreateSplit()
    {
        var option = new Option<string?>("--split") { Description = "The IMDB part to read: train or test." };
        return CommonOptions.OneOf(option, ["train", "test"]);
    }
}
