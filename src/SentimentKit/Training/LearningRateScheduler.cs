namespace SentimentKit.Training;

/// <summary>
/// The learning rate of each step. Step-based schedules are pure functions of the step, so
/// resuming needs only the step count; the plateau schedule keeps its state in <see cref="State"/>.
/// </summary>
internal sealed class LearningRateScheduler
{
    private const double OneCycleStartDivisor = 25;
    private const double OneCycleEndDivisor = 1e4;
    private readonly LearningRateScheduleKind _kind;
    private readonly double _peak;
    private readonly long _totalSteps;
    private readonly long _warmupSteps;
    private readonly double _plateauFactor;
    private readonly int _plateauPatience;
    private readonly ImprovementTracker _plateau;

    public LearningRateScheduler(TrainerOptions options, long totalSteps, bool higherIsBetter)
    {
        _kind = options.Schedule;
        _peak = options.LearningRate;
        _totalSteps = Math.Max(1, totalSteps);
        _warmupSteps = (long)Math.Round(options.WarmupFraction * _totalSteps);
        _plateauFactor = options.PlateauFactor;
        _plateauPatience = options.PlateauPatience;
        _plateau = new ImprovementTracker(higherIsBetter);
        State = new PlateauState(_peak, null, 0);
    }

    /// <summary>Gets or sets the plateau schedule's state (the current rate, the best figure and the validations since it).</summary>
    public PlateauState State { get; set; }

    /// <summary>Gets the learning rate of step <paramref name="step"/> (counted from 0 over the whole run).</summary>
    public double At(long step)
    {
        var t = Math.Clamp(step, 0, _totalSteps);
        switch (_kind)
        {
            case LearningRateScheduleKind.WarmupLinear:
                return t < _warmupSteps
                    ? _peak * (t + 1) / _warmupSteps
                    : _peak * Math.Max(0, (double)(_totalSteps - t) / Math.Max(1, _totalSteps - _warmupSteps));
            case LearningRateScheduleKind.WarmupCosine:
                return t < _warmupSteps
                    ? _peak * (t + 1) / _warmupSteps
                    : _peak * 0.5 * (1 + Math.Cos(Math.PI * (t - _warmupSteps) / Math.Max(1, _totalSteps - _warmupSteps)));
            case LearningRateScheduleKind.OneCycle:
                var start = _peak / OneCycleStartDivisor;
                var end = start / OneCycleEndDivisor;
                return t < _warmupSteps
                    ? Cosine(start, _peak, (double)t / Math.Max(1, _warmupSteps))
                    : Cosine(_peak, end, (double)(t - _warmupSteps) / Math.Max(1, _totalSteps - _warmupSteps));
            case LearningRateScheduleKind.ReduceOnPlateau:
                return State.LearningRate;
            default:
                return _peak;
        }
    }

    /// <summary>Tells the plateau schedule about a validation figure.</summary>
    /// <returns><see langword="true"/> when the learning rate was reduced.</returns>
    public bool OnValidation(double value)
    {
        if (_kind != LearningRateScheduleKind.ReduceOnPlateau)
        {
            return false;
        }

        _plateau.Restore(State.Best, State.ValidationsWithoutImprovement);
        if (_plateau.Observe(value) || _plateau.SinceImprovement <= _plateauPatience)
        {
            State = State with { Best = _plateau.Best, ValidationsWithoutImprovement = _plateau.SinceImprovement };
            return false;
        }

        _plateau.ResetCount();
        State = State with { LearningRate = State.LearningRate * _plateauFactor, Best = _plateau.Best, ValidationsWithoutImprovement = 0 };
        return true;
    }

    // Cosine interpolation from a (at p = 0) to b (at p = 1).
    private static double Cosine(double a, double b, double p) => b + ((a - b) * 0.5 * (1 + Math.Cos(Math.PI * Math.Clamp(p, 0, 1))));

    /// <summary>The plateau schedule's state.</summary>
    internal sealed record PlateauState(double LearningRate, double? Best, int ValidationsWithoutImprovement);
}
