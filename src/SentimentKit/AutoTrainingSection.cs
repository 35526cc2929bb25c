namespace SentimentKit;

/// <summary>The manifest section <c>auto</c>: the time budget and the leaderboard of automatic training.</summary>
internal sealed record AutoTrainingSection(double TimeBudgetSeconds, IReadOnlyList<LeaderboardEntry> Leaderboard);
