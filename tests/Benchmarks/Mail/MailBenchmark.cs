namespace FoiTracker.Benchmarks.Mail;

/// <summary>The "mail" benchmark: the sending figures and the intake figures of one run, side by side.</summary>
public static class MailBenchmark
{
    public static IReadOnlyDictionary<string, double> Combine(IReadOnlyDictionary<string, double> sending, IReadOnlyDictionary<string, double> intake)
    {
        ArgumentNullException.ThrowIfNull(sending);
        ArgumentNullException.ThrowIfNull(intake);
        var figures = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in sending)
            figures["send." + name] = value;
        foreach (var (name, value) in intake)
            figures["intake." + name] = value;
        return figures;
    }
}
