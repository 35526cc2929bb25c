namespace SentimentKit.Scoring;

/// <summary>Scores one shard and writes its results atomically: the one step that local jobs and workers share.</summary>
internal static class ShardScorer
{
    public static int Score(ISentimentPredictor predictor, ShardDescriptor shard, ScoringJobOptions options, JobFolder folder, CancellationToken cancellationToken)
    {
        var records = ShardRecordReader.Read(shard, options).ToList();
        cancellationToken.ThrowIfCancellationRequested();
        var predictions = predictor.PredictBatch(records.ConvertAll(r => r.Text), cancellationToken);
        AtomicFile.Write(folder.ShardPath(shard), stream => ShardResults.Write(stream, shard.File, records, predictions));
        return records.Count;
    }
}
