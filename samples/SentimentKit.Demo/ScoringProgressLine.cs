using System.Globalization;
using SentimentKit.Scoring;

namespace SentimentKit.Demo;

/// <summary>
/// A job's progress on stderr: shards done, texts/s and the time left. One line redrawn in a terminal; otherwise a
/// line every 10% so that logs stay short.
/// </summary>
internal sealed class ScoringProgressLine : IProgress<ScoringProgress>
{
    private readonly Lock _gate = new();
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private long _lastTicks;
    private int _lastTenth = -1;
    private bool _drawn;

    public void Report(ScoringProgress value)
    {
        lock (_gate)
        {
            var tenth = value.ShardCount == 0 ? 10 : value.ShardsDone * 10 / value.ShardCount;
            var now = Environment.TickCount64;
            if (_terminal ? now - _lastTicks < 200 && value.ShardsDone < value.ShardCount : tenth == _lastTenth)
            {
                return;
            }

            _lastTicks = now;
            _lastTenth = tenth;
            var eta = value.EstimatedRemaining is { } left ? left.ToString(left.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture) : "-";
            var line = string.Create(CultureInfo.InvariantCulture, $"shards {value.ShardsDone}/{value.ShardCount}, {value.TextsDone:N0} texts, {value.TextsPerSecond:N0} texts/s, ETA {eta}");
            if (_terminal)
            {
                Console.Error.Write("\r" + line.PadRight(70));
                _drawn = true;
            }
            else
            {
                Console.Error.WriteLine(line);
            }
        }
    }

    public void End()
    {
        lock (_gate)
        {
            if (_drawn)
            {
                Console.Error.WriteLine();
                _drawn = false;
            }
        }
    }
}
