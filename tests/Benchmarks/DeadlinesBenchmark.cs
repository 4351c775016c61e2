using System.Diagnostics;
using FoiTracker.Domain.Deadlines;
using FoiTracker.Infrastructure.Statutes;

namespace FoiTracker.Benchmarks;

/// <summary>
/// Benchmark "deadlines" (issue 3): ten-working-day due dates per second on one core (target ≥ 1,000,000/s)
/// and the time for 1,000,000 "working days elapsed" pairs (target &lt; 1 s), on the real Georgian seed data.
/// Plain Stopwatch timing on the calling thread after a warm-up, so the host's Program decides how to run it.
/// </summary>
public static class DeadlinesBenchmark
{
    private const int Computations = 2_000_000;
    private const int ExplainedComputations = 200_000;
    private const int ElapsedPairs = 1_000_000;

    public static Task<IReadOnlyDictionary<string, double>> RunAsync(string seedsDirectory)
    {
        var catalog = StatuteCatalog.Load(seedsDirectory);
        var gac = catalog.GetStatute("ge-gac");
        var calendar = catalog.CalendarOf(gac);
        var response = gac.Deadline("response");

        // Event dates spread over 2000–2040 so that every year's table is in play.
        var random = new Random(40);
        var first = new DateOnly(2000, 1, 1).DayNumber;
        var span = new DateOnly(2040, 12, 31).DayNumber - first;
        var events = new DateOnly[Computations];
        for (var i = 0; i < events.Length; i++)
            events[i] = DateOnly.FromDayNumber(first + random.Next(span));
        var pairs = new (DateOnly From, DateOnly To)[ElapsedPairs];
        for (var i = 0; i < pairs.Length; i++)
        {
            var from = first + random.Next(span);
            // Most answers come within weeks; a tail of pairs spans years, as in a statistics export.
            var length = i % 10 == 0 ? random.Next(3_650) : random.Next(120);
            pairs[i] = (DateOnly.FromDayNumber(from), DateOnly.FromDayNumber(from + length));
        }

        // Warm-up: JIT (tiered up) and every year's working-day table built.
        var tableBuild = Stopwatch.StartNew();
        calendar.WorkingDaysBetween(new DateOnly(1999, 1, 1), new DateOnly(2052, 12, 31));
        tableBuild.Stop();
        long checksum = 0;
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 300_000; i++)
                checksum += DeadlineCalculator.Due(response, calendar, events[i]).DayNumber;
            for (var i = 0; i < 300_000; i++)
                checksum += calendar.WorkingDaysBetween(pairs[i].From, pairs[i].To);
            for (var i = 0; i < 5_000; i++)
                checksum += DeadlineCalculator.Compute(gac, calendar, "response", new DeadlineInputs(events[i])).Skipped.Count;
        }

        var due = Stopwatch.StartNew();
        for (var i = 0; i < events.Length; i++)
            checksum += DeadlineCalculator.Due(response, calendar, events[i]).DayNumber;
        due.Stop();

        var explained = Stopwatch.StartNew();
        for (var i = 0; i < ExplainedComputations; i++)
            checksum += DeadlineCalculator.Compute(gac, calendar, "response", new DeadlineInputs(events[i])).Skipped.Count;
        explained.Stop();

        var elapsed = Stopwatch.StartNew();
        for (var i = 0; i < pairs.Length; i++)
            checksum += calendar.WorkingDaysBetween(pairs[i].From, pairs[i].To);
        elapsed.Stop();

        IReadOnlyDictionary<string, double> figures = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["deadlines.ten_working_days.per_second"] = Computations / due.Elapsed.TotalSeconds,
            ["deadlines.ten_working_days_explained.per_second"] = ExplainedComputations / explained.Elapsed.TotalSeconds,
            ["deadlines.elapsed_working_days_1m_pairs.seconds"] = elapsed.Elapsed.TotalSeconds,
            ["deadlines.tables_1999_2052_build.seconds"] = tableBuild.Elapsed.TotalSeconds,
            // Printed so the loops cannot be optimised away; meaningless as a figure.
            ["deadlines.checksum"] = checksum,
        };
        return Task.FromResult(figures);
    }
}
