using System.Globalization;

namespace FoiTracker.Benchmarks.Harness;

/// <summary>
/// A process's resident memory as Linux counts it in /proc/PID/status: now (VmRSS) and its peak (VmHWM),
/// whose mark can be reset through /proc/PID/clear_refs. Where /proc is not there every figure is zero.
/// </summary>
public static class ProcessMemory
{
    /// <summary>Resident bytes now and at the peak since the process started or its mark was last reset.</summary>
    public static (long Resident, long Peak) Read(int processId)
    {
        var status = $"/proc/{processId}/status";
        if (!File.Exists(status))
            return (0, 0);
        var lines = File.ReadAllLines(status);
        long Field(string name)
        {
            // "VmRSS:    123456 kB"
            var line = lines.FirstOrDefault(text => text.StartsWith(name + ":", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[(name.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }

        return (Field("VmRSS"), Field("VmHWM"));
    }

    /// <summary>Sets the peak mark to what is resident now (Linux 4.0+); false where that cannot be done.</summary>
    public static bool TryResetPeak(int processId)
    {
        try
        {
            File.WriteAllText($"/proc/{processId}/clear_refs", "5");
            return Read(processId).Peak > 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
