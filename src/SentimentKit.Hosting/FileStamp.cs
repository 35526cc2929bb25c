namespace SentimentKit.Hosting;

/// <summary>
/// What a model file looks like from outside — whether it exists, its size and times — compared to tell a replaced
/// file from the one loaded without reading it. An atomic replacement is a new file: its times differ.
/// </summary>
internal readonly record struct FileStamp(bool Exists, long Length, DateTime LastWriteUtc, DateTime CreationUtc)
{
    public static FileStamp Of(string path)
    {
        var file = new FileInfo(path);
        try
        {
            return file.Exists ? new FileStamp(true, file.Length, file.LastWriteTimeUtc, file.CreationTimeUtc) : default;
        }
        catch (IOException)
        {
            // Replaced between the existence check and the reads: seen as changed, and looked at again.
            return new FileStamp(true, -1, default, default);
        }
    }
}
