namespace FoiTracker.Domain.Statistics;

/// <summary>
/// A share of a sample with its 95 % Wilson score interval. Wilson's interval stays inside [0, 1] and
/// keeps its coverage at the small samples a municipal body gives (a handful of requests a year),
/// where the normal ("Wald") interval collapses to zero width at 0 or n successes.
/// </summary>
public readonly record struct Proportion
{
    /// <summary>The 97.5th percentile of the standard normal distribution: a two-sided 95 % interval.</summary>
    public const double Z95 = 1.959964;

    public Proportion(int successes, int trials)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        Successes = successes;
        Trials = trials;
        if (trials == 0)
            return;

        double n = trials, p = successes / n, z2 = Z95 * Z95;
        var denominator = 1 + (z2 / n);
        var centre = (p + (z2 / (2 * n))) / denominator;
        var half = Z95 * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n))) / denominator;
        // At 0 or n successes the bound on that side is exactly 0 or 1; rounding must not move it.
        Lower = successes == 0 ? 0 : Math.Max(0, centre - half);
        Upper = successes == trials ? 1 : Math.Min(1, centre + half);
    }

    public int Successes { get; }

    public int Trials { get; }

    /// <summary>The observed share; null with no trials.</summary>
    public double? Value => Trials == 0 ? null : (double)Successes / Trials;

    /// <summary>The lower bound of the 95 % Wilson interval (0 with no trials). Rankings order by it.</summary>
    public double Lower { get; }

    /// <summary>The upper bound of the 95 % Wilson interval (0 with no trials).</summary>
    public double Upper { get; }
}
