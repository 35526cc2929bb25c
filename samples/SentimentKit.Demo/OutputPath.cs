namespace SentimentKit.Demo;

/// <summary>
/// Where a command writes its model: checked before any training (so that a bad <c>--out</c> costs seconds, not an
/// hour), and saved so that a failure at the end keeps the trained model somewhere and says where.
/// </summary>
internal static class OutputPath
{
    /// <summary>Checks what can be checked before training: not a folder, a parent folder that exists and takes a new file.</summary>
    /// <exception cref="UsageException">The path cannot be written.</exception>
    public static string CheckWritable(string path, string option)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new UsageException($"{option} must name a file.");
        }

        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new UsageException($"{option} '{path}' is a folder; give a file name such as {Path.Combine(path, "model.skm")}.");
        }

        var parent = Path.GetDirectoryName(full) ?? full;
        if (!Directory.Exists(parent))
        {
            throw new UsageException(File.Exists(parent) || AnyAncestorIsFile(parent)
                ? $"{option} '{path}': a part of the path is a file, not a folder."
                : $"{option} '{path}': the folder '{parent}' does not exist.");
        }

        // The only reliable test of "can I write here" is to write: read-only mounts, /sys, permissions, quotas.
        var probe = Path.Combine(parent, $".sentimentkit-probe-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option} '{path}': cannot write in '{parent}' ({e.Message.ReplaceLineEndings(" ").Trim()}).");
        }

        return full;
    }

    /// <summary>Creates the report folder (or checks the existing one) and checks that it takes new files, before any training.</summary>
    /// <exception cref="UsageException">The folder cannot be created or written.</exception>
    public static string CheckWritableFolder(string folder, string option)
    {
        if (File.Exists(folder))
        {
            throw new UsageException($"{option} '{folder}' is a file; the report is a folder.");
        }

        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option} '{folder}': cannot create the folder ({e.Message.ReplaceLineEndings(" ").Trim()}).");
        }

        return Path.GetDirectoryName(CheckWritable(Path.Combine(folder, "model.skm"), option))!;
    }

    /// <summary>
    /// Saves a trained model; when that fails (disk full, the folder gone), saves it to the temporary folder instead and
    /// throws an <see cref="IOException"/> naming both the reason and where the model is now.
    /// </summary>
    public static void SaveOrRescue(SentimentModel model, string path)
    {
        try
        {
            model.Save(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e.Message.ReplaceLineEndings(" ").Trim();
            var rescue = Path.Combine(Path.GetTempPath(), $"sentimentkit-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..8]}.skm");
            try
            {
                model.Save(rescue);
            }
            catch (Exception second) when (second is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"cannot save the model to '{path}' ({reason}), nor to '{rescue}' ({second.Message.ReplaceLineEndings(" ").Trim()}); the trained model is lost.", e);
            }

            throw new IOException($"cannot save the model to '{path}' ({reason}); it was saved to '{rescue}' instead.", e);
        }
    }

    private static bool AnyAncestorIsFile(string folder)
    {
        for (var current = folder; !string.IsNullOrEmpty(current); current = Path.GetDirectoryName(current))
        {
            if (File.Exists(current))
            {
                return true;
            }

            if (Directory.Exists(current))
            {
                return false;
            }
        }

        return false;
    }
}
