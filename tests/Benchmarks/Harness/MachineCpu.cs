using System.Globalization;

namespace FoiTracker.Benchmarks.Harness;

/// <summary>
/// CPU time as Linux counts it in /proc: the whole machine's busy time (every core, every process and
/// the kernel's own threads, from /proc/stat) and the time of the processes with a given name (from
/// /proc/PID/stat), so a benchmark can say what one operation cost the machine, not just its own
/// process. Where /proc is not there every figure is zero.
/// </summary>
public static class MachineCpu
{
    /// <summary>Linux reports these counters in clock ticks of 1/100 s (USER_HZ) on every usual build.</summary>
    private const double TickMilliseconds = 10;

    /// <summary>The cores the machine's busy time is spread over.</summary>
    public static int Cores => Environment.ProcessorCount;

    /// <summary>Busy time of all cores since boot: user, nice, system, irq, softirq and steal; idle and I/O wait left out.</summary>
    public static TimeSpan Busy()
    {
        const string stat = "/proc/stat";
        if (!File.Exists(stat))
            return TimeSpan.Zero;
        // "cpu  user nice system idle iowait irq softirq steal guest guest_nice"
        var fields = File.ReadLines(stat).First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Field(int index) => index < fields.Length ? long.Parse(fields[index], CultureInfo.InvariantCulture) : 0;
        var busy = Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8);
        return TimeSpan.FromMilliseconds(busy * TickMilliseconds);
    }

    /// <summary>User and system time of every live process whose command name is <paramref name="name"/> (e.g. every PostgreSQL server process).</summary>
    public static TimeSpan OfProcessesNamed(string name)
    {
        if (!Directory.Exists("/proc"))
            return TimeSpan.Zero;
        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out _))
                continue;
            try
            {
                // "PID (comm) state ppid …": the name may hold spaces, so fields are counted after its ')'.
                var text = File.ReadAllText(Path.Combine(directory, "stat"));
                var open = text.IndexOf('(', StringComparison.Ordinal);
                var close = text.LastIndexOf(')');
                if (open < 0 || close < open || text[(open + 1)..close] != name)
                    continue;
                var rest = text[(close + 2)..].Split(' ');
                // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
                ticks += long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The process ended while it was read, or is not ours to read.
            }
        }

        return TimeSpan.FromMilliseconds(ticks * TickMilliseconds);
    }
}
