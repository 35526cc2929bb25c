namespace SentimentKit.Data;

/// <summary>Loads a dataset in any supported <see cref="DataFormat"/>, detecting it from the path when asked.</summary>
public static class DatasetLoader
{
    /// <summary>Loads a dataset.</summary>
    /// <param name="path">The file or folder.</param>
    /// <param name="format">The layout; <see cref="DataFormat.Auto"/> detects it with <see cref="DetectFormat"/>.</param>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The examples and what was skipped.</returns>
    /// <exception cref="DataFormatException">The data is malformed, goes over a limit of <paramref name="options"/>, is a folder where a file is expected, or cannot be read.</exception>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
    public static DataLoadResult Load(string path, DataFormat format = DataFormat.Auto, DataLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (format == DataFormat.Auto)
        {
            format = DetectFormat(path);
        }

        return format switch
        {
            DataFormat.Imdb => ImdbLoader.Load(path, options),
            DataFormat.Csv => DelimitedTextLoader.LoadCsv(path, options),
            DataFormat.Tsv => DelimitedTextLoader.LoadTsv(path, options),
            DataFormat.JsonLines => JsonLinesLoader.Load(path, options),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown data format."),
        };
    }

    /// <summary>Detects the layout from the path: a folder or <c>.tar.gz</c>/<c>.tgz</c>/<c>.tar</c> is IMDB, then the extension (a trailing <c>.gz</c> ignored).</summary>
    /// <param name="path">The file or folder.</param>
    /// <returns>The detected format.</returns>
    /// <exception cref="DataFormatException">The extension is not one of the known ones.</exception>
    public static DataFormat DetectFormat(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            return DataFormat.Imdb;
        }

        var name = Path.GetFileName(path).ToUpperInvariant();
        if (name.EndsWith(".TAR.GZ", StringComparison.Ordinal) || name.EndsWith(".TGZ", StringComparison.Ordinal) || name.EndsWith(".TAR", StringComparison.Ordinal))
        {
            return DataFormat.Imdb;
        }

        if (name.EndsWith(".GZ", StringComparison.Ordinal))
        {
            name = name[..^3];
        }

        return Path.GetExtension(name) switch
        {
            ".CSV" => DataFormat.Csv,
            ".TSV" or ".TAB" => DataFormat.Tsv,
            ".JSONL" or ".NDJSON" => DataFormat.JsonLines,
            _ => throw new DataFormatException(path, null, null, "cannot tell its format from its name; choose imdb, csv, tsv or jsonl."),
        };
    }
}
