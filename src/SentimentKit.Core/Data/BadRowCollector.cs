namespace SentimentKit.Data;

/// <summary>Fails on a bad row, or counts and remembers it when the caller asked to skip bad rows.</summary>
internal sealed class BadRowCollector(DataLoadOptions options)
{
    private readonly List<string> _reasons = [];

    public int Count { get; private set; }

    public IReadOnlyList<string> Reasons => _reasons;

    public void Report(DataFormatException problem)
    {
        if (!options.SkipBadRows)
        {
            throw problem;
        }

        Count++;
        if (_reasons.Count < options.MaxReportedProblems)
        {
            _reasons.Add(problem.Message);
        }
    }
}
