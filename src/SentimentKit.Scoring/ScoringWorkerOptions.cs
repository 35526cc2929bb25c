namespace SentimentKit.Scoring;

/// <summary>How a worker takes shards from a job's queue.</summary>
public sealed class ScoringWorkerOptions
{
    /// <summary>Gets or sets how long a shard stays with a worker that has stopped renewing it (crashed, killed, cut off) before another worker may claim it. A working worker renews its lease every third of this.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan LeaseTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how many times a shard may be handed to workers; one handed out more often goes to the dead-letter stream.</summary>
    /// <value>The default value is 3.</value>
    public int MaxDeliveries { get; set; } = 3;

    /// <summary>Gets or sets how long a worker waits between looks at the queue when no shard is free.</summary>
    /// <value>The default value is 250 milliseconds.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Gets or sets how long Redis may be unreachable (restarting, failing over) before the worker gives up.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan QueueOutageLimit { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets how long a worker started before its job waits for the job to be submitted.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan JobWaitTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the worker's name in the consumer group; <see langword="null"/> for host name, process id and a random suffix.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Name { get; set; }

    /// <summary>Copies these options (every setting is a value, so the copy shares nothing).</summary>
    /// <returns>The copy.</returns>
    public ScoringWorkerOptions Clone() => (ScoringWorkerOptions)MemberwiseClone();

    /// <summary>Checks every setting and reports all problems at once.</summary>
    /// <exception cref="InvalidOptionsException">A setting is out of range.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (LeaseTime < TimeSpan.FromMilliseconds(300))
        {
            errors.Add($"{nameof(LeaseTime)} must be at least 300 ms (got {LeaseTime}).");
        }

        if (MaxDeliveries < 1)
        {
            errors.Add($"{nameof(MaxDeliveries)} must be at least 1 (got {MaxDeliveries}).");
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(PollInterval)} must be positive (got {PollInterval}).");
        }

        if (QueueOutageLimit < TimeSpan.Zero)
        {
            errors.Add($"{nameof(QueueOutageLimit)} must not be negative (got {QueueOutageLimit}).");
        }

        if (JobWaitTime < TimeSpan.Zero)
        {
            errors.Add($"{nameof(JobWaitTime)} must not be negative (got {JobWaitTime}).");
        }

        if (Name is not null && string.IsNullOrWhiteSpace(Name))
        {
            errors.Add($"{nameof(Name)} must not be blank.");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOptionsException(nameof(ScoringWorkerOptions), errors);
        }
    }
}
