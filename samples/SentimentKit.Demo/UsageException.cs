namespace SentimentKit.Demo;

/// <summary>Bad usage or bad input found by the command itself: exit code 2 with this one-line reason.</summary>
internal sealed class UsageException(string message) : Exception(message);
